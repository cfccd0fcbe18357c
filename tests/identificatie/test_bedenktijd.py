"""The reflection period (bedenktijd) as a timer: recorded on the case, reminders
before its end to the coordinator, the lawyer and the care, a task for the
coordinating organisation when it passes without an outcome, ended by the outcome."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.models import Casustaak, Deelname, Melding, Meldingsoort, Termijn
from identificatie.models import Bedenktijd
from identificatie.services import bedenktijd_start, bedenktijd_uitkomst
from tests.factories import make_casus

START = datetime.date(2026, 3, 2)
EINDE = START + datetime.timedelta(days=90)  # the default length (settings.TERMIJNEN)


def _om(dag):
    return time_machine.travel(
        datetime.datetime.combine(dag, datetime.time(9), tzinfo=datetime.UTC), tick=False
    )


def _herinneringen(dag, capture):
    with _om(dag), capture(execute=True):
        call_command("herinneringen", stdout=io.StringIO())


@pytest.fixture
def casus(coordinator, zorg, politie, advocaat):
    return make_casus(
        coordinator,
        deelnemers=[zorg.organisatie, politie.organisatie],
        advocaten=[advocaat],
        nationaliteit="RO",
    )


@pytest.fixture
def lopend(casus, coordinator):
    with _om(START):
        return bedenktijd_start(ctx=AuditContext.system(coordinator), casus=casus, start=START)


def test_a_recorded_period_runs_its_full_length_as_a_term(lopend, casus):
    assert lopend.einde == EINDE
    termijn = Termijn.objects.get(casus=casus, soort="bedenktijd")
    assert (termijn.start, termijn.einde, termijn.status) == (START, EINDE, Termijn.Status.LOPEND)


def test_a_shorter_period_is_allowed_a_longer_one_refused_on_the_form(casus, coordinator, login):
    client = login(coordinator)
    url = reverse("identificatie:bedenktijd", args=[casus.public_id])
    with _om(START):
        te_lang = client.post(
            url,
            {"actie": "start", "start": START.isoformat(), "einde": "2026-06-15"},
        )
        assert te_lang.status_code == 200
        assert "ten hoogste 90 dagen" in te_lang.content.decode()
        assert not Bedenktijd.objects.exists()
        korter = client.post(
            url, {"actie": "start", "start": START.isoformat(), "einde": "2026-04-01"}
        )
    assert korter.status_code == 302
    assert Bedenktijd.objects.get().einde == datetime.date(2026, 4, 1)


def test_no_period_for_a_dutch_national(coordinator):
    casus = make_casus(coordinator, nationaliteit="NL")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as fout:
        bedenktijd_start(
            ctx=AuditContext.system(coordinator), casus=casus, start=timezone.localdate()
        )
    assert "Nederlandse nationaliteit" in str(fout.value)
    assert not Bedenktijd.objects.filter(casus=casus).exists()


def test_the_page_offers_no_period_for_a_dutch_national(coordinator, login):
    casus = make_casus(coordinator, nationaliteit="NL")
    client = login(coordinator)
    url = reverse("identificatie:bedenktijd", args=[casus.public_id])
    assert 'value="start"' not in client.get(url).content.decode()
    client.post(url, {"actie": "start", "start": timezone.localdate().isoformat()})
    assert not Bedenktijd.objects.filter(casus=casus).exists()


def test_every_reason_to_refuse_the_start_is_given_none_overwriting_another(lopend, casus):
    from django.core.exceptions import ValidationError

    with _om(START), pytest.raises(ValidationError) as fout:
        bedenktijd_start(
            ctx=AuditContext.system(casus.coordinator),
            casus=casus,
            start=START + datetime.timedelta(days=1),
        )
    redenen = fout.value.message_dict["start"]
    assert any("loopt al een bedenktijd" in r for r in redenen)
    assert any("niet in de toekomst" in r for r in redenen)


def test_reminders_go_to_coordinator_lawyer_and_care_on_their_days(
    lopend, coordinator, zorg, politie, advocaat, django_capture_on_commit_callbacks
):
    herinnering = Melding.objects.filter(soort=Meldingsoort.TERMIJN_HERINNERING)
    _herinneringen(EINDE - datetime.timedelta(days=15), django_capture_on_commit_callbacks)
    assert not herinnering.exists()
    _herinneringen(EINDE - datetime.timedelta(days=14), django_capture_on_commit_callbacks)
    _herinneringen(EINDE - datetime.timedelta(days=14), django_capture_on_commit_callbacks)
    assert set(herinnering.values_list("ontvanger__username", flat=True)) == {
        coordinator.username,
        zorg.username,
        advocaat.username,
    }
    assert herinnering.count() == 3
    _herinneringen(EINDE - datetime.timedelta(days=3), django_capture_on_commit_callbacks)
    assert herinnering.count() == 6


def test_a_period_that_passes_gives_the_coordinating_organisation_a_task_once(
    lopend, casus, coordinator, django_capture_on_commit_callbacks
):
    _herinneringen(EINDE, django_capture_on_commit_callbacks)
    assert not Casustaak.objects.exists()
    for _ in range(2):
        _herinneringen(EINDE + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    taak = Casustaak.objects.get()
    assert taak.soort == "bedenktijd_uitkomst"
    assert taak.organisatie == casus.coordinerende_organisatie
    assert Termijn.objects.get(soort="bedenktijd").status == Termijn.Status.VERLOPEN
    assert Melding.objects.filter(ontvanger=coordinator, soort=Meldingsoort.NIEUWE_TAAK).exists()

    # Recording the outcome completes the task.
    with _om(EINDE + datetime.timedelta(days=2)):
        bedenktijd_uitkomst(
            ctx=AuditContext.system(coordinator),
            casus=casus,
            uitkomst=Bedenktijd.Uitkomst.AANGIFTE,
            op=EINDE,
        )
    taak.refresh_from_db()
    assert taak.status == Casustaak.Status.AFGEROND
    assert taak.afgehandeld_door == coordinator


def test_the_outcome_ends_the_term_so_nothing_more_is_sent(
    lopend, casus, zorg, django_capture_on_commit_callbacks
):
    with _om(START + datetime.timedelta(days=20)):
        bedenktijd_uitkomst(
            ctx=AuditContext.system(zorg),
            casus=casus,
            uitkomst=Bedenktijd.Uitkomst.GEEN_AANGIFTE,
            op=START + datetime.timedelta(days=20),
        )
    termijn = Termijn.objects.get(soort="bedenktijd")
    assert termijn.status == Termijn.Status.AFGEROND
    _herinneringen(EINDE + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert not Melding.objects.filter(soort__startswith="termijn").exists()
    assert not Casustaak.objects.exists()


def test_the_page_is_404_for_outsiders_and_read_only_for_an_observer(
    lopend, casus, coordinator, buitenstaander, jeugdzorg, client
):
    from casusoverleg.services import deelname_add

    deelname_add(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisatie=jeugdzorg.organisatie,
        rol=Deelname.Rol.WAARNEMER,
    )
    url = reverse("identificatie:bedenktijd", args=[casus.public_id])
    client.force_login(buitenstaander)
    assert client.get(url).status_code == 404
    assert client.post(url, {"actie": "uitkomst"}).status_code == 404
    client.force_login(jeugdzorg)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="uitkomst"' not in page.content.decode()
    assert client.post(url, {"actie": "uitkomst", "uitkomst": "anders"}).status_code == 403
    assert Bedenktijd.objects.get().lopend


def test_the_case_page_shows_the_period_with_days_left(lopend, casus, coordinator, login):
    with _om(EINDE - datetime.timedelta(days=5)):
        page = login(coordinator).get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    text = page.content.decode()
    assert "Bedenktijd" in text
    assert "nog 5 dagen" in text
