from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviesConfig(AppConfig):
    name = "advies"
    verbose_name = _("Advies")
