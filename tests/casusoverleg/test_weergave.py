"""One way to show each kind of data (issue 12, point 5): ``casusoverleg.weergave``
and its template library."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from casusoverleg import weergave
from casusoverleg.audit import Actie, AuditContext, Doel, audit_log
from casusoverleg.models import AuditEvent, Behoefte, Casus, CasusUitbuiting
from tests.factories import make_casus

UTC = datetime.UTC


def render(source, **context):
    return Template("{% load weergave %}" + source).render(Context(context))


def test_a_date_reads_as_day_month_name_year_without_leading_zero():
    assert weergave.datum(datetime.date(2026, 11, 30)) == "30 november 2026"
    assert weergave.datum(datetime.date(2026, 5, 4)) == "4 mei 2026"  # lower case, not "Mei"


def test_english_dates_use_english_month_names():
    with translation.override("en"):
        assert weergave.datum(datetime.date(2026, 11, 30)) == "30 November 2026"
        assert weergave.datumtijd(datetime.datetime(2026, 5, 4, 12, 5, tzinfo=UTC)) == (
            "4 May 2026, 14:05"
        )


def test_nothing_shows_a_dash_or_the_given_default():
    assert weergave.datum(None) == "—"
    assert weergave.datumtijd(None) == "—"
    assert weergave.datum(None, "onbekend") == "onbekend"
    assert render("{{ d|datum }}|{{ d|datum:'nooit' }}|{{ d|datumtijd }}", d=None) == ("—|nooit|—")


def test_a_moment_is_shown_in_amsterdam_time_across_midnight_utc():
    # 23:30 UTC on 30 November is 00:30 on 1 December in Amsterdam (winter time).
    moment = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    assert weergave.datumtijd(moment) == "1 december 2026, 00:30"
    assert weergave.datum(moment) == "1 december 2026"
    assert weergave.tijd(moment) == "00:30"
    # Summer time: UTC+2.
    zomer = datetime.datetime(2026, 6, 30, 22, 15, tzinfo=UTC)
    assert render("{{ m|datumtijd }}", m=zomer) == "1 juli 2026, 00:15"


@pytest.mark.django_db
def test_a_choice_shows_its_label_never_its_code(coordinator):
    casus = make_casus(coordinator)
    casus.status = Casus.Status.IN_BEHANDELING
    assert weergave.keuze(casus, "status") == "In behandeling"
    assert render('{{ c|keuze:"status" }}', c=casus) == "In behandeling"
    vorm = CasusUitbuiting(casus=casus, vorm="arbeid")
    assert weergave.keuze(vorm, "vorm") == "Arbeidsuitbuiting"


def test_codes_stored_in_json_show_as_labels():
    assert weergave.uitbuitingsvormen(["arbeid", "seksueel"]) == (
        "Arbeidsuitbuiting, Seksuele uitbuiting"
    )
    assert weergave.uitbuitingsvormen([]) == "—"
    assert render("{{ v|uitbuitingsvormen }}", v=["crimineel"]) == "Criminele uitbuiting"


@pytest.mark.django_db
def test_status_badges_differ_in_colour_and_text(coordinator):
    casus = make_casus(coordinator)
    badges = set()
    for code in Casus.Status.values:
        casus.status = code
        status = weergave.status(casus)
        assert status.label[0].isupper()
        badges.add((status.label, status.variant))
    assert len(badges) == len(Casus.Status.values)
    casus.status = Casus.Status.OPEN
    assert render("{% status_badge c %}", c=casus) == (
        '<span class="utrecht-status-badge utrecht-status-badge--neutral">Open</span>\n'
    )
    behoefte = Behoefte(status=Behoefte.Status.GEREGELD)
    assert weergave.status(behoefte).variant == "success"


def test_every_status_field_of_the_models_has_a_colour_for_every_code():
    from django.apps import apps
    from viewflow.workflow.models import Process

    checked = []
    for model in apps.get_models():
        if model._meta.app_label not in ("casusoverleg", "identificatie", "advies", "zorgtafel"):
            continue
        if issubclass(model, Process):  # weergave's own table for viewflow's statuses
            continue
        for field in model._meta.fields:
            if field.name == "status" and field.choices:
                varianten = getattr(model, "badge_varianten", None)
                assert varianten is not None, model
                assert set(varianten) == {c for c, _ in field.flatchoices}, model
                checked.append(model._meta.label)
    assert len(checked) >= 7, checked


@pytest.mark.django_db
def test_viewflow_process_and_task_statuses_have_dutch_capitalised_labels():
    from viewflow.workflow.models import Process, Task

    assert weergave.status(Process(status="NEW")).label == "Loopt"
    assert weergave.status(Process(status="DONE")).variant == "success"
    assert weergave.status(Task(status="CANCELED")).label == "Geannuleerd"
    assert weergave.status(Task(status="NEW")).label == "Open"


@pytest.mark.django_db
def test_a_person_is_full_name_and_organisation(politie):
    politie.first_name, politie.last_name = "Sanne", "de Vries"
    assert weergave.persoon(politie) == f"Sanne de Vries ({politie.organisatie.naam})"
    assert render("{{ u|persoon }}", u=politie) == f"Sanne de Vries ({politie.organisatie.naam})"
    assert weergave.naam(politie) == "Sanne de Vries"
    politie.first_name = politie.last_name = ""
    assert weergave.persoon(politie) == f"politie ({politie.organisatie.naam})"
    assert weergave.persoon(None) == "—"


@pytest.mark.django_db
def test_an_audit_event_reads_as_a_sentence_with_the_case_number_only(coordinator, politie):
    politie.first_name, politie.last_name = "Sanne", "de Vries"
    politie.save()
    casus = make_casus(coordinator, naam="Geheime Naam")
    ctx = AuditContext(user=politie, doel=Doel.CASUSOVERLEG, ip=None, user_agent="")
    gelezen = audit_log(ctx, actie=Actie.LEZEN, object_type="casus", casus=casus)
    zin = weergave.audit_zin(gelezen, casus.nummer)
    assert zin == f"Sanne de Vries ({politie.organisatie.naam}) las casus {casus.nummer}"
    assert "Geheime Naam" not in zin
    geweigerd = audit_log(
        ctx, actie=Actie.LEZEN, object_type="identificatie.signaal", uitkomst="geweigerd"
    )
    zin = weergave.audit_zin(geweigerd)
    assert "werd geweigerd" in zin and "signaal" in zin and "identificatie." not in zin
    signaal = audit_log(ctx, actie=Actie.WIJZIGEN, object_type="signaal", casus=casus)
    assert weergave.audit_zin(signaal, casus.nummer).endswith(
        f"wijzigde signaal van casus {casus.nummer}"
    )


@pytest.mark.django_db
def test_a_failed_login_names_the_account_not_an_empty_actor(politie):
    event = AuditEvent(
        actie=Actie.INLOGGEN_MISLUKT,
        uitkomst="geweigerd",
        object_type="gebruiker",
        object_id=str(politie.pk),
    )
    assert weergave.audit_zin(event) == "Inloggen mislukt voor een account"
    event.account = weergave.persoon(politie)
    assert weergave.audit_zin(event) == f"Inloggen mislukt voor {weergave.persoon(politie)}"
