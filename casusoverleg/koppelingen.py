"""Same person, several records: what the case page and Mijn taken show of it.

A case whose person key (``casusoverleg.persoonssleutel``) equals one of an older
case is a possible match. Its coordinator alone sees "possibly the same person as
an existing case at <organisation>", never the other case's number, name or
anything else, and may ask that organisation to link the two. The pair is
proposed until it is asked about, whatever the answer (``Koppelverzoek``). Once
linked, both sides' coordinators see the other's number and coordinating
organisation, and which case came first; nobody gets the other case's content.

Signals are the identificatie app's: it adds its own section for signals that
wait (the core knows no signals).
"""

from dataclasses import dataclass

from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import casuspagina, takenlijst
from .models import Casus, Koppelverzoek, Organisatie, Persoonssleutel
from .permissions import (
    VIEW,
    koppelverzoeken_for_user,
    may_see_koppelingen,
    may_see_mogelijke_dubbelen,
    user_can,
)

_SALT = "casusoverleg.koppelverzoek"


def _eerder(casus: Casus) -> Q:
    return Q(created_at__lt=casus.created_at) | Q(created_at=casus.created_at, pk__lt=casus.pk)


def mogelijke_dubbelen(casus: Casus) -> list[Casus]:
    """The older cases that share a person key with ``casus`` and that were not yet
    asked about from it or to it (a declined pair is never proposed again). Two
    queries whatever their number; the coordinating organisation is loaded."""
    sleutels = list(Persoonssleutel.objects.filter(casus=casus).values_list("sleutel", flat=True))
    if not sleutels:
        return []
    gevraagd = Koppelverzoek.objects.filter(Q(van_casus=casus) | Q(casus=casus))
    return list(
        Casus.objects.filter(_eerder(casus), persoonssleutels__sleutel__in=sleutels)
        .exclude(pk=casus.pk)
        .exclude(pk__in=gevraagd.values("casus"))
        .exclude(pk__in=gevraagd.values("van_casus"))
        .select_related("coordinerende_organisatie")
        .distinct()
        .order_by("created_at", "pk")
    )


def organisaties_met_casus(sleutel: str) -> list[Organisatie]:
    """The coordinating organisations of the cases with person key ``sleutel`` (for
    a signal that waits: the identificatie app's hint). Names only, one query."""
    if not sleutel:
        return []
    return list(
        Organisatie.objects.filter(gecoordineerde_casussen__persoonssleutels__sleutel=sleutel)
        .distinct()
        .order_by("naam")
    )


def verzoek_token(*, van_casus: Casus, casus: Casus) -> str:
    """What the hint's form posts to name the other case: signed, so the page carries
    no identifier of the other case and nobody can name a case of their choosing."""
    return signing.dumps([van_casus.pk, casus.pk], salt=_SALT)


def casus_uit_token(token: str, *, van_casus: Casus) -> Casus | None:
    """The other case a token names, if it was made for ``van_casus`` and is still a
    possible match; else None."""
    try:
        van_pk, ander_pk = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if van_pk != van_casus.pk:
        return None
    return next((c for c in mogelijke_dubbelen(van_casus) if c.pk == ander_pk), None)


@dataclass(frozen=True)
class Koppeling:
    """A linked case as the other side sees it: number, organisation, and order."""

    nummer: str
    organisatie: Organisatie
    deze_eerst: bool
    op: object


def koppelingen(casus: Casus) -> list[Koppeling]:
    """The cases linked to ``casus`` (accepted requests, either direction)."""
    verzoeken = Koppelverzoek.objects.filter(
        Q(van_casus=casus) | Q(casus=casus), status=Koppelverzoek.Status.GEKOPPELD
    ).select_related("casus__coordinerende_organisatie", "van_casus__coordinerende_organisatie")
    rijen = []
    for verzoek in verzoeken:
        ander = verzoek.van_casus if verzoek.casus_id == casus.pk else verzoek.casus
        eerst = casus.created_at < ander.created_at or (
            casus.created_at == ander.created_at and casus.pk < ander.pk
        )
        rijen.append(
            Koppeling(
                nummer=ander.nummer,
                organisatie=ander.coordinerende_organisatie,
                deze_eerst=eerst,
                op=verzoek.beantwoord_op,
            )
        )
    return rijen


@casuspagina.register_sectie
def koppeling_sectie(*, request, casus: Casus):
    """The case page's block "Mogelijk dezelfde persoon": for the case's coordinator
    alone; nothing at all for anyone else."""
    user = request.user
    if not may_see_mogelijke_dubbelen(user, casus):
        return None
    dubbelen, eigen = [], []
    for ander in mogelijke_dubbelen(casus):
        if ander.coordinerende_organisatie_id == casus.coordinerende_organisatie_id:
            # Their own organisation's case: its number and a link when they read it
            # (the access module says so, not the organisation), never a request to
            # themselves (``koppelverzoek_send`` refuses one).
            if user_can(user, ander, VIEW):
                eigen.append(ander)
        else:
            dubbelen.append(
                {
                    "organisatie": ander.coordinerende_organisatie,
                    "token": verzoek_token(van_casus=casus, casus=ander),
                }
            )
    verstuurd = list(
        Koppelverzoek.objects.filter(van_casus=casus)
        .exclude(status=Koppelverzoek.Status.GEKOPPELD)
        .select_related("casus__coordinerende_organisatie")
    )
    gekoppeld = koppelingen(casus) if may_see_koppelingen(user, casus) else []
    if not (dubbelen or eigen or verstuurd or gekoppeld):
        return None
    return casuspagina.Sectie(
        template="casusoverleg/koppeling_sectie.html",
        context={
            "dubbelen": dubbelen,
            "eigen": eigen,
            "verstuurd": [
                {"organisatie": v.casus.coordinerende_organisatie, "verzoek": v} for v in verstuurd
            ],
            "gekoppeld": gekoppeld,
        },
        volgorde=4,  # above the terms (5): a possible duplicate comes first
    )


def koppelverzoek_taken(*, user) -> list[takenlijst.Rij]:
    """ "Koppelverzoek beantwoorden" for each open request about a case the user
    coordinates (one query)."""
    verzoeken = koppelverzoeken_for_user(
        Koppelverzoek.objects.filter(status=Koppelverzoek.Status.OPEN), user=user
    ).select_related("casus")
    return [
        takenlijst.Rij(
            casus=verzoek.casus,
            wat=_("Verzoek om te koppelen beantwoorden"),
            deadline=None,
            link=reverse("casusoverleg:koppelverzoek", args=[verzoek.public_id]),
            status=str(verzoek.get_status_display()),
            object=verzoek,
        )
        for verzoek in verzoeken
    ]


takenlijst.register(
    "koppelverzoeken", gettext_lazy("Verzoeken om te koppelen"), koppelverzoek_taken
)
