"""The report to CoMensha inside the application: the coordinator (or the signalling
organisation) submits it, CoMensha sees it at once and registers it, and the
registration number comes back on the case."""

import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Meldingsoort
from casusoverleg.models import Melding as Notificatie
from identificatie.models import Melding
from identificatie.services import (
    EXPORT_FIELDS,
    EXPORT_KOPPEN,
    melding_create,
    melding_decline,
    melding_prefill,
    melding_register,
    melding_submit,
)
from tests.factories import UserFactory, make_casus

TODAY = timezone.localdate()


@pytest.fixture
def casus(coordinator, politie):
    return make_casus(
        coordinator,
        deelnemers=[politie.organisatie],
        naam="Geheime Naam",
        nationaliteit="BG",
        geboortedatum=TODAY.replace(year=TODAY.year - 30),
        vormen=("arbeid", "crimineel"),
        datum_eerste_signaal=TODAY,
    )


def _melding(casus):
    return Melding.objects.get(casus=casus)


def _submit(casus, user):
    return melding_submit(ctx=AuditContext.system(user), melding=_melding(casus))


def _register(melding, comensha, nummer="CM-2026-0042"):
    return melding_register(
        ctx=AuditContext.system(comensha), melding=melding, registratienummer=nummer
    )


def test_report_is_prefilled_with_only_what_comensha_registers(casus, coordinator):
    melding = melding_prefill(casus=casus)
    assert melding.status == "te_melden"
    assert melding.vormen == ["arbeid", "crimineel"]
    assert melding.herkomstland.code == "BG" and melding.leeftijd == 30
    assert melding.meldende_organisatie == coordinator.organisatie
    assert melding_create(casus=casus) == melding == melding_prefill(casus=casus)


def test_opening_a_case_makes_its_report_due_and_tells_the_coordinator(
    coordinator, politie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    assert _melding(casus).status == Melding.Status.TE_MELDEN
    due = Notificatie.objects.filter(soort=Meldingsoort.MELDING_TE_MAKEN)
    assert list(due.values_list("ontvanger", flat=True)) == [coordinator.pk]
    assert casus.naam not in due.get().tekst


def test_submitting_puts_the_report_in_comensha_inbox_at_once_and_nobody_elses(
    client, casus, coordinator, comensha, politie, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    url = reverse("identificatie:casus-melding", args=[casus.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"actie": "indienen"})
    assert response.status_code == 302
    melding = _melding(casus)
    assert melding.status == Melding.Status.INGEDIEND
    assert melding.gemeld_door == coordinator and melding.gemeld_op == TODAY
    ontvangen = Notificatie.objects.filter(soort=Meldingsoort.MELDING_ONTVANGEN)
    assert list(ontvangen.values_list("ontvanger", flat=True)) == [comensha.pk]

    client.force_login(comensha)
    inbox = client.get(reverse("identificatie:comensha-meldingen")).content.decode()
    assert casus.nummer in inbox and "Geheime Naam" not in inbox
    for user in (coordinator, politie):
        client.force_login(user)
        assert client.get(reverse("identificatie:comensha-meldingen")).status_code == 403
        detail = reverse("identificatie:comensha-melding", args=[melding.public_id])
        assert client.get(detail).status_code == 404
    assert AuditEvent.objects.filter(
        uitkomst="geweigerd", object_type="melding", object_id=melding.public_id
    ).exists()


def test_comensha_cannot_see_a_report_not_yet_submitted(client, casus, comensha):
    melding = _melding(casus)
    client.force_login(comensha)
    inbox = client.get(reverse("identificatie:comensha-meldingen")).content.decode()
    assert casus.nummer not in inbox
    detail = reverse("identificatie:comensha-melding", args=[melding.public_id])
    assert client.get(detail).status_code == 404
    export = client.get(reverse("identificatie:comensha-meldingen-export", args=["json"]))
    assert json.loads(export.content) == []


def test_comensha_does_not_see_an_exception_either(casus, coordinator, comensha):
    melding_decline(
        ctx=AuditContext.system(coordinator),
        melding=_melding(casus),
        reden="geen_toestemming",
        toelichting="Geen toestemming; geen wettelijke taak om te delen.",
    )
    from identificatie.permissions import meldingen_for_comensha

    assert not meldingen_for_comensha(user=comensha).exists()


def test_the_signalling_organisation_may_submit_another_participant_may_not(
    casus, politie, zorg, coordinator
):
    Melding.objects.filter(casus=casus).update(meldende_organisatie=politie.organisatie)
    from casusoverleg.services import deelname_add

    deelname_add(ctx=AuditContext.system(coordinator), casus=casus, organisatie=zorg.organisatie)
    with pytest.raises(PermissionDenied):
        _submit(casus, zorg)
    assert _submit(casus, politie).status == Melding.Status.INGEDIEND


def test_a_closed_case_takes_no_report_nor_exception_even_from_its_signaller(
    client, casus, coordinator
):
    """The coordinating organisation keeps reading a closed case; when it is also the
    signalling organisation, that must not reopen the report to writes."""
    from casusoverleg.services import casus_sluiten

    Melding.objects.filter(casus=casus).update(meldende_organisatie=coordinator.organisatie)
    casus_sluiten(ctx=AuditContext.system(coordinator), casus=casus, reden="geen_slachtoffer")
    for schrijf in (
        lambda: _submit(casus, coordinator),
        lambda: melding_decline(
            ctx=AuditContext.system(coordinator),
            melding=_melding(casus),
            reden="geen_toestemming",
            toelichting="Art. 6 AVG.",
        ),
    ):
        with pytest.raises(PermissionDenied):
            schrijf()
    client.force_login(coordinator)
    page = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    assert "nog niet gemeld bij CoMensha" not in page.content.decode()
    assert _melding(casus).status == Melding.Status.TE_MELDEN


def test_a_participant_who_may_not_submit_gets_no_buttons_and_a_403(client, casus, politie):
    client.force_login(politie)
    url = reverse("identificatie:casus-melding", args=[casus.public_id])
    page = client.get(url)
    assert page.status_code == 200 and "Melding indienen" not in page.content.decode()
    assert client.post(url, {"actie": "indienen"}).status_code == 403
    assert _melding(casus).status == Melding.Status.TE_MELDEN


def test_outsiders_get_404_on_the_report_page(client, casus, buitenstaander, comensha):
    url = reverse("identificatie:casus-melding", args=[casus.public_id])
    for user in (buitenstaander, comensha):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"actie": "indienen"}).status_code == 404
    assert _melding(casus).status == Melding.Status.TE_MELDEN


