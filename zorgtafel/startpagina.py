"""The meetings' sections of the start page (``casusoverleg.startpagina``): my
organisation's open actions and my next meetings."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from casusoverleg.permissions import may_access_cases
from casusoverleg.startpagina import Resultaat, Rij, Sectie

from . import selectors


def open_actiepunten(*, user, limit):
    """The open actions of the user's organisation on cases they see, the earliest
    deadline first: the ones they may update, so each links to its own page (a
    coordinator follows other organisations' actions on "Open actiepunten")."""
    vandaag = timezone.localdate()
    return Resultaat.uit(
        selectors.eigen_actiepunten(user=user)
        .open()
        .select_related("casus")
        .order_by("deadline", "pk"),
        limit=limit,
        rij=lambda actie: Rij(
            titel=Truncator(actie.omschrijving).chars(80),
            url=reverse("zorgtafel:actiepunt-detail", args=[actie.public_id]),
            casusnummer=actie.casus.nummer,
            datum=actie.deadline,
            te_laat=actie.deadline < vandaag,
            toelichting=actie.get_status_display(),
        ),
    )


def komende_zorgtafels(*, user, limit):
    """The next meetings; a meeting is no case item, so nothing is audited here
    (opening it is)."""
    return Resultaat.uit(
        selectors.komende_zorgtafels(user=user),
        limit=limit,
        rij=lambda zorgtafel: Rij(
            titel=zorgtafel.get_type_display(),
            url=reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id]),
            datum=zorgtafel.begint_op,
            toelichting=zorgtafel.get_status_display(),
        ),
        audit=False,
    )


SECTIES = [
    Sectie(
        sleutel="actiepunten",
        titel=gettext_lazy("Open actiepunten van uw organisatie"),
        voor=may_access_cases,
        rijen=open_actiepunten,
        alles_url="zorgtafel:actiepunten",
        volgorde=25,
        leeg=gettext_lazy("Geen open actiepunten."),
    ),
    Sectie(
        sleutel="zorgtafels",
        titel=gettext_lazy("Mijn volgende overleggen"),
        voor=may_access_cases,
        rijen=komende_zorgtafels,
        alles_url="zorgtafel:zorgtafel-list",
        volgorde=30,
        leeg=gettext_lazy("Geen overleggen gepland."),
    ),
]
