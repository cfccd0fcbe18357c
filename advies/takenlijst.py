"""Sign-off per discipline in Mijn taken, registered with ``casusoverleg.takenlijst``."""

from django.urls import reverse
from django.utils.translation import gettext as _

from casusoverleg.takenlijst import Rij

from . import selectors


def aftekentaken(*, user) -> list[Rij]:
    """The task "Advies aftekenen" for each advice under review that the user's organisation
    must still sign off, with the review task's deadline; gone once signed."""
    return [
        Rij(
            casus=advies.casus,
            wat=_("Advies aftekenen (versie %(versie)s)") % {"versie": advies.versie},
            deadline=advies.review_deadline,
            link=reverse("advies:advies-aftekenen", args=[advies.casus.public_id, advies.versie]),
            status=_("Nog niet afgetekend"),
            object=advies,
        )
        for advies in selectors.aftekenen_open(user=user)
    ]