@pytest.mark.parametrize(
    "data,field",
    [
        ({}, "reden_niet_gemeld"),
        ({"reden_niet_gemeld": "geen_toestemming"}, "toelichting_niet_gemeld"),
        ({"reden_niet_gemeld": "verzonnen", "toelichting_niet_gemeld": "x"}, "reden_niet_gemeld"),
    ],
)
def test_an_exception_needs_a_reason_from_the_list_and_its_legal_basis(
    client, casus, coordinator, data, field
):
    client.force_login(coordinator)
    response = client.post(
        reverse("identificatie:casus-melding", args=[casus.public_id]),
        {"actie": "uitzondering", **data},
    )
    assert response.status_code == 400
    assert field in response.context["uitzondering"].errors
    assert _melding(casus).status == Melding.Status.TE_MELDEN


def test_a_submitted_report_cannot_be_turned_into_an_exception(casus, coordinator):
    _submit(casus, coordinator)
    with pytest.raises(ValidationError):
        melding_decline(
            ctx=AuditContext.system(coordinator),
            melding=_melding(casus),
            reden="al_gemeld",
            toelichting="Toch niet.",
        )
    with pytest.raises(ValidationError):
        _submit(casus, coordinator)


def test_registering_brings_the_number_back_on_the_case_and_tells_the_coordinator(
    client, casus, coordinator, comensha, politie, django_capture_on_commit_callbacks
):
    melding = _submit(casus, coordinator)
    client.force_login(comensha)
    url = reverse("identificatie:comensha-melding", args=[melding.public_id])
    assert "Registreren" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"registratienummer": " cm-2026-0042 "})
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.status == Melding.Status.GEREGISTREERD
    assert melding.registratienummer == "CM-2026-0042"
    assert melding.geregistreerd_door == comensha
    told = Notificatie.objects.filter(soort=Meldingsoort.MELDING_GEREGISTREERD)
    assert list(told.values_list("ontvanger", flat=True)) == [coordinator.pk]

    for user in (coordinator, politie):
        client.force_login(user)
        case_page = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
        assert "CM-2026-0042" in case_page.content.decode()
        report = client.get(reverse("identificatie:casus-melding", args=[casus.public_id]))
        assert "CM-2026-0042" in report.content.decode()


@pytest.mark.parametrize("nummer", ["", "x", "CM 2026", "<b>", "A" * 41])
def test_a_registration_number_is_validated(client, casus, coordinator, comensha, nummer):
    melding = _submit(casus, coordinator)
    client.force_login(comensha)
    url = reverse("identificatie:comensha-melding", args=[melding.public_id])
    response = client.post(url, {"registratienummer": nummer})
    assert response.status_code == 400
    assert "registratienummer" in response.context["form"].errors
    assert _melding(casus).status == Melding.Status.INGEDIEND


def test_a_registration_number_is_unique(casus, coordinator, comensha):
    _register(_submit(casus, coordinator), comensha, "CM-1")
    tweede = make_casus(coordinator)
    melding = _submit(tweede, coordinator)
    with pytest.raises(ValidationError) as error:
        _register(melding, comensha, "cm-1")
    assert "registratienummer" in error.value.message_dict
    assert _melding(tweede).status == Melding.Status.INGEDIEND


