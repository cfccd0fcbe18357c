"""The live room over websockets: who may connect, and that no one ever receives
the content of an item whose case they do not take part in."""

import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from casusoverleg import services as core_services
from casusoverleg.asgi import application
from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Deelname
from tests.factories import make_casus
from zorgtafel import services

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

GEHEIM = "Geheime notitie over de tweede persoon"


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def _connect(zorgtafel, user=None, *, origin=b"http://testserver"):
    headers = [(b"origin", origin)]
    if user is not None:
        cookie = await sync_to_async(_cookie)(user)
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    communicator = WebsocketCommunicator(
        application, f"/ws/zorgtafels/{zorgtafel.public_id}/", headers=headers
    )
    connected, _ = await communicator.connect(timeout=5)
    if not connected:
        # End the refused consumer now, not when the test's event loop closes:
        # channels-redis can lose the cancellation of two receivers cancelled at the
        # same instant, and that receiver then waits on Redis for ever.
        await communicator.disconnect()
    return connected, communicator


async def _drain(communicator, quiet=0.3) -> list[dict]:
    """Everything the client receives until it has been quiet for ``quiet`` seconds."""
    events = []
    # receive_nothing, not a timeout on receive: a timeout cancels the application.
    while not await communicator.receive_nothing(timeout=quiet):
        events.append(await communicator.receive_json_from())
    return events


def _flat(events) -> str:
    return json.dumps(events, ensure_ascii=False)


def _notule(coordinator, punt, tekst):
    return sync_to_async(services.notule_add)(
        ctx=AuditContext.system(coordinator), agendapunt=punt, tekst=tekst
    )


async def test_anonymous_users_are_told_to_log_in_and_receive_nothing(meeting):
    zorgtafel, *_ = meeting
    connected, communicator = await _connect(zorgtafel)
    # Accepted only to close with a code the browser sees (a refusal before
    # accepting reaches it as 1006, and it would keep reconnecting).
    assert connected
    message = await communicator.receive_output(timeout=2)
    assert message == {"type": "websocket.close", "code": 4401}
    await communicator.disconnect()


async def test_a_foreign_origin_is_refused(meeting, politie):
    zorgtafel, *_ = meeting
    connected, _ = await _connect(zorgtafel, politie, origin=b"https://evil.example.org")
    assert not connected


async def test_users_not_invited_are_refused_and_audited(meeting, buitenstaander, jeugdzorg):
    zorgtafel, *_ = meeting
    for user in (buitenstaander, jeugdzorg):
        connected, _ = await _connect(zorgtafel, user)
        assert not connected
    refused = await sync_to_async(
        lambda: set(
            AuditEvent.objects.filter(
                object_type="zorgtafel-live", uitkomst="geweigerd", object_id=zorgtafel.public_id
            ).values_list("gebruikersnaam", flat=True)
        )
    )()
    assert refused == {"buitenstaander", "jeugdzorg"}


async def test_invitee_who_did_not_accept_confidentiality_is_refused(meeting, coordinator2):
    zorgtafel, *_ = meeting
    connected, _ = await _connect(zorgtafel, coordinator2)
    assert not connected


async def test_attendee_of_item_1_never_receives_item_2s_content(
    meeting, coordinator, politie, zorg
):
    zorgtafel, een, twee, (punt1, punt2) = meeting
    ok, chair = await _connect(zorgtafel, coordinator)
    assert ok
    ok, pol = await _connect(zorgtafel, politie)
    assert ok
    ok, zrg = await _connect(zorgtafel, zorg)
    assert ok
    snapshot = await _drain(pol)
    assert {"soort": "besloten", "item": punt2.public_id} in snapshot
    assert any(e["soort"] == "item" and e["item"] == punt1.public_id for e in snapshot)
    assert twee.nummer not in _flat(snapshot) and twee.naam not in _flat(snapshot)
    await _drain(zrg)
    await _drain(chair)

    await _notule(coordinator, punt2, GEHEIM)
    await _notule(coordinator, punt1, "Openbare notitie bij punt een")
    await sync_to_async(services.huidig_agendapunt_set)(
        ctx=AuditContext.system(coordinator), agendapunt=punt2
    )

    voor_politie = await _drain(pol)
    assert GEHEIM not in _flat(voor_politie)
    assert twee.nummer not in _flat(voor_politie)
    assert {"soort": "besloten", "item": punt2.public_id} in voor_politie
    assert "Openbare notitie bij punt een" in _flat(voor_politie)
    assert {"soort": "huidig", "item": punt2.public_id} in voor_politie

    voor_zorg = await _drain(zrg)
    assert GEHEIM in _flat(voor_zorg)
    for communicator in (chair, pol, zrg):
        await communicator.disconnect()


async def test_removal_from_a_case_stops_its_stream_at_once(meeting, coordinator, politie, zorg):
    zorgtafel, een, twee, (punt1, punt2) = meeting
    # Politie also takes part in a third case on the agenda, so stays invited.
    drie = await sync_to_async(make_casus)(
        coordinator, naam="Derde Persoon", deelnemers=[politie.organisatie]
    )
    punt3 = await sync_to_async(services.agendapunt_add)(
        ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel, casus=drie
    )
    ok, pol = await _connect(zorgtafel, politie)
    assert ok
    await _drain(pol)

    deelname = await sync_to_async(Deelname.objects.get)(
        casus=een, organisatie=politie.organisatie, beeindigd_op__isnull=True
    )
    await sync_to_async(core_services.deelname_remove)(
        ctx=AuditContext.system(coordinator), deelname=deelname
    )
    na_verwijderen = await _drain(pol)
    assert {"soort": "besloten", "item": punt1.public_id} in na_verwijderen

    await _notule(coordinator, punt1, "Na het verwijderen gezegd")
    await _notule(coordinator, punt3, "Over de derde persoon")
    later = await _drain(pol)
    assert "Na het verwijderen gezegd" not in _flat(later)
    assert {"soort": "besloten", "item": punt1.public_id} in later
    assert "Over de derde persoon" in _flat(later)
    await pol.disconnect()


