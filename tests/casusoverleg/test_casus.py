import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casusoverleg.geo import EU_LANDEN, Herkomst, herkomst
from casusoverleg.models import AuditEvent, Behoefte, Casus, Wijziging
from casusoverleg.models.casus import add_years, minor_cutoff
from tests.factories import make_casus

TODAY = timezone.localdate()


def _form(**overrides):
    data = {
        "naam": "Mira Voorbeeld",
        "aliassen": "",
        "geboortedatum": "2001-05-17",
        "geschat_geboortejaar": "",
        "geslacht": "vrouw",
        "nationaliteit": "RO",
        "talen": "Roemeens",
        "veilig_contact": "Alleen via de opvang",
        "datum_eerste_signaal": "2026-01-10",
        "vormen": ["seksueel", "crimineel"],
    }
    data.update(overrides)
    return data


def test_coordinator_opens_a_case(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("casusoverleg:casus-create"), _form())
    assert response.status_code == 302
    casus = Casus.objects.get()
    assert response.url == f"/casussen/{casus.public_id}/"
    assert casus.nummer == f"NVM-{TODAY.year}-000001"
    assert casus.coordinator == coordinator
    assert sorted(casus.uitbuitingsvormen.values_list("vorm", flat=True)) == [
        "crimineel",
        "seksueel",
    ]
    assert casus.herkomst == Herkomst.EU
    assert casus.deelnames.get().rol == "coordinator"
    assert casus.public_id not in (str(casus.pk), casus.nummer) and len(casus.public_id) >= 20
    assert AuditEvent.objects.filter(actie="aanmaken", casus_public_id=casus.public_id).exists()


def test_case_numbers_follow_each_other(coordinator):
    first, second = make_casus(coordinator), make_casus(coordinator)
    assert (first.nummer, second.nummer) == (
        f"NVM-{TODAY.year}-000001",
        f"NVM-{TODAY.year}-000002",
    )
    assert first.public_id != second.public_id


