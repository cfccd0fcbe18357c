"""Minors (casusoverleg.minderjarigen): an amv case needs Nidos, the youth-care
delineation per municipality, and turning 18 as a term whose reminders make the
handover tasks on the right days, once, however often ``manage.py herinneringen``
runs."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from casusoverleg import minderjarigen
from casusoverleg.audit import AuditContext
from casusoverleg.models import (
    AuditEvent,
    Casus,
    Casustaak,
    Deelname,
    Gemeente,
    Melding,
    Meldingsoort,
    Termijn,
)
from casusoverleg.services import (
    casus_minderjarigheid_update,
    casus_sluiten,
    casus_update,
    deelname_add,
    deelname_remove,
)
from tests.factories import make_casus

#: The day the cases of these tests are opened, and a minor's 18th birthday.
OPEN = datetime.date(2026, 12, 1)
GEBOREN = datetime.date(2009, 6, 10)
VERJAARDAG = datetime.date(2027, 6, 10)


def _om_negen(dag):
    return datetime.datetime.combine(dag, datetime.time(9), tzinfo=datetime.UTC)


@pytest.fixture
def op_de_opendag():
    with time_machine.travel(_om_negen(OPEN), tick=False):
        yield


def _herinneringen(dag, capture):
    """Run the scheduled command on ``dag``, as cron would."""
    with time_machine.travel(_om_negen(dag), tick=False):
        with capture(execute=True):
            call_command("herinneringen", stdout=io.StringIO())


def _taken(casus, **filters):
    return Casustaak.objects.filter(casus=casus, **filters)


def _open_soorten(casus):
    return sorted(_taken(casus).open().values_list("soort", flat=True))


def _ctx(user):
    return AuditContext.system(user)


# An unaccompanied minor needs Nidos --------------------------------------------------


def test_an_amv_case_without_nidos_gives_the_coordinator_a_task_and_a_notification(
    coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        casus = make_casus(coordinator, geboortedatum=GEBOREN, amv=True)
    taak = _taken(casus, soort=minderjarigen.AMV_NIDOS).get()
    assert taak.is_open
    assert taak.organisatie == casus.coordinerende_organisatie
    melding = Melding.objects.get(ontvanger=coordinator, soort=Meldingsoort.NIEUWE_TAAK)
    assert casus.nummer in melding.tekst
    assert casus.naam not in melding.tekst


def test_the_amv_task_lapses_when_nidos_joins_and_comes_back_when_nidos_leaves(coordinator, nidos):
    casus = make_casus(coordinator, geboortedatum=GEBOREN, amv=True)
    deelname = deelname_add(ctx=_ctx(coordinator), casus=casus, organisatie=nidos.organisatie)
    eerste = _taken(casus, soort=minderjarigen.AMV_NIDOS).get()
    assert eerste.status == Casustaak.Status.VERVALLEN
    assert "Nidos neemt deel" in eerste.toelichting

    deelname_remove(ctx=_ctx(coordinator), deelname=deelname)
    assert _taken(casus, soort=minderjarigen.AMV_NIDOS).open().count() == 1
    assert _taken(casus, soort=minderjarigen.AMV_NIDOS).count() == 2


def test_a_case_that_is_no_amv_case_or_has_nidos_from_the_start_gets_no_nidos_task(
    coordinator, nidos
):
    gewoon = make_casus(coordinator, geboortedatum=GEBOREN)
    met_nidos = make_casus(
        coordinator, geboortedatum=GEBOREN, amv=True, deelnemers=[nidos.organisatie]
    )
    assert not _taken(gewoon).exists()
    assert not _taken(met_nidos, soort=minderjarigen.AMV_NIDOS).open().exists()


def test_unticking_amv_ends_the_nidos_task(coordinator):
    casus = make_casus(coordinator, geboortedatum=GEBOREN, amv=True)
    casus_update(ctx=_ctx(coordinator), casus=casus, data={"amv": False}, vormen=["arbeid"])
    taak = _taken(casus, soort=minderjarigen.AMV_NIDOS).get()
    assert taak.status == Casustaak.Status.VERVALLEN


# The guardian ------------------------------------------------------------------------


def test_an_amv_case_in_which_nidos_takes_part_requires_the_guardians_organisation(
    coordinator, nidos, login
):
    casus = make_casus(coordinator, geboortedatum=GEBOREN, amv=True, deelnemers=[nidos.organisatie])
    url = reverse("casusoverleg:casus-minderjarigheid", args=[casus.public_id])
    response = login(coordinator).post(url, {"voogd_organisatie": "", "voogd_naam": "J. Jansen"})
    assert response.status_code == 200
    assert "Leg vast welke organisatie de voogd is" in response.content.decode()
    casus.refresh_from_db()
    assert casus.voogd_naam == ""

    response = login(coordinator).post(
        url, {"voogd_organisatie": nidos.organisatie.pk, "voogd_naam": "J. Jansen"}
    )
    assert response.status_code == 302
    casus.refresh_from_db()
    assert (casus.voogd_organisatie, casus.voogd_naam) == (nidos.organisatie, "J. Jansen")


def test_the_guardian_page_proposes_the_nidos_organisation_taking_part(coordinator, nidos, login):
    casus = make_casus(coordinator, geboortedatum=GEBOREN, amv=True, deelnemers=[nidos.organisatie])
    url = reverse("casusoverleg:casus-minderjarigheid", args=[casus.public_id])
    response = login(coordinator).get(url)
    assert response.context["form"].initial["voogd_organisatie"] == nidos.organisatie.pk


def test_without_nidos_taking_part_the_guardian_is_not_yet_required(coordinator):
    casus = make_casus(coordinator, geboortedatum=GEBOREN, amv=True)
    casus_minderjarigheid_update(
        ctx=_ctx(coordinator),
        casus=casus,
        data={"achttien_uitkomst": Casus.Achttien.VOOGD_MENTOR},
    )
    casus.refresh_from_db()
    assert casus.achttien_uitkomst == Casus.Achttien.VOOGD_MENTOR


def test_a_guardian_is_nidos_or_youth_care_never_another_organisation(coordinator, zorg):
    from django.core.exceptions import ValidationError

    casus = make_casus(coordinator, geboortedatum=GEBOREN)
    with pytest.raises(ValidationError) as fout:
        casus_minderjarigheid_update(
            ctx=_ctx(coordinator), casus=casus, data={"voogd_organisatie": zorg.organisatie}
        )
    assert "voogd_organisatie" in fout.value.message_dict


@pytest.mark.parametrize("wie", ["buitenstaander", "zorg", "nidos"])
def test_the_guardian_page_is_a_missing_page_to_anyone_but_the_coordinator(
    request, coordinator, zorg, nidos, login, wie
):
    casus = make_casus(coordinator, geboortedatum=GEBOREN, deelnemers=[zorg.organisatie])
    url = reverse("casusoverleg:casus-minderjarigheid", args=[casus.public_id])
    user = request.getfixturevalue(wie)
    assert login(user).get(url).status_code == 404
    assert login(user).post(url, {"achttien_uitkomst": "gesloten"}).status_code == 404
    casus.refresh_from_db()
    assert casus.achttien_uitkomst == ""
    assert AuditEvent.objects.filter(gebruiker=user, uitkomst="geweigerd").exists()


# The youth-care delineation per municipality -----------------------------------------


@pytest.fixture
def voorbeeldstad(jeugdzorg):
    """A municipality whose minors' cases youth care coordinates."""
    return Gemeente.objects.create(
        naam="Voorbeeldstad", coordinerende_organisatie_minderjarigen=jeugdzorg.organisatie
    )


