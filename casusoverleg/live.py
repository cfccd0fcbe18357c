"""Live updates of a zorgtafel: what services send after commit, and what the
consumer forwards.

Every message is either meeting-level (presence, the current item, the status:
no case data) or bound to one agenda item's case. An item-bound message carries
the case's database id next to its content and ``lezers``: the users of the
meeting who may see that case, decided once per message after the change is
committed (``lezers``, one query, the rule of ``permissions.casussen_for_user``).
``ZorgtafelConsumer`` sends the content only to a recipient on that list and
anyone else only "besloten", without a query per recipient. Whatever is
committed after someone is taken off a case is therefore never sent to them.
Fragments are rendered once, here, from the same templates as the page, so the
live view and a reload never differ.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def group_name(zorgtafel_public_id: str) -> str:
    # Public ids are URL-safe base64: letters, digits, "-" and "_", all allowed here.
    return f"zorgtafel.{zorgtafel_public_id}"


def agendapunt_html(agendapunt) -> str:
    """The content of one item (title, earlier actions, minutes, decision, actions)."""
    from .selectors import agendapunt_inhoud

    return render_to_string(
        "casusoverleg/_agendapunt_inhoud.html", {"inhoud": agendapunt_inhoud(agendapunt=agendapunt)}
    )


def notule_html(notule) -> str:
    return render_to_string("casusoverleg/_notule.html", {"notule": notule})


def lezers(*, zorgtafel_pk: int, casus_pk: int) -> list[int]:
    """The users of meeting ``zorgtafel_pk`` who may see case ``casus_pk`` now.

    The same rule as ``permissions.casussen_for_user`` (guardian's direct tables,
    via the person or their organisation's group; ``may_access_cases``), for all of
    the meeting's people at once, limited to who may be in the room at all
    (``permissions.zorgtafels_for_user``: invited, chairing or organising).
    """
    from django.contrib.auth import get_user_model

    from .models import (
        CasusGroupObjectPermission,
        CasusUserObjectPermission,
        Uitnodiging,
        Zorgtafel,
    )
    from .permissions import VIEW, may_access_cases

    User = get_user_model()
    recht = {
        "content_object_id": casus_pk,
        "permission__codename": VIEW,
        "permission__content_type__app_label": "casusoverleg",
    }
    via_persoon = CasusUserObjectPermission.objects.filter(**recht).order_by().values("user_id")
    via_organisatie = (
        User.groups.through.objects.filter(
            group_id__in=CasusGroupObjectPermission.objects.filter(**recht).values("group_id")
        )
        .order_by()
        .values("user_id")
    )
    zorgtafel = Zorgtafel.objects.filter(pk=zorgtafel_pk).order_by()
    in_de_zaal = (
        Uitnodiging.objects.filter(zorgtafel_id=zorgtafel_pk, actief=True)
        .order_by()
        .values("user_id")
        .union(zorgtafel.values("voorzitter_id"), zorgtafel.values("aangemaakt_door_id"))
    )
    users = (
        User.objects.filter(pk__in=via_persoon.union(via_organisatie))
        .filter(pk__in=in_de_zaal)
        .select_related("organisatie")
    )
    return sorted(user.pk for user in users if may_access_cases(user))


def _send(zorgtafel_public_id: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group_name(zorgtafel_public_id), message)
    except Exception:
        # The change is committed; a lost live update is repaired by the client's
        # catch-up on reconnect, so it must not turn a saved change into an error.
        logger.exception("live update for zorgtafel %s not sent", zorgtafel_public_id)


def algemeen_on_commit(zorgtafel, event: dict) -> None:
    """A meeting-level event (no case data) to everyone in the room, after commit."""
    public_id = zorgtafel.public_id
    transaction.on_commit(
        lambda: _send(public_id, {"type": "zorgtafel.algemeen", "event": event}), robust=True
    )


def agendapunt_on_commit(agendapunt) -> None:
    """The whole content of one item, to those who may see its case, after commit."""

    def send():
        from .models import Agendapunt

        punt = Agendapunt.objects.select_related("zorgtafel", "casus").get(pk=agendapunt.pk)
        _send(
            punt.zorgtafel.public_id,
            {
                "type": "zorgtafel.item",
                "casus": punt.casus_id,
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
    from .models import Agendapunt, Zorgtafel

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
