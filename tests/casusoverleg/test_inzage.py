"""The person's right of access (issue 17, point 5): the coordinator makes, for one
person, an export of everything the application holds about them, as PDF and
JSON, recorded. It holds every kind of record of that person and nothing of
another person, not even of the other item of the same meeting; withheld
information stays out; anyone but the coordinator gets a 404, audited."""

import datetime
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from advies.services import advies_draft, standpunten_voorstel
from casusoverleg import inzage
from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Behoefte, Wijziging
from casusoverleg.services import behoefte_add
from identificatie import services as identificatie
from identificatie.flows import IdentificatieFlow
from tests.advies.conftest import ADVIES, beoordeel, melding_meld, open_taak, review
from tests.factories import UserFactory, make_casus, make_signaal
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, start
from wegwijzer.services import doorverwijzing_voorstellen
from zorgtafel import services as zorgtafel

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()

#: Every part the export must hold: drop a registration and this test fails.
ONDERDELEN = {
    "casus",
    "behoeften",
    "deelnames",
    "termijnen",
    "signalen",
    "melding",
    "beoordelingen",
    "adviezen",
    "zorgtafels",
    "doorverwijzingen",
    "wijzigingen",
    "audittrail",
}


def ctx(user):
    return AuditContext.system(user)


def _persoon(naam, coordinator, coordinator2, politie, zorg, jeugdzorg, *, adopt):
    """A case with a record of every kind, each text carrying ``naam``'s tag."""
    tag = naam.split()[0]
    casus = make_casus(
        coordinator,
        naam=naam,
        geboortedatum=datetime.date(2000, 1, 2),
        deelnemers=[politie.organisatie, zorg.organisatie],
    )
    behoefte_add(
        ctx=ctx(coordinator),
        casus=casus,
        data={
            "type": Behoefte.Type.OPVANG,
            "eigenaar": zorg.organisatie,
            "toelichting": f"Behoefte van {tag}",
        },
    )
    signaal = make_signaal(politie, observatie=f"Signaal over {tag}", naam=naam)
    identificatie.signaal_attach(ctx=ctx(politie), signaal=signaal, casus=casus)
    proces = identificatie.proces_start(
        ctx=ctx(coordinator),
        casus=casus,
        organisaties=[politie.organisatie, zorg.organisatie],
        deadline=TODAY + datetime.timedelta(days=14),
    )
    melding_meld(casus, coordinator)
    beoordeel(
        politie,
        proces,
        feiten=f"Feiten over {tag}",
        achtergehouden=f"Geheim over {tag}",
        achtergehouden_reden="Lopend onderzoek",
        achtergehouden_grondslag="Wpg art. 19",
    )
    beoordeel(zorg, proces, feiten=f"Zorgfeiten over {tag}")
    taak = open_taak(proces, IdentificatieFlow.zorgtafel)
    identificatie.taak_claim(ctx=ctx(coordinator), taak=taak)
    identificatie.zorgtafel_uitkomst_record(ctx=ctx(coordinator), taak=taak, uitkomst="Advies.")
    taak = open_taak(proces, IdentificatieFlow.opstellen)
    identificatie.taak_claim(ctx=ctx(coordinator), taak=taak)
    advies_draft(
        ctx=ctx(coordinator),
        taak=taak,
        data={**ADVIES, "onderbouwing": f"Onderbouwing over {tag}"},
        standpunten=standpunten_voorstel(proces),
        indienen=True,
    )
    if adopt:
        review(coordinator2, proces)
    doorverwijzing_voorstellen(
        ctx=ctx(coordinator),
        casus=casus,
        organisatie=jeugdzorg.organisatie,
        motivatie=f"Verwijzing voor {tag}",
    )
    return casus


