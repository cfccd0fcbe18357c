"""The signal form: acute danger first, the indicators in sections that say how many
are ticked, and nothing lost or hidden after a validation error."""

import re

import pytest

from identificatie.models import Indicator, IndicatorLijst, Signaal
from tests.identificatie.test_signalen import URL, _ids, _post

SECTIE = re.compile(r"<details ([^>]*)>\s*<summary[^>]*>(.*?)</summary>(.*?)</details>", re.S)


@pytest.fixture
def lijst(db):
    return IndicatorLijst.objects.actueel()


def secties(html):
    """{group title: (open?, count shown, number of ticked boxes inside)}."""
    result = {}
    for attrs, summary, inhoud in SECTIE.findall(html):
        assert "utrecht-accordion__section" in attrs
        titel, telling = summary.split(" — ")
        aantal = re.search(r"<span data-aantal>(\d+)</span> aangevinkt", telling)
        assert aantal, telling
        assert 'aria-live="polite"' in telling
        result[titel.strip()] = (
            re.search(r"\bopen\b", attrs) is not None,
            int(aantal.group(1)),
            inhoud.count(" checked"),
        )
    return result


def test_the_acute_danger_alert_comes_before_the_first_field(client, zorg, lijst):
    client.force_login(zorg)
    html = client.get(URL).content.decode()
    alert = re.search(r'<div class="utrecht-alert utrecht-alert--error[^"]*"([^>]*)>', html)
    assert alert and 'role="note"' in alert.group(1)  # not role=alert on page load
    start = alert.start()
    assert start < html.index("Bij acuut gevaar: bel 112") < html.index(lijst.noodinstructie)
    assert html.index(lijst.noodinstructie) < html.index(
        "<input", html.index('class="signaal-form"')
    )
    assert html.index(lijst.noodinstructie) < html.index('name="urgentie"')


def test_every_group_is_a_closed_section_with_a_zero_count_on_a_blank_form(client, zorg, lijst):
    client.force_login(zorg)
    html = client.get(URL).content.decode()
    groepen = secties(html)
    assert set(groepen) == {g.titel for g in lijst.groepen.all()}
    assert all(v == (False, 0, 0) for v in groepen.values())
    assert (
        html.count('type="checkbox" name="indicatoren"')
        == Indicator.objects.filter(groep__lijst=lijst).count()
    )
    assert "js/indicatoren" in html and "<script>" not in html


def test_after_a_validation_error_the_ticked_sections_are_open_with_their_counts(
    client, zorg, lijst
):
    client.force_login(zorg)
    arbeid = Indicator.objects.filter(groep__lijst=lijst, code__startswith="ARB")[:2]
    gekozen = [*_ids(lijst, "ALG-01"), *(str(i.pk) for i in arbeid)]
    response = _post(client, lijst, plaats="", indicatoren=gekozen)
    assert response.status_code == 200 and "plaats" in response.context["form"].errors
    assert not Signaal.objects.exists()
    groepen = secties(response.content.decode())
    algemeen = Indicator.objects.get(groep__lijst=lijst, code="ALG-01").groep.titel
    arbeidsgroep = arbeid[0].groep.titel
    assert groepen[algemeen] == (True, 1, 1)
    assert groepen[arbeidsgroep] == (True, 2, 2)
    for titel, staat in groepen.items():
        if titel not in (algemeen, arbeidsgroep):
            assert staat == (False, 0, 0), titel


def test_an_error_on_the_indicators_opens_every_section(client, zorg, lijst):
    client.force_login(zorg)
    response = _post(client, lijst, indicatoren=["999999"])
    assert "indicatoren" in response.context["form"].errors
    groepen = secties(response.content.decode())
    assert groepen and all(open_ for open_, _n, _c in groepen.values())


def test_a_restored_draft_opens_the_sections_it_ticked_with_their_counts(client, zorg, lijst):
    client.force_login(zorg)
    gekozen = _ids(lijst, "ALG-01", "ARB-01")
    client.post(URL, {"concept": "knop", "indicatoren": gekozen, "observatie": "Busje."})
    html = client.get(URL).content.decode()
    assert "is teruggezet" in html
    groepen = secties(html)
    for code in ("ALG-01", "ARB-01"):
        titel = Indicator.objects.get(groep__lijst=lijst, code=code).groep.titel
        assert groepen[titel] == (True, 1, 1)
    assert sum(open_ for open_, _n, _c in groepen.values()) == 2


def test_acute_danger_starts_unanswered_and_must_be_chosen(client, zorg, lijst):
    """Issue 12, point 4: no default on a consequential question."""
    client.force_login(zorg)
    html = client.get(URL).content.decode()
    radios = re.findall(r'<input type="radio" name="urgentie"[^>]*>', html)
    assert len(radios) == 3
    assert not any("checked" in r for r in radios)
    response = client.post(URL, {"plaats": "Station"})
    assert response.status_code == 200
    assert "Kies of er acuut gevaar is" in response.content.decode()
