"""Drafts of the signal and assessment forms through the web client: "Concept
opslaan" saves without validating and without touching the real models, the page's
automatic save answers JSON, a GET restores, a submit drops the draft."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Concept
from casusoverleg.services import concept_ophalen, deelname_remove
from identificatie import services
from identificatie.flows import IdentificatieFlow
from identificatie.models import Beoordeling, IndicatorLijst, Signaal
from tests.factories import make_casus
from tests.identificatie.test_proces_web import BEOORDELING, start, taak_of
from tests.identificatie.test_signalen import _post

URL = reverse("identificatie:signaal-create")
TEKST = "Zag haar elke ochtend in het busje stappen."


@pytest.fixture
def lijst(db):
    return IndicatorLijst.objects.actueel()


def as_user(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def test_concept_opslaan_on_the_signal_form_validates_nothing_and_saves_no_signal(zorg, lijst):
    client = as_user(zorg)
    response = client.post(
        URL, {"concept": "knop", "observatie": TEKST, "waargenomen_op": "morgen"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Concept opgeslagen om" in html and TEKST in html
    assert "Controleer het formulier" not in html  # nothing validated
    assert not Signaal.objects.exists()
    concept = Concept.objects.get(gebruiker=zorg, sleutel="signaal:nieuw")
    assert concept.gegevens["observatie"] == [TEKST]
    assert "csrfmiddlewaretoken" not in concept.gegevens and "concept" not in concept.gegevens

    # Back on the form: filled from the draft, with a way to discard it.
    html = client.get(URL).content.decode()
    assert TEKST in html and "is teruggezet" in html and "Concept weggooien" in html
    assert 'value="morgen"' in html
    response = client.post(URL, {"concept_weggooien": "1"})
    assert response.status_code == 302 and response.url == URL
    assert not Concept.objects.exists()
    assert TEKST not in client.get(URL).content.decode()


def test_submitting_the_signal_drops_its_draft(zorg, lijst):
    client = as_user(zorg)
    client.post(URL, {"concept": "auto", "observatie": TEKST})
    assert Concept.objects.exists()
    assert _post(client, lijst).status_code == 302
    assert not Concept.objects.exists()
    assert AuditEvent.objects.filter(
        object_type="concept", actie="verwijderen", detail__reden="ingediend"
    ).exists()


def test_the_automatic_save_answers_json_and_is_audited(zorg, lijst):
    client = as_user(zorg)
    response = client.post(URL, {"concept": "auto", "observatie": TEKST, "plaats": "Station"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json()["bericht"].startswith("Concept automatisch opgeslagen om ")
    event = AuditEvent.objects.filter(object_type="concept").get()
    assert event.actie == "aanmaken" and event.detail == {"automatisch": True}
    assert event.gebruiker == zorg


def test_the_automatic_save_needs_csrf_and_a_login(zorg, lijst):
    response = as_user(zorg, enforce_csrf_checks=True).post(URL, {"concept": "auto"})
    assert response.status_code == 403
    response = Client().post(URL, {"concept": "auto", "observatie": TEKST})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not Concept.objects.exists()


def test_a_draft_too_large_is_refused_in_dutch(zorg, lijst, settings):
    settings.CONCEPT_MAX_BYTES = 100
    client = as_user(zorg)
    response = client.post(URL, {"concept": "auto", "observatie": "x" * 200})
    assert response.status_code == 413
    assert "niet opgeslagen" in response.json()["bericht"]
    response = client.post(URL, {"concept": "knop", "observatie": "x" * 200})
    html = response.content.decode()
    assert response.status_code == 200 and "niet opgeslagen" in html and "x" * 200 in html
    assert not Concept.objects.exists()


# The assessment (a task of the identification process) ---------------------------------


@pytest.fixture
def taak(coordinator, politie, zorg):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])
    proces = start(as_user(coordinator), casus, politie.organisatie, zorg.organisatie)
    taak = taak_of(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    as_user(politie).post(reverse("identificatie:taak-oppakken", args=[taak.public_id]))
    return taak


def test_concept_opslaan_on_the_assessment_saves_no_assessment(taak, politie):
    client = as_user(politie)
    url = reverse("identificatie:taak", args=[taak.public_id])
    response = client.post(url, {"concept": "knop", "feiten": TEKST, "oordeel": ""})
    assert response.status_code == 200 and "Concept opgeslagen om" in response.content.decode()
    assert not Beoordeling.objects.filter(ingediend_op__isnull=False).exists()
    taak.task.refresh_from_db()
    assert taak.task.status == "ASSIGNED"
    concept = Concept.objects.get(sleutel=f"beoordeling:{taak.public_id}")
    assert concept.casus == taak.casus

    html = client.get(url).content.decode()
    assert TEKST in html and "is teruggezet" in html
    assert client.post(url, {**BEOORDELING, "feiten": TEKST}).status_code == 302
    assert not Concept.objects.exists()
    assert Beoordeling.objects.get(organisatie=politie.organisatie).feiten == TEKST


def test_no_draft_on_a_task_without_access_the_same_404_as_a_missing_one(
    taak, zorg, buitenstaander
):
    url = reverse("identificatie:taak", args=[taak.public_id])
    missing = reverse("identificatie:taak", args=["bestaat-niet"])
    for user in (zorg, buitenstaander):  # another organisation's task; no part in the case
        client = as_user(user)
        assert client.post(url, {"concept": "auto", "feiten": TEKST}).status_code == 404
        assert client.post(missing, {"concept": "auto", "feiten": TEKST}).status_code == 404
    assert not Concept.objects.exists()
    assert AuditEvent.objects.filter(uitkomst="geweigerd", object_type="taak").count() >= 2


def test_a_draft_of_a_task_whose_case_was_left_is_gone(taak, politie, coordinator):
    client = as_user(politie)
    url = reverse("identificatie:taak", args=[taak.public_id])
    client.post(url, {"concept": "auto", "feiten": TEKST})
    deelname_remove(
        ctx=AuditContext.system(coordinator),
        deelname=taak.casus.deelnames.get(organisatie=politie.organisatie),
    )
    assert client.get(url).status_code == 404
    # Even where the form is gone, reading the draft back is refused and drops it.
    sleutel = f"beoordeling:{taak.public_id}"
    assert concept_ophalen(ctx=AuditContext.system(politie), sleutel=sleutel) is None
    assert not Concept.objects.exists()


def test_my_assessment_late_keeps_a_draft(coordinator, politie, zorg):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])
    proces = start(as_user(coordinator), casus, politie.organisatie, zorg.organisatie)
    services.ronde_close(
        ctx=AuditContext.system(coordinator), proces=proces, reden="Zorgtafel morgen"
    )
    client = as_user(politie)
    url = reverse("identificatie:mijn-beoordeling", args=[casus.public_id, proces.public_id])
    response = client.post(url, {"concept": "knop", "feiten": TEKST})
    assert response.status_code == 200 and not Beoordeling.objects.filter(feiten=TEKST).exists()
    assert TEKST in client.get(url).content.decode()
    assert timezone.now() - Concept.objects.get().updated_at < datetime.timedelta(minutes=1)