@pytest.fixture
def twee_personen(coordinator, coordinator2, politie, zorg, jeugdzorg, indicatorlijst):
    """Zylqa and Vorbex, each a case with every kind of record, discussed at one meeting."""
    anna = _persoon(
        "Zylqa Eerstepersoon", coordinator, coordinator2, politie, zorg, jeugdzorg, adopt=True
    )
    bram = _persoon(
        "Vorbex Tweedepersoon", coordinator, coordinator2, politie, zorg, jeugdzorg, adopt=False
    )
    vergadering = plan(coordinator, [anna, bram])
    bevestig(vergadering, coordinator, politie, zorg)
    vergadering = start(vergadering, coordinator)
    for punt in vergadering.agendapunten.select_related("casus"):
        tag = punt.casus.naam.split()[0]
        zorgtafel.notule_add(ctx=ctx(coordinator), agendapunt=punt, tekst=f"Notulen over {tag}")
        zorgtafel.besluit_record(
            ctx=ctx(coordinator), agendapunt=punt, besluit=f"Besluit over {tag}", uitkomst="vervolg"
        )
        zorgtafel.actiepunt_add(
            ctx=ctx(coordinator),
            agendapunt=punt,
            omschrijving=f"Actie voor {tag}",
            eigenaar=zorg.organisatie,
            deadline=TODAY + datetime.timedelta(days=7),
        )
    return anna, bram


def _tekst(onderdelen) -> str:
    return json.dumps({d.sleutel: d.rijen for d in onderdelen}, ensure_ascii=False)


def test_the_export_holds_every_kind_of_record_of_the_person_and_nothing_of_another(
    twee_personen,
):
    anna, bram = twee_personen
    delen = {d.sleutel: d for d in inzage.onderdelen(casus=anna)}
    assert set(delen) == ONDERDELEN
    for sleutel, deel in delen.items():
        assert deel.rijen, f"empty part: {sleutel}"

    def has(sleutel, tekst):
        return tekst in _tekst([delen[sleutel]])

    assert has("casus", "Zylqa Eerstepersoon")
    assert has("casus", "2 januari 2000")
    assert has("behoeften", "Behoefte van Zylqa")
    assert has("signalen", "Signaal over Zylqa")
    assert has("melding", "Ingediend bij CoMensha")
    assert has("beoordelingen", "Feiten over Zylqa")
    assert has("beoordelingen", "Zorgfeiten over Zylqa")
    assert has("adviezen", "Onderbouwing over Zylqa")
    assert has("adviezen", "Vastgesteld")
    assert has("adviezen", anna.adviezen.get().pdf_sha256)
    assert has("zorgtafels", "Notulen over Zylqa")
    assert has("zorgtafels", "Besluit over Zylqa")
    assert has("zorgtafels", "Actie voor Zylqa")
    assert has("doorverwijzingen", "Verwijzing voor Zylqa")
    assert has("deelnames", "Politie Voorbeeld")
    assert has("wijzigingen", "Signaal gekoppeld")
    assert has("audittrail", "Aanmaken")

    alles = _tekst(delen.values())
    for van_bram in ("Vorbex", "Tweedepersoon", bram.nummer):
        assert van_bram not in alles
    # Withheld information stays out; the coordinator is told what was left out.
    assert "Geheim over Zylqa" not in alles
    assert "Lopend onderzoek" not in alles
    assert any("Politie Voorbeeld" in regel for regel in delen["beoordelingen"].achtergehouden)


def test_no_choice_code_or_raw_date_reaches_the_export(twee_personen):
    anna, _ = twee_personen
    alles = _tekst(inzage.onderdelen(casus=anna))
    for code in ('"vrouw"', '"opvang"', '"in_review"', '"vastgesteld"', '"wettelijke_taak"'):
        assert code not in alles
    assert not re.search(r"\d{4}-\d{2}-\d{2}", alles)


