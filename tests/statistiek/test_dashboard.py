"""The project group's dashboard: hand-computed figures, suppression that survives
subtraction, the same values on the page, in the CSV and in the PDF, exports audited,
who may look, and bad filter input answered on the form."""

import csv
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from casusoverleg.models import AuditEvent, Casus, Discipline
from statistiek import cijfers
from statistiek.onderdrukking import Onderdrukking
from tests.advies.test_pdf import text_of
from tests.factories import OrganisatieFactory, UserFactory, make_casus

AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=AMS)
DASHBOARD = reverse("statistiek:dashboard")

# (quarter day, organisation, form, nationality, date of birth, how many)
CASUSSEN = [
    (datetime.date(2026, 2, 10), "A", "seksueel", "RO", datetime.date(1990, 1, 1), 6),
    (datetime.date(2026, 2, 10), "A", "arbeid", "NL", datetime.date(2010, 5, 5), 1),
    (datetime.date(2026, 2, 11), "B", "seksueel", "RO", datetime.date(1991, 3, 3), 5),
    (datetime.date(2026, 2, 11), "B", "arbeid", "NL", datetime.date(1985, 7, 7), 2),
    (datetime.date(2026, 5, 10), "A", "crimineel", "NG", datetime.date(1999, 9, 9), 5),
]


@pytest.fixture
def oost(db):
    return OrganisatieFactory(naam="Zorgcoördinatie Oost", discipline=Discipline.ZORG)


@pytest.fixture
def coordinator_oost(oost):
    return UserFactory(username="coordinator_oost", organisatie=oost, is_coordinator=True)


@pytest.fixture
def pilot(coordinator, coordinator_oost):
    """The hand-computed pilot: 19 cases, two organisations, two quarters."""
    coordinatoren = {"A": coordinator, "B": coordinator_oost}
    casussen = []
    for dag, org, vorm, land, geboren, aantal in CASUSSEN:
        moment = datetime.datetime.combine(dag, datetime.time(11), tzinfo=AMS)
        with time_machine.travel(moment, tick=False):
            for n in range(aantal):
                casussen.append(
                    make_casus(
                        coordinatoren[org],
                        vormen=(vorm,),
                        naam=f"Geheime Naam {org}{vorm}{n}",
                        nationaliteit=land,
                        geboortedatum=geboren,
                        datum_eerste_signaal=dag - datetime.timedelta(days=2 * (n + 1)),
                    )
                )
    return casussen


@pytest.fixture
def vandaag():
    with time_machine.travel(VANDAAG, tick=False):
        yield


def _cel(telling, rij, kolom):
    rijen = [k for k, _l in telling.rijen]
    kolommen = [k for k, _l in telling.kolommen]
    return rijen.index(rij), kolommen.index(kolom)


def test_the_counts_match_the_hand_computed_pilot(pilot, coordinator, coordinator_oost):
    telling = cijfers.casussen_naar_vorm()
    a, b = coordinator.organisatie_id, coordinator_oost.organisatie_id
    verwacht = {
        (20261, a, "seksueel", "meerderjarig:eu"): 6,
        (20261, a, "arbeid", "minderjarig:nl"): 1,
        (20261, b, "seksueel", "meerderjarig:eu"): 5,
        (20261, b, "arbeid", "meerderjarig:nl"): 2,
        (20262, a, "crimineel", "meerderjarig:buiten_eu"): 5,
    }
    gevonden = {}
    for (kwartaal, org), matrix in telling.basis.items():
        for i, (rij, _l) in enumerate(telling.rijen):
            for j, (kolom, _k) in enumerate(telling.kolommen):
                if matrix[i][j]:
                    gevonden[kwartaal, org, rij, kolom] = matrix[i][j]
    assert gevonden == verwacht
    per_org = cijfers.casussen_naar_organisatie(cijfers.coordinerende_organisaties())
    assert sum(map(sum, per_org.basis[20261, a])) == 7
    assert sum(map(sum, per_org.basis[20262, a])) == 5