@pytest.fixture
def anderdorp(coordinator):
    """A municipality whose minors' cases the coordinator's organisation coordinates."""
    return Gemeente.objects.create(
        naam="Anderdorp", coordinerende_organisatie_minderjarigen=coordinator.organisatie
    )


def test_a_minors_case_coordinated_by_another_than_the_delineation_says_gets_a_task(
    coordinator, voorbeeldstad, anderdorp
):
    afwijkend = make_casus(coordinator, geboortedatum=GEBOREN, gemeente=voorbeeldstad)
    volgens_afspraak = make_casus(coordinator, geboortedatum=GEBOREN, gemeente=anderdorp)
    volwassen = make_casus(
        coordinator, geboortedatum=datetime.date(1990, 1, 1), gemeente=voorbeeldstad
    )
    taak = _taken(afwijkend, soort=minderjarigen.AFBAKENING).get()
    assert taak.is_open and taak.organisatie == coordinator.organisatie
    assert not _taken(volgens_afspraak, soort=minderjarigen.AFBAKENING).exists()
    assert not _taken(volwassen, soort=minderjarigen.AFBAKENING).exists()


def test_moving_the_case_to_a_municipality_where_it_is_coordinated_right_ends_the_task(
    coordinator, voorbeeldstad, anderdorp
):
    casus = make_casus(coordinator, geboortedatum=GEBOREN, gemeente=voorbeeldstad)
    casus_update(
        ctx=_ctx(coordinator), casus=casus, data={"gemeente": anderdorp}, vormen=["arbeid"]
    )
    assert _taken(casus, soort=minderjarigen.AFBAKENING).get().status == "vervallen"


