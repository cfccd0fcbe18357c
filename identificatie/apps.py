from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificatieConfig(AppConfig):
    name = "identificatie"
    verbose_name = _("Identificatie")