def test_the_page_shows_the_shown_counts_and_hides_the_small_ones(
    pilot, vandaag, login, projectgroep
):
    response = login(projectgroep).get(DASHBOARD)
    assert response.status_code == 200
    tabel = response.context["d"].tabel("casussen")
    rijen = {r.label: r for r in tabel.regels()}
    kolommen = list(tabel.kolommen)
    eu = kolommen.index("Meerderjarig – EU")
    assert rijen["Seksuele uitbuiting"].cellen[eu] == "11"
    buiten_eu = kolommen.index("Meerderjarig – Buiten de EU")
    assert rijen["Criminele uitbuiting"].cellen[buiten_eu] == "5"
    # One minor in labour exploitation, two adults: never shown as 1 or 2.
    arbeid = rijen["Arbeidsuitbuiting"]
    assert arbeid.cellen[kolommen.index("Minderjarig – Nederland")] == "<5"
    assert arbeid.cellen[kolommen.index("Meerderjarig – Nederland")] == "<5"
    assert arbeid.totaal in ("<5", "x")
    # The grand total with the other rows would give the labour row's 3 away, so
    # something besides the small counts is hidden too.
    assert "x" in [c for r in tabel.regels() for c in (*r.cellen, r.totaal)] + [
        *tabel.totaalregel().cellen,
        tabel.totaalregel().totaal,
    ]


def test_time_statistics_match_hand_computed_values_and_need_five_cases(
    pilot, vandaag, login, projectgroep
):
    d = login(projectgroep).get(DASHBOARD, {"periode": "kwartaal", "kwartaal": "2026-K2"})
    regels = d.context["d"].tijden
    # Five criminal-exploitation cases opened 2, 4, 6, 8 and 10 days after their
    # first signal: median 6, p90 = 8 + 0.6 * (10 - 8) = 9.2.
    assert [r.label for r in regels] == ["2e kwartaal 2026"]
    assert regels[0].teksten()[:2] == ["6", "9,2"]
    # Move one of them to the first quarter: four cases are too few to show a time.
    Casus.objects.filter(pk=pilot[-1].pk).update(
        created_at=datetime.datetime(2026, 3, 10, 11, tzinfo=AMS)
    )
    d = login(projectgroep).get(DASHBOARD, {"periode": "kwartaal", "kwartaal": "2026-K2"})
    assert d.context["d"].tijden[0].teksten()[:2] == ["–", "–"]


def _gelezen(tabelweergave):
    """Label, cells and total per row; one column has no separate total (it would repeat)."""
    een = len(tabelweergave.kolommen) == 1
    regels = [[r.label, *r.cellen, *([] if een else [r.totaal])] for r in tabelweergave.regels()]
    t = tabelweergave.totaalregel()
    return [*regels, [t.label, *t.cellen, *([] if een else [t.totaal])]]


