"""The report to CoMensha in Mijn taken (``casusoverleg.takenlijst``): for the
coordinator and the signalling organisation the reports still to submit, for
CoMensha the submitted reports still to register. Case numbers and links only."""

from django.urls import reverse
from django.utils.translation import gettext as _

from casusoverleg.takenlijst import Rij

from . import selectors


def meldingen_in_te_dienen(*, user) -> list[Rij]:
    """Reports the user may submit, each by the end of its reporting term."""
    return [
        Rij(
            casus=melding.casus,
            wat=_("Melding aan CoMensha indienen (of vastleggen waarom niet)"),
            deadline=selectors.melding_deadline(melding),
            link=reverse("identificatie:casus-melding", args=[melding.casus.public_id]),
            status=melding.get_status_display(),
            object=melding,
        )
        for melding in selectors.meldingen_in_te_dienen(user=user)
    ]


def meldingen_te_registreren(*, user) -> list[Rij]:
    """CoMensha: submitted reports waiting for a registration number."""
    return [
        Rij(
            casus=melding.casus,
            wat=_("Melding registreren"),
            deadline=None,
            link=reverse("identificatie:comensha-melding", args=[melding.public_id]),
            status=melding.get_status_display(),
            object=melding,
        )
        for melding in selectors.meldingen_te_registreren(user=user)
    ]