def test_only_coordinators_open_cases(client, politie):
    client.force_login(politie)
    assert client.get(reverse("casusoverleg:casus-create")).status_code == 403
    assert client.post(reverse("casusoverleg:casus-create"), _form()).status_code == 403
    assert not Casus.objects.exists()


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        (
            {"geboortedatum": (TODAY + datetime.timedelta(days=1)).isoformat()},
            "geboortedatum",
            "Een geboortedatum kan niet in de toekomst liggen.",
        ),
        ({"geboortedatum": "1890-01-01"}, "geboortedatum", "onmogelijke leeftijd"),
        (
            {"geboortedatum": "", "geschat_geboortejaar": "1850"},
            "geschat_geboortejaar",
            "Vul een geboortejaar tussen",
        ),
        ({"geschat_geboortejaar": "2001"}, "geschat_geboortejaar", "niet allebei"),
        ({"nationaliteit": "XX"}, "nationaliteit", "Onbekende nationaliteit"),
        ({"naam": ""}, "naam", "Dit veld is verplicht."),
        ({"vormen": []}, "vormen", "Kies ten minste één vorm van uitbuiting."),
        ({"datum_eerste_signaal": "2000-01-01"}, "datum_eerste_signaal", "vóór de geboortedatum"),
        (
            {"datum_eerste_signaal": (TODAY + datetime.timedelta(days=3)).isoformat()},
            "datum_eerste_signaal",
            "in de toekomst",
        ),
        ({"geboortedatum": "31-02-2001"}, "geboortedatum", "geldige datum"),
    ],
)
def test_bad_input_gives_a_dutch_error_on_the_field_and_saves_nothing(
    client, coordinator, overrides, field, message
):
    client.force_login(coordinator)
    response = client.post(reverse("casusoverleg:casus-create"), _form(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert f'id="id_{field}_error"' in response.content.decode() or field == "vormen"
    assert not Casus.objects.exists()
    assert not AuditEvent.objects.filter(actie="aanmaken", object_type="casus").exists()


def test_a_correction_of_personal_data_keeps_the_old_value_in_the_history(
    client, coordinator, politie, buitenstaander
):
    """GDPR art. 16: a correction can be traced. The previous value of the person's
    identifying data is kept in the case's history, for the case's participants
    only; a change of anything else (the status) records the field, not its value;
    the audit row names fields, never values."""
    casus = make_casus(
        coordinator, deelnemers=[politie.organisatie], naam="Oude Naam", geboortedatum=None
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("casusoverleg:casus-edit", args=[casus.public_id]),
        _form(naam="Nieuwe Naam", status="in_behandeling"),
    )
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.naam == "Nieuwe Naam" and casus.status == "in_behandeling"
    wijziging = Wijziging.objects.filter(casus=casus).first()
    assert "naam" in wijziging.velden and "status" in wijziging.velden
    assert wijziging.vorige_waarden["naam"] == "Oude Naam"
    assert wijziging.vorige_waarden["geboortedatum"] == "–"  # it had none
    assert "status" not in wijziging.vorige_waarden  # not the person's data
    event = AuditEvent.objects.filter(actie="wijzigen").get()
    assert "Oude Naam" not in str(event.detail) and "Nieuwe Naam" not in str(event.detail)

    geschiedenis = reverse("casusoverleg:geschiedenis", args=[casus.public_id])
    client.force_login(politie)
    html = client.get(geschiedenis).content.decode()
    assert "Casusgegevens" in html and "naam: Oude Naam" in html
    client.force_login(buitenstaander)
    assert client.get(geschiedenis).status_code == 404


def test_a_failed_edit_changes_nothing(client, coordinator):
    casus = make_casus(coordinator, naam="Blijft Staan")
    client.force_login(coordinator)
    response = client.post(
        reverse("casusoverleg:casus-edit", args=[casus.public_id]),
        _form(naam="Nieuw", nationaliteit="ZZ", status="open"),
    )
    assert response.status_code == 200
    casus.refresh_from_db()
    assert casus.naam == "Blijft Staan"
    assert not Wijziging.objects.filter(casus=casus, onderwerp="Casusgegevens").exists()


def test_needs_need_a_participating_owner_and_a_reason_when_impossible(
    client, coordinator, politie, zorg
):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    client.force_login(politie)
    url = reverse("casusoverleg:behoefte-create", args=[casus.public_id])
    response = client.post(
        url, {"type": "opvang", "eigenaar": zorg.organisatie.pk, "status": "open"}
    )
    assert "eigenaar" in response.context["form"].errors
    response = client.post(
        url, {"type": "opvang", "eigenaar": politie.organisatie.pk, "status": "niet_mogelijk"}
    )
    assert response.context["form"].errors["reden_niet_mogelijk"] == [
        "Geef aan waarom deze behoefte niet mogelijk is."
    ]
    assert not Behoefte.objects.exists()

    response = client.post(
        url,
        {
            "type": "opvang",
            "eigenaar": politie.organisatie.pk,
            "status": "niet_mogelijk",
            "reden_niet_mogelijk": "Geen plek in de regio",
        },
    )
    assert response.status_code == 302
    behoefte = Behoefte.objects.get()
    response = client.post(
        reverse("casusoverleg:behoefte-edit", args=[casus.public_id, behoefte.pk]),
        {"type": "opvang", "eigenaar": politie.organisatie.pk, "status": "geregeld"},
    )
    assert response.status_code == 302
    behoefte.refresh_from_db()
    assert behoefte.status == "geregeld" and behoefte.reden_niet_mogelijk == ""


def test_need_of_another_case_is_not_found(client, coordinator, politie):
    eigen = make_casus(coordinator, deelnemers=[politie.organisatie])
    ander = make_casus(coordinator)
    from casusoverleg.audit import AuditContext
    from casusoverleg.services import behoefte_add

    behoefte = behoefte_add(
        ctx=AuditContext.system(coordinator),
        casus=ander,
        data={"type": "medisch", "eigenaar": coordinator.organisatie, "status": "open"},
    )
    client.force_login(politie)
    url = reverse("casusoverleg:behoefte-edit", args=[eigen.public_id, behoefte.pk])
    assert client.get(url).status_code == 404


# Derived categories -------------------------------------------------------------


def test_minor_and_eighteenth_birthday_are_derived(coordinator):
    geboren = add_years(TODAY, -18) + datetime.timedelta(days=40)
    casus = make_casus(
        coordinator, geboortedatum=geboren, datum_eerste_signaal=TODAY - datetime.timedelta(days=10)
    )
    assert casus.minderjarig_nu is True
    assert casus.minderjarig_bij_eerste_signaal is True
    assert casus.achttiende_verjaardag == add_years(geboren, 18)
    assert casus.leeftijd() == 17


def test_adult_who_was_a_minor_at_the_first_signal(coordinator):
    geboren = add_years(TODAY, -19)
    casus = make_casus(
        coordinator, geboortedatum=geboren, datum_eerste_signaal=add_years(TODAY, -2)
    )
    assert casus.minderjarig_nu is False
    assert casus.minderjarig_bij_eerste_signaal is True
    assert casus.achttiende_verjaardag is None


def test_estimated_birth_year_presumes_minority_in_the_year_of_doubt(coordinator):
    casus = make_casus(coordinator, geschat_geboortejaar=TODAY.year - 18)
    assert casus.minderjarig_nu is True
    casus.geschat_geboortejaar = TODAY.year - 19
    assert casus.minderjarig_nu is False


def test_unknown_age_is_unknown(coordinator):
    casus = make_casus(coordinator)
    assert casus.minderjarig_nu is None and casus.leeftijd() is None


@pytest.mark.parametrize(
    "code,expected",
    [
        ("NL", Herkomst.NL),
        ("RO", Herkomst.EU),
        ("BG", Herkomst.EU),
        ("NG", Herkomst.BUITEN_EU),
        ("GB", Herkomst.BUITEN_EU),
        ("", Herkomst.ONBEKEND),
    ],
)
def test_origin_is_derived_from_nationality(code, expected):
    assert herkomst(code) == expected


def test_eu_list_has_the_27_member_states():
    assert len(EU_LANDEN) == 27 and "NL" in EU_LANDEN and "GB" not in EU_LANDEN


@pytest.mark.parametrize(
    "on",
    [
        datetime.date(2026, 2, 28),
        datetime.date(2026, 3, 1),
        datetime.date(2028, 2, 29),
        datetime.date(2027, 2, 28),
        datetime.date(2026, 12, 31),
        datetime.date(2026, 1, 1),
    ],
)
def test_minor_rule_in_python_and_in_the_query_agree_around_birthdays(coordinator, on):
    births = [add_years(on, -18) + datetime.timedelta(days=d) for d in range(-3, 4)]
    births += [
        datetime.date(2008, 2, 29),
        datetime.date(2010, 2, 28),
        datetime.date(2010, 3, 1),
        datetime.date(2009, 2, 28),
        datetime.date(2009, 3, 1),
        datetime.date(2010, 2, 27),
    ]
    cases = [make_casus(coordinator, geboortedatum=b) for b in births]
    minors_sql = set(Casus.objects.minderjarig(on).values_list("pk", flat=True))
    adults_sql = set(Casus.objects.meerderjarig(on).values_list("pk", flat=True))
    for casus in cases:
        assert (casus.pk in minors_sql) == casus.is_minderjarig(on), casus.geboortedatum
        assert (casus.pk in adults_sql) != casus.is_minderjarig(on)
        # The rule itself: a minor until the 18th birthday (29 Feb -> 28 Feb).
        assert casus.is_minderjarig(on) == (on < add_years(casus.geboortedatum, 18))


def test_minor_cutoff_on_leap_day():
    assert minor_cutoff(datetime.date(2026, 2, 28)) == datetime.date(2008, 2, 29)
    assert minor_cutoff(datetime.date(2028, 2, 29)) == datetime.date(2010, 2, 28)


# List, filters and search ---------------------------------------------------------


def test_list_shows_only_the_users_cases_with_filters_and_search(client, coordinator, politie):
    mijn = make_casus(
        coordinator,
        deelnemers=[politie.organisatie],
        naam="Ilse Zoekbaar",
        geboortedatum=datetime.date(2010, 4, 3),
        vormen=["seksueel"],
    )
    volwassen = make_casus(
        coordinator,
        deelnemers=[politie.organisatie],
        naam="Piet Volwassen",
        geboortedatum=datetime.date(1990, 1, 1),
        vormen=["arbeid"],
    )
    niet_mijn = make_casus(coordinator, naam="Geheime Naam")
    client.force_login(politie)
    url = reverse("casusoverleg:casus-list")

    def numbers(**params):
        # The search is posted and followed to the list URL (casusoverleg.zoeken).
        if "q" in params:
            response = client.post(url, params, follow=True)
        else:
            response = client.get(url, params)
        assert response.status_code == 200
        return {c.nummer for c in response.context["page"].object_list}

    assert numbers() == {mijn.nummer, volwassen.nummer}
    assert "Geheime Naam" not in client.get(url).content.decode()
    assert numbers(q="zoekbaar") == {mijn.nummer}
    assert numbers(q="03-04-2010") == {mijn.nummer}
    assert numbers(q=volwassen.nummer) == {volwassen.nummer}
    assert numbers(q=niet_mijn.nummer) == set()
    assert numbers(q="Geheime") == set()
    assert numbers(minderjarig="ja") == {mijn.nummer}
    assert numbers(minderjarig="nee") == {volwassen.nummer}
    assert numbers(vorm="arbeid") == {volwassen.nummer}
    assert numbers(status="gesloten") == set()
    assert numbers(coordinator=coordinator.pk) == {mijn.nummer, volwassen.nummer}


def test_open_needs_filter(client, coordinator):
    from casusoverleg.audit import AuditContext
    from casusoverleg.services import behoefte_add

    met = make_casus(coordinator)
    zonder = make_casus(coordinator)
    behoefte_add(
        ctx=AuditContext.system(coordinator),
        casus=met,
        data={"type": "juridisch", "eigenaar": coordinator.organisatie, "status": "open"},
    )
    client.force_login(coordinator)
    url = reverse("casusoverleg:casus-list")
    ja = {c.pk for c in client.get(url, {"open_behoeften": "ja"}).context["page"].object_list}
    nee = {c.pk for c in client.get(url, {"open_behoeften": "nee"}).context["page"].object_list}
    assert ja == {met.pk} and nee == {zonder.pk}


def test_bad_filter_values_do_not_break_the_list(client, coordinator):
    make_casus(coordinator)
    client.force_login(coordinator)
    url = reverse("casusoverleg:casus-list")
    response = client.get(url, {"status": "kapot", "coordinator": "abc", "pagina": "999"})
    assert response.status_code == 200
    response = client.post(url, {"status": "kapot", "q": "x" * 500})
    assert response.status_code == 400
    assert response.context["form"].errors["q"]


def test_search_is_audited_without_the_search_term(client, coordinator):
    make_casus(coordinator, naam="Zoek Mij")
    client.force_login(coordinator)
    client.post(reverse("casusoverleg:casus-list"), {"q": "Zoek Mij"}, follow=True)
    event = AuditEvent.objects.filter(actie="zoeken").get()
    assert "zoek mij" not in str(event.detail).lower()
    assert "mij" not in str(list(event.detail.values())).lower()
    assert len(event.detail["zoekterm"]) == 32


def _list_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("casusoverleg:casus-list"))
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_list_query_count_does_not_grow_with_the_number_of_cases(client, coordinator, politie):
    from casusoverleg.audit import AuditContext
    from casusoverleg.services import behoefte_add

    def add(n):
        for _ in range(n):
            casus = make_casus(
                coordinator,
                deelnemers=[politie.organisatie],
                vormen=["arbeid", "seksueel"],
                geboortedatum=datetime.date(2000, 1, 1),
            )
            behoefte_add(
                ctx=AuditContext.system(coordinator),
                casus=casus,
                data={"type": "opvang", "eigenaar": politie.organisatie, "status": "open"},
            )

    add(1)
    one, response = _list_queries(client, politie)
    assert len(response.context["page"].object_list) == 1
    add(49)
    fifty, response = _list_queries(client, politie)
    assert len(response.context["page"].object_list) == 25
    assert one == fifty
    # PostgreSQL takes the audit chain's lock in a query of its own; the header's
    # count of unread notifications is one more on every page.
    assert fifty <= 13 + (connection.vendor == "postgresql")


def test_detail_query_count_does_not_grow_with_needs_and_participants(
    client, coordinator, politie, zorg
):
    from casusoverleg.audit import AuditContext
    from casusoverleg.services import behoefte_add

    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    url = reverse("casusoverleg:casus-detail", args=[casus.public_id])
    client.force_login(politie)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    from casusoverleg.services import deelname_add

    deelname_add(ctx=AuditContext.system(coordinator), casus=casus, organisatie=zorg.organisatie)
    for type_ in ("opvang", "medisch", "juridisch", "verblijf"):
        behoefte_add(
            ctx=AuditContext.system(coordinator),
            casus=casus,
            data={"type": type_, "eigenaar": zorg.organisatie, "status": "open"},
        )
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)


def test_a_need_belongs_to_an_organisation_taking_part(coordinator, politie, zorg):
    """The owner of a need takes part in the case: another organisation is refused
    and nothing is saved."""
    from casusoverleg.audit import AuditContext
    from casusoverleg.models import Behoefte
    from casusoverleg.services import behoefte_add

    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    with pytest.raises(ValidationError) as refused:
        behoefte_add(
            ctx=AuditContext.system(coordinator),
            casus=casus,
            data={"type": "opvang", "eigenaar": zorg.organisatie, "status": "open"},
        )
    assert "eigenaar" in refused.value.message_dict
    assert not Behoefte.objects.filter(casus=casus).exists()
