"""The advice's section of the start page (``casusoverleg.startpagina``): for
coordinators the advices awaiting review or sign-off."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from casusoverleg.permissions import may_access_cases, may_coordinate_cases
from casusoverleg.startpagina import Resultaat, Rij, Sectie

from . import selectors


def _rij(advies) -> Rij:
    # The sign-offs only where the process asks for them (a correction has no process
    # of its own; its page says what it needs).
    vereist = advies.proces_id is not None and advies.proces.aftekenen_vereist
    return Rij(
        titel=_("Advies versie %(versie)s") % {"versie": advies.versie},
        url=reverse("advies:advies-detail", args=[advies.casus.public_id, advies.versie]),
        casusnummer=advies.casus.nummer,
        datum=advies.updated_at,
        toelichting=ngettext(
            "%(aantal)s aftekening", "%(aantal)s aftekeningen", advies.aantal_aftekeningen
        )
        % {"aantal": advies.aantal_aftekeningen}
        if vereist
        else "",
    )


def aftekenen(*, user, limit):
    """The advices the user's organisation must still sign off (the sign-off tasks of
    Mijn taken, ``selectors.aftekenen_open``), the earliest deadline first."""
    vandaag = timezone.localdate()
    return Resultaat.uit(
        selectors.aftekenen_open(user=user),
        limit=limit,
        rij=lambda advies: Rij(
            titel=_("Advies aftekenen (versie %(versie)s)") % {"versie": advies.versie},
            url=reverse("advies:advies-aftekenen", args=[advies.casus.public_id, advies.versie]),
            casusnummer=advies.casus.nummer,
            datum=advies.review_deadline,
            te_laat=advies.review_deadline is not None and advies.review_deadline < vandaag,
        ),
    )


def adviezen_ter_beoordeling(*, user, limit):
    return Resultaat.uit(selectors.adviezen_ter_beoordeling(user=user), limit=limit, rij=_rij)


SECTIES = [
    Sectie(
        sleutel="aftekenen",
        titel=gettext_lazy("Adviezen aftekenen"),
        voor=may_access_cases,
        rijen=aftekenen,
        alles_url="identificatie:taken",
        volgorde=22,
        verberg_leeg=True,
    ),
    Sectie(
        sleutel="adviezen-ter-beoordeling",
        titel=gettext_lazy("Adviezen ter beoordeling of aftekening"),
        voor=may_coordinate_cases,
        rijen=adviezen_ter_beoordeling,
        volgorde=80,
        leeg=gettext_lazy("Geen adviezen ter beoordeling."),
    ),
]