async def test_removal_from_the_only_case_closes_the_room(meeting, coordinator, politie):
    zorgtafel, een, *_ = meeting
    ok, pol = await _connect(zorgtafel, politie)
    assert ok
    await _drain(pol)
    deelname = await sync_to_async(Deelname.objects.get)(
        casus=een, organisatie=politie.organisatie, beeindigd_op__isnull=True
    )
    await sync_to_async(core_services.deelname_remove)(
        ctx=AuditContext.system(coordinator), deelname=deelname
    )
    events = []
    while True:
        message = await pol.receive_output(timeout=2)
        if message["type"] == "websocket.close":
            assert message["code"] == 4403
            break
        events.append(json.loads(message["text"]))
    assert "Eerste Persoon" not in _flat(events)


async def test_a_reconnecting_client_catches_up(meeting, coordinator, politie):
    zorgtafel, een, twee, (punt1, punt2) = meeting
    ok, pol = await _connect(zorgtafel, politie)
    assert ok
    await _drain(pol)
    await pol.disconnect()

    await _notule(coordinator, punt1, "Gezegd terwijl politie weg was")
    await sync_to_async(services.huidig_agendapunt_set)(
        ctx=AuditContext.system(coordinator), agendapunt=punt2
    )

    ok, pol = await _connect(zorgtafel, politie)
    assert ok
    snapshot = await _drain(pol)
    assert "Gezegd terwijl politie weg was" in _flat(snapshot)
    assert {"soort": "huidig", "item": punt2.public_id} in snapshot
    assert GEHEIM not in _flat(snapshot)
    # Asking to catch up again is answered with the same, checked again.
    await pol.send_json_to({"soort": "sync"})
    again = await _drain(pol)
    assert "Gezegd terwijl politie weg was" in _flat(again)
    await pol.disconnect()


async def test_presence_shows_who_is_in_the_room(meeting, coordinator, politie):
    zorgtafel, *_ = meeting
    ok, chair = await _connect(zorgtafel, coordinator)
    assert ok
    ok, pol = await _connect(zorgtafel, politie)
    assert ok
    events = await _drain(chair)
    namen = [e["namen"] for e in events if e["soort"] == "aanwezig"][-1]
    assert len(namen) == 2
    await pol.disconnect()
    # Longer than the other waits: the leave is forwarded after the chair's session
    # is read again, which under load takes a while.
    events = await _drain(chair, quiet=1.0)
    assert len([e["namen"] for e in events if e["soort"] == "aanwezig"][-1]) == 1
    await chair.disconnect()


async def test_item_messages_name_exactly_who_may_see_the_case(
    meeting, coordinator, coordinator2, politie, zorg, buitenstaander, jeugdzorg
):
    """``live.lezers`` (one query per message) follows the per-user rule exactly."""
    from casusoverleg.permissions import user_can, zorgtafels_for_user
    from zorgtafel.live import lezers
    from zorgtafel.models import Zorgtafel

    zorgtafel, een, twee, _ = meeting
    users = [coordinator, coordinator2, politie, zorg, buitenstaander, jeugdzorg]

    def check():
        for casus in (een, twee):
            namen = set(lezers(zorgtafel_pk=zorgtafel.pk, casus_pk=casus.pk))
            for user in users:
                user.refresh_from_db()
                in_de_zaal = (
                    zorgtafels_for_user(Zorgtafel.objects.all(), user=user)
                    .filter(pk=zorgtafel.pk)
                    .exists()
                )
                verwacht = in_de_zaal and user_can(user, casus)
                assert (user.pk in namen) == verwacht, (user.username, casus.naam)
        return set(lezers(zorgtafel_pk=zorgtafel.pk, casus_pk=een.pk))

    assert politie.pk in await sync_to_async(check)()
    politie.is_active = False
    await sync_to_async(politie.save)(update_fields=["is_active"])
    assert politie.pk not in await sync_to_async(check)()


async def test_an_item_message_without_readers_is_closed(meeting, politie):
    from channels.layers import get_channel_layer

    from zorgtafel import live

    zorgtafel, een, twee, (punt1, punt2) = meeting
    ok, pol = await _connect(zorgtafel, politie)
    assert ok
    await _drain(pol)
    await get_channel_layer().group_send(
        live.group_name(zorgtafel.public_id),
        {
            "type": "zorgtafel.item",
            "casus": een.pk,
            "item": punt1.public_id,
            "event": {"soort": "notule", "item": punt1.public_id, "html": GEHEIM},
        },
    )
    events = await _drain(pol)
    assert GEHEIM not in _flat(events)
    assert {"soort": "besloten", "item": punt1.public_id} in events
    await pol.disconnect()


async def test_a_quiet_room_stays_open(meeting, coordinator, politie, settings):
    """channels-redis blocks 5 s per read; the Redis client must wait longer than
    that, or every consumer of a room quiet for 5 s dies."""
    if "channels_redis" not in settings.CHANNEL_LAYERS["default"]["BACKEND"]:
        pytest.skip("only the Redis channel layer reads with a socket timeout")
    zorgtafel, een, twee, (punt1, punt2) = meeting
    ok, pol = await _connect(zorgtafel, politie)
    assert ok
    await _drain(pol)
    assert await pol.receive_nothing(timeout=6.5, interval=0.1)
    await _notule(coordinator, punt1, "Na een stilte")
    assert "Na een stilte" in _flat(await _drain(pol))
    await pol.disconnect()
