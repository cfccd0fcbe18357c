"""The advice's section of the start page (``casusoverleg.startpagina``): for
coordinators the advices awaiting review or sign-off."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from casusoverleg.permissions import may_coordinate_cases
from casusoverleg.startpagina import Resultaat, Rij, Sectie

from . import selectors


def _rij(advies) -> Rij:
    return Rij(
        titel=_("Advies versie %(versie)s") % {"versie": advies.versie},
        url=reverse("advies:advies-detail", args=[advies.casus.public_id, advies.versie]),
        casusnummer=advies.casus.nummer,
        datum=advies.updated_at,
        toelichting=ngettext(
            "%(aantal)s aftekening", "%(aantal)s aftekeningen", advies.aantal_aftekeningen
        )
        % {"aantal": advies.aantal_aftekeningen},
    )


def adviezen_ter_beoordeling(*, user, limit):
    return Resultaat.uit(selectors.adviezen_ter_beoordeling(user=user), limit=limit, rij=_rij)


SECTIES = [
    Sectie(
        sleutel="adviezen-ter-beoordeling",
        titel=gettext_lazy("Adviezen ter beoordeling of aftekening"),
        voor=may_coordinate_cases,
        rijen=adviezen_ter_beoordeling,
        volgorde=80,
        leeg=gettext_lazy("Geen adviezen ter beoordeling."),
    ),
]
