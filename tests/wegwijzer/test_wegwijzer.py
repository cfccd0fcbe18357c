"""The directory: every professional reads it, nobody anonymous; its search works on
PostgreSQL (Dutch full text) and SQLite (words contained), and never puts the term
in a URL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casusoverleg.audit import search_fingerprint
from casusoverleg.models import AuditEvent
from wegwijzer import selectors
from wegwijzer.models import Hulpsoort, Regio

from .conftest import make_aanbod, make_regeling

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"
URL = reverse("wegwijzer:index")


def _zoek(client, **data):
    response = client.post(URL, data)
    assert response.status_code == 302
    return client.get(response["Location"]), response["Location"]


def test_directory_is_shown_to_a_logged_in_professional(client, politie, opvang):
    make_regeling()
    client.force_login(politie)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Opvanghuis De Haven" in response.text
    assert "Schadefonds Geweldsmisdrijven" in response.text
    assert "2 vrije plekken" in response.text


def test_the_menu_links_to_the_directory(client, politie):
    client.force_login(politie)
    assert f'href="{URL}"' in client.get(reverse("casusoverleg:home")).text


def test_anonymous_user_is_sent_to_log_in(client, opvang):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_inactive_offer_or_organisation_is_not_listed(client, politie, opvang, buitenstaander):
    elders = make_aanbod(buitenstaander.organisatie, titel="Crisisopvang Elders")
    elders.organisatie.actief = False
    elders.organisatie.save(update_fields=["actief"])
    verborgen = make_aanbod(opvang.organisatie, titel="Oud aanbod")
    verborgen.actief = False
    verborgen.save(update_fields=["actief"])
    client.force_login(politie)
    text = client.get(URL).text
    assert "Opvanghuis De Haven" in text
    assert "Crisisopvang Elders" not in text
    assert "Oud aanbod" not in text


def test_search_finds_an_offer_by_a_dutch_word_form(client, politie, opvang, buitenstaander):
    make_aanbod(buitenstaander.organisatie, titel="Juridisch spreekuur", omschrijving="Advies.")
    client.force_login(politie)
    response, _location = _zoek(client, q="opvang")
    assert response.status_code == 200
    assert "Opvanghuis De Haven" in response.text
    assert "Juridisch spreekuur" not in response.text
    # "opvang" is in the description only as part of "opvangplekken".
    assert list(selectors.aanbod_zoeken(term="opvang kind")) == [opvang]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="Dutch stemming needs PostgreSQL")
def test_on_postgresql_a_plural_finds_the_singular(opvang):
    # "slachtoffers" is not contained in "slachtoffer": only the Dutch stemmer finds it.
    assert list(selectors.aanbod_zoeken(term="slachtoffers")) == [opvang]
    assert list(selectors.aanbod_zoeken(term="opvangplek")) == [opvang]


@pytest.mark.skipif(ON_POSTGRESQL, reason="the fallback is for SQLite")
def test_on_sqlite_every_word_must_be_contained(opvang):
    assert list(selectors.aanbod_zoeken(term="OPVANGPLEK")) == [opvang]
    assert list(selectors.aanbod_zoeken(term="opvang juridisch")) == []


def test_schemes_are_searched_too(client, politie):
    make_regeling()
    make_regeling(
        naam="Jeugdwet: jeugdhulp",
        soort=Hulpsoort.ZORG,
        omschrijving="Jeugdhulp.",
        voorwaarden="Minderjarigen.",
    )
    assert [r.naam for r in selectors.regelingen_zoeken(term="letsel")] == [
        "Schadefonds Geweldsmisdrijven"
    ]


@pytest.mark.parametrize("term", ["&|!:*()", "'", "a:* & !b", "ß" * 200, "de het een"])
def test_any_search_term_answers_without_an_error(client, politie, opvang, term):
    client.force_login(politie)
    response, _location = _zoek(client, q=term)
    assert response.status_code == 200


def test_the_search_term_is_never_in_the_url_and_its_fingerprint_is_audited(
    client, politie, opvang
):
    client.force_login(politie)
    response, location = _zoek(client, q="opvang", regio=Regio.UTRECHT)
    assert "opvang" not in location
    assert "Opvanghuis De Haven" in response.text
    event = AuditEvent.objects.filter(object_type="wegwijzer", gebruiker=politie).get()
    assert event.actie == AuditEvent.Actie.ZOEKEN
    assert event.detail["zoekterm"] == search_fingerprint("opvang")
    assert "opvang" not in str(event.detail).replace(search_fingerprint("opvang"), "")


def test_a_term_put_in_the_url_is_ignored(client, politie, opvang, buitenstaander):
    make_aanbod(buitenstaander.organisatie, titel="Juridisch spreekuur", omschrijving="Advies.")
    client.force_login(politie)
    text = client.get(URL, {"q": "opvang"}).text
    assert "Juridisch spreekuur" in text


def test_a_region_shows_its_own_and_the_national_offers(opvang, buitenstaander):
    landelijk = make_aanbod(buitenstaander.organisatie, titel="Landelijk", regio=Regio.LANDELIJK)
    make_aanbod(buitenstaander.organisatie, titel="Limburg", regio=Regio.LIMBURG)
    assert set(selectors.aanbod_zoeken(regio=Regio.UTRECHT)) == {opvang, landelijk}


def test_the_directory_query_count_does_not_grow(client, politie, opvang):
    client.force_login(politie)
    client.get(URL)
    with CaptureQueriesContext(connection) as een:
        client.get(URL)
    for i in range(10):
        make_aanbod(opvang.organisatie, titel=f"Aanbod {i}")
        make_regeling(naam=f"Regeling {i}")
    with CaptureQueriesContext(connection) as elf:
        assert client.get(URL).status_code == 200
    assert len(elf) == len(een)


def test_a_member_of_an_inactive_organisation_is_refused(client, politie, opvang):
    politie.organisatie.actief = False
    politie.organisatie.save(update_fields=["actief"])
    client.force_login(politie)
    assert client.get(URL).status_code == 403
