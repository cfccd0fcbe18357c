"""Same person, several signals (issue 14, point 6), the signal side: a signal's keyed
hash finds a case of the same person elsewhere (case then signal), a case finds a
waiting signal recorded before it (signal then case), and a signal opened into a case
brings the person to the case-to-case match. Nothing of the other record leaks."""

import datetime

import pytest
from django.urls import reverse

from casusoverleg.audit import AuditContext
from casusoverleg.koppelingen import mogelijke_dubbelen
from casusoverleg.models import Discipline
from casusoverleg.persoonssleutel import persoonssleutel
from identificatie.services import casus_open_from_signaal
from tests.factories import OrganisatieFactory, UserFactory, make_casus, make_signaal

pytestmark = pytest.mark.usefixtures("indicatorlijst")

GEBOREN = datetime.date(2003, 9, 2)


@pytest.fixture
def elders(db):
    org = OrganisatieFactory(naam="Gemeente Andersstad", discipline=Discipline.GEMEENTE)
    return UserFactory(username="elders", organisatie=org, is_coordinator=True)


def _signaal(user, **data):
    return make_signaal(
        user,
        naam=data.pop("naam", "Ioana Ştefănescu"),
        geboortedatum=data.pop("geboortedatum", GEBOREN),
        geschatte_leeftijd=None,
        **data,
    )


def _html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_signal_gets_the_keyed_hash_of_its_name_and_exact_birth_date(politie):
    signaal = _signaal(politie)
    assert signaal.persoonssleutel == persoonssleutel("stefanescu ioana", GEBOREN)
    assert "Ioana" not in signaal.persoonssleutel


def test_a_signal_without_exact_birth_date_or_name_gets_no_hash(politie, zorg):
    geschat = make_signaal(politie, naam="Ioana Stefanescu", geschatte_leeftijd=20)
    anoniem = make_signaal(zorg, grondslag="anoniem", toestemming_door="", geschatte_leeftijd=20)
    assert geschat.persoonssleutel == "" and anoniem.persoonssleutel == ""


def test_case_then_signal_the_signals_handler_sees_the_other_organisation_only(
    client, politie, elders, zorg
):
    oud = make_casus(
        elders,
        naam="Stefanescu, Ioana",
        aliassen="Io",
        geboortedatum=GEBOREN,
        veilig_contact="Via tante 0687654321",
    )
    signaal = _signaal(politie)
    url = reverse("identificatie:signaal-detail", args=[signaal.public_id])
    html = _html(client, politie, url)
    assert "Mogelijk dezelfde persoon als een bestaande casus bij Gemeente Andersstad" in html
    for stuk in [oud.nummer, oud.public_id, "0687654321", "Stefanescu, Ioana"]:
        assert stuk not in html


def test_the_signal_hint_is_gone_once_the_signal_is_on_a_case(client, politie, elders, coordinator):
    make_casus(elders, naam="Ioana Stefanescu", geboortedatum=GEBOREN)
    signaal = _signaal(politie)
    casus_open_from_signaal(
        ctx=AuditContext.system(politie),
        signaal=signaal,
        coordinerende_organisatie=coordinator.organisatie,
    )
    html = _html(client, politie, reverse("identificatie:signaal-detail", args=[signaal.public_id]))
    assert "Mogelijk dezelfde persoon" not in html


def test_signal_then_case_the_new_cases_coordinator_sees_the_signalling_organisation(
    client, politie, coordinator, zorg
):
    signaal = _signaal(politie, observatie="Zag haar bij de loods aan de Havenweg.")
    nieuw = make_casus(
        coordinator,
        naam="IOANA STEFANESCU",
        geboortedatum=GEBOREN,
        deelnemers=[zorg.organisatie],
    )
    url = reverse("casusoverleg:casus-detail", args=[nieuw.public_id])
    html = _html(client, coordinator, url)
    assert "Mogelijk dezelfde persoon als een signaal bij Politie Voorbeeld" in html
    for stuk in ["Havenweg", signaal.public_id, "Voorbeeldstraat"]:
        assert stuk not in html
    # Nobody but the coordinator: not a participant of the case.
    assert "Politie Voorbeeld" not in _html(client, zorg, url)


def test_a_lawyers_unshared_signal_is_never_revealed(client, advocaat, coordinator):
    _signaal(advocaat)
    nieuw = make_casus(coordinator, naam="Ioana Stefanescu", geboortedatum=GEBOREN)
    html = _html(client, coordinator, reverse("casusoverleg:casus-detail", args=[nieuw.public_id]))
    assert "Mogelijk dezelfde persoon" not in html
    assert "Advocatenkantoor" not in html


def test_a_signal_recorded_after_the_case_is_not_shown_on_the_case(client, politie, coordinator):
    nieuw = make_casus(coordinator, naam="Ioana Stefanescu", geboortedatum=GEBOREN)
    _signaal(politie)
    html = _html(client, coordinator, reverse("casusoverleg:casus-detail", args=[nieuw.public_id]))
    assert "Mogelijk dezelfde persoon als een signaal" not in html


def test_a_signal_opened_into_a_case_is_found_by_a_later_case_elsewhere(
    client, politie, elders, coordinator
):
    signaal = _signaal(politie)
    uit_signaal = casus_open_from_signaal(
        ctx=AuditContext.system(politie),
        signaal=signaal,
        coordinerende_organisatie=elders.organisatie,
    )
    nieuw = make_casus(coordinator, naam="Ştefănescu Ioana", geboortedatum=GEBOREN)
    assert mogelijke_dubbelen(nieuw) == [uit_signaal]
    html = _html(client, coordinator, reverse("casusoverleg:casus-detail", args=[nieuw.public_id]))
    assert "Mogelijk dezelfde persoon als een bestaande casus bij Gemeente Andersstad" in html
    assert uit_signaal.nummer not in html


def test_the_backfill_gives_existing_signals_their_key(politie):
    import importlib

    from django.apps import apps

    from identificatie.models import Signaal

    signaal = _signaal(politie)
    Signaal.objects.filter(pk=signaal.pk).update(persoonssleutel="")
    migratie = importlib.import_module(
        "identificatie.migrations.0016_backfill_signaal_persoonssleutel"
    )
    migratie.backfill(apps, None)
    signaal.refresh_from_db()
    assert signaal.persoonssleutel == persoonssleutel("Ioana Stefanescu", GEBOREN)
