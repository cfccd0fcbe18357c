"""A live-room socket lives on its session and ends with it; what a client may send
is bounded; every item it delivers is in the audit trail, with the client's address
by the same rule as HTTP."""

import json
import time

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from casusoverleg.asgi import application
from casusoverleg.audit import AuditContext
from casusoverleg.middleware import SESSION_LOGIN_AT
from casusoverleg.models import AuditEvent
from casusoverleg.services.gebruikers import (
    gebruiker_rollen_change,
    wachtwoordreset_confirm,
    wachtwoordreset_request,
)
from zorgtafel import services

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

NA_HET_EINDE = "Gezegd nadat de sessie eindigde"
SESSIE_BEEINDIGD = 4401
TE_VEEL = 4429


@pytest.fixture
def live(settings):
    """Checks that only the guard under test can pass or fail: no session re-read
    before forwarding within a minute, no quiet-room watch within an hour."""
    settings.LIVE_SESSION_RECHECK_SECONDS = 60
    settings.LIVE_SESSION_CHECK_SECONDS = 3600
    return settings


def _login(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def _connect(zorgtafel, user, *, headers=(), client=("127.0.0.1", 40000)):
    """A socket on a fresh session of ``user``, its snapshot read; and the session key."""
    session_key = await sync_to_async(_login)(user)
    communicator = WebsocketCommunicator(
        application,
        f"/ws/zorgtafels/{zorgtafel.public_id}/",
        headers=[
            (b"origin", b"http://testserver"),
            (b"cookie", f"sessionid={session_key}".encode()),
            *headers,
        ],
    )
    communicator.scope["client"] = list(client)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    await _drain(communicator)
    return communicator, session_key


async def _drain(communicator, quiet=0.3) -> list[dict]:
    events = []
    while not await communicator.receive_nothing(timeout=quiet):
        message = await communicator.receive_output()
        if message["type"] == "websocket.close":
            events.append({"gesloten": message.get("code")})
            break
        events.append(json.loads(message["text"]))
    return events


async def _close_code(communicator, timeout=5) -> tuple[list[dict], int]:
    """What arrives until the server closes the socket, and the close code."""
    events = []
    while True:
        message = await communicator.receive_output(timeout=timeout)
        if message["type"] == "websocket.close":
            return events, message.get("code")
        events.append(json.loads(message["text"]))


def _notule(coordinator, punt, tekst):
    return sync_to_async(services.notule_add)(
        ctx=AuditContext.system(coordinator), agendapunt=punt, tekst=tekst
    )


async def _nothing_more_after_closing(communicator, coordinator, punt):
    """Closed, and a minute entry saved afterwards never reaches the socket."""
    await _notule(coordinator, punt, NA_HET_EINDE)
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


@sync_to_async
def _expire_idle(session_key):
    # As if no request came for longer than SESSION_IDLE_SECONDS.
    Session.objects.filter(session_key=session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )


@sync_to_async
def _expire_absolute(session_key, settings):
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore(session_key)
    store[SESSION_LOGIN_AT] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    store.save()


def _flat(events) -> str:
    return json.dumps(events, ensure_ascii=False)


# What ends a session closes its sockets at once -------------------------------------


async def test_logout_closes_the_socket_at_once_and_nothing_follows(
    meeting, live, coordinator, politie
):
    zorgtafel, een, twee, (punt1, punt2) = meeting
    pol, session_key = await _connect(zorgtafel, politie)

    client = Client()
    client.cookies["sessionid"] = session_key
    response = await sync_to_async(client.post)("/uitloggen/")
    assert response.status_code == 302

    events, code = await _close_code(pol)
    assert code == SESSIE_BEEINDIGD and events == []
    await _nothing_more_after_closing(pol, coordinator, punt1)


async def test_logout_of_another_session_leaves_this_socket_open(
    meeting, live, coordinator, politie
):
    zorgtafel, een, twee, (punt1, punt2) = meeting
    pol, _ = await _connect(zorgtafel, politie)
    andere = Client()
    await sync_to_async(andere.force_login)(politie)
    await sync_to_async(andere.post)("/uitloggen/")

    await _notule(coordinator, punt1, "Nog steeds te zien")
    assert "Nog steeds te zien" in _flat(await _drain(pol))
    await pol.disconnect()


async def test_a_password_reset_by_two_administrators_closes_the_socket_at_once(
    meeting, live, coordinator, politie, beheerder, beheerder2
):
    zorgtafel, een, twee, (punt1, punt2) = meeting
    pol, _ = await _connect(zorgtafel, politie)
    reset = await sync_to_async(wachtwoordreset_request)(
        ctx=AuditContext.system(beheerder),
        gebruiker=politie,
        wachtwoord="Vier-ogen-zien-meer-2026",
        reden="vergeten",
    )
    await sync_to_async(wachtwoordreset_confirm)(ctx=AuditContext.system(beheerder2), reset=reset)

    events, code = await _close_code(pol)
    assert code == SESSIE_BEEINDIGD and events == []
    await _nothing_more_after_closing(pol, coordinator, punt1)


async def test_deactivation_closes_the_socket_at_once(meeting, live, coordinator, politie):
    zorgtafel, een, twee, (punt1, punt2) = meeting
    pol, _ = await _connect(zorgtafel, politie)
    await sync_to_async(gebruiker_rollen_change)(
        ctx=AuditContext.system(),
        gebruiker=politie,
        is_coordinator=False,
        is_reviewer=False,
        is_active=False,
    )
    events, code = await _close_code(pol)
    assert code == SESSIE_BEEINDIGD
    assert "Eerste Persoon" not in _flat(events)
    await _nothing_more_after_closing(pol, coordinator, punt1)


# Whatever ends a session unannounced: the next message finds out --------------------


@pytest.mark.parametrize("einde", ["idle", "absoluut", "wachtwoord", "inactief"])
async def test_nothing_is_forwarded_once_the_session_has_ended(
    meeting, live, coordinator, politie, einde
):
    zorgtafel, een, twee, (punt1, punt2) = meeting
    live.LIVE_SESSION_RECHECK_SECONDS = 0
    pol, session_key = await _connect(zorgtafel, politie)
    if einde == "idle":
        await _expire_idle(session_key)
    elif einde == "absoluut":
        await _expire_absolute(session_key, live)
    elif einde == "wachtwoord":
        # As a self-service change would, without anyone closing the socket.
        politie.set_password("Een-ander-wachtwoord-2026")
        await sync_to_async(politie.save)(update_fields=["password"])
    else:
        politie.is_active = False
        await sync_to_async(politie.save)(update_fields=["is_active"])

    await _notule(coordinator, punt1, NA_HET_EINDE)
    events, code = await _close_code(pol)
    assert code == SESSIE_BEEINDIGD
    assert NA_HET_EINDE not in _flat(events)
    await pol.disconnect()


@pytest.mark.parametrize("einde", ["idle", "absoluut", "wachtwoord"])
async def test_a_catch_up_after_the_session_ended_returns_nothing(meeting, live, politie, einde):
    zorgtafel, *_ = meeting
    pol, session_key = await _connect(zorgtafel, politie)
    if einde == "idle":
        await _expire_idle(session_key)
    elif einde == "absoluut":
        await _expire_absolute(session_key, live)
    else:
        politie.set_password("Een-ander-wachtwoord-2026")
        await sync_to_async(politie.save)(update_fields=["password"])

    await pol.send_json_to({"soort": "sync"})
    events, code = await _close_code(pol)
    assert code == SESSIE_BEEINDIGD and events == []
    await pol.disconnect()


@pytest.mark.parametrize("einde", ["idle", "absoluut"])
async def test_a_quiet_socket_closes_when_its_session_expires(meeting, live, politie, einde):
    zorgtafel, *_ = meeting
    live.LIVE_SESSION_CHECK_SECONDS = 0.2
    pol, session_key = await _connect(zorgtafel, politie)
    if einde == "idle":
        await _expire_idle(session_key)
    else:
        await _expire_absolute(session_key, live)
    events, code = await _close_code(pol)
    assert code == SESSIE_BEEINDIGD and events == []
    await pol.disconnect()


async def test_a_socket_on_an_absolutely_expired_session_is_closed_before_anything_is_sent(
    meeting, live, politie
):
    zorgtafel, *_ = meeting
    session_key = await sync_to_async(_login)(politie)
    await _expire_absolute(session_key, live)
    communicator = WebsocketCommunicator(
        application,
        f"/ws/zorgtafels/{zorgtafel.public_id}/",
        headers=[
            (b"origin", b"http://testserver"),
            (b"cookie", f"sessionid={session_key}".encode()),
        ],
    )
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    events, code = await _close_code(communicator)
    assert code == SESSIE_BEEINDIGD and events == []
    await communicator.disconnect()


# Limits on what a client sends -----------------------------------------------------


async def test_a_flood_of_catch_ups_is_closed_with_the_rate_limit_code(
    meeting, live, politie, caplog
):
    zorgtafel, *_ = meeting
    pol, _ = await _connect(zorgtafel, politie)
    await pol.send_json_to({"soort": "sync"})
    for _ in range(20):
        await pol.send_json_to({"soort": "sync"})
    events, code = await _close_code(pol)
    assert code == TE_VEEL
    # The first catch-up was answered, the second within the interval was not.
    assert [e["soort"] for e in events].count("bijgewerkt") == 1
    assert "te-vaak-sync" in caplog.text and "Politie" not in caplog.text
    await pol.disconnect()


async def test_a_catch_up_after_the_interval_is_answered(meeting, live, politie):
    zorgtafel, *_ = meeting
    live.LIVE_SYNC_INTERVAL_SECONDS = 0.3
    pol, _ = await _connect(zorgtafel, politie)
    for _ in range(3):
        await pol.send_json_to({"soort": "sync"})
        assert {"soort": "bijgewerkt"} in await _drain(pol, quiet=0.4)
    await pol.disconnect()


async def test_too_many_messages_of_any_kind_close_the_socket(meeting, live, politie):
    zorgtafel, *_ = meeting
    live.LIVE_MESSAGES_PER_MINUTE = 5
    pol, _ = await _connect(zorgtafel, politie)
    for _ in range(5):
        await pol.send_json_to({"soort": "onbekend"})
    assert await pol.receive_nothing(timeout=0.3)
    await pol.send_json_to({"soort": "onbekend"})
    _, code = await _close_code(pol)
    assert code == TE_VEEL
    await pol.disconnect()


async def test_an_oversized_message_closes_the_socket(meeting, live, politie):
    zorgtafel, *_ = meeting
    pol, _ = await _connect(zorgtafel, politie)
    await pol.send_to(text_data=json.dumps({"soort": "sync", "x": "a" * 2000}))
    events, code = await _close_code(pol)
    assert code == 1009 and events == []
    await pol.disconnect()


async def test_a_message_that_is_not_json_is_ignored(meeting, live, politie):
    zorgtafel, *_ = meeting
    pol, _ = await _connect(zorgtafel, politie)
    await pol.send_to(text_data="{niet json")
    await pol.send_json_to({"soort": "sync"})
    assert {"soort": "bijgewerkt"} in await _drain(pol)
    await pol.disconnect()


# Audit of what the socket delivers -------------------------------------------------


@sync_to_async
def _rows(user, **filters):
    return list(
        AuditEvent.objects.filter(gebruiker=user, object_type="agendapunt", **filters)
        .order_by("pk")
        .values("object_id", "casus_public_id", "detail", "ip")
    )


async def test_snapshot_catch_up_and_pushed_items_are_audited_per_case(
    meeting, live, coordinator, politie, zorg
):
    zorgtafel, een, twee, (punt1, punt2) = meeting
    pol, _ = await _connect(zorgtafel, politie)
    zrg, _ = await _connect(zorgtafel, zorg)

    # Politie sees item 1 only; zorg both.
    snapshot = await _rows(politie, detail__bericht="snapshot")
    assert [(r["object_id"], r["casus_public_id"]) for r in snapshot] == [
        (punt1.public_id, een.public_id)
    ]
    assert {r["casus_public_id"] for r in await _rows(zorg, detail__bericht="snapshot")} == {
        een.public_id,
        twee.public_id,
    }

    await pol.send_json_to({"soort": "sync"})
    await _drain(pol)
    sync = await _rows(politie, detail__bericht="sync")
    assert [(r["object_id"], r["casus_public_id"]) for r in sync] == [
        (punt1.public_id, een.public_id)
    ]

    await _notule(coordinator, punt2, "Alleen voor zorg")
    await _drain(pol)
    await _drain(zrg)
    assert await _rows(politie, detail__bericht="notule") == []
    pushed = await _rows(zorg, detail__bericht="notule")
    assert [(r["object_id"], r["casus_public_id"]) for r in pushed] == [
        (punt2.public_id, twee.public_id)
    ]
    assert pushed[0]["detail"]["kanaal"] == "websocket"
    for communicator in (pol, zrg):
        await communicator.disconnect()


@pytest.mark.parametrize(("proxies", "verwacht"), [(1, "203.0.113.9"), (0, "10.0.0.2")])
async def test_websocket_audit_rows_take_the_client_address_as_http_does(
    meeting, live, politie, proxies, verwacht
):
    zorgtafel, *_ = meeting
    live.PROXY_COUNT = proxies
    pol, _ = await _connect(
        zorgtafel,
        politie,
        headers=[(b"x-forwarded-for", b"198.51.100.1, 203.0.113.9")],
        client=("10.0.0.2", 50000),
    )
    await pol.disconnect()
    rows = await sync_to_async(
        lambda: list(
            AuditEvent.objects.filter(
                gebruiker=politie, object_type__in=["zorgtafel-live", "agendapunt"]
            ).values_list("ip", flat=True)
        )
    )()
    assert len(rows) == 2 and set(rows) == {verwacht}


async def test_an_item_whose_audit_row_cannot_be_written_is_not_delivered(
    meeting, live, coordinator, zorg, monkeypatch
):
    from django.db import DatabaseError

    zorgtafel, een, twee, (punt1, punt2) = meeting
    zrg, _ = await _connect(zorgtafel, zorg)

    def kapot(*args, **kwargs):
        raise DatabaseError("audit trail unavailable")

    monkeypatch.setattr("casusoverleg.live.audit_log_many", kapot)
    await _notule(coordinator, punt2, "Niet zonder audit")
    received = []
    with pytest.raises(DatabaseError):
        while True:
            received.append(await zrg.receive_output(timeout=2))
    assert "Niet zonder audit" not in _flat(received)
