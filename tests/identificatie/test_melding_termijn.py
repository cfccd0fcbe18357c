"""The reporting term (``comensha_melding``): it starts when the case's report is
made due, reminds the coordinator before its end, and ends when the report is
submitted or the exception recorded. Driven by the clock."""

import datetime

import time_machine
from django.conf import settings

from casusoverleg.audit import AuditContext
from casusoverleg.models import Melding as Notificatie
from casusoverleg.models import Meldingsoort, Termijn
from casusoverleg.services import termijnen_bijwerken
from identificatie.models import Melding
from identificatie.services import melding_decline, melding_submit
from tests.factories import make_casus

OPEN = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def _termijn(casus):
    return Termijn.objects.get(casus=casus, soort="comensha_melding")


def test_the_term_starts_with_the_report_and_lasts_the_setting(coordinator):
    with time_machine.travel(OPEN, tick=False):
        casus = make_casus(coordinator)
    termijn = _termijn(casus)
    assert termijn.status == Termijn.Status.LOPEND
    assert termijn.start == datetime.date(2026, 3, 2)
    dagen = settings.TERMIJNEN["comensha_melding"]["dagen"]
    assert termijn.einde == termijn.start + datetime.timedelta(days=dagen)


def test_the_coordinator_is_reminded_once_before_the_end(
    coordinator, django_capture_on_commit_callbacks
):
    with time_machine.travel(OPEN, tick=False):
        casus = make_casus(coordinator)
    einde = _termijn(casus).einde
    eerste = max(settings.TERMIJNEN["comensha_melding"]["herinneren"])
    dag = einde - datetime.timedelta(days=eerste)
    with django_capture_on_commit_callbacks(execute=True):
        termijnen_bijwerken(vandaag=dag)
        termijnen_bijwerken(vandaag=dag)
    herinnerd = Notificatie.objects.filter(soort=Meldingsoort.TERMIJN_HERINNERING, casus=casus)
    assert list(herinnerd.values_list("ontvanger", flat=True)) == [coordinator.pk]


def test_submitting_ends_the_term_and_nothing_reminds_after(
    coordinator, django_capture_on_commit_callbacks
):
    with time_machine.travel(OPEN, tick=False):
        casus = make_casus(coordinator)
    melding_submit(ctx=AuditContext.system(coordinator), melding=Melding.objects.get(casus=casus))
    termijn = _termijn(casus)
    assert termijn.status == Termijn.Status.AFGEROND
    with django_capture_on_commit_callbacks(execute=True):
        termijnen_bijwerken(vandaag=termijn.einde + datetime.timedelta(days=1))
    assert not Notificatie.objects.filter(
        soort__in=[Meldingsoort.TERMIJN_HERINNERING, Meldingsoort.TERMIJN_VERLOPEN]
    ).exists()


def test_an_exception_ends_the_term_too(coordinator):
    casus = make_casus(coordinator)
    melding_decline(
        ctx=AuditContext.system(coordinator),
        melding=Melding.objects.get(casus=casus),
        reden="al_gemeld",
        toelichting="De politie meldde al bij CoMensha.",
    )
    assert _termijn(casus).status == Termijn.Status.AFGEROND


def test_mijn_taken_shows_the_end_of_the_term_as_deadline(coordinator):
    from casusoverleg import takenlijst

    with time_machine.travel(OPEN, tick=False):
        casus = make_casus(coordinator)
    secties = {s["sleutel"]: s for s in takenlijst.secties_voor(user=coordinator)}
    (rij,) = secties["meldingen-in-te-dienen"]["rijen"]
    assert rij.casus == casus and rij.deadline == _termijn(casus).einde
