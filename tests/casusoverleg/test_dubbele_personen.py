"""Same person, several records (issue 14, point 6): a keyed hash of the normalised
name and the exact date of birth finds an earlier case; the newer case's coordinator
alone sees "mogelijk dezelfde persoon" with the other organisation's name, and can
ask to link; nothing of the other case leaks before or after."""

import datetime
import hashlib

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from casusoverleg import takenlijst
from casusoverleg.audit import AuditContext
from casusoverleg.koppelingen import mogelijke_dubbelen
from casusoverleg.models import AuditEvent, Discipline, Koppelverzoek, Melding, Persoonssleutel
from casusoverleg.persoonssleutel import naam_normaliseren, persoonssleutel
from casusoverleg.services import casus_update, koppelverzoek_answer, koppelverzoek_send
from tests.factories import OrganisatieFactory, UserFactory, make_casus

GEBOREN = datetime.date(2001, 4, 17)


@pytest.fixture
def elders(db):
    """A coordinator of another coordinating organisation."""
    org = OrganisatieFactory(naam="Gemeente Andersstad", discipline=Discipline.GEMEENTE)
    return UserFactory(username="elders", organisatie=org, is_coordinator=True)


@pytest.fixture
def oud(elders):
    """The earlier case, at the other organisation."""
    return make_casus(
        elders,
        naam="Popescu, Anna-Maria",
        aliassen="Ani\nMaria P.",
        geboortedatum=GEBOREN,
        veilig_contact="Geheim telefoonnummer 0612345678",
    )


@pytest.fixture
def nieuw(coordinator, oud):
    """The newer case of the same person, written differently."""
    return make_casus(coordinator, naam="ANNA MARIA POPESCU", geboortedatum=GEBOREN)


# The key ----------------------------------------------------------------------------


def test_the_name_is_normalised_for_case_diacritics_punctuation_and_order():
    assert naam_normaliseren("Popescu, Anna-Maria") == naam_normaliseren("anna maria POPESCU")
    assert naam_normaliseren("Ştefănescu  Ioana") == naam_normaliseren("ioana stefanescu")
    assert naam_normaliseren("Łukasz Søren") == "lukasz soren"
    assert naam_normaliseren(" ,.- ") == ""


NAAMDEEL = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéëïöüçşñ", min_size=1, max_size=12)


@given(st.lists(NAAMDEEL, min_size=1, max_size=4), st.randoms(), st.sampled_from([", ", "-", " "]))
def test_order_case_accents_and_punctuation_of_the_name_parts_do_not_change_the_key(
    delen, rnd, scheiding
):
    anders = [d.upper() for d in delen]
    rnd.shuffle(anders)
    assert persoonssleutel(" ".join(delen), GEBOREN) == persoonssleutel(
        scheiding.join(anders), GEBOREN
    )


@given(st.text(max_size=40))
def test_normalising_twice_changes_nothing(naam):
    assert naam_normaliseren(naam_normaliseren(naam)) == naam_normaliseren(naam)


def test_no_key_without_a_name_or_an_exact_date_of_birth():
    assert persoonssleutel("Anna Popescu", None) == ""
    assert persoonssleutel("", GEBOREN) == ""
    assert persoonssleutel(" - ", GEBOREN) == ""


def test_a_case_without_date_of_birth_has_no_key_and_matches_nothing(coordinator, oud):
    zonder = make_casus(coordinator, naam="Anna Maria Popescu", geschat_geboortejaar=2001)
    assert not Persoonssleutel.objects.filter(casus=zonder).exists()
    assert mogelijke_dubbelen(zonder) == []


def test_the_key_is_keyed_not_a_plain_hash_of_the_same_input():
    sleutel = persoonssleutel("Anna Popescu", GEBOREN)
    bericht = f"{naam_normaliseren('Anna Popescu')}\x1f{GEBOREN.isoformat()}".encode()
    assert len(sleutel) == 64
    assert sleutel != hashlib.sha256(bericht).hexdigest()
    assert sleutel != hashlib.sha256(b"anna popescu" + GEBOREN.isoformat().encode()).hexdigest()


