from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Organisatie, User

admin.site.site_header = _("Casusoverleg: functioneel beheer")
admin.site.site_title = _("Casusoverleg beheer")
admin.site.index_title = _("Beheer")
# The admin has no "view site" link to a page with case data.
admin.site.site_url = None


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "discipline", "actief"]
    list_filter = ["discipline", "actief"]
    search_fields = ["naam"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "organisatie",
        "is_coordinator",
        "is_reviewer",
        "is_staff",
        "is_active",
    ]
    list_filter = [
        "organisatie__discipline",
        "is_coordinator",
        "is_reviewer",
        "is_staff",
        "is_active",
    ]
    list_select_related = ["organisatie"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email")}),
        (_("Organisatie en rollen"), {"fields": ("organisatie", "is_coordinator", "is_reviewer")}),
        (_("Beheerrechten"), {"fields": ("is_active", "is_staff", "groups", "user_permissions")}),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "organisatie", "password1", "password2")},
        ),
    )
    # Superuser status would bypass need-to-know through object permissions;
    # it is not offered here (see casusoverleg.permissions).
    readonly_fields = ["last_login", "date_joined"]
