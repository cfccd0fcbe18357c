"""The chair's draft of the minutes in the live room."""

from django.test import Client
from django.urls import reverse

from casusoverleg.models import AuditEvent, Concept
from zorgtafel.models import Notule

TEKST = "Afgesproken: de zorg zoekt vandaag nog opvang."


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_chair_keeps_a_draft_of_the_minutes(meeting, coordinator):
    zorgtafel, een, _twee, punten = meeting
    punt = punten[0]
    url = reverse("zorgtafel:zorgtafel-notule", args=[zorgtafel.public_id, punt.public_id])
    room = reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id])
    client = as_user(coordinator)
    veld = f"notule-{punt.public_id}-tekst"

    response = client.post(url, {"concept": "auto", veld: TEKST})
    assert response.status_code == 200 and "automatisch opgeslagen" in response.json()["bericht"]
    assert not Notule.objects.exists()
    concept = Concept.objects.get()
    assert concept.sleutel == f"notule:{punt.public_id}" and concept.casus == een

    html = client.get(room).content.decode()
    assert TEKST in html and "is teruggezet" in html

    # The button over htmx answers the form again, filled, with the time.
    response = client.post(url, {"concept": "knop", veld: TEKST + "!"}, HTTP_HX_REQUEST="true")
    assert "Concept opgeslagen om" in response.content.decode()
    assert TEKST + "!" in response.content.decode()

    assert client.post(url, {veld: TEKST}, HTTP_HX_REQUEST="true").status_code == 200
    assert Notule.objects.get().tekst == TEKST
    assert not Concept.objects.exists()


def test_no_draft_of_minutes_for_who_does_not_chair(meeting, politie, buitenstaander):
    zorgtafel, _een, _twee, punten = meeting
    url = reverse("zorgtafel:zorgtafel-notule", args=[zorgtafel.public_id, punten[0].public_id])
    missing = reverse("zorgtafel:zorgtafel-notule", args=[zorgtafel.public_id, "bestaat-niet"])
    for user in (politie, buitenstaander):
        client = as_user(user)
        assert client.post(url, {"concept": "auto"}).status_code == 404
        assert client.post(missing, {"concept": "auto"}).status_code == 404
    assert not Concept.objects.exists()
    assert AuditEvent.objects.filter(uitkomst="geweigerd").exists()


def test_discarding_the_minutes_draft_returns_to_the_room(meeting, coordinator):
    zorgtafel, _een, _twee, punten = meeting
    punt = punten[0]
    url = reverse("zorgtafel:zorgtafel-notule", args=[zorgtafel.public_id, punt.public_id])
    client = as_user(coordinator)
    client.post(url, {"concept": "auto", f"notule-{punt.public_id}-tekst": TEKST})
    response = client.post(url, {"concept_weggooien": "1"})
    assert response.status_code == 302 and response.url.endswith(f"#item-{punt.public_id}")
    assert not Concept.objects.exists()