def test_changing_the_secret_changes_the_key():
    voor = persoonssleutel("Anna Popescu", GEBOREN)
    with override_settings(PERSOON_SLEUTEL="een-andere-sleutel"):
        assert persoonssleutel("Anna Popescu", GEBOREN) != voor
    assert persoonssleutel("Anna Popescu", GEBOREN, sleutel="een-andere-sleutel") != voor


def test_only_hashes_are_stored_one_per_name_and_alias(oud):
    sleutels = set(Persoonssleutel.objects.filter(casus=oud).values_list("sleutel", flat=True))
    assert len(sleutels) == 3
    assert sleutels == {
        persoonssleutel(n, GEBOREN) for n in ("Popescu, Anna-Maria", "Ani", "Maria P.")
    }
    assert all("popescu" not in s.lower() for s in sleutels)


def test_changing_the_name_or_birth_date_recomputes_the_keys(oud, elders):
    casus_update(
        ctx=AuditContext.system(elders),
        casus=oud,
        data={"naam": "Ioana Ionescu", "aliassen": "", "geboortedatum": GEBOREN},
        vormen=["arbeid"],
    )
    assert set(Persoonssleutel.objects.filter(casus=oud).values_list("sleutel", flat=True)) == {
        persoonssleutel("Ioana Ionescu", GEBOREN)
    }


# Matching, case then case ---------------------------------------------------------------


def test_a_newer_case_of_the_same_person_finds_the_earlier_one(oud, nieuw):
    assert mogelijke_dubbelen(nieuw) == [oud]
    # Only the newer one is proposed to link; the older one is asked.
    assert mogelijke_dubbelen(oud) == []


def test_an_alias_finds_the_earlier_case(coordinator, oud):
    via_alias = make_casus(coordinator, naam="ani", geboortedatum=GEBOREN)
    assert mogelijke_dubbelen(via_alias) == [oud]


def test_another_birth_date_is_another_person(coordinator, oud):
    ander = make_casus(
        coordinator, naam="Anna Maria Popescu", geboortedatum=GEBOREN + datetime.timedelta(1)
    )
    assert mogelijke_dubbelen(ander) == []


def test_a_name_changed_later_to_match_finds_the_earlier_case(coordinator, oud):
    casus = make_casus(coordinator, naam="Iemand Anders", geboortedatum=GEBOREN)
    assert mogelijke_dubbelen(casus) == []
    casus_update(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        data={"naam": "Anna Maria Popescu"},
        vormen=["arbeid"],
    )
    assert mogelijke_dubbelen(casus) == [oud]


# The hint --------------------------------------------------------------------------------


def _inhoud_van(casus):
    return [casus.nummer, "Popescu", "Anna-Maria", "Ani", "0612345678", "17-04-2001", "2001-04-17"]


def test_the_newer_cases_coordinator_sees_the_hint_and_nothing_of_the_other_case(
    client, coordinator, oud, nieuw
):
    client.force_login(coordinator)
    html = client.get(reverse("casusoverleg:casus-detail", args=[nieuw.public_id])).content.decode()
    assert "Mogelijk dezelfde persoon als een bestaande casus bij Gemeente Andersstad" in html
    for stuk in [oud.nummer, oud.public_id, "0612345678", "Ani<", "Maria P."]:
        assert stuk not in html


def test_nobody_but_the_coordinator_sees_the_hint(client, coordinator, politie, oud):
    nieuw = make_casus(
        coordinator,
        naam="Anna Maria Popescu",
        geboortedatum=GEBOREN,
        deelnemers=[politie.organisatie],
    )
    client.force_login(politie)
    html = client.get(reverse("casusoverleg:casus-detail", args=[nieuw.public_id])).content.decode()
    assert "Mogelijk dezelfde persoon" not in html
    assert "Gemeente Andersstad" not in html