def test_the_case_page_of_a_minor_shows_who_coordinates_per_the_delineation(
    coordinator, voorbeeldstad, login
):
    casus = make_casus(coordinator, geboortedatum=GEBOREN, gemeente=voorbeeldstad)
    with time_machine.travel(_om_negen(OPEN), tick=False):
        html = (
            login(coordinator)
            .get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
            .content.decode()
        )
    assert "Coördinatie volgens afbakening jeugdzorg" in html
    assert (
        "Volgens de afbakening jeugdzorg van Voorbeeldstad coördineert Jeugdzorg Voorbeeld" in html
    )
    assert "Denk aan de continuïteit" not in html  # the fixed banner is gone


def test_the_delineation_is_kept_in_the_audited_admin_by_functional_administrators(
    beheerder, jeugdzorg, login
):
    client = login(beheerder)
    response = client.post(
        reverse("admin:casusoverleg_gemeente_add"),
        {"naam": "Nieuwgein", "coordinerende_organisatie_minderjarigen": jeugdzorg.organisatie.pk},
    )
    assert response.status_code == 302
    gemeente = Gemeente.objects.get(naam="Nieuwgein")
    assert AuditEvent.objects.filter(
        gebruiker=beheerder, object_type="casusoverleg.gemeente", object_id=str(gemeente.pk)
    ).exists()


def test_someone_without_administration_rights_cannot_change_the_delineation(
    coordinator, voorbeeldstad, login
):
    url = reverse("admin:casusoverleg_gemeente_change", args=[voorbeeldstad.pk])
    assert login(coordinator).get(url).status_code in (302, 403, 404)


# Turning 18 --------------------------------------------------------------------------


def test_turning_18_is_a_term_ending_on_the_birthday_only_with_an_exact_date_of_birth(
    coordinator, op_de_opendag
):
    exact = make_casus(coordinator, geboortedatum=GEBOREN)
    geschat = make_casus(coordinator, geschat_geboortejaar=2010)
    termijn = Termijn.objects.get(casus=exact, soort=minderjarigen.ACHTTIEN)
    assert (termijn.start, termijn.einde, termijn.is_lopend) == (OPEN, VERJAARDAG, True)
    assert not Termijn.objects.filter(casus=geschat, soort=minderjarigen.ACHTTIEN).exists()


def test_a_changed_date_of_birth_moves_the_term_and_a_closed_case_cancels_it(
    coordinator, op_de_opendag
):
    casus = make_casus(coordinator, geboortedatum=GEBOREN)
    casus_update(
        ctx=_ctx(coordinator),
        casus=casus,
        data={"geboortedatum": datetime.date(2009, 8, 1)},
        vormen=["arbeid"],
    )
    termijn = Termijn.objects.get(casus=casus, soort=minderjarigen.ACHTTIEN)
    assert termijn.einde == datetime.date(2027, 8, 1)
    casus_sluiten(ctx=_ctx(coordinator), casus=casus, reden="geen_slachtoffer")
    termijn.refresh_from_db()
    assert termijn.status == Termijn.Status.GEANNULEERD


