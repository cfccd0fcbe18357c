"""Drafts of the advice (drafting step and correction): "Concept opslaan" keeps the
typed text as the user's own draft, never in the advice itself."""

from django.test import Client
from django.urls import reverse

from advies.models import Advies
from casusoverleg.models import Concept
from identificatie import services
from identificatie.flows import IdentificatieFlow
from tests.advies.conftest import beoordeel, ctx, open_taak

TEKST = "Alle disciplines zien aanwijzingen; de politie twijfelt over de ronselaar."


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_advice_draft_is_the_users_own_and_not_in_the_advice(
    start, coordinator, coordinator2, politie, zorg
):
    proces = start()
    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    taak = open_taak(proces, IdentificatieFlow.zorgtafel)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)
    services.zorgtafel_uitkomst_record(ctx=ctx(coordinator), taak=taak, uitkomst="Aannemelijk.")
    taak = open_taak(proces, IdentificatieFlow.opstellen)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)
    url = reverse("advies:advies-taak", args=[taak.public_id])
    client = as_user(coordinator)
    data = {
        "concept": "knop",
        "onderbouwing": TEKST,
        "standpunt-TOTAL_FORMS": "2",
        "standpunt-INITIAL_FORMS": "2",
        "standpunt-0-samenvatting": "Eigen samenvatting politie",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "Concept opgeslagen om" in response.content.decode()
    assert not Advies.objects.exists()  # nothing half-saved in the advice
    html = client.get(url).content.decode()
    assert TEKST in html and "Eigen samenvatting politie" in html and "is teruggezet" in html
    # Another coordinator of the same organisation does not see it (nor may they work here).
    assert TEKST not in as_user(coordinator2).get(url).content.decode()
    assert Concept.objects.get().gebruiker == coordinator


def test_the_correction_keeps_a_draft_until_it_is_saved(vastgesteld, coordinator2):
    c2 = as_user(coordinator2)
    c2.post(reverse("advies:advies-corrigeren", args=[vastgesteld.casus.public_id, 1]))
    nieuw = Advies.objects.get(versie=2)
    taak = nieuw.correctie.taken.get()
    url = reverse("advies:correctie-taak", args=[taak.public_id])
    response = c2.post(url, {"concept": "auto", "onderbouwing": TEKST})
    assert response.status_code == 200 and "bericht" in response.json()
    nieuw.refresh_from_db()
    assert nieuw.onderbouwing != TEKST
    assert TEKST in c2.get(url).content.decode()