def test_the_older_cases_coordinator_sees_no_hint(client, elders, oud, nieuw):
    client.force_login(elders)
    html = client.get(reverse("casusoverleg:casus-detail", args=[oud.public_id])).content.decode()
    assert "Mogelijk dezelfde persoon" not in html
    assert "Gemeente Voorbeeldstad" not in html


# The request, accepted or declined -------------------------------------------------------


def _vraag(client, coordinator, nieuw):
    client.force_login(coordinator)
    pagina = client.get(reverse("casusoverleg:casus-detail", args=[nieuw.public_id]))
    token = _token(pagina.content.decode())
    return client.post(
        reverse("casusoverleg:koppelverzoek-create", args=[nieuw.public_id]), {"verzoek": token}
    )


def _token(html):
    begin = html.index('name="verzoek" value="') + len('name="verzoek" value="')
    return html[begin : html.index('"', begin)]


def test_the_coordinator_asks_and_the_other_coordinator_gets_a_task_and_a_notice(
    client, coordinator, elders, oud, nieuw, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _vraag(client, coordinator, nieuw)
    assert response.status_code == 302
    verzoek = Koppelverzoek.objects.get()
    assert (verzoek.casus, verzoek.van_casus, verzoek.status) == (oud, nieuw, "wacht_op_antwoord")

    melding = Melding.objects.get(ontvanger=elders)
    assert melding.casus == oud
    assert oud.nummer in melding.tekst
    for stuk in [nieuw.nummer, "Popescu", "ANNA", "2001"]:
        assert stuk not in melding.tekst
    for bericht in mail.outbox:
        tekst = bericht.subject + bericht.body
        for stuk in [nieuw.nummer, "Popescu", "POPESCU", "17-04-2001", "0612345678"]:
            assert stuk not in tekst

    # Mijn taken of the other coordinator holds the request (beside the report to
    # CoMensha their own case still owes); the asking coordinator's does not.
    rijen = [r for s in takenlijst.secties_voor(user=elders) for r in s["rijen"]]
    assert [r.object for r in rijen if isinstance(r.object, Koppelverzoek)] == [verzoek]
    assert all(
        r.object != verzoek for s in takenlijst.secties_voor(user=coordinator) for r in s["rijen"]
    )

    # The request page names the recipient's own case, nothing of the other one.
    client.force_login(elders)
    html = client.get(reverse("casusoverleg:koppelverzoek", args=[verzoek.public_id]))
    assert html.status_code == 200
    tekst = html.content.decode()
    assert "Gemeente Voorbeeldstad" in tekst
    for stuk in [nieuw.nummer, nieuw.public_id, "ANNA MARIA"]:
        assert stuk not in tekst
    # Asked once, the hint is gone: the pair is not proposed twice.
    assert mogelijke_dubbelen(nieuw) == []


def test_accepted_both_sides_see_the_other_number_and_organisation_and_which_was_first(
    client, coordinator, elders, oud, nieuw
):
    _vraag(client, coordinator, nieuw)
    verzoek = Koppelverzoek.objects.get()
    client.force_login(elders)
    response = client.post(
        reverse("casusoverleg:koppelverzoek", args=[verzoek.public_id]),
        {"besluit": "akkoord", "reden": ""},
    )
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "gekoppeld" and verzoek.beantwoord_door == elders

    html = client.get(reverse("casusoverleg:casus-detail", args=[oud.public_id])).content.decode()
    assert f"Casus {nieuw.nummer} bij Gemeente Voorbeeldstad" in html
    assert "deze casus was er eerst" in html
    assert "ANNA MARIA POPESCU" not in html

    client.force_login(coordinator)
    html = client.get(reverse("casusoverleg:casus-detail", args=[nieuw.public_id])).content.decode()
    assert f"Casus {oud.nummer} bij Gemeente Andersstad" in html
    assert "die casus was er eerst" in html
    assert "Popescu, Anna-Maria" not in html and "0612345678" not in html
    # Linking gives no access to the other case's content.
    assert client.get(reverse("casusoverleg:casus-detail", args=[oud.public_id])).status_code == 404
    # Audited on both cases.
    for casus in (oud, nieuw):
        assert AuditEvent.objects.filter(
            object_type="koppelverzoek", casus_public_id=casus.public_id, actie="wijzigen"
        ).exists()


def test_declined_is_recorded_and_the_pair_is_not_proposed_again(
    client, coordinator, elders, oud, nieuw, django_capture_on_commit_callbacks
):
    _vraag(client, coordinator, nieuw)
    verzoek = Koppelverzoek.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        koppelverzoek_answer(
            ctx=AuditContext.system(elders),
            verzoek=verzoek,
            akkoord=False,
            reden="Andere persoon.",
        )
    verzoek.refresh_from_db()
    assert verzoek.status == "afgewezen" and verzoek.reden == "Andere persoon."
    # The asking coordinator is told, with their own case's number and not the reason.
    antwoord = Melding.objects.get(soort="koppelverzoek_beantwoord")
    assert (antwoord.ontvanger, antwoord.casus) == (coordinator, nieuw)
    assert nieuw.nummer in antwoord.tekst and oud.nummer not in antwoord.tekst
    assert "Andere persoon." not in antwoord.tekst
    assert mogelijke_dubbelen(nieuw) == []
    client.force_login(coordinator)
    html = client.get(reverse("casusoverleg:casus-detail", args=[nieuw.public_id])).content.decode()
    assert "Mogelijk dezelfde persoon" not in html
    assert "Andere persoon." not in html
    # Nor after a change of name back and forth.
    casus_update(
        ctx=AuditContext.system(coordinator), casus=nieuw, data={"naam": "X Y"}, vormen=["arbeid"]
    )
    casus_update(
        ctx=AuditContext.system(coordinator),
        casus=nieuw,
        data={"naam": "Anna Maria Popescu"},
        vormen=["arbeid"],
    )
    assert mogelijke_dubbelen(nieuw) == []
    with pytest.raises(Exception, match="geen koppelverzoek"):
        koppelverzoek_send(ctx=AuditContext.system(coordinator), van_casus=nieuw, casus=oud)


def test_an_answered_request_cannot_be_answered_again(coordinator, elders, oud, nieuw):
    verzoek = koppelverzoek_send(ctx=AuditContext.system(coordinator), van_casus=nieuw, casus=oud)
    koppelverzoek_answer(ctx=AuditContext.system(elders), verzoek=verzoek, akkoord=True)
    with pytest.raises(Exception, match="al beantwoord"):
        koppelverzoek_answer(ctx=AuditContext.system(elders), verzoek=verzoek, akkoord=False)


def test_only_the_newer_cases_coordinator_may_ask(coordinator, politie, elders, oud):
    from django.core.exceptions import PermissionDenied

    nieuw = make_casus(
        coordinator,
        naam="Anna Maria Popescu",
        geboortedatum=GEBOREN,
        deelnemers=[politie.organisatie],
    )
    for wie in (politie, elders):
        with pytest.raises(PermissionDenied):
            koppelverzoek_send(ctx=AuditContext.system(wie), van_casus=nieuw, casus=oud)


def test_only_the_older_cases_coordinator_may_answer(coordinator, coordinator2, oud, nieuw):
    from django.core.exceptions import PermissionDenied

    verzoek = koppelverzoek_send(ctx=AuditContext.system(coordinator), van_casus=nieuw, casus=oud)
    for wie in (coordinator, coordinator2):
        with pytest.raises(PermissionDenied):
            koppelverzoek_answer(ctx=AuditContext.system(wie), verzoek=verzoek, akkoord=True)


def test_a_case_that_is_no_match_cannot_be_asked_about(coordinator, elders):
    ander = make_casus(elders, naam="Iemand Anders", geboortedatum=GEBOREN)
    eigen = make_casus(coordinator, naam="Anna Popescu", geboortedatum=GEBOREN)
    with pytest.raises(Exception, match="geen koppelverzoek"):
        koppelverzoek_send(ctx=AuditContext.system(coordinator), van_casus=eigen, casus=ander)


def test_a_forged_or_foreign_token_asks_nothing(client, coordinator, oud, nieuw):
    client.force_login(coordinator)
    url = reverse("casusoverleg:koppelverzoek-create", args=[nieuw.public_id])
    for token in ["", "rommel", f"[{nieuw.pk}, {oud.pk}]"]:
        assert client.post(url, {"verzoek": token}).status_code == 302
    assert not Koppelverzoek.objects.exists()


# Outsiders ---------------------------------------------------------------------------------


def test_outsiders_get_404_on_the_new_urls(
    client, coordinator, politie, buitenstaander, oud, nieuw
):
    verzoek = koppelverzoek_send(ctx=AuditContext.system(coordinator), van_casus=nieuw, casus=oud)
    for wie in (buitenstaander, politie, coordinator):
        client.force_login(wie)
        assert (
            client.get(reverse("casusoverleg:koppelverzoek", args=[verzoek.public_id])).status_code
            == 404
        )
        assert (
            client.post(
                reverse("casusoverleg:koppelverzoek", args=[verzoek.public_id]),
                {"besluit": "akkoord"},
            ).status_code
            == 404
        )
    for wie in (buitenstaander, politie):
        client.force_login(wie)
        assert (
            client.post(
                reverse("casusoverleg:koppelverzoek-create", args=[nieuw.public_id]),
                {"verzoek": "x"},
            ).status_code
            == 404
        )
    verzoek.refresh_from_db()
    assert verzoek.status == "wacht_op_antwoord"


def test_the_backfill_gives_existing_cases_their_keys_with_the_key_in_the_settings(oud):
    import importlib

    from django.apps import apps

    migratie = importlib.import_module("casusoverleg.migrations.0021_backfill_persoonssleutels")
    Persoonssleutel.objects.all().delete()
    with override_settings(PERSOON_SLEUTEL="sleutel-bij-de-migratie"):
        migratie.backfill(apps, None)
    assert set(Persoonssleutel.objects.filter(casus=oud).values_list("sleutel", flat=True)) == {
        persoonssleutel(n, GEBOREN, sleutel="sleutel-bij-de-migratie")
        for n in ("Popescu, Anna-Maria", "Ani", "Maria P.")
    }


def test_a_match_in_ones_own_organisation_names_the_case_and_asks_no_one(client, coordinator):
    """Both cases are coordinated by the user's own organisation, which reads both: the
    hint names the earlier case and links to it; no request goes out to themselves."""
    from django.core.exceptions import ValidationError

    eerder = make_casus(coordinator, naam="Popescu, Anna-Maria", geboortedatum=GEBOREN)
    later = make_casus(coordinator, naam="Anna Maria Popescu", geboortedatum=GEBOREN)
    client.force_login(coordinator)
    html = client.get(reverse("casusoverleg:casus-detail", args=[later.public_id])).content.decode()
    assert f"casus {eerder.nummer} van uw eigen organisatie" in html
    assert reverse("casusoverleg:casus-detail", args=[eerder.public_id]) in html
    assert reverse("casusoverleg:koppelverzoek-create", args=[later.public_id]) not in html
    with pytest.raises(ValidationError):
        koppelverzoek_send(ctx=AuditContext.system(coordinator), van_casus=later, casus=eerder)
    assert not Koppelverzoek.objects.exists()
