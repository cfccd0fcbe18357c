"""The live room needs the second factor as every page does (issue 11, point 2)."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from casusoverleg.asgi import application
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, start

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mfa_verplicht(settings):
    settings.MFA_VERPLICHT = True
    settings.MFA_DEMO_VRIJSTELLING = False


@pytest.fixture
def meeting(coordinator, politie):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    zorgtafel = plan(coordinator, [casus])
    bevestig(zorgtafel, coordinator, politie)
    return start(zorgtafel, coordinator)


def _cookie(user, *, verified: bool) -> str:
    client = Client()
    client.force_login(user)
    if verified:
        apparaat = TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        session.save()
    return client.cookies["sessionid"].value


async def _connect(zorgtafel, user, *, verified: bool):
    cookie = await sync_to_async(_cookie)(user, verified=verified)
    communicator = WebsocketCommunicator(
        application,
        f"/ws/zorgtafels/{zorgtafel.public_id}/",
        headers=[(b"origin", b"http://testserver"), (b"cookie", f"sessionid={cookie}".encode())],
    )
    connected, _ = await communicator.connect(timeout=5)
    # A refused session is accepted and then closed, so that the browser sees the code.
    code = None
    if connected:
        output = await communicator.receive_output(timeout=5) if not verified else None
        if output and output["type"] == "websocket.close":
            connected, code = False, output.get("code")
    await communicator.disconnect()
    return connected, code


async def test_a_session_without_the_second_factor_is_refused_with_4403(
    mfa_verplicht, meeting, politie
):
    connected, code = await _connect(meeting, politie, verified=False)
    assert not connected
    assert code == 4403


async def test_a_session_that_passed_the_second_factor_enters_the_room(
    mfa_verplicht, meeting, politie
):
    connected, _ = await _connect(meeting, politie, verified=True)
    assert connected
