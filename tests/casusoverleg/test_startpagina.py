"""The start page per role (casusoverleg.startpagina and the sections the apps register).

Each role's page costs the same number of queries with one item per section as with
fifty; outsiders never see another's items; every case item shown is audited.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advies.models import Advies
from casusoverleg import startpagina
from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Behoefte, Casus, Melding, Meldingsoort, Wijziging
from casusoverleg.services import behoefte_add
from identificatie import services as identificatie_services
from identificatie.services import melding_create, melding_decline, melding_submit
from tests.advies.conftest import ADVIES
from tests.factories import UserFactory, make_casus
from tests.zorgtafel.zorgtafel_helpers import plan
from zorgtafel.models import Actiepunt

pytestmark = pytest.mark.usefixtures("indicatorlijst")

HOME = reverse("casusoverleg:home")
TODAY = timezone.localdate()
VEEL = 50

ALLEEN_DEELNEMER = {"meldingen", "taken", "actiepunten", "zorgtafels", "wachtende-casussen"}
COORDINATOR = {"stille-casussen", "meldingen-te-maken", "adviezen-ter-beoordeling"}


def _werk(coordinator, deelnemer, n):
    """``n`` cases each giving one item to every section of the coordinator and of
    ``deelnemer``: an assessment task, an overdue action, a meeting, an advice in
    review; silent for a month, not yet reported."""
    casussen = []
    for i in range(n):
        casus = make_casus(coordinator, deelnemers=[deelnemer.organisatie])
        proces = identificatie_services.proces_start(
            ctx=AuditContext.system(coordinator),
            casus=casus,
            organisaties=[deelnemer.organisatie],
            deadline=TODAY + datetime.timedelta(days=14 + i),
        )
        zorgtafel = plan(coordinator, [casus], dagen=1 + i)
        Actiepunt.objects.create(
            agendapunt=zorgtafel.agendapunten.get(),
            casus=casus,
            omschrijving="Opvang regelen",
            eigenaar=deelnemer.organisatie,
            deadline=TODAY - datetime.timedelta(days=1),
        )
        Advies.objects.create(
            casus=casus,
            proces=proces,
            status=Advies.Status.IN_REVIEW,
            opgesteld_door=coordinator,
            **ADVIES,
        )
        Melding.objects.create(
            ontvanger=deelnemer,
            soort=Meldingsoort.NIEUWE_TAAK,
            casus=casus,
            url=reverse("identificatie:taken"),
            tekst=f"Nieuwe taak in casus {casus.nummer}",
        )
        maand_terug = timezone.now() - datetime.timedelta(days=30)
        Wijziging.objects.filter(casus=casus).update(op=maand_terug)
        Casus.objects.filter(pk=casus.pk).update(created_at=maand_terug)
        casussen.append(casus)
    return casussen


def _pagina(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME)
    assert response.status_code == 200
    blokken = {b.sectie.sleutel: b for b in response.context["blokken"]}
    return len(queries.captured_queries), blokken, response


def _totalen(blokken):
    return {k: b.resultaat.totaal for k, b in blokken.items() if b.resultaat is not None}


def test_participant_page_costs_the_same_for_one_and_fifty_items(client, coordinator, politie):
    _werk(coordinator, politie, 1)
    een, blokken, _response = _pagina(client, politie)
    assert set(blokken) == ALLEEN_DEELNEMER
    assert _totalen(blokken) == dict.fromkeys(ALLEEN_DEELNEMER, 1)
    _werk(coordinator, politie, VEEL - 1)
    veel, blokken, response = _pagina(client, politie)
    assert _totalen(blokken) == dict.fromkeys(ALLEEN_DEELNEMER, VEEL)
    assert all(len(b.resultaat.rijen) == startpagina.LIMIT for b in blokken.values())
    assert een == veel
    assert f"Alles bekijken ({VEEL})" in response.content.decode()


def test_coordinator_page_costs_the_same_for_one_and_fifty_items(client, coordinator, politie):
    _werk(coordinator, politie, 1)
    een, blokken, _response = _pagina(client, coordinator)
    assert COORDINATOR <= set(blokken)
    assert {k: v for k, v in _totalen(blokken).items() if k in COORDINATOR} == dict.fromkeys(
        COORDINATOR, 1
    )
    _werk(coordinator, politie, VEEL - 1)
    veel, blokken, _response = _pagina(client, coordinator)
    assert {k: v for k, v in _totalen(blokken).items() if k in COORDINATOR} == dict.fromkeys(
        COORDINATOR, VEEL
    )
    assert _totalen(blokken)["zorgtafels"] == VEEL  # the chair's meetings
    assert een == veel


def _gemeld(coordinator, casus):
    melding_submit(ctx=AuditContext.system(coordinator), melding=melding_create(casus=casus))


def test_comensha_page_costs_the_same_for_one_and_fifty_reports(client, coordinator, comensha):
    _gemeld(coordinator, make_casus(coordinator))
    een, blokken, _response = _pagina(client, comensha)
    assert _totalen(blokken)["meldingen-ontvangen"] == 1
    for _i in range(VEEL - 1):
        _gemeld(coordinator, make_casus(coordinator))
    veel, blokken, _response = _pagina(client, comensha)
    assert _totalen(blokken)["meldingen-ontvangen"] == VEEL
    assert een == veel


def test_beheer_page_costs_the_same_and_names_the_administration_tasks(client, beheerder):
    # The administrator has no second factor either: one account without MFA.
    een, blokken, response = _pagina(client, beheerder)
    assert set(blokken) == {"meldingen", "beheer"}
    assert "Actieve accounts zonder tweede factor" in response.content.decode()
    assert "Organisaties zonder casuscoördinator" not in response.content.decode()
    for i in range(VEEL):
        UserFactory(username=f"nieuw{i}", organisatie=beheerder.organisatie)
    UserFactory(username="zonder", is_coordinator=False)  # an organisation without coordinator
    AccessAttempt.objects.create(
        username="zonder",
        ip_address="192.0.2.1",
        user_agent="test",
        attempt_time=timezone.now(),
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    veel, blokken, response = _pagina(client, beheerder)
    assert "Organisaties zonder casuscoördinator" in response.content.decode()
    assert "Geblokkeerde accounts" in response.content.decode()
    assert een == veel


def test_administration_tasks_count_what_waits(beheerder, coordinator):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def aantallen():
        return {str(wat): aantal for wat, aantal, _url in startpagina.beheertaken()}

    voor = aantallen()
    TOTPDevice.objects.create(user=coordinator, name="telefoon", confirmed=True)
    assert aantallen()["Actieve accounts zonder tweede factor"] == (
        voor["Actieve accounts zonder tweede factor"] - 1
    )
    assert voor["Organisaties zonder casuscoördinator"] == 0  # the municipality has one
    assert voor["Geblokkeerde accounts (te vaak fout ingelogd)"] == 0


def test_project_group_sees_the_way_to_the_figures_and_no_cases(
    client, coordinator, politie, projectgroep
):
    casus = _werk(coordinator, politie, 1)[0]
    _queries, blokken, response = _pagina(client, projectgroep)
    assert set(blokken) == {"meldingen", "statistiek"}
    html = response.content.decode()
    assert 'href="/cijfers/"' in html and "Cijfers van de pilot" in html
    assert casus.nummer not in html


def test_an_outsider_sees_none_of_the_items(client, coordinator, politie, buitenstaander):
    casus = _werk(coordinator, politie, 1)[0]
    _gemeld(coordinator, casus)
    _queries, blokken, response = _pagina(client, buitenstaander)
    assert set(_totalen(blokken).values()) == {0}
    assert casus.nummer not in response.content.decode()


def test_a_coordinator_of_another_organisation_sees_none_of_the_items(
    client, coordinator, politie, buitenstaander
):
    casus = _werk(coordinator, politie, 1)[0]
    elders = UserFactory(
        username="elders", organisatie=buitenstaander.organisatie, is_coordinator=True
    )
    _queries, blokken, response = _pagina(client, elders)
    assert COORDINATOR <= set(blokken)
    assert set(_totalen(blokken).values()) == {0}
    assert casus.nummer not in response.content.decode()


def test_a_participant_no_longer_taking_part_loses_the_items(client, coordinator, politie):
    from casusoverleg.services import deelname_remove

    casus = _werk(coordinator, politie, 1)[0]
    deelname_remove(
        ctx=AuditContext.system(coordinator),
        deelname=casus.deelnames.get(organisatie=politie.organisatie),
    )
    _queries, blokken, response = _pagina(client, politie)
    # Their own notices stay theirs, as delivered mail does (the notice of the
    # removal among them); opening one about this case is now a 404 (test_meldingen).
    totalen = _totalen(blokken)
    assert totalen.pop("meldingen") >= 1
    assert set(totalen.values()) == {0}
    html = response.content.decode()
    blok = html[html.index("Open actiepunten") :]
    assert casus.nummer not in blok


def test_every_case_item_shown_is_audited_as_seen_on_the_start_page(client, coordinator, politie):
    casus = _werk(coordinator, politie, 1)[0]
    _pagina(client, politie)
    getoond = AuditEvent.objects.filter(
        gebruiker=politie, casus_public_id=casus.public_id, detail__weergave="startpagina"
    )
    assert set(getoond.values_list("object_type", flat=True)) == {
        "gebruikersmelding",
        "taak",
        "actiepunt",
        "casus",
    }


def test_a_case_with_a_recent_change_is_not_silent(coordinator, politie):
    casus = _werk(coordinator, politie, 1)[0]
    assert list(startpagina.stille_casussen(user=coordinator)) == [casus]
    behoefte_add(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        data={"type": Behoefte.Type.OPVANG, "eigenaar": politie.organisatie},
    )
    assert list(startpagina.stille_casussen(user=coordinator)) == []
    assert list(startpagina.stille_casussen(user=coordinator, dagen=0)) == [casus]


def test_a_reported_case_or_one_not_to_report_is_no_report_to_make(coordinator):
    from identificatie.selectors import meldingen_te_maken

    zonder, te_melden, gemeld, niet = (make_casus(coordinator) for _ in range(4))
    melding_create(casus=te_melden)
    _gemeld(coordinator, gemeld)
    melding_decline(
        ctx=AuditContext.system(coordinator),
        melding=melding_create(casus=niet),
        reden="al_gemeld",
        toelichting="De politie meldde eerder.",
    )
    assert set(meldingen_te_maken(user=coordinator)) == {zonder, te_melden}


def test_overdue_tasks_come_first(client, coordinator, politie):
    from identificatie.models import Taak

    casussen = _werk(coordinator, politie, 3)
    Taak.objects.filter(casus=casussen[2], organisatie=politie.organisatie).update(
        deadline=TODAY - datetime.timedelta(days=2)
    )
    _queries, blokken, response = _pagina(client, politie)
    eerste = blokken["taken"].resultaat.rijen[0]
    assert (eerste.casusnummer, eerste.te_laat) == (casussen[2].nummer, True)
    assert "te laat" in response.content.decode()


def test_a_section_registered_by_another_app_appears_for_whom_it_is(client, coordinator, politie):
    """A section another app registers shows, in its place, only for whom it is."""
    startpagina.register(
        startpagina.Sectie(
            sleutel="test-ongelezen",
            titel="Ongelezen berichten",
            voor=lambda user: user.pk == politie.pk,
            rijen=lambda *, user, limit: startpagina.Resultaat(
                [startpagina.Rij(titel="Nieuwe taak")], 1
            ),
            volgorde=1,
        )
    )
    try:
        _queries, blokken, response = _pagina(client, politie)
        assert next(iter(blokken)) == "test-ongelezen"
        assert "Nieuwe taak" in response.content.decode()
        _queries, blokken, _response = _pagina(client, coordinator)
        assert "test-ongelezen" not in blokken
    finally:
        startpagina.SECTIES.pop("test-ongelezen")


def test_a_closed_case_is_neither_silent_nor_a_report_to_make(coordinator, politie):
    from identificatie.selectors import meldingen_te_maken

    casus = _werk(coordinator, politie, 1)[0]
    assert list(meldingen_te_maken(user=coordinator)) == [casus]
    Casus.objects.filter(pk=casus.pk).update(status=Casus.Status.ADVIES_GEGEVEN)
    assert list(startpagina.stille_casussen(user=coordinator)) == [casus]
    Casus.objects.filter(pk=casus.pk).update(status=Casus.Status.GESLOTEN)
    assert list(startpagina.stille_casussen(user=coordinator)) == []
    assert list(meldingen_te_maken(user=coordinator)) == []


def test_unread_notices_come_first_and_only_to_their_recipient(client, coordinator, politie):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    gelezen, ongelezen = (
        Melding.objects.create(
            ontvanger=politie,
            soort=Meldingsoort.TOEGEVOEGD,
            casus=casus,
            url=reverse("casusoverleg:casus-detail", args=[casus.public_id]),
            tekst=f"Melding {i} over {casus.nummer}",
            gelezen_op=timezone.now() if i == 0 else None,
        )
        for i in range(2)
    )
    client.force_login(politie)
    html = client.get(HOME).content.decode()
    assert "Ongelezen meldingen" in html
    openen = reverse("casusoverleg:melding-openen", args=[ongelezen.public_id])
    assert openen in html
    assert reverse("casusoverleg:melding-openen", args=[gelezen.public_id]) not in html
    assert f"U heeft toegang gekregen tot casus {casus.nummer}." in html
    assert AuditEvent.objects.filter(object_id=ongelezen.public_id).exists()

    client.force_login(coordinator)
    assert openen not in client.get(HOME).content.decode()


def test_mijn_taken_on_the_start_page_holds_what_its_page_holds(client, coordinator, comensha):
    """Not only process steps: a report to submit (the coordinator) and one to register
    (CoMensha) are tasks on the start page too, linked to where they are done."""
    casus = make_casus(coordinator)
    _aantal, blokken, response = _pagina(client, coordinator)
    assert blokken["taken"].resultaat.totaal == 1
    assert reverse("identificatie:casus-melding", args=[casus.public_id]) in response.text
    assert "Geen openstaande taken." not in response.text
    _gemeld(coordinator, casus)
    _aantal, blokken, _response = _pagina(client, comensha)
    assert blokken["taken"].resultaat.totaal == 1