def test_coordinator_downloads_json_and_pdf_audited_and_in_the_history(
    twee_personen, coordinator, login
):
    anna, _ = twee_personen
    client = login(coordinator)
    pagina = client.get(reverse("casusoverleg:inzage", args=[anna.public_id]))
    assert pagina.status_code == 200
    assert "Wpg art. 19" in pagina.content.decode()  # the warning on what was left out
    assert "Geheim over Zylqa" not in pagina.content.decode()

    response = client.post(reverse("casusoverleg:inzage-json", args=[anna.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="inzage-{anna.nummer}.json"'
    data = json.loads(response.content)
    assert data["casus"] == anna.nummer
    assert set(data["onderdelen"]) == ONDERDELEN
    assert "Zylqa Eerstepersoon" in json.dumps(data, ensure_ascii=False)

    response = client.post(reverse("casusoverleg:inzage-pdf", args=[anna.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Zylqa" not in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Zylqa Eerstepersoon" in tekst
    assert anna.nummer in reader.pages[0].extract_text()
    assert "Notulen over Zylqa" in tekst
    assert "Vorbex" not in tekst

    exports = AuditEvent.objects.filter(
        casus_public_id=anna.public_id, actie="exporteren", object_type="inzage"
    )
    assert sorted(e.detail["formaat"] for e in exports) == ["json", "pdf"]
    assert all(e.gebruiker == coordinator for e in exports)
    onderwerpen = list(
        Wijziging.objects.filter(casus=anna, onderwerp__startswith="Inzage-export").values_list(
            "onderwerp", flat=True
        )
    )
    assert sorted(onderwerpen) == ["Inzage-export gemaakt (JSON)", "Inzage-export gemaakt (PDF)"]


@pytest.mark.parametrize("wie", ["politie", "buitenstaander", "collega"])
def test_anyone_but_the_coordinator_gets_404_audited(
    twee_personen, wie, politie, buitenstaander, coordinator, login
):
    anna, _ = twee_personen
    user = {
        "politie": politie,  # takes part, does not coordinate
        "buitenstaander": buitenstaander,
        # the coordinating organisation, without the coordinator's role
        "collega": UserFactory(username="collega", organisatie=coordinator.organisatie),
    }[wie]
    client = login(user)
    assert client.get(reverse("casusoverleg:inzage", args=[anna.public_id])).status_code == 404
    for formaat in ("pdf", "json"):
        url = reverse(f"casusoverleg:inzage-{formaat}", args=[anna.public_id])
        assert client.post(url).status_code == 404
    geweigerd = AuditEvent.objects.filter(
        casus_public_id=anna.public_id, uitkomst="geweigerd", gebruiker=user
    )
    assert geweigerd.count() == 3
    assert not AuditEvent.objects.filter(
        casus_public_id=anna.public_id, actie="exporteren", object_type="inzage"
    ).exists()


def test_the_case_page_links_the_export_for_the_coordinator_only(
    twee_personen, coordinator, politie, login
):
    anna, _ = twee_personen
    url = reverse("casusoverleg:inzage", args=[anna.public_id])
    detail = reverse("casusoverleg:casus-detail", args=[anna.public_id])
    assert url in login(coordinator).get(detail).content.decode()
    assert url not in login(politie).get(detail).content.decode()


def test_every_field_of_the_case_and_a_signal_is_in_the_export_or_named_technical():
    """A new field on the case or a signal must reach the person's export (or be
    named here as bookkeeping that says nothing about the person)."""
    from casusoverleg.inzage import CASUS_VELDEN
    from casusoverleg.models import Casus
    from identificatie.inzage import SIGNAAL_VELDEN
    from identificatie.models import Signaal

    technisch = {"id", "public_id", "updated_at", "created_at"}
    casus = {f.name for f in Casus._meta.concrete_fields} - technisch
    assert casus <= set(CASUS_VELDEN), sorted(casus - set(CASUS_VELDEN))
    # The signal's case, list version and follow-up bookkeeping are the case's or the
    # application's; its key of name and birth date is a hash, not the person's data.
    signaal = {f.name for f in Signaal._meta.concrete_fields} - technisch - {
        "casus", "lijst", "reden_afsluiten", "gedeeld_op", "afgehandeld_door", "persoonssleutel",
    }  # fmt: skip
    assert signaal <= set(SIGNAAL_VELDEN), sorted(signaal - set(SIGNAAL_VELDEN))
