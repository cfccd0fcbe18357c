"""The open actions in Mijn taken, registered with ``casusoverleg.takenlijst``."""

from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.translation import gettext as _

from casusoverleg.takenlijst import Rij

from . import selectors


def actiepunt_taken(*, user) -> list[Rij]:
    """The open actions owned by the user's organisation on cases the user may see,
    in one query: each links to its page, where the owner reports on it."""
    return [
        Rij(
            casus=actiepunt.casus,
            wat=_("Actiepunt: %(actie)s") % {"actie": truncatechars(actiepunt.omschrijving, 80)},
            deadline=actiepunt.deadline,
            link=reverse("zorgtafel:actiepunt-detail", args=[actiepunt.public_id]),
            status=actiepunt.get_status_display(),
            object=actiepunt,
        )
        for actiepunt in selectors.eigen_actiepunten(user=user)
        .open()
        .select_related("casus")
        .order_by("deadline", "pk")
    ]