def _zichtbaar(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&lt;", "<")


def test_csv_and_pdf_carry_the_values_of_the_page(pilot, vandaag, login, projectgroep):
    client = login(projectgroep)
    response = client.get(DASHBOARD)
    d = response.context["d"]
    html = _zichtbaar(response.content.decode())
    pdf = client.get(reverse("statistiek:rapport-pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    tekst = text_of(pdf.content)
    for tabel in d.tabellen:
        verwacht = _gelezen(tabel)
        gelezen = list(
            csv.reader(
                io.StringIO(
                    client.get(
                        reverse("statistiek:tabel-csv", args=[tabel.sleutel])
                    ).content.decode()
                )
            )
        )
        assert gelezen[0][1 : 1 + len(tabel.kolommen)] == list(tabel.kolommen)
        assert [rij[: len(verwacht[0])] for rij in gelezen[1:]] == verwacht, tabel.sleutel
        for regel in verwacht:
            # The page and the PDF read each row the same: label, cells, total.
            assert " ".join(regel) in html, (tabel.sleutel, regel)
            assert " ".join(regel) in tekst, (tabel.sleutel, regel)


def test_exports_and_looks_are_audited_with_the_filter(pilot, vandaag, login, projectgroep):
    client = login(projectgroep)
    client.get(DASHBOARD, {"periode": "jaar", "jaar": "2026"})
    csv_url = reverse("statistiek:tabel-csv", args=["casussen"])
    client.get(csv_url, {"periode": "jaar", "jaar": "2026"})
    client.get(reverse("statistiek:rapport-pdf"))
    events = AuditEvent.objects.filter(object_type="statistiek").order_by("volgnummer")
    assert [(e.actie, e.object_id, e.detail.get("formaat")) for e in events] == [
        ("lezen", "dashboard", None),
        ("exporteren", "casussen", "csv"),
        ("exporteren", "rapport", "pdf"),
    ]
    assert all(e.doel == "evaluatie" and e.casus_public_id == "" for e in events)
    assert events[0].detail["periode"] == "2026"


def test_the_project_group_sees_no_name_and_gets_404_on_every_case_url(
    pilot, vandaag, login, projectgroep
):
    client = login(projectgroep)
    uitvoer = [
        client.get(DASHBOARD).content.decode(),
        text_of(client.get(reverse("statistiek:rapport-pdf")).content),
        *(
            client.get(reverse("statistiek:tabel-csv", args=[t])).content.decode()
            for t in ("casussen", "organisaties", "doorlooptijden")
        ),
    ]
    for casus in pilot:
        for tekst in uitvoer:
            assert casus.naam not in tekst and casus.nummer not in tekst
        for naam in ("casus-detail", "tijdlijn", "deelnemers"):
            url = reverse(f"casusoverleg:{naam}", args=[casus.public_id])
            assert client.get(url).status_code == 404
    assert "Geheime Naam" not in " ".join(uitvoer)


def test_a_coordinator_sees_only_their_own_organisations_cases(
    pilot, vandaag, login, coordinator_oost, coordinator
):
    client = login(coordinator_oost)
    response = client.get(DASHBOARD, {"organisatie": coordinator.organisatie_id})
    d = response.context["d"]
    assert d.organisatie == (coordinator_oost.organisatie_id, "Zorgcoördinatie Oost")
    assert "organisatie" not in response.context["form"].fields
    # Oost's five adults from the EU and two Dutch adults; not A's six, nor A's minor.
    rijen = {r.label: r.cellen for r in d.tabel("casussen").regels()}
    kolommen = list(d.tabel("casussen").kolommen)
    assert rijen["Seksuele uitbuiting"][kolommen.index("Meerderjarig – EU")] in ("5", "x")
    assert rijen["Arbeidsuitbuiting"][kolommen.index("Minderjarig – Nederland")] == "0"
    assert rijen["Criminele uitbuiting"] == ("0",) * len(kolommen)
    # Other organisations are not listed, not even with zeros.
    assert [r.label for r in d.tabel("organisaties").regels()] == ["Zorgcoördinatie Oost"]


@pytest.mark.parametrize("wie", ["politie", "beheerder", "zorg"])
def test_others_get_404_audited(wie, request, login, vandaag):
    user = request.getfixturevalue(wie)
    client = login(user)
    for url in (
        DASHBOARD,
        reverse("statistiek:rapport-pdf"),
        reverse("statistiek:tabel-csv", args=["casussen"]),
    ):
        assert client.get(url).status_code == 404
    assert (
        AuditEvent.objects.filter(
            object_type="statistiek", uitkomst="geweigerd", gebruiker=user
        ).count()
        == 3
    )


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "inloggen" in response["Location"]


@pytest.mark.parametrize(
    ("params", "veld", "melding"),
    [
        ({"periode": "eigen", "van": "2026-K2", "tot": "2026-K1"}, "tot", "ligt voor het eerste"),
        ({"periode": "eigen", "van": "2026-K9"}, "van", "geldige keuze"),
        ({"periode": "kwartaal"}, "kwartaal", "Kies een kwartaal"),
        ({"periode": "jaar"}, "jaar", "Kies een jaar"),
        ({"periode": "jaar", "jaar": ""}, "jaar", "Kies een jaar"),
        ({"periode": "jaar", "jaar": "abc"}, "jaar", "geldige keuze"),
        ({"periode": "iets"}, "periode", "geldige keuze"),
        ({"organisatie": "999999"}, "organisatie", "geldige keuze"),
        ({"organisatie": "x' OR 1=1"}, "organisatie", "geldige keuze"),
    ],
)
def test_bad_filter_input_is_answered_on_the_form(
    params, veld, melding, pilot, vandaag, login, projectgroep
):
    client = login(projectgroep)
    response = client.get(DASHBOARD, params)
    assert response.status_code == 200
    fouten = response.context["form"].errors
    assert veld in fouten and melding in " ".join(fouten[veld])
    assert len(fouten[veld]) == 1  # one message per field, not two
    assert "cijfers van de hele pilot" in response.content.decode()
    # The export links of an invalid filter are refused plainly, not with a 500.
    assert client.get(reverse("statistiek:rapport-pdf"), params).status_code == 400


def test_a_custom_period_is_added_up_from_published_choices_only(
    pilot, vandaag, login, projectgroep
):
    client = login(projectgroep)
    d = client.get(DASHBOARD, {"periode": "eigen", "van": "2026-K1", "tot": "2026-K2"}).context["d"]
    # K1 to K2 is the whole of the data: the pilot itself, suppressed as such.
    geheel = client.get(DASHBOARD).context["d"]
    assert _gelezen(d.tabel("casussen")) == _gelezen(geheel.tabel("casussen"))


def test_no_filter_choice_gives_another_away_by_subtraction(
    pilot, vandaag, login, projectgroep, coordinator, coordinator_oost
):
    """The year is its two quarters, all organisations are A and B: in each such sum,
    at every cell and total, never exactly one entry hidden (the other two would
    give it away), and where all are shown they add up."""
    client = login(projectgroep)
    a, b = coordinator.organisatie_id, coordinator_oost.organisatie_id
    periodes = {
        "K1": {"periode": "kwartaal", "kwartaal": "2026-K1"},
        "K2": {"periode": "kwartaal", "kwartaal": "2026-K2"},
        "2026": {"periode": "jaar", "jaar": "2026"},
    }
    gezien = {}
    for p, params in periodes.items():
        for org in ("", a, b):
            d = client.get(DASHBOARD, {**params, "organisatie": org}).context["d"]
            for t in d.tabellen:
                gezien[p, org, t.sleutel] = _gelezen(t)
    sommen = [((p, ""), [(p, a), (p, b)]) for p in periodes]
    sommen += [(("2026", o), [("K1", o), ("K2", o)]) for o in ("", a, b)]
    # Signals without a case count only under "all organisations": the sum has a
    # third, unpublished part there, so the signal tables are audited elsewhere.
    # (The organisations table lists only the chosen organisation's row when one is
    # chosen, so its rows do not line up across choices.)
    for sleutel in ("casussen", "adviezen", "conclusies", "beoordelingen"):
        for ouder, kinderen in sommen:
            tabellen = [gezien[(*ouder, sleutel)]] + [gezien[(*k, sleutel)] for k in kinderen]
            for r, rij in enumerate(tabellen[0]):
                for c in range(1, len(rij)):
                    waarden = [t[r][c] for t in tabellen]
                    verborgen = [w for w in waarden if not w.isdigit()]
                    assert len(verborgen) != 1, (sleutel, ouder, kinderen, rij[0], c, waarden)
                    if not verborgen:
                        assert int(waarden[0]) == sum(map(int, waarden[1:]))
    # And it is not vacuous: some entries are hidden, some shown.
    alles = [w for t in gezien.values() for rij in t for w in rij[1:]]
    assert "<5" in alles and "x" in alles and "11" in alles


def test_suppressed_cells_never_carry_their_count(pilot, vandaag, login, projectgroep):
    d = login(projectgroep).get(DASHBOARD).context["d"]
    for t in d.tabellen:
        if t.tabel is None:
            continue
        for rij in t.tabel.cellen:
            for cel in rij:
                if cel.onderdrukking is not None:
                    assert cel.getal is None
                    assert cel.onderdrukking in (Onderdrukking.KLEIN, Onderdrukking.AANVULLEND)


def test_figures_are_a_snapshot_kept_for_the_set_time_and_say_when(
    pilot, coordinator, login, projectgroep, settings
):
    """Counting takes seconds at scale: a look within ``STATISTIEK_VERVERSEN`` shows
    the same snapshot with its time; after it, the figures are counted again."""
    settings.STATISTIEK_VERVERSEN = 900

    def volwassen_eu_seksueel_en_stand():
        # Logged in again each time: 16 minutes idle end a session.
        response = login(projectgroep).get(DASHBOARD)
        assert response.status_code == 200
        d = response.context["d"]
        tabel = d.tabel("casussen")
        rij = next(r for r in tabel.regels() if r.label == "Seksuele uitbuiting")
        cel = rij.cellen[list(tabel.kolommen).index("Meerderjarig – EU")]
        return cel, d.stand, response.content.decode()

    with time_machine.travel(VANDAAG, tick=False):
        cel, stand, html = volwassen_eu_seksueel_en_stand()
    assert (cel, stand) == ("11", VANDAAG)
    assert "Stand van de cijfers:</strong> 15 juni 2026, 10:00" in html

    with time_machine.travel(VANDAAG + datetime.timedelta(minutes=1), tick=False):
        make_casus(
            coordinator,
            vormen=("seksueel",),
            nationaliteit="RO",
            geboortedatum=datetime.date(1990, 1, 1),
        )
        assert volwassen_eu_seksueel_en_stand()[:2] == ("11", VANDAAG)
    later = VANDAAG + datetime.timedelta(minutes=16)
    with time_machine.travel(later, tick=False):
        assert volwassen_eu_seksueel_en_stand()[:2] == ("12", later)