def test_birthday_tasks_appear_exactly_100_and_30_days_before_and_never_twice(
    coordinator, jeugdzorg, nidos, django_capture_on_commit_callbacks
):
    with time_machine.travel(_om_negen(OPEN), tick=False):
        casus = make_casus(
            coordinator,
            geboortedatum=GEBOREN,
            amv=True,
            deelnemers=[jeugdzorg.organisatie, nidos.organisatie],
        )
    dag = lambda n: VERJAARDAG - datetime.timedelta(days=n)  # noqa: E731
    _herinneringen(dag(101), django_capture_on_commit_callbacks)
    assert _open_soorten(casus) == []

    _herinneringen(dag(100), django_capture_on_commit_callbacks)
    _herinneringen(dag(100), django_capture_on_commit_callbacks)  # a second run: nothing new
    honderd = {t.soort: t for t in _taken(casus, soort__in=minderjarigen.ACHTTIEN_TAKEN)}
    assert sorted(honderd) == sorted(
        [minderjarigen.CONTINUITEITSPLAN, minderjarigen.VOOGD_MENTOR, minderjarigen.OVERDRACHT]
    )
    assert honderd[minderjarigen.CONTINUITEITSPLAN].organisatie == coordinator.organisatie
    assert honderd[minderjarigen.VOOGD_MENTOR].organisatie == nidos.organisatie
    assert honderd[minderjarigen.OVERDRACHT].organisatie == jeugdzorg.organisatie
    assert {t.deadline for t in honderd.values()} == {dag(30)}

    _herinneringen(dag(31), django_capture_on_commit_callbacks)
    assert not _taken(casus, soort=minderjarigen.TOEGANG).exists()
    _herinneringen(dag(30), django_capture_on_commit_callbacks)
    _herinneringen(dag(30), django_capture_on_commit_callbacks)
    toegang = _taken(casus, soort=minderjarigen.TOEGANG).get()
    assert (toegang.organisatie, toegang.deadline) == (coordinator.organisatie, VERJAARDAG)
    assert _taken(casus, soort__in=minderjarigen.ACHTTIEN_TAKEN).count() == 4
    # The coordinator was told at each reminder, with the case number only.
    meldingen = Melding.objects.filter(
        ontvanger=coordinator, soort=Meldingsoort.TERMIJN_HERINNERING
    )
    assert meldingen.count() == 2
    assert all(casus.naam not in m.tekst for m in meldingen)


def test_without_amv_or_guardian_there_is_no_guardian_task_and_handover_is_the_coordinators(
    coordinator, django_capture_on_commit_callbacks
):
    with time_machine.travel(_om_negen(OPEN), tick=False):
        casus = make_casus(coordinator, geboortedatum=GEBOREN)
    _herinneringen(VERJAARDAG - datetime.timedelta(days=100), django_capture_on_commit_callbacks)
    taken = {t.soort: t for t in _taken(casus)}
    assert minderjarigen.VOOGD_MENTOR not in taken
    assert taken[minderjarigen.OVERDRACHT].organisatie == coordinator.organisatie


def test_the_tasks_show_in_mijn_taken_and_on_the_timeline(
    coordinator, login, django_capture_on_commit_callbacks
):
    with time_machine.travel(_om_negen(OPEN), tick=False):
        casus = make_casus(coordinator, geboortedatum=GEBOREN)
    _herinneringen(VERJAARDAG - datetime.timedelta(days=100), django_capture_on_commit_callbacks)
    with time_machine.travel(_om_negen(VERJAARDAG - datetime.timedelta(days=99)), tick=False):
        client = login(coordinator)
        tijdlijn = client.get(reverse("casusoverleg:tijdlijn", args=[casus.public_id]))
        assert "Continuïteitsplan voor de 18e verjaardag" in tijdlijn.content.decode()
        taak = _taken(casus, soort=minderjarigen.CONTINUITEITSPLAN).get()
        pagina = client.get(reverse("casusoverleg:casustaak", args=[taak.public_id]))
        assert pagina.status_code == 200


