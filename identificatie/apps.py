from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificatieConfig(AppConfig):
    name = "identificatie"
    verbose_name = _("Identificatie")

    def ready(self):
        from casusoverleg import herinneringen

        from .herinneringen import taken_verlopen

        herinneringen.register(taken_verlopen)
