"""Meetings made through the services, as a coordinator would make them."""

import datetime

from django.utils import timezone

from casusoverleg.audit import AuditContext
from zorgtafel.models import Zorgtafel


def plan(coordinator, casussen, *, dagen=7, **data):
    from zorgtafel.services import zorgtafel_plan

    fields = {
        "type": Zorgtafel.Type.IDENTIFICATIE,
        "begint_op": timezone.now().replace(microsecond=0) + datetime.timedelta(days=dagen),
        "duur_minuten": 90,
        "plaats": "Stadskantoor, kamer 3",
        "voorzitter": coordinator,
        **data,
    }
    return zorgtafel_plan(ctx=AuditContext.system(coordinator), data=fields, casussen=casussen)


def bevestig(zorgtafel, *users):
    from zorgtafel.services import vertrouwelijkheid_confirm

    for user in users:
        vertrouwelijkheid_confirm(ctx=AuditContext.system(user), zorgtafel=zorgtafel)


def start(zorgtafel, coordinator):
    from zorgtafel.services import zorgtafel_start

    return zorgtafel_start(ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel)


def sessie_cookie(user, gebruiksdoelen=None) -> str:
    """A logged-in session of ``user`` (with the purposes of use it stated, if any),
    as the browser's session cookie."""
    from django.test import Client

    from casusoverleg.audit import GEBRUIKSDOELEN_SESSIE

    client = Client()
    client.force_login(user)
    if gebruiksdoelen:
        session = client.session
        session[GEBRUIKSDOELEN_SESSIE] = gebruiksdoelen
        session.save()
    return client.cookies["sessionid"].value


async def verbinden(zorgtafel, cookie):
    """Open the live room's socket with ``cookie``: (communicator, connected, close code)."""
    from channels.testing import WebsocketCommunicator

    from casusoverleg.asgi import application

    communicator = WebsocketCommunicator(
        application,
        f"/ws/zorgtafels/{zorgtafel.public_id}/",
        headers=[(b"origin", b"http://testserver"), (b"cookie", f"sessionid={cookie}".encode())],
    )
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def connect(zorgtafel, user):
    """The live room's socket of ``user``, connected."""
    from asgiref.sync import sync_to_async

    communicator, connected, _code = await verbinden(
        zorgtafel, await sync_to_async(sessie_cookie)(user)
    )
    assert connected
    return communicator
