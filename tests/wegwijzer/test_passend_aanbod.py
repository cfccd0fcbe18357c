"""Matching: from a case's open needs to the offers that fit, best first, with why;
an offer that excludes the person (age group, gender, origin, form of exploitation)
or answers another kind of need is never proposed."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from casusoverleg.audit import AuditContext
from casusoverleg.geo import Provincie
from casusoverleg.models import Behoefte, Gemeente
from casusoverleg.services import behoefte_add, behoefte_update, deelname_add
from tests.factories import make_casus
from wegwijzer.models import Hulpsoort, Regio
from wegwijzer.selectors import passend_aanbod

from .conftest import make_aanbod, make_regeling

pytestmark = pytest.mark.django_db

VANDAAG = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def casus(coordinator):
    """An adult woman from Romania (EU), sexual exploitation, who needs shelter."""
    with time_machine.travel(VANDAAG, tick=False):
        casus = make_casus(
            coordinator,
            vormen=("seksueel",),
            geslacht="vrouw",
            nationaliteit="RO",
            geboortedatum=datetime.date(1995, 1, 1),
        )
        behoefte_add(
            ctx=AuditContext.system(coordinator),
            casus=casus,
            data={"type": Behoefte.Type.OPVANG, "eigenaar": coordinator.organisatie},
        )
    return casus


@pytest.fixture
def aanbod(zorg, buitenstaander):
    vuurtoren, elders = zorg.organisatie, buitenstaander.organisatie
    with time_machine.travel(VANDAAG - datetime.timedelta(days=5), tick=False):
        return {
            "algemeen": make_aanbod(vuurtoren, titel="A algemene opvang"),
            "gericht": make_aanbod(
                elders,
                titel="B opvang voor vrouwen na seksuele uitbuiting",
                voor_mannen=False,
                uitbuitingsvormen=["seksueel"],
                capaciteit="3 vrije plekken",
            ),
            "met_plek": make_aanbod(vuurtoren, titel="C opvang", capaciteit="1 vrije plek"),
            "alleen_jongeren": make_aanbod(
                elders, titel="D jongerenopvang", voor_minderjarigen=True, voor_meerderjarigen=False
            ),
            "alleen_mannen": make_aanbod(elders, titel="E mannenopvang", voor_vrouwen=False),
            "alleen_nl": make_aanbod(
                elders, titel="F opvang", herkomst_eu=False, herkomst_buiten_eu=False
            ),
            "arbeid": make_aanbod(elders, titel="G opvang", uitbuitingsvormen=["arbeid"]),
            "zorg": make_aanbod(elders, titel="H traumazorg", soort=Hulpsoort.ZORG),
        }


def test_fitting_offers_best_first_and_the_excluding_ones_never(casus, aanbod):
    with time_machine.travel(VANDAAG, tick=False):
        [(behoefte, passend)] = passend_aanbod(casus)
    assert behoefte.type == Behoefte.Type.OPVANG
    # B: adults, women, sexual exploitation, current capacity (1 + 1 + 2 + 1); C:
    # adults, current capacity (2); A: adults (1), after C by score, not by title.
    assert [p.aanbod for p in passend] == [
        aanbod["gericht"],
        aanbod["met_plek"],
        aanbod["algemeen"],
    ]
    assert [p.score for p in passend] == [5, 2, 1]
    redenen = " ".join(passend[0].redenen)
    assert "Seksuele uitbuiting" in redenen and "capaciteit bijgewerkt" in redenen


def test_a_stale_capacity_note_no_longer_counts(casus, aanbod):
    with time_machine.travel(VANDAAG + datetime.timedelta(days=60), tick=False):
        [(_behoefte, passend)] = passend_aanbod(casus)
    assert [p.aanbod for p in passend] == [
        aanbod["gericht"],
        aanbod["algemeen"],
        aanbod["met_plek"],
    ]


def test_an_organisation_taking_part_is_not_proposed_and_a_settled_need_has_none(
    casus, aanbod, coordinator
):
    deelname_add(
        ctx=AuditContext.system(coordinator), casus=casus, organisatie=aanbod["gericht"].organisatie
    )
    [(behoefte, passend)] = passend_aanbod(casus)
    assert aanbod["gericht"] not in [p.aanbod for p in passend]
    behoefte_update(
        ctx=AuditContext.system(coordinator),
        behoefte=behoefte,
        data={"status": Behoefte.Status.GEREGELD},
    )
    assert passend_aanbod(casus) == []


def test_the_referral_page_lists_them_and_a_choice_fills_in_the_form(
    client, coordinator, casus, aanbod
):
    client.force_login(coordinator)
    url = reverse("wegwijzer:doorverwijzing-create", args=[casus.public_id])
    with time_machine.travel(VANDAAG, tick=False):
        html = client.get(url).content.decode()
    assert "Passend aanbod per open behoefte" in html
    assert "B opvang voor vrouwen na seksuele uitbuiting" in html
    assert "D jongerenopvang" not in html.split("<form")[0]
    gericht = aanbod["gericht"]
    behoefte = casus.behoeften.get()
    with time_machine.travel(VANDAAG, tick=False):
        response = client.get(
            url,
            {"behoefte": behoefte.pk, "aanbod": gericht.pk, "organisatie": gericht.organisatie_id},
        )
    form = response.context["form"]
    assert str(form["aanbod"].value()) == str(gericht.pk)
    assert f'<option value="{gericht.pk}" selected>' in response.content.decode()


def test_help_in_the_cases_region_first_then_nationwide_then_elsewhere_said_so(
    coordinator, zorg, buitenstaander
):
    """A case in a municipality of Utrecht: the offer in Utrecht first, the
    nationwide one next, the one in Groningen last and marked as outside the
    region (not left out: shelter far away can be what is needed)."""
    utrecht = Gemeente.objects.create(naam="Teststad", provincie=Provincie.UTRECHT)
    casus = make_casus(coordinator, gemeente=utrecht, vormen=("arbeid",))
    behoefte_add(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        data={"type": Behoefte.Type.OPVANG, "eigenaar": coordinator.organisatie},
    )
    elders = make_aanbod(buitenstaander.organisatie, titel="A opvang", regio=Regio.GRONINGEN)
    landelijk = make_aanbod(zorg.organisatie, titel="B opvang", regio=Regio.LANDELIJK)
    dichtbij = make_aanbod(buitenstaander.organisatie, titel="C opvang", regio=Regio.UTRECHT)

    [(_behoefte, passend)] = passend_aanbod(casus)
    assert [p.aanbod for p in passend] == [dichtbij, landelijk, elders]
    assert "in de regio (Utrecht)" in passend[0].redenen
    assert "landelijk" in passend[1].redenen
    assert "buiten de regio (Groningen)" in passend[2].redenen

    # Without a province for the municipality, the region says nothing either way.
    Gemeente.objects.filter(pk=utrecht.pk).update(provincie="")
    casus.refresh_from_db()
    [(_behoefte, passend)] = passend_aanbod(casus)
    assert [p.aanbod for p in passend] == [landelijk, elders, dichtbij]
    assert not any("regio" in r for p in passend for r in p.redenen)


def test_the_case_page_shows_the_schemes_whose_target_group_fits_the_person(
    client, coordinator, casus, politie
):
    """The adult woman from Romania with sexual exploitation: a scheme for minors,
    for men, for people from outside the EU or for labour exploitation only is not
    shown; one for everyone and one for her form are. An outsider sees none of it."""
    for naam, doelgroep in [
        ("Voor iedereen", {}),
        ("Voor seksuele uitbuiting", {"uitbuitingsvormen": ["seksueel"]}),
        ("Alleen minderjarigen", {"voor_minderjarigen": True, "voor_meerderjarigen": False}),
        ("Alleen mannen", {"voor_vrouwen": False}),
        ("Alleen buiten de EU", {"herkomst_nl": False, "herkomst_eu": False}),
        ("Alleen arbeid", {"uitbuitingsvormen": ["arbeid"]}),
        ("Niet meer actief", {"actief": False}),
    ]:
        make_regeling(naam=naam, **doelgroep)
    url = reverse("casusoverleg:casus-detail", args=[casus.public_id])

    client.force_login(coordinator)
    response = client.get(url)
    section = response.content.decode().split('id="regelingen-kop"')[1].split("</section>")[0]
    assert "Voor iedereen" in section and "Voor seksuele uitbuiting" in section
    for naam in ("Alleen minderjarigen", "Alleen mannen", "Alleen buiten de EU", "Alleen arbeid"):
        assert naam not in section
    assert "Niet meer actief" not in section
    assert "18 jaar en ouder, herkomst EU, Seksuele uitbuiting" in section

    client.force_login(politie)
    assert client.get(url).status_code == 404
