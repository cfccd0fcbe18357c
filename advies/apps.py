from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviesConfig(AppConfig):
    name = "advies"
    verbose_name = _("Advies")

    def ready(self):
        from casusoverleg import casuspagina

        from .casuspagina import advies_tijdlijn

        casuspagina.register_tijdlijn(advies_tijdlijn)
