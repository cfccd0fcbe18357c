"""The wegwijzer's part of the subject-access export (``casusoverleg.inzage``):
every referral of the case, with its need, its offer, its motivation and the
answer. Registered in ``WegwijzerConfig.ready``."""

from django.utils.translation import gettext as _

from casusoverleg.inzage import Onderdeel, rij

from .models import Doorverwijzing

VELDEN = [
    "organisatie",
    "aanbod",
    "behoefte",
    "urgentie",
    "motivatie",
    "status",
    "gevraagd_door",
    "gevraagd_op",
    "beantwoord_door",
    "beantwoord_op",
    "reden_soort",
    "reden",
]


def doorverwijzingen_onderdeel(*, casus) -> Onderdeel:
    verwijzingen = (
        Doorverwijzing.objects.filter(casus=casus)
        .select_related(
            "organisatie",
            "aanbod",
            "behoefte",
            "gevraagd_door__organisatie",
            "beantwoord_door__organisatie",
        )
        .order_by("gevraagd_op", "pk")
    )
    return Onderdeel(
        titel=_("Doorverwijzingen"),
        sleutel="doorverwijzingen",
        rijen=[rij(v, VELDEN) for v in verwijzingen],
        volgorde=90,
    )