def test_on_the_birthday_an_unrecorded_outcome_becomes_a_task_that_recording_ends(
    coordinator, django_capture_on_commit_callbacks
):
    with time_machine.travel(_om_negen(OPEN), tick=False):
        casus = make_casus(coordinator, geboortedatum=GEBOREN)
    _herinneringen(VERJAARDAG - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert not _taken(casus, soort=minderjarigen.UITKOMST).exists()
    # On the birthday itself, not a day later; a second run makes nothing twice.
    _herinneringen(VERJAARDAG, django_capture_on_commit_callbacks)
    _herinneringen(VERJAARDAG, django_capture_on_commit_callbacks)
    taak = _taken(casus, soort=minderjarigen.UITKOMST).get()
    assert taak.is_open

    casus_minderjarigheid_update(
        ctx=_ctx(coordinator),
        casus=casus,
        data={"achttien_uitkomst": Casus.Achttien.VOLWASSENENZORG, "achttien_toelichting": ""},
    )
    taak.refresh_from_db()
    assert taak.status == Casustaak.Status.VERVALLEN


def test_an_outcome_recorded_before_the_birthday_asks_for_nothing_more(
    coordinator, django_capture_on_commit_callbacks
):
    with time_machine.travel(_om_negen(OPEN), tick=False):
        casus = make_casus(coordinator, geboortedatum=GEBOREN)
        casus_minderjarigheid_update(
            ctx=_ctx(coordinator), casus=casus, data={"achttien_uitkomst": "voogd_mentor"}
        )
    _herinneringen(VERJAARDAG, django_capture_on_commit_callbacks)
    assert not _taken(casus, soort=minderjarigen.UITKOMST).exists()


def test_the_outcome_other_needs_a_text(coordinator):
    from django.core.exceptions import ValidationError

    casus = make_casus(coordinator, geboortedatum=GEBOREN)
    with pytest.raises(ValidationError) as fout:
        casus_minderjarigheid_update(
            ctx=_ctx(coordinator), casus=casus, data={"achttien_uitkomst": "anders"}
        )
    assert "achttien_toelichting" in fout.value.message_dict


def test_closing_the_case_lets_the_open_birthday_tasks_lapse(
    coordinator, django_capture_on_commit_callbacks
):
    with time_machine.travel(_om_negen(OPEN), tick=False):
        casus = make_casus(coordinator, geboortedatum=GEBOREN)
    _herinneringen(VERJAARDAG - datetime.timedelta(days=100), django_capture_on_commit_callbacks)
    with time_machine.travel(_om_negen(VERJAARDAG - datetime.timedelta(days=90)), tick=False):
        casus_sluiten(ctx=_ctx(coordinator), casus=casus, reden="geen_slachtoffer")
    assert not _taken(casus).open().exists()
    assert Deelname.objects.filter(casus=casus).exists()


def test_a_moved_birthday_lets_the_old_tasks_lapse_and_brings_new_ones_on_its_own_days(
    coordinator, django_capture_on_commit_callbacks
):
    with time_machine.travel(_om_negen(OPEN), tick=False):
        casus = make_casus(coordinator, geboortedatum=GEBOREN)
    _herinneringen(VERJAARDAG - datetime.timedelta(days=100), django_capture_on_commit_callbacks)
    oud = _taken(casus, soort=minderjarigen.CONTINUITEITSPLAN).get()
    later = VERJAARDAG + datetime.timedelta(days=60)
    with time_machine.travel(_om_negen(VERJAARDAG - datetime.timedelta(days=99)), tick=False):
        casus_update(
            ctx=_ctx(coordinator),
            casus=casus,
            data={"geboortedatum": GEBOREN + datetime.timedelta(days=60)},
            vormen=["arbeid"],
        )
    oud.refresh_from_db()
    assert oud.status == Casustaak.Status.VERVALLEN
    _herinneringen(later - datetime.timedelta(days=101), django_capture_on_commit_callbacks)
    assert not _taken(casus, soort=minderjarigen.CONTINUITEITSPLAN).open().exists()
    _herinneringen(later - datetime.timedelta(days=100), django_capture_on_commit_callbacks)
    nieuw = _taken(casus, soort=minderjarigen.CONTINUITEITSPLAN).open().get()
    assert nieuw.deadline == later - datetime.timedelta(days=30)
