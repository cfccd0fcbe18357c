"""The case page leads with what to do: the step of the identification process,
who is waiting on whom, and the next action for the user looking at it."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from identificatie import services
from identificatie.flows import STAPPEN, IdentificatieFlow
from tests.factories import UserFactory, make_casus
from tests.identificatie.test_proces import beoordeel, ctx, draft, open_taak, zorgtafel

TODAY = timezone.localdate()
STAP = re.compile(
    r'<li class="stappen__stap stappen__stap--(\w+)"( aria-current="step")?>([^<]+?)'
    r'(?: <span class="visually-hidden">\(([^)]+)\)</span>)?</li>'
)
NIETS = "Er wacht nu niets op u."


@pytest.fixture
def casus(coordinator, politie, zorg, jeugdzorg):
    return make_casus(
        coordinator, deelnemers=[politie.organisatie, zorg.organisatie, jeugdzorg.organisatie]
    )


def pagina(user, casus) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    assert response.status_code == 200
    return response.content.decode()


def deel(html, sectie) -> str:
    """The text of one section of the top of the case page (by its heading's id)."""
    match = re.search(rf'aria-labelledby="{sectie}".*?</section>', html, re.S)
    assert match, sectie
    return match.group(0)


def stappen(html):
    """(state, title, hidden state text, current?) of each step of the first indicator."""
    indicator = re.search(r'<ol class="stappen">.*?</ol>', html, re.S).group(0)
    return [
        (staat, titel.strip(), verborgen, bool(huidig))
        for staat, huidig, titel, verborgen in STAP.findall(indicator)
    ]


def huidige(html):
    return [titel for _staat, titel, _v, huidig in stappen(html) if huidig]


# The next action -------------------------------------------------------------------


def test_the_organisation_that_owes_an_assessment_is_asked_for_it(casus, proces, politie):
    actie = deel(pagina(politie, casus), "actie-kop")
    taak = open_taak(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    assert "Beoordeling invullen" in actie
    assert reverse("identificatie:taak-oppakken", args=[taak.public_id]) in actie
    assert "utrecht-button--primary-action" in actie
    assert NIETS not in actie


def test_once_claimed_the_button_goes_straight_to_the_task(casus, proces, politie):
    taak = open_taak(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    services.taak_claim(ctx=ctx(politie), taak=taak)
    actie = deel(pagina(politie, casus), "actie-kop")
    assert f'href="{reverse("identificatie:taak", args=[taak.public_id])}"' in actie
    assert "Beoordeling invullen" in actie


def test_a_participant_without_a_task_and_the_coordinator_wait_for_nothing(
    casus, proces, coordinator, jeugdzorg, zorg
):
    beoordeel(zorg, proces)
    for user in (jeugdzorg, zorg, coordinator):  # not invited, done, not invited
        actie = deel(pagina(user, casus), "actie-kop")
        assert NIETS in actie
        assert "Beoordeling invullen" not in actie


def test_a_colleague_claimed_the_task_so_it_waits_for_them_not_for_me(casus, proces, politie):
    collega = UserFactory(organisatie=politie.organisatie)
    taak = open_taak(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    services.taak_claim(ctx=ctx(collega), taak=taak)
    assert NIETS in deel(pagina(politie, casus), "actie-kop")
    assert "Beoordeling invullen" in deel(pagina(collega, casus), "actie-kop")


def test_the_coordinator_is_asked_for_the_conference_outcome_and_a_colleague_is_not(
    casus, proces, coordinator, politie, zorg
):
    """The zorgtafel step is the coordinating organisation's; the node asks for the
    coordinator role, so a colleague without it is not offered the step."""
    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    collega = UserFactory(organisatie=coordinator.organisatie)
    actie = deel(pagina(coordinator, casus), "actie-kop")
    assert "Uitkomst zorgtafel vastleggen" in actie
    assert NIETS in deel(pagina(collega, casus), "actie-kop")
    assert NIETS in deel(pagina(politie, casus), "actie-kop")


def test_the_drafter_is_not_asked_to_review_and_another_reviewer_is(
    casus, proces, coordinator, coordinator2, politie, zorg
):
    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    zorgtafel(coordinator2, proces)
    draft(coordinator2, proces)  # coordinator2 is a reviewer too: four eyes
    reviewer = UserFactory(
        organisatie=coordinator.organisatie, is_coordinator=True, is_reviewer=True
    )
    assert "Advies beoordelen" in deel(pagina(reviewer, casus), "actie-kop")
    assert NIETS in deel(pagina(coordinator2, casus), "actie-kop")
    assert NIETS in deel(pagina(coordinator, casus), "actie-kop")  # not a reviewer


def test_without_a_process_the_coordinator_is_asked_to_start_one(casus, coordinator, politie):
    actie = deel(pagina(coordinator, casus), "actie-kop")
    assert reverse("identificatie:proces-start", args=[casus.public_id]) in actie
    assert NIETS in deel(pagina(politie, casus), "actie-kop")


def test_the_next_action_comes_before_the_personal_details(casus, proces, politie):
    html = pagina(politie, casus)
    persoon = html.index('id="persoon-kop"')
    for kop in ("actie-kop", "stap-kop", "wachtend-kop"):
        assert html.index(f'id="{kop}"') < persoon
    assert html.index("Beoordeling invullen") < html.index(casus.naam, html.index("<main"))


# Who is waiting on whom ------------------------------------------------------------


def test_the_waiting_list_names_who_still_owes_what_and_nothing_they_wrote(
    casus, proces, coordinator, politie, zorg, jeugdzorg, nidos
):
    beoordeel(politie, proces, feiten="Werkt 80 uur per week zonder loon.")
    # A task of another case, for an organisation not in this one.
    ander = make_casus(coordinator, deelnemers=[nidos.organisatie])
    services.proces_start(
        ctx=ctx(coordinator),
        casus=ander,
        organisaties=[nidos.organisatie],
        deadline=TODAY + datetime.timedelta(days=3),
    )
    deadline = (TODAY + datetime.timedelta(days=14)).strftime("%-d %B %Y")
    for user in (jeugdzorg, zorg, coordinator):
        html = pagina(user, casus)
        wachtend = deel(html, "wachtend-kop")
        assert zorg.organisatie.naam in wachtend and "Beoordeling indienen" in wachtend
        assert politie.organisatie.naam not in wachtend  # submitted: owes nothing
        assert nidos.organisatie.naam not in wachtend  # another case's task
        assert "Werkt 80 uur" not in html
    assert deadline.split()[0] in wachtend


def test_the_waiting_list_says_who_took_a_task(casus, proces, politie, jeugdzorg):
    taak = open_taak(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    services.taak_claim(ctx=ctx(politie), taak=taak)
    wachtend = deel(pagina(jeugdzorg, casus), "wachtend-kop")
    # As rendered: a Dutch name may hold an apostrophe ("van 't Hof"), escaped in HTML.
    assert f"in behandeling bij {escape(str(politie))}" in wachtend


def test_outsider_never_reaches_the_case_page(casus, proces, buitenstaander):
    client = Client()
    client.force_login(buitenstaander)
    url = reverse("casusoverleg:casus-detail", args=[casus.public_id])
    assert client.get(url).status_code == 404


# The step indicator ----------------------------------------------------------------


def titel(node):
    return str(node.task_title)


def test_the_indicator_has_the_nine_steps_and_no_current_one_before_the_start(casus, coordinator):
    html = pagina(coordinator, casus)
    rows = stappen(deel(html, "stap-kop"))
    assert [t for _s, t, _v, _h in rows] == [titel(n) for n in STAPPEN]
    assert len(rows) == 9
    assert {s for s, *_ in rows} == {"open"} and huidige(html) == []


def test_during_the_round_the_assessments_are_the_current_step(casus, proces, politie, zorg):
    beoordeel(politie, proces)  # one of two in: the round still runs
    for html in (pagina(zorg, casus), proces_pagina(zorg, casus, proces)):
        rows = stappen(html)
        assert huidige(html) == [titel(IdentificatieFlow.beoordelen)]
        assert [s for s, *_ in rows[:3]] == ["klaar", "klaar", "huidig"]
        assert rows[0][2] == "afgerond" and rows[2][2] == "huidige stap"
        assert {s for s, *_ in rows[3:]} == {"open"}


def test_after_the_round_the_conference_is_the_current_step(
    casus, proces, coordinator, politie, zorg
):
    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    html = pagina(politie, casus)
    assert huidige(html) == [titel(IdentificatieFlow.zorgtafel)]
    assert [s for s, *_ in stappen(html)] == ["klaar"] * 4 + ["huidig"] + ["open"] * 4


def test_a_sent_back_advice_puts_the_draft_back_as_the_current_step(
    casus, proces, coordinator, coordinator2, politie, zorg
):
    from tests.identificatie.test_proces import review

    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    zorgtafel(coordinator, proces)
    draft(coordinator, proces)
    assert huidige(pagina(politie, casus)) == [titel(IdentificatieFlow.review)]
    review(coordinator2, proces, akkoord=False, opmerkingen="Aanscherpen.")
    html = pagina(politie, casus)
    assert huidige(html) == [titel(IdentificatieFlow.opstellen)]
    assert [s for s, *_ in stappen(html)][6] == "open"  # the review comes again


def test_a_finished_process_is_done_throughout_and_a_cancelled_one_has_no_current_step(
    casus, proces, coordinator, coordinator2, politie, zorg
):
    from tests.identificatie.test_proces import review

    beoordeel(politie, proces)
    services.proces_cancel(ctx=ctx(coordinator), proces=proces, reden="Persoon vertrokken.")
    html = pagina(politie, casus)
    assert huidige(html) == []
    # Stopped during the round: the steps before it done, the rest never reached.
    assert [s for s, *_ in stappen(html)] == ["klaar"] * 2 + ["open"] * 7
    assert "Geannuleerd" in deel(html, "stap-kop")

    nieuw = services.proces_start(
        ctx=ctx(coordinator),
        casus=casus,
        organisaties=[politie.organisatie, zorg.organisatie],
        deadline=TODAY + datetime.timedelta(days=14),
    )
    beoordeel(politie, nieuw)
    beoordeel(zorg, nieuw)
    zorgtafel(coordinator, nieuw)
    draft(coordinator, nieuw)
    review(coordinator2, nieuw, akkoord=True)
    html = pagina(politie, casus)
    assert huidige(html) == []
    assert {s for s, *_ in stappen(html)} == {"klaar"}
    assert "(huidige stap)" not in html


def proces_pagina(user, casus, proces) -> str:
    client = Client()
    client.force_login(user)
    url = reverse("identificatie:proces-detail", args=[casus.public_id, proces.public_id])
    return client.get(url).content.decode()


def test_the_case_page_costs_the_same_queries_for_one_waiting_task_as_for_many(
    casus, coordinator, politie, zorg, jeugdzorg
):
    """Each row of the waiting list names a step, an organisation and a person: none
    of them is looked up per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casusoverleg.services import deelname_add
    from tests.factories import OrganisatieFactory

    def count(proces):
        client = Client()
        client.force_login(coordinator)
        url = reverse("casusoverleg:casus-detail", args=[casus.public_id])
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        rows = deel(html, "wachtend-kop").count("<tr class=")
        services.proces_cancel(ctx=ctx(coordinator), proces=proces, reden="Opnieuw.")
        return len(queries), rows - 1  # minus the header row

    een = services.proces_start(
        ctx=ctx(coordinator),
        casus=casus,
        organisaties=[politie.organisatie],
        deadline=TODAY + datetime.timedelta(days=14),
    )
    services.taak_claim(
        ctx=ctx(politie), taak=open_taak(een, IdentificatieFlow.beoordelen, politie.organisatie)
    )
    one, rows = count(een)
    assert rows == 1
    orgs = [politie.organisatie, zorg.organisatie, jeugdzorg.organisatie]
    for i in range(5):
        org = OrganisatieFactory(naam=f"Organisatie {i}")
        deelname_add(ctx=ctx(coordinator), casus=casus, organisatie=org)
        orgs.append(org)
    veel = services.proces_start(
        ctx=ctx(coordinator),
        casus=casus,
        organisaties=orgs,
        deadline=TODAY + datetime.timedelta(days=14),
    )
    for org in orgs:
        taak = open_taak(veel, IdentificatieFlow.beoordelen, org)
        services.taak_claim(ctx=ctx(UserFactory(organisatie=org)), taak=taak)
    many, rows = count(veel)
    assert rows == len(orgs)
    assert many == one