def test_only_comensha_registers(casus, coordinator, politie):
    melding = _submit(casus, coordinator)
    for user in (coordinator, politie):
        with pytest.raises(PermissionDenied):
            _register(melding, user)
    assert _melding(casus).status == Melding.Status.INGEDIEND


def test_comensha_cannot_register_a_draft(client, casus, comensha):
    melding = _melding(casus)
    with pytest.raises(PermissionDenied):
        _register(melding, comensha)
    client.force_login(comensha)
    url = reverse("identificatie:comensha-melding", args=[melding.public_id])
    assert client.post(url, {"registratienummer": "CM-9"}).status_code == 404


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_holds_exactly_the_registered_fields_and_no_name_or_birth_date(
    client, casus, coordinator, comensha, fmt
):
    _register(_submit(casus, coordinator), comensha)
    for user, url in [
        (coordinator, reverse("identificatie:casus-melding-export", args=[casus.public_id, fmt])),
        (comensha, reverse("identificatie:comensha-meldingen-export", args=[fmt])),
    ]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
        body = response.content.decode()
        if fmt == "json":
            data = json.loads(body)
            row = data if isinstance(data, dict) else data[0]
        else:
            rows = list(csv.DictReader(io.StringIO(body)))
            assert list(rows[0]) == [str(EXPORT_KOPPEN[veld]) for veld in EXPORT_FIELDS]
            row = {veld: rows[0][str(EXPORT_KOPPEN[veld])] for veld in EXPORT_FIELDS}
        assert list(row) == EXPORT_FIELDS
        assert row["casusnummer"] == casus.nummer
        assert row["registratienummer"] == "CM-2026-0042"
        assert "Geheime Naam" not in body and str(casus.geboortedatum) not in body
        assert casus.geboortedatum.strftime("%d-%m-%Y") not in body
    assert AuditEvent.objects.filter(actie="exporteren").count() == 2


def test_the_payload_comensha_receives_has_no_name_or_birth_date(
    client, casus, coordinator, comensha
):
    melding = _submit(casus, coordinator)
    assert "naam" not in EXPORT_FIELDS and "geboortedatum" not in EXPORT_FIELDS
    client.force_login(comensha)
    for url in (
        reverse("identificatie:comensha-meldingen"),
        reverse("identificatie:comensha-melding", args=[melding.public_id]),
    ):
        html = client.get(url).content.decode()
        assert casus.nummer in html
        assert "Geheime Naam" not in html
        assert casus.geboortedatum.strftime("%d-%m-%Y") not in html
        assert casus.geboortedatum.isoformat() not in html


def test_comensha_sees_nothing_of_the_case_itself(client, casus, coordinator, comensha):
    _submit(casus, coordinator)
    client.force_login(comensha)
    for url in (
        reverse("casusoverleg:casus-detail", args=[casus.public_id]),
        reverse("identificatie:casus-melding", args=[casus.public_id]),
    ):
        assert client.get(url).status_code == 404


def test_a_formula_in_a_registration_number_cannot_be_entered(casus, coordinator, comensha):
    melding = _submit(casus, coordinator)
    with pytest.raises(ValidationError):
        _register(melding, comensha, '=HYPERLINK("http://evil.example/")')


def test_mijn_taken_shows_the_report_to_submit_then_the_one_to_register(
    client, casus, coordinator, comensha, politie
):
    from casusoverleg import takenlijst

    def rijen(user, sleutel):
        secties = {s["sleutel"]: s for s in takenlijst.secties_voor(user=user)}
        return [r.casus for r in secties[sleutel]["rijen"]]

    assert rijen(coordinator, "meldingen-in-te-dienen") == [casus]
    assert rijen(politie, "meldingen-in-te-dienen") == []
    assert rijen(comensha, "meldingen-te-registreren") == []
    _submit(casus, coordinator)
    assert rijen(coordinator, "meldingen-in-te-dienen") == []
    assert rijen(comensha, "meldingen-te-registreren") == [casus]
    assert rijen(coordinator, "meldingen-te-registreren") == []
    client.force_login(comensha)
    html = client.get(reverse("identificatie:taken")).content.decode()
    assert casus.nummer in html
    _register(_melding(casus), comensha)
    assert rijen(comensha, "meldingen-te-registreren") == []


def test_the_signalling_organisation_sees_the_report_to_make_in_mijn_taken(
    casus, coordinator, politie
):
    from casusoverleg import takenlijst

    Melding.objects.filter(casus=casus).update(meldende_organisatie=politie.organisatie)
    collega = UserFactory(username="politie2", organisatie=politie.organisatie)
    for user in (politie, collega):
        secties = {s["sleutel"]: s for s in takenlijst.secties_voor(user=user)}
        assert [r.casus for r in secties["meldingen-in-te-dienen"]["rijen"]] == [casus]
