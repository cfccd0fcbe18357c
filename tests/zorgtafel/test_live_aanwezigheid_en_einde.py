"""Attendance changes reach every screen in the room at once; a closed (or
cancelled) meeting has no live room: its sockets get the status and a last
"gesloten" and are closed, a new socket is refused, and its page shows no "Live"
indicator and no presence list."""

import json

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from casusoverleg.audit import AuditContext
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import bevestig, connect, plan
from zorgtafel import services
from zorgtafel.models import Uitnodiging

AFGELOPEN = 4410


async def _drain(communicator, quiet=0.3) -> list[dict]:
    """What arrives until the room is quiet, or up to and with the server's close."""
    events = []
    while not await communicator.receive_nothing(timeout=quiet):
        message = await communicator.receive_output()
        if message["type"] == "websocket.close":
            events.append({"gesloten": message.get("code")})
            break
        events.append(json.loads(message["text"]))
    return events


def _uitnodiging(zorgtafel, user):
    return Uitnodiging.objects.select_related("zorgtafel").get(zorgtafel=zorgtafel, user=user)


@pytest.mark.parametrize("aanwezigheid", ["aanwezig", "afgemeld"])
@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_recorded_attendance_reaches_everyone_in_the_room(
    meeting, coordinator, politie, zorg, aanwezigheid
):
    zorgtafel, *_ = meeting
    pol = await connect(zorgtafel, politie)
    zrg = await connect(zorgtafel, zorg)
    await _drain(pol)
    await _drain(zrg)
    uitnodiging = await sync_to_async(_uitnodiging)(zorgtafel, zorg)
    await sync_to_async(services.aanwezigheid_record)(
        ctx=AuditContext.system(coordinator), uitnodiging=uitnodiging, aanwezigheid=aanwezigheid
    )
    for communicator in (pol, zrg):
        events = [e for e in await _drain(communicator) if e.get("soort") == "aanwezigheid"]
        assert len(events) == 1
        assert events[0]["uitnodiging"] == uitnodiging.pk
        assert events[0]["aanwezigheid"] == aanwezigheid
        label = dict(Uitnodiging.Aanwezigheid.choices)[aanwezigheid]
        assert str(label) in events[0]["html"]
        await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_closing_the_meeting_ends_every_socket_with_a_last_message(
    meeting, coordinator, politie, zorg
):
    zorgtafel, een, twee, (punt1, _) = meeting
    pol = await connect(zorgtafel, politie)
    zrg = await connect(zorgtafel, zorg)
    await _drain(pol)
    await _drain(zrg)
    await sync_to_async(services.zorgtafel_close)(
        ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel
    )
    for communicator in (pol, zrg):
        assert await _drain(communicator) == [
            {"soort": "status", "status": "gesloten"},
            {"soort": "gesloten", "status": "gesloten"},
            {"gesloten": AFGELOPEN},
        ]
        await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_socket_on_a_closed_meeting_is_refused_without_snapshot_or_presence(
    meeting, coordinator, politie
):
    zorgtafel, een, *_ = meeting
    await sync_to_async(services.zorgtafel_close)(
        ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel
    )
    pol = await connect(zorgtafel, politie)
    events = await _drain(pol)
    assert events == [{"soort": "gesloten", "status": "gesloten"}, {"gesloten": AFGELOPEN}]
    assert een.nummer not in json.dumps(events)
    await pol.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_cancelling_a_planned_meeting_ends_its_sockets_too(coordinator, politie):
    casus = await sync_to_async(make_casus)(coordinator, deelnemers=[politie.organisatie])
    zorgtafel = await sync_to_async(plan)(coordinator, [casus])
    await sync_to_async(bevestig)(zorgtafel, coordinator, politie)
    pol = await connect(zorgtafel, politie)
    await _drain(pol)
    await sync_to_async(services.zorgtafel_cancel)(
        ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel
    )
    events = await _drain(pol)
    assert events[-2:] == [{"soort": "gesloten", "status": "geannuleerd"}, {"gesloten": AFGELOPEN}]
    await pol.disconnect()
    pol = await connect(zorgtafel, politie)
    assert (await _drain(pol))[-1] == {"gesloten": AFGELOPEN}
    await pol.disconnect()


def _room_html(client, user, zorgtafel) -> str:
    client.force_login(user)
    response = client.get(reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_closed_meetings_page_says_so_without_live_indicator_or_presence(
    client, meeting, coordinator, politie
):
    zorgtafel, *_ = meeting
    running = _room_html(client, politie, zorgtafel)
    assert 'id="live-status"' in running and 'id="aanwezig-lijst"' in running
    services.zorgtafel_close(ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel)
    html = _room_html(client, politie, zorgtafel)
    assert "Dit overleg is gesloten op" in html
    assert 'id="live-status"' not in html
    assert 'id="aanwezig-lijst"' not in html
    assert "Nu in het overleg" not in html
    assert "data-afgelopen" in html


@pytest.mark.django_db
def test_room_page_marks_each_invitee_for_live_attendance(client, meeting, politie, zorg):
    zorgtafel, *_ = meeting
    html = _room_html(client, politie, zorgtafel)
    uitnodiging = _uitnodiging(zorgtafel, zorg)
    assert f'data-uitnodiging="{uitnodiging.pk}"' in html
    assert 'class="aanwezigheid-badge"' in html


@pytest.mark.django_db
def test_each_attendance_field_of_the_chair_is_labelled_with_its_invitee(
    client, meeting, coordinator, zorg
):
    """Nine fields all called "Aanwezigheid" tell a screen-reader user nothing (WCAG
    1.3.1, 2.4.6): each label names its person (visually hidden)."""
    import re

    from casusoverleg.weergave import naam

    zorgtafel, *_ = meeting
    html = _room_html(client, coordinator, zorgtafel)
    labels = re.findall(r'<label for="id_aanwezigheid-\d+-aanwezigheid">(.*?)</label>', html)
    assert len(labels) == zorgtafel.uitnodigingen.filter(actief=True).count() > 1
    assert len(set(labels)) == len(labels)
    assert any(naam(zorg) in label for label in labels)
