"""Live updates of a zorgtafel: what services send after commit, and what the
consumer forwards.

Every message is either meeting-level (the current item, the status: no case
data), about one person of the meeting (presence, attendance: forwarded only to
whoever may see who they are, ``permissions.zichtbare_genodigden``), or bound to
one agenda item's case. An item-bound message carries the case's database id
next to its content and ``lezers``: the users of the meeting who may see that
case, decided once per message after the change is committed (``lezers``, one
query, the rule of ``permissions.casussen_for_user``). ``ZorgtafelConsumer``
sends the content only to a recipient on that list and anyone else only
"besloten", without a query per recipient. Whatever is committed after someone
is taken off a case is therefore never sent to them. The case's public id
travels along, so that each recipient's audit row names the case it received.
Fragments are rendered once, here, from the same templates as the page, so the
live view and a reload never differ.
"""

from django.db import transaction
from django.template.loader import render_to_string

from casusoverleg.live import group_send
from casusoverleg.permissions import zorgtafel_lezers

from .models import Agendapunt, Zorgtafel
from .selectors import agendapunt_inhoud


def group_name(zorgtafel_public_id: str) -> str:
    # Public ids are URL-safe base64: letters, digits, "-" and "_", all allowed here.
    return f"zorgtafel.{zorgtafel_public_id}"


def agendapunt_html(agendapunt) -> str:
    """The content of one item (title, earlier actions, minutes, decision, actions)."""
    return render_to_string(
        "zorgtafel/_agendapunt_inhoud.html", {"inhoud": agendapunt_inhoud(agendapunt=agendapunt)}
    )


def notule_html(notule) -> str:
    return render_to_string("zorgtafel/_notule.html", {"notule": notule})


def lezers(*, zorgtafel_pk: int, casus_pk: int) -> list[int]:
    """Who in the meeting may read an item on case ``casus_pk`` (the access module's rule)."""
    return zorgtafel_lezers(
        zorgtafel_queryset=Zorgtafel.objects.all(), zorgtafel_pk=zorgtafel_pk, casus_pk=casus_pk
    )


def _send(zorgtafel_public_id: str, message: dict) -> None:
    group_send(group_name(zorgtafel_public_id), message)


def aanwezigheid_html(uitnodiging) -> str:
    """The badge of one invitee's attendance, as the room shows it."""
    return render_to_string("zorgtafel/_aanwezigheid.html", {"u": uitnodiging})


def aanwezigheid_on_commit(uitnodiging) -> None:
    """An invitee's attendance changed: after commit, every screen in the room that
    names the invitee shows it. The message names the invitee's user, and
    ``ZorgtafelConsumer`` forwards it only to whoever may see who they are
    (``permissions.zichtbare_genodigden``, known to each socket)."""
    public_id = uitnodiging.zorgtafel.public_id
    message = {
        "type": "zorgtafel.aanwezigheid",
        "genodigde": uitnodiging.user_id,
        "event": {
            "soort": "aanwezigheid",
            "uitnodiging": uitnodiging.pk,
            "aanwezigheid": uitnodiging.aanwezigheid,
            "html": aanwezigheid_html(uitnodiging),
        },
    }
    transaction.on_commit(lambda: _send(public_id, message), robust=True)


def einde_on_commit(zorgtafel) -> None:
    """The meeting closed or was cancelled: after commit every socket in the room
    gets the new status and a last "gesloten", and is closed (``ZorgtafelConsumer``);
    no live update follows and none connects again."""
    public_id, status = zorgtafel.public_id, zorgtafel.status
    transaction.on_commit(
        lambda: _send(public_id, {"type": "zorgtafel.einde", "status": status}), robust=True
    )


def algemeen_on_commit(zorgtafel, event: dict) -> None:
    """A meeting-level event (no case data) to everyone in the room, after commit."""
    public_id = zorgtafel.public_id
    transaction.on_commit(
        lambda: _send(public_id, {"type": "zorgtafel.algemeen", "event": event}), robust=True
    )


def agendapunt_on_commit(agendapunt) -> None:
    """The whole content of one item, to those who may see its case, after commit."""

    def send():
        punt = Agendapunt.objects.select_related("zorgtafel", "casus").get(pk=agendapunt.pk)
        _send(
            punt.zorgtafel.public_id,
            {
                "type": "zorgtafel.item",
                "casus": punt.casus_id,
                "casus_public_id": punt.casus.public_id,
                "lezers": lezers(zorgtafel_pk=punt.zorgtafel_id, casus_pk=punt.casus_id),
                "item": punt.public_id,
                "event": {"soort": "item", "item": punt.public_id, "html": agendapunt_html(punt)},
            },
        )

    transaction.on_commit(send, robust=True)


def notule_on_commit(notule) -> None:
    """One new minute entry, to those who may see the item's case, after commit."""
    punt = notule.agendapunt

    def send():
        _send(
            punt.zorgtafel.public_id,
            {
                "type": "zorgtafel.item",
                "casus": punt.casus_id,
                "casus_public_id": punt.casus.public_id,
                "lezers": lezers(zorgtafel_pk=punt.zorgtafel_id, casus_pk=punt.casus_id),
                "item": punt.public_id,
                "event": {
                    "soort": "notule",
                    "item": punt.public_id,
                    "id": f"notule-{notule.pk}",
                    "html": notule_html(notule),
                },
            },
        )

    transaction.on_commit(send, robust=True)


def toegang_on_commit(*, casus) -> None:
    """A case's participants changed: every open meeting with the case re-checks,
    per recipient, whether its item may still be shown (and stops it at once if not)."""

    punten = list(
        Agendapunt.objects.filter(
            casus=casus,
            zorgtafel__status__in=[Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART],
        ).values_list("zorgtafel__public_id", "public_id")
    )

    def send():
        for zorgtafel_id, item_id in punten:
            _send(
                zorgtafel_id,
                {"type": "zorgtafel.toegang", "casus": casus.pk, "item": item_id},
            )

    if punten:
        transaction.on_commit(send, robust=True)
