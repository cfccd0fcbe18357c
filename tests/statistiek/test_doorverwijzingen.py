"""Referrals in the project group's figures: outcome per kind of help, declined ones by
kind of reason, days to answer; counted by hand, small counts hidden, times only over
enough answers, the same values on the page, in the CSV and in the PDF, and nothing of
a person or of the free-text reason."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import F
from django.urls import reverse

from casusoverleg.audit import AuditContext
from casusoverleg.models import Behoefte
from casusoverleg.services import behoefte_add
from statistiek import cijfers
from tests.advies.test_pdf import text_of
from tests.factories import make_casus
from tests.wegwijzer.conftest import make_aanbod
from wegwijzer import services
from wegwijzer.models import Doorverwijzing, Hulpsoort

AMS = ZoneInfo("Europe/Amsterdam")
GEVRAAGD = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=AMS)
VANDAAG = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=AMS)
DASHBOARD = reverse("statistiek:dashboard")
K2 = {"periode": "kwartaal", "kwartaal": "2026-K2"}
TOELICHTING = "Geheime toelichting over Testpersoon"

# (need, offer's kind or None, answer: None open / True accepted / reason, days to answer)
VERWIJZINGEN = [
    *((Behoefte.Type.OPVANG, Hulpsoort.OPVANG, True, dagen) for dagen in (1, 2, 3, 4, 5, 6)),
    (Behoefte.Type.OPVANG, None, "regio", 7),
    *((Behoefte.Type.MEDISCH, None, "geen_plek", dagen) for dagen in (2, 4, 6, 8, 10)),
    (None, None, None, None),
]


@pytest.fixture
def verwijzingen(coordinator, zorg, django_capture_on_commit_callbacks):
    """Thirteen referrals from one coordinating organisation in May 2026: six to a
    shelter offer accepted, one shelter need declined for its region, five medical
    needs declined for lack of room (-> care), one without need or offer still open."""
    aanbod = make_aanbod(zorg.organisatie, soort=Hulpsoort.OPVANG)
    uit = []
    for behoefte_type, soort, antwoord, dagen in VERWIJZINGEN:
        with time_machine.travel(GEVRAAGD, tick=False):
            casus = make_casus(coordinator, naam="Testpersoon Geheim")
            behoefte = None
            if behoefte_type:
                behoefte = behoefte_add(
                    ctx=AuditContext.system(coordinator),
                    casus=casus,
                    data={"type": behoefte_type, "eigenaar": coordinator.organisatie},
                )
            verwijzing = services.doorverwijzing_voorstellen(
                ctx=AuditContext.system(coordinator),
                casus=casus,
                organisatie=zorg.organisatie,
                motivatie="Hulp nodig.",
                behoefte=behoefte,
                aanbod=aanbod if soort else None,
            )
        if antwoord is not None:
            with time_machine.travel(GEVRAAGD + datetime.timedelta(days=dagen), tick=False):
                services.doorverwijzing_beantwoorden(
                    ctx=AuditContext.system(zorg),
                    verwijzing=verwijzing,
                    akkoord=antwoord is True,
                    reden="" if antwoord is True else TOELICHTING,
                    reden_soort="" if antwoord is True else antwoord,
                )
        uit.append(verwijzing)
    return uit


@pytest.fixture
def vandaag():
    with time_machine.travel(VANDAAG, tick=False):
        yield


def _gevonden(telling, sleutel):
    matrix = telling.basis.get(sleutel, [])
    return {
        (rij, kolom): matrix[i][j]
        for i, (rij, _l) in enumerate(telling.rijen)
        for j, (kolom, _k) in enumerate(telling.kolommen)
        if matrix and matrix[i][j]
    }


def test_referrals_are_counted_by_kind_of_help_and_outcome(verwijzingen, coordinator):
    sleutel = (20262, coordinator.organisatie_id)
    assert _gevonden(cijfers.doorverwijzingen_naar_uitkomst(), sleutel) == {
        ("opvang", "aanvaard"): 6,
        ("opvang", "afgewezen"): 1,  # no offer: the shelter need's kind of help
        ("zorg", "afgewezen"): 5,  # a medical need: care
        ("onbekend", "voorgesteld"): 1,
    }
    assert _gevonden(cijfers.afwijzingen_naar_reden(), sleutel) == {
        ("geen_plek", "aantal"): 5,
        ("regio", "aantal"): 1,
    }


def test_a_withdrawn_referral_counts_as_withdrawn(verwijzingen, coordinator):
    Doorverwijzing.objects.filter(pk=verwijzingen[-1].pk).update(
        status=Doorverwijzing.Status.INGETROKKEN
    )
    gevonden = _gevonden(
        cijfers.doorverwijzingen_naar_uitkomst(), (20262, coordinator.organisatie_id)
    )
    assert gevonden[("onbekend", "ingetrokken")] == 1
    assert ("onbekend", "voorgesteld") not in gevonden


def test_a_referral_declined_before_the_kind_of_reason_counts_as_not_given(
    verwijzingen, coordinator
):
    Doorverwijzing.objects.filter(reden_soort="regio").update(reden_soort="")
    assert _gevonden(cijfers.afwijzingen_naar_reden(), (20262, coordinator.organisatie_id)) == {
        ("geen_plek", "aantal"): 5,
        ("onbekend", "aantal"): 1,
    }


def _regels(tabel):
    return {r.label: r for r in tabel.regels()}


def test_the_page_hides_small_counts_of_referrals(verwijzingen, vandaag, login, projectgroep):
    d = login(projectgroep).get(DASHBOARD, K2).context["d"]
    tabel = d.tabel("doorverwijzingen")
    kolommen = list(tabel.kolommen)
    assert kolommen == ["Aanvaard", "Afgewezen", "Ingetrokken", "Nog open"]
    rijen = _regels(tabel)
    assert rijen["Opvang"].cellen[kolommen.index("Afgewezen")] == "<5"
    assert rijen["Soort hulp onbekend"].cellen[kolommen.index("Nog open")] == "<5"
    assert rijen["Juridische hulp"].cellen == ("0", "0", "0", "0")
    redenen = _regels(d.tabel("afwijzingen"))
    assert redenen["Buiten onze regio"].cellen == ("<5",)
    # 6 declined = 5 + the hidden one: the 5 and the total never both shown.
    totaal = d.tabel("afwijzingen").totaalregel().cellen
    assert (redenen["Geen plek of capaciteit"].cellen, totaal) != (("5",), ("6",))
    # No shown entry of either table is a count from 1 to 4.
    for t in (tabel, d.tabel("afwijzingen")):
        regels = [*t.regels(), t.totaalregel()]
        getoond = [c for r in regels for c in (*r.cellen, r.totaal)]
        assert not {"1", "2", "3", "4"} & set(getoond), (t.sleutel, getoond)


def test_days_to_answer_match_hand_computed_values_and_need_five_answers(
    verwijzingen, vandaag, login, projectgroep
):
    tabel = login(projectgroep).get(DASHBOARD, K2).context["d"].tabel("doorverwijzingen")
    assert tabel.extra_kolommen == ("Mediaan dagen tot antwoord", "p90 dagen tot antwoord")
    extra = dict(zip(tabel.rijen, tabel.extra, strict=True))
    # Shelter: 1..6 days accepted, 7 declined: median 4, p90 = 6 + 0.4 * (7 - 6).
    assert extra["Opvang"] == ("4", "6,4")
    # Care: 2, 4, 6, 8, 10 days: median 6, p90 = 8 + 0.6 * (10 - 8).
    assert extra["Zorg (medisch en psychisch)"] == ("6", "9,2")
    # Unanswered, none: no time.
    assert extra["Soort hulp onbekend"] == ("–", "–")
    # All twelve answers: 1 2 2 3 4 4 5 6 6 7 8 10 -> median 4.5, p90 = 7 + 0.9 * 1.
    assert tabel.extra_totaal == ("4,5", "7,9")

    # One care answer less: four are too few to show a time.
    Doorverwijzing.objects.filter(pk=verwijzingen[7].pk).delete()
    tabel = login(projectgroep).get(DASHBOARD, K2).context["d"].tabel("doorverwijzingen")
    assert dict(zip(tabel.rijen, tabel.extra, strict=True))["Zorg (medisch en psychisch)"] == (
        "–",
        "–",
    )


def test_days_to_answer_count_in_the_quarter_of_the_answer(verwijzingen, login, projectgroep):
    # The care referrals, asked in May, answered 60 days later than they were: in July.
    for verwijzing in verwijzingen[7:12]:
        Doorverwijzing.objects.filter(pk=verwijzing.pk).update(
            beantwoord_op=F("beantwoord_op") + datetime.timedelta(days=60)
        )
    with time_machine.travel(datetime.datetime(2026, 8, 3, 10, tzinfo=AMS), tick=False):
        client = login(projectgroep)
        k2 = client.get(DASHBOARD, K2).context["d"].tabel("doorverwijzingen")
        k3 = client.get(DASHBOARD, {"periode": "kwartaal", "kwartaal": "2026-K3"})
        k3 = k3.context["d"].tabel("doorverwijzingen")
    zorg = k2.rijen.index("Zorg (medisch en psychisch)")
    # Counted where they were asked, timed where they were answered.
    assert k2.regels()[zorg].totaal == "5" and k2.extra[zorg] == ("–", "–")
    assert k3.regels()[zorg].totaal == "0" and k3.extra[zorg] == ("66", "69,2")


def test_csv_and_pdf_carry_the_referral_figures_and_nothing_of_a_person(
    verwijzingen, vandaag, login, projectgroep
):
    client = login(projectgroep)
    html = client.get(DASHBOARD, K2).content.decode()
    rijen = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("statistiek:tabel-csv", args=["doorverwijzingen"]), K2
                ).content.decode()
            )
        )
    )
    assert rijen[0][-2:] == ["Mediaan dagen tot antwoord", "p90 dagen tot antwoord"]
    per_label = {r[0]: r for r in rijen[1:]}
    assert per_label["Zorg (medisch en psychisch)"][-2:] == ["6", "9,2"]
    assert per_label["Totaal"][-2:] == ["4,5", "7,9"]
    redenen = client.get(reverse("statistiek:tabel-csv", args=["afwijzingen"]), K2)
    assert "Buiten onze regio,<5" in redenen.content.decode()
    tekst = text_of(client.get(reverse("statistiek:rapport-pdf"), K2).content)
    assert "Doorverwijzingen naar soort hulp en uitkomst" in tekst
    assert "Afgewezen doorverwijzingen naar reden" in tekst
    tabel = client.get(DASHBOARD, K2).context["d"].tabel("doorverwijzingen")
    for regel, extra in tabel.regels_met_extra():
        # The PDF reads each row as the page does: label, cells, total, times.
        assert " ".join([regel.label, *regel.cellen, regel.totaal, *extra]) in tekst
    for uitvoer in (html, tekst, redenen.content.decode()):
        assert TOELICHTING not in uitvoer and "Testpersoon" not in uitvoer
        for verwijzing in verwijzingen:
            assert verwijzing.casus.nummer not in uitvoer
