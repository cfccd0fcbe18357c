from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZorgtafelConfig(AppConfig):
    name = "zorgtafel"
    verbose_name = _("Zorgtafel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casusoverleg import herinneringen, signals, startpagina

        from . import services
        from .herinneringen import actiepunten_verlopen
        from .startpagina import SECTIES

        signals.deelnames_changed.connect(
            services.casus_uitnodigingen_sync, dispatch_uid="zorgtafel_deelnames_changed"
        )
        signals.gebruiker_changed.connect(
            services.gebruiker_uitnodigingen_sync, dispatch_uid="zorgtafel_gebruiker_changed"
        )
        herinneringen.register(actiepunten_verlopen)
        for sectie in SECTIES:
            startpagina.register(sectie)
