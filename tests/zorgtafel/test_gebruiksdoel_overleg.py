"""The purpose of use in a meeting: the room (and the minutes PDF) asks once for
the cases on the agenda the user may read, never for the others; audit rows of
the items carry the answer; a live socket opened without it is refused."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from casusoverleg.audit import GEBRUIKSDOELEN_SESSIE
from casusoverleg.models import AuditEvent
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, sessie_cookie, start, verbinden


@pytest.fixture(autouse=True)
def vragen(settings):
    settings.GEBRUIKSDOEL_VRAGEN = True


@pytest.fixture
def tafel(coordinator, politie, zorg):
    a = make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])
    b = make_casus(coordinator, deelnemers=[zorg.organisatie])  # not the police's
    zorgtafel = plan(coordinator, [a, b])
    bevestig(zorgtafel, coordinator, politie, zorg)
    return start(zorgtafel, coordinator), a, b


@pytest.mark.django_db
def test_the_room_asks_once_for_the_readable_cases_only(tafel, politie):
    zorgtafel, a, b = tafel
    client = Client()
    client.force_login(politie)
    kamer = reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id])

    response = client.get(kamer)
    assert response.status_code == 302
    vraag = response["Location"]
    # Only case A is theirs: the question is about it alone.
    assert vraag.startswith(reverse("casusoverleg:gebruiksdoel", args=[a.public_id]))
    assert b.public_id not in vraag
    assert not AuditEvent.objects.filter(
        gebruiker=politie, object_type="agendapunt", actie="lezen"
    ).exists()

    page = client.get(vraag)
    assert page.status_code == 200 and a.nummer in page.content.decode()
    assert b.nummer not in page.content.decode()
    response = client.post(vraag, {"doel": "overleggen", "volgende": kamer})
    assert response["Location"] == kamer
    assert client.get(kamer).status_code == 200
    rij = AuditEvent.objects.get(gebruiker=politie, object_type="agendapunt", actie="lezen")
    assert (rij.casus_public_id, rij.gebruiksdoel) == (a.public_id, "overleggen")


@pytest.mark.django_db
def test_one_question_for_all_the_cases_someone_may_read(tafel, zorg):
    zorgtafel, a, b = tafel
    client = Client()
    client.force_login(zorg)
    kamer = reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id])
    vraag = client.get(kamer)["Location"]
    assert vraag.startswith(reverse("casusoverleg:gebruiksdoel-meerdere"))
    assert f"casus={a.public_id}" in vraag and f"casus={b.public_id}" in vraag
    client.post(vraag, {"casus": [a.public_id, b.public_id], "doel": "overleggen"})
    assert client.get(kamer).status_code == 200
    assert set(client.session[GEBRUIKSDOELEN_SESSIE]) == {a.public_id, b.public_id}


@pytest.mark.django_db
def test_asking_for_a_case_not_theirs_gets_the_404(tafel, politie):
    zorgtafel, a, b = tafel
    client = Client()
    client.force_login(politie)
    url = reverse("casusoverleg:gebruiksdoel-meerdere")
    assert client.get(url, {"casus": [a.public_id, b.public_id]}).status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_live_socket_without_a_purpose_is_refused(tafel, politie):
    zorgtafel, a, _b = tafel
    cookie = await sync_to_async(sessie_cookie)(politie)
    communicator, connected, code = await verbinden(zorgtafel, cookie)
    assert not connected and code == 4403
    await communicator.disconnect()

    cookie = await sync_to_async(sessie_cookie)(
        politie, {a.public_id: {"doel": "overleggen", "toelichting": ""}}
    )
    communicator, connected, _code = await verbinden(zorgtafel, cookie)
    assert connected
    await communicator.disconnect()
