"""The assessment deadline as a term (identificatie.termijnen): reminded of before,
the round closed (or the coordinator asked) the day after, once, however often
``manage.py herinneringen`` runs; the clock is driven by time-machine."""

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from viewflow.workflow.status import STATUS

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Casustaak, Melding, Meldingsoort, Termijn
from identificatie import services
from identificatie.flows import IdentificatieFlow
from identificatie.models import IdentificatieProces, Taak
from tests.factories import make_casus

from .test_proces import BEOORDELING, beoordeel, open_taak

START = datetime.date(2026, 3, 2)
DEADLINE = datetime.date(2026, 3, 9)
DAG = datetime.timedelta(days=1)
SOORT = IdentificatieProces.TERMIJNSOORT
ESCALATIE = IdentificatieProces.ESCALATIESOORT


def _om_negen(dag):
    return datetime.datetime.combine(dag, datetime.time(9), tzinfo=datetime.UTC)


@pytest.fixture
def klok():
    with time_machine.travel(_om_negen(START), tick=False) as traveller:
        yield traveller


@pytest.fixture
def casus(coordinator, politie, zorg):
    return make_casus(
        coordinator, deelnemers=[politie.organisatie, zorg.organisatie], naam="Niet In De Reden"
    )


@pytest.fixture
def proces(klok, casus, coordinator, politie, zorg, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.proces_start(
            ctx=AuditContext.system(coordinator),
            casus=casus,
            organisaties=[politie.organisatie, zorg.organisatie],
            deadline=DEADLINE,
        )


@pytest.fixture
def run(klok, django_capture_on_commit_callbacks):
    """``manage.py herinneringen`` on a given day, notices sent."""

    def _run(dag):
        klok.move_to(_om_negen(dag))
        with django_capture_on_commit_callbacks(execute=True):
            call_command("herinneringen", stdout=io.StringIO())

    return _run


@pytest.fixture
def escaleren(settings):
    settings.TERMIJNEN = {
        **settings.TERMIJNEN,
        SOORT: {**settings.TERMIJNEN[SOORT], "bij_verlopen": "escaleren"},
    }


def _meldingen(user, soort):
    """The notices of ``soort`` to ``user`` about the assessments (the case's own
    report to CoMensha is a term too, with its own reminders and link)."""
    return (
        Melding.objects.filter(ontvanger=user, soort=soort)
        .exclude(url__contains="/melding")
        .count()
    )


def _vastgelegd(proces):
    """Everything the deadline's run may write, to compare a second run against."""
    proces.refresh_from_db()
    return (
        proces.ronde_gesloten_op,
        proces.ronde_vervroegd_reden,
        list(Termijn.objects.values_list("pk", "status", "einde")),
        list(Casustaak.objects.values_list("pk", "status")),
        list(Taak.objects.values_list("pk", "task__status")),
        Melding.objects.count(),
        AuditEvent.objects.count(),
    )


def test_starting_the_process_starts_the_deadline_as_a_term_shown_with_days_left(
    proces, casus, coordinator, login
):
    termijn = Termijn.objects.get(casus=casus, soort=SOORT)
    assert (termijn.sleutel, termijn.start, termijn.einde) == (proces.public_id, START, DEADLINE)
    assert termijn.is_lopend
    page = login(coordinator).get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    assert "Deadline beoordelingen" in page.text and "nog 7 dagen" in page.text


def test_before_the_deadline_nothing_closes_and_only_who_has_not_submitted_is_reminded(
    proces, run, coordinator, politie, zorg
):
    beoordeel(politie, proces)
    for dag in (DEADLINE - 3 * DAG, DEADLINE - 3 * DAG, DEADLINE - DAG, DEADLINE):
        run(dag)
    proces.refresh_from_db()
    assert not proces.ronde_gesloten
    assert Termijn.objects.get(sleutel=proces.public_id).is_lopend
    # Care, still to submit, is reminded 3 days and 1 day before; the police, who
    # submitted, and the coordinator are not.
    assert _meldingen(zorg, Meldingsoort.TERMIJN_HERINNERING) == 2
    assert _meldingen(politie, Meldingsoort.TERMIJN_HERINNERING) == 0
    assert _meldingen(coordinator, Meldingsoort.TERMIJN_HERINNERING) == 0


def test_the_day_after_the_deadline_the_command_closes_the_round_with_the_reason(
    proces, run, casus, coordinator, politie, zorg, login
):
    beoordeel(politie, proces)
    run(DEADLINE + DAG)

    proces.refresh_from_db()
    assert proces.ronde_gesloten
    assert proces.ronde_gesloten_wegens == IdentificatieProces.Sluitwijze.DEADLINE
    # Who had not submitted, by organisation; no one who had, and no case content.
    assert proces.ronde_vervroegd_reden.startswith("Deadline verstreken.")
    assert zorg.organisatie.naam in proces.ronde_vervroegd_reden
    assert politie.organisatie.naam not in proces.ronde_vervroegd_reden
    assert "Niet In De Reden" not in proces.ronde_vervroegd_reden
    # Through the flow: care's task finished as closed by the deadline, the process
    # waits at the conference step, the term has run out.
    zorgtaak = Taak.objects.get(proces=proces, organisatie=zorg.organisatie)
    assert zorgtaak.task.status == STATUS.DONE
    assert zorgtaak.task.data.get("deadline_verstreken") is True
    assert zorgtaak.task.owner is None
    assert open_taak(proces, IdentificatieFlow.zorgtafel)
    assert Termijn.objects.get(sleutel=proces.public_id).status == Termijn.Status.VERLOPEN
    event = AuditEvent.objects.filter(object_type="proces", detail__wegens="deadline").get()
    assert event.gebruiker is None
    # Nobody is told the deadline passed twice: no overdue notice for the assessment.
    assert Melding.objects.filter(soort=Meldingsoort.TAAK_VERLOPEN).count() == 0

    tijdlijn = login(coordinator).get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    assert "Ronde gesloten: deadline verstreken" in tijdlijn.text
    detail = login(coordinator).get(
        reverse("identificatie:proces-detail", args=[casus.public_id, proces.public_id])
    )
    assert "(gesloten: deadline verstreken)" in detail.text

    voor = _vastgelegd(proces)
    run(DEADLINE + DAG)
    run(DEADLINE + 2 * DAG)
    assert _vastgelegd(proces) == voor


def test_closing_by_the_deadline_runs_once_when_called_twice(proces, klok, politie):
    beoordeel(politie, proces)
    klok.move_to(_om_negen(DEADLINE + DAG))
    assert services.ronde_sluiten_na_deadline(proces=proces, vandaag=DEADLINE + DAG) is not None
    gesloten_op = IdentificatieProces.objects.get(pk=proces.pk).ronde_gesloten_op
    klok.move_to(_om_negen(DEADLINE + 2 * DAG))
    assert services.ronde_sluiten_na_deadline(proces=proces, vandaag=DEADLINE + 2 * DAG) is None
    assert IdentificatieProces.objects.get(pk=proces.pk).ronde_gesloten_op == gesloten_op


def test_the_service_leaves_a_round_open_until_the_deadline_has_passed(proces, politie):
    assert services.ronde_sluiten_na_deadline(proces=proces, vandaag=DEADLINE) is None
    proces.refresh_from_db()
    assert not proces.ronde_gesloten


def test_an_assessment_after_the_deadline_closed_the_round_is_marked_late(
    proces, run, politie, zorg
):
    beoordeel(politie, proces)
    run(DEADLINE + DAG)
    late = services.beoordeling_late_submit(
        ctx=AuditContext.system(zorg), proces=proces, data=BEOORDELING, indicatoren=[]
    )
    assert late.te_laat and late.ingediend


def test_with_escalation_set_the_coordinator_gets_a_task_and_one_notice(
    escaleren, proces, run, casus, coordinator, politie, zorg
):
    beoordeel(politie, proces)
    run(DEADLINE + DAG)
    run(DEADLINE + DAG)
    run(DEADLINE + 2 * DAG)

    proces.refresh_from_db()
    assert not proces.ronde_gesloten
    taak = Casustaak.objects.get(casus=casus, soort=ESCALATIE)
    assert taak.is_open and taak.organisatie == casus.coordinerende_organisatie
    assert (
        Melding.objects.filter(
            ontvanger=coordinator,
            soort=Meldingsoort.NIEUWE_TAAK,
            url=reverse("casusoverleg:casustaak", args=[taak.public_id]),
        ).count()
        == 1
    )
    # Not also one overdue notice per open assessment for the coordinator; care is
    # told once that the term passed, not also that its task is overdue.
    assert _meldingen(coordinator, Meldingsoort.TAAK_VERLOPEN) == 0
    assert _meldingen(zorg, Meldingsoort.TAAK_VERLOPEN) == 0
    assert _meldingen(zorg, Meldingsoort.TERMIJN_VERLOPEN) == 1
    # Care's task is still open: it can still submit in the round.
    assert open_taak(proces, IdentificatieFlow.beoordelen, zorg.organisatie)


def test_extending_the_deadline_runs_the_term_again_and_completes_the_decision(
    escaleren, proces, run, casus, coordinator, politie, zorg
):
    beoordeel(politie, proces)
    run(DEADLINE + DAG)
    nieuw = DEADLINE + 7 * DAG
    services.deadline_verlengen(ctx=AuditContext.system(coordinator), proces=proces, deadline=nieuw)

    proces.refresh_from_db()
    assert proces.deadline == nieuw
    assert open_taak(proces, IdentificatieFlow.beoordelen, zorg.organisatie).deadline == nieuw
    lopend = Termijn.objects.filter(sleutel=proces.public_id).lopend().get()
    assert lopend.einde == nieuw
    taak = Casustaak.objects.get(casus=casus, soort=ESCALATIE)
    assert taak.status == Casustaak.Status.AFGEROND and taak.afgehandeld_door == coordinator

    # The new deadline passes as well: a new decision for the coordinator.
    run(nieuw + DAG)
    assert Casustaak.objects.filter(casus=casus, soort=ESCALATIE).open().count() == 1


def test_extending_before_the_deadline_moves_the_running_term(proces, klok, coordinator):
    termijn = Termijn.objects.get(sleutel=proces.public_id)
    services.deadline_verlengen(
        ctx=AuditContext.system(coordinator), proces=proces, deadline=DEADLINE + 3 * DAG
    )
    termijn.refresh_from_db()
    assert termijn.is_lopend and termijn.einde == DEADLINE + 3 * DAG


def test_only_a_coordinator_extends_and_only_to_a_later_date(proces, politie, coordinator):
    with pytest.raises(PermissionDenied):
        services.deadline_verlengen(
            ctx=AuditContext.system(politie), proces=proces, deadline=DEADLINE + DAG
        )
    with pytest.raises(ValidationError) as fout:
        services.deadline_verlengen(
            ctx=AuditContext.system(coordinator), proces=proces, deadline=DEADLINE
        )
    assert "deadline" in fout.value.message_dict
    assert IdentificatieProces.objects.get(pk=proces.pk).deadline == DEADLINE


def test_closing_the_round_after_escalation_completes_the_decision(
    escaleren, proces, run, casus, coordinator, politie
):
    beoordeel(politie, proces)
    run(DEADLINE + DAG)
    services.ronde_close(ctx=AuditContext.system(coordinator), proces=proces, reden="Zorgtafel.")
    taak = Casustaak.objects.get(casus=casus, soort=ESCALATIE)
    assert taak.status == Casustaak.Status.AFGEROND


def test_a_round_complete_before_the_deadline_ends_the_term(proces, run, politie, zorg):
    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    termijn = Termijn.objects.get(sleutel=proces.public_id)
    assert termijn.status == Termijn.Status.AFGEROND
    run(DEADLINE + DAG)
    proces.refresh_from_db()
    assert proces.ronde_gesloten_wegens == IdentificatieProces.Sluitwijze.COMPLEET


def test_cancelling_the_process_cancels_the_term(proces, coordinator):
    services.proces_cancel(ctx=AuditContext.system(coordinator), proces=proces, reden="Dubbel.")
    termijn = Termijn.objects.get(sleutel=proces.public_id)
    assert termijn.status == Termijn.Status.GEANNULEERD


def test_outsiders_see_nothing_new(escaleren, proces, run, casus, buitenstaander, politie, login):
    beoordeel(politie, proces)
    run(DEADLINE - DAG)
    run(DEADLINE + DAG)
    assert not Melding.objects.filter(ontvanger=buitenstaander).exists()
    taak = Casustaak.objects.get(casus=casus, soort=ESCALATIE)
    client = login(buitenstaander)
    for url in (
        reverse("casusoverleg:casustaak", args=[taak.public_id]),
        reverse("identificatie:proces-detail", args=[casus.public_id, proces.public_id]),
        reverse("casusoverleg:casus-detail", args=[casus.public_id]),
    ):
        assert client.get(url).status_code == 404


def test_a_mistyped_expiry_setting_fails_loudly(settings):
    settings.TERMIJNEN = {**settings.TERMIJNEN, SOORT: {"bij_verlopen": "sluit"}}
    with pytest.raises(ImproperlyConfigured):
        services.bij_verlopen_instelling()


def test_the_coordinator_extends_the_deadline_on_the_process_page(
    proces, casus, coordinator, politie, login
):
    detail = reverse("identificatie:proces-detail", args=[casus.public_id, proces.public_id])
    url = reverse("identificatie:deadline-verlengen", args=[casus.public_id, proces.public_id])
    client = login(coordinator)
    assert url in client.get(detail).text

    fout = client.post(url, {"deadline-deadline": DEADLINE.isoformat()})
    assert fout.status_code == 200
    assert 'aria-invalid="true"' in fout.text and "Kies een datum na de huidige" in fout.text
    assert client.post(url, {"deadline-deadline": "morgen"}).status_code == 200

    response = client.post(url, {"deadline-deadline": (DEADLINE + 5 * DAG).isoformat()})
    assert response.status_code == 302 and response.url == detail
    assert Termijn.objects.get(sleutel=proces.public_id).einde == DEADLINE + 5 * DAG

    # A participant who does not coordinate is refused; the deadline stays.
    later = (DEADLINE + 9 * DAG).isoformat()
    assert login(politie).post(url, {"deadline-deadline": later}).status_code == 404
    assert IdentificatieProces.objects.get(pk=proces.pk).deadline == DEADLINE + 5 * DAG
