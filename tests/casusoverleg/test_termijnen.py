"""Legal terms as timers and tasks on a case (casusoverleg.termijnen, .casustaken and
their services): reminders and expiry happen once, on the right day, whatever how
often ``manage.py herinneringen`` runs; a task is for its organisation only."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext_lazy

from casusoverleg import casustaken, termijnen
from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Casustaak, Melding, Meldingsoort, Termijn
from casusoverleg.services import (
    casus_coordinatoren,
    casustaak_afronden,
    casustaak_maken,
    casustaken_vervallen,
    termijn_afronden,
    termijn_zetten,
    termijnen_annuleren,
    termijnen_bijwerken,
)
from tests.factories import make_casus

START = datetime.date(2026, 3, 2)
EINDE = datetime.date(2026, 4, 1)
SOORT = "proeftermijn"


@pytest.fixture
def regel(settings):
    """A kind of term for these tests: 30 days, reminders 10 and 2 days before,
    recording what its callbacks were called with."""
    settings.TERMIJNEN = {**settings.TERMIJNEN, SOORT: {"dagen": 30, "herinneren": [2, 10]}}
    calls = {"herinnering": [], "verlopen": []}

    r = termijnen.register(
        termijnen.Regel(
            soort=SOORT,
            label=gettext_lazy("Proeftermijn"),
            ontvangers=lambda t: casus_coordinatoren(t.casus),
            bij_herinnering=lambda t, dagen: calls["herinnering"].append((t.pk, dagen)),
            bij_verlopen=lambda t, vandaag: calls["verlopen"].append((t.pk, vandaag)),
        )
    )
    yield calls
    termijnen.REGELS.pop(r.soort)


@pytest.fixture
def taaksoort():
    s = casustaken.register(
        casustaken.Soort(
            "proeftaak", gettext_lazy("Proeftaak"), gettext_lazy("Doe de proef."), True
        )
    )
    yield s
    casustaken.SOORTEN.pop(s.soort)


@pytest.fixture
def casus(coordinator, zorg):
    return make_casus(coordinator, deelnemers=[zorg.organisatie])


def _om_negen(dag):
    return datetime.datetime.combine(dag, datetime.time(9), tzinfo=datetime.UTC)


def _bijwerken(dag, capture):
    with time_machine.travel(_om_negen(dag), tick=False):
        with capture(execute=True):
            return termijnen_bijwerken()


def test_a_term_ends_after_its_length_from_the_settings(regel, casus):
    termijn = termijn_zetten(casus=casus, soort=SOORT, start=START)
    assert termijn.einde == EINDE
    assert termijn.is_lopend


def test_setting_a_running_term_again_moves_it_instead_of_starting_a_second(regel, casus):
    eerste = termijn_zetten(casus=casus, soort=SOORT, start=START)
    tweede = termijn_zetten(casus=casus, soort=SOORT, start=START, einde=EINDE.replace(day=20))
    assert tweede.pk == eerste.pk
    assert Termijn.objects.get(pk=eerste.pk).einde == datetime.date(2026, 4, 20)
    assert Termijn.objects.filter(casus=casus, soort=SOORT).count() == 1


def test_a_term_of_an_unregistered_kind_is_refused(casus):
    with pytest.raises(LookupError):
        termijn_zetten(casus=casus, soort="onbekend", start=START, einde=EINDE)


def test_each_reminder_goes_out_on_its_day_not_a_day_earlier_and_only_once(
    regel, casus, coordinator, django_capture_on_commit_callbacks
):
    termijn = termijn_zetten(casus=casus, soort=SOORT, start=START)
    assert _bijwerken(EINDE - datetime.timedelta(days=11), django_capture_on_commit_callbacks) == {}
    assert regel["herinnering"] == []

    gedaan = _bijwerken(EINDE - datetime.timedelta(days=10), django_capture_on_commit_callbacks)
    assert gedaan == {f"herinnering:{SOORT}": 1}
    assert regel["herinnering"] == [(termijn.pk, 10)]
    # The second run that day, and the days after, send nothing again.
    for dag in (10, 9, 3):
        assert (
            _bijwerken(EINDE - datetime.timedelta(days=dag), django_capture_on_commit_callbacks)
            == {}
        )
    _bijwerken(EINDE - datetime.timedelta(days=2), django_capture_on_commit_callbacks)
    assert regel["herinnering"] == [(termijn.pk, 10), (termijn.pk, 2)]

    notices = Melding.objects.filter(ontvanger=coordinator, soort=Meldingsoort.TERMIJN_HERINNERING)
    assert notices.count() == 2
    assert casus.nummer in notices.first().tekst
    assert casus.naam not in notices.first().tekst


def test_a_term_created_late_does_the_work_of_every_reminder_it_missed_with_one_notice(
    regel, casus, coordinator, django_capture_on_commit_callbacks
):
    termijn_zetten(casus=casus, soort=SOORT, start=START, einde=START + datetime.timedelta(days=1))
    gedaan = _bijwerken(START, django_capture_on_commit_callbacks)
    assert gedaan == {f"herinnering:{SOORT}": 2}
    assert [dagen for _pk, dagen in regel["herinnering"]] == [10, 2]
    assert Melding.objects.filter(soort=Meldingsoort.TERMIJN_HERINNERING).count() == 1


def test_a_term_expires_the_day_after_its_last_day_once(
    regel, casus, coordinator, django_capture_on_commit_callbacks
):
    termijn = termijn_zetten(casus=casus, soort=SOORT, start=START)
    _bijwerken(EINDE, django_capture_on_commit_callbacks)
    assert Termijn.objects.get(pk=termijn.pk).is_lopend
    assert regel["verlopen"] == []

    dag_erna = EINDE + datetime.timedelta(days=1)
    assert _bijwerken(dag_erna, django_capture_on_commit_callbacks) == {f"verlopen:{SOORT}": 1}
    assert _bijwerken(dag_erna, django_capture_on_commit_callbacks) == {}
    assert regel["verlopen"] == [(termijn.pk, dag_erna)]
    assert Termijn.objects.get(pk=termijn.pk).status == Termijn.Status.VERLOPEN
    assert (
        Melding.objects.filter(ontvanger=coordinator, soort=Meldingsoort.TERMIJN_VERLOPEN).count()
        == 1
    )


def test_the_command_run_twice_does_nothing_twice(
    regel, casus, coordinator, django_capture_on_commit_callbacks
):
    termijn_zetten(casus=casus, soort=SOORT, start=START)
    for dag in (datetime.date(2026, 3, 30), datetime.date(2026, 4, 2)):
        with time_machine.travel(_om_negen(dag), tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                call_command("herinneringen", stdout=io.StringIO())
                call_command("herinneringen", stdout=io.StringIO())
    assert len(regel["herinnering"]) == 2
    assert len(regel["verlopen"]) == 1
    assert Melding.objects.filter(soort=Meldingsoort.TERMIJN_HERINNERING).count() == 1
    assert Melding.objects.filter(soort=Meldingsoort.TERMIJN_VERLOPEN).count() == 1


def test_a_moved_term_reminds_again_before_its_new_end(
    regel, casus, django_capture_on_commit_callbacks
):
    termijn_zetten(casus=casus, soort=SOORT, start=START)
    _bijwerken(EINDE - datetime.timedelta(days=10), django_capture_on_commit_callbacks)
    nieuw = EINDE + datetime.timedelta(days=30)
    termijn_zetten(casus=casus, soort=SOORT, start=START, einde=nieuw)
    _bijwerken(EINDE + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert regel["verlopen"] == []
    _bijwerken(nieuw - datetime.timedelta(days=10), django_capture_on_commit_callbacks)
    assert [d for _pk, d in regel["herinnering"]] == [10, 10]


def test_ended_and_cancelled_terms_neither_remind_nor_expire(
    regel, casus, django_capture_on_commit_callbacks
):
    termijn_zetten(casus=casus, soort=SOORT, start=START)
    termijn_zetten(casus=casus, soort=SOORT, sleutel="b", start=START)
    assert termijn_afronden(casus=casus, soort=SOORT, reden="gedaan") == 1
    # The one left, and the report's term every case opened gets (comensha_melding).
    assert termijnen_annuleren(casus=casus, reden="casus gesloten") == 2
    _bijwerken(EINDE + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert regel == {"herinnering": [], "verlopen": []}
    assert set(Termijn.objects.values_list("status", flat=True)) == {
        Termijn.Status.AFGEROND,
        Termijn.Status.GEANNULEERD,
    }


def test_a_failing_callback_leaves_the_term_running_and_is_tried_again(
    regel, casus, django_capture_on_commit_callbacks, monkeypatch
):
    termijn = termijn_zetten(casus=casus, soort=SOORT, start=START)
    goed = termijnen.REGELS[SOORT]

    def kapot(t, vandaag):
        raise RuntimeError("stuk")

    import dataclasses

    monkeypatch.setitem(termijnen.REGELS, SOORT, dataclasses.replace(goed, bij_verlopen=kapot))
    dag_erna = EINDE + datetime.timedelta(days=1)
    assert f"verlopen:{SOORT}" not in _bijwerken(dag_erna, django_capture_on_commit_callbacks)
    assert Termijn.objects.get(pk=termijn.pk).is_lopend
    monkeypatch.setitem(termijnen.REGELS, SOORT, goed)
    assert _bijwerken(dag_erna, django_capture_on_commit_callbacks) == {f"verlopen:{SOORT}": 1}


def test_the_case_page_shows_a_running_term_with_the_days_left(regel, casus, coordinator, login):
    termijn_zetten(casus=casus, soort=SOORT, start=START)
    with time_machine.travel(_om_negen(datetime.date(2026, 3, 22)), tick=False):
        page = login(coordinator).get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    text = page.content.decode()
    assert "Proeftermijn" in text
    assert "nog 10 dagen" in text


# Tasks on a case -------------------------------------------------------------------------


def test_making_a_task_twice_gives_the_same_task_and_one_notice(
    taaksoort, casus, zorg, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a = casustaak_maken(
            casus=casus, soort="proeftaak", organisatie=zorg.organisatie, deadline=EINDE
        )
        b = casustaak_maken(
            casus=casus, soort="proeftaak", organisatie=zorg.organisatie, deadline=EINDE
        )
    assert a.pk == b.pk
    notices = Melding.objects.filter(ontvanger=zorg, soort=Meldingsoort.NIEUWE_TAAK)
    assert notices.count() == 1
    assert notices.get().url == reverse("casusoverleg:casustaak", args=[a.public_id])


def test_a_task_is_done_by_its_organisation_only_and_others_get_404(
    taaksoort, casus, zorg, coordinator, buitenstaander, login, client
):
    taak = casustaak_maken(
        casus=casus, soort="proeftaak", organisatie=zorg.organisatie, deadline=EINDE
    )
    url = reverse("casusoverleg:casustaak", args=[taak.public_id])
    # The coordinator sees the case, but the task is zorg's: 404, audited.
    for user in (coordinator, buitenstaander):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"toelichting": "gedaan"}).status_code == 404
    assert (
        AuditEvent.objects.filter(
            object_type="casustaak", object_id=taak.public_id, uitkomst="geweigerd"
        ).count()
        == 4
    )
    client.force_login(zorg)
    page = client.get(url)
    assert page.status_code == 200
    assert "Doe de proef." in page.content.decode()
    # The kind asks for a result: an empty one is refused on the form.
    refused = client.post(url, {"toelichting": "  "})
    assert refused.status_code == 200
    assert "Dit veld is verplicht" in refused.content.decode()
    assert Casustaak.objects.get(pk=taak.pk).is_open
    done = client.post(url, {"toelichting": "Plan gemaakt."})
    assert done.status_code == 302
    taak.refresh_from_db()
    assert taak.status == Casustaak.Status.AFGEROND
    assert taak.afgehandeld_door == zorg


def test_the_service_refuses_someone_of_another_organisation(taaksoort, casus, zorg, coordinator):
    taak = casustaak_maken(
        casus=casus, soort="proeftaak", organisatie=zorg.organisatie, deadline=EINDE
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        casustaak_afronden(ctx=AuditContext.system(coordinator), taak=taak, toelichting="x")


def test_lapsed_tasks_keep_their_reason_and_leave_mijn_taken(taaksoort, casus, zorg, login):
    taak = casustaak_maken(
        casus=casus, soort="proeftaak", organisatie=zorg.organisatie, deadline=EINDE
    )
    client = login(zorg)
    taken = client.get(reverse("identificatie:taken")).content.decode()
    assert reverse("casusoverleg:casustaak", args=[taak.public_id]) in taken
    home = client.get(reverse("casusoverleg:home")).content.decode()
    assert reverse("casusoverleg:casustaak", args=[taak.public_id]) in home

    assert casustaken_vervallen(casus=casus, reden="Casus gesloten") == 1
    taak.refresh_from_db()
    assert taak.status == Casustaak.Status.VERVALLEN
    assert taak.toelichting == "Casus gesloten"
    taken = client.get(reverse("identificatie:taken")).content.decode()
    assert reverse("casusoverleg:casustaak", args=[taak.public_id]) not in taken


def test_a_task_shows_on_the_case_page_and_its_timeline(taaksoort, casus, zorg, coordinator, login):
    casustaak_maken(casus=casus, soort="proeftaak", organisatie=zorg.organisatie, deadline=EINDE)
    client = login(coordinator)
    page = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id])).content.decode()
    assert "Proeftaak" in page
    tijdlijn = client.get(reverse("casusoverleg:tijdlijn", args=[casus.public_id])).content.decode()
    assert "Taak voor Zorgcentrum De Vuurtoren: Proeftaak" in tijdlijn
