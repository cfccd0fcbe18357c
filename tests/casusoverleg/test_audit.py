import datetime

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from casusoverleg.admin import VERBORGEN, audit_admin
from casusoverleg.audit import Actie, AuditContext, audit_log
from casusoverleg.models import AppendOnlyError, AuditEvent
from casusoverleg.permissions import may_read_audit_report
from tests.factories import make_casus


@pytest.fixture
def event(coordinator):
    return audit_log(
        AuditContext.system(coordinator), actie="lezen", object_type="casus", object_id="abc"
    )


def test_audit_event_has_the_nen7513_fields(client, coordinator, politie):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie], naam="Naam Die Niet Mag")
    client.force_login(politie)
    client.get(
        reverse("casusoverleg:casus-detail", args=[casus.public_id]),
        HTTP_USER_AGENT="Testbrowser/1.0",
        REMOTE_ADDR="192.0.2.7",
    )
    e = AuditEvent.objects.order_by("-pk").first()
    assert e.actie == "lezen" and e.uitkomst == "toegestaan"
    assert e.gebruiker == politie and e.gebruikersnaam == "politie"
    assert e.organisatie == politie.organisatie
    assert e.rol == "politie/medewerker"
    assert e.doel == "casusoverleg"
    assert (e.object_type, e.object_id, e.casus_public_id) == (
        "casus",
        casus.public_id,
        casus.public_id,
    )
    assert e.ip == "192.0.2.7" and e.user_agent == "Testbrowser/1.0"
    assert e.op.tzinfo is not None and e.op.utcoffset() == datetime.timedelta(0)
    assert "Naam Die Niet Mag" not in str(
        AuditEvent.objects.filter(casus_public_id=casus.public_id).values()
    )


def test_forwarded_for_is_ignored_without_a_trusted_proxy(client, coordinator):
    casus = make_casus(coordinator)
    client.force_login(coordinator)
    client.get(
        reverse("casusoverleg:casus-detail", args=[casus.public_id]),
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        REMOTE_ADDR="192.0.2.1",
    )
    assert AuditEvent.objects.order_by("-pk").first().ip == "192.0.2.1"


def test_audit_rows_cannot_be_changed_or_deleted_through_the_application(event):
    event.actie = "wijzigen"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(actie="wijzigen")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).actie == "lezen"


@pytest.mark.skipif(
    "postgres" not in __import__("os").environ.get("DATABASE_URL", ""),
    reason="the database trigger exists on PostgreSQL (make test-services)",
)
@pytest.mark.services
def test_postgresql_refuses_update_and_delete_of_audit_rows(event):
    for sql in (
        "UPDATE casusoverleg_auditevent SET actie = 'wijzigen' WHERE id = %s",
        "DELETE FROM casusoverleg_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).actie == "lezen"


def test_coordinator_sees_the_case_trail(client, coordinator, politie, buitenstaander):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    client.force_login(buitenstaander)
    client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    client.force_login(coordinator)
    response = client.get(reverse("casusoverleg:casus-audit", args=[casus.public_id]))
    assert response.status_code == 200
    html = response.content.decode()
    # The person by name, not by username (issue 12, point 5).
    assert escape(buitenstaander.get_full_name()) in html and "Geweigerd" in html


def test_administrator_gets_the_per_user_report_with_case_numbers_only(
    client, coordinator, politie, beheerder
):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie], naam="Vertrouwelijk Persoon")
    client.force_login(politie)
    client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    client.force_login(beheerder)
    today = timezone.localdate().isoformat()
    response = client.get(
        reverse("casusoverleg:audit-rapport"), {"gebruiker": politie.pk, "van": today, "tot": today}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert casus.nummer in html
    assert "Vertrouwelijk Persoon" not in html


def test_audit_report_refuses_a_non_administrator_with_an_audited_403(client, politie):
    client.force_login(politie)
    response = client.get(reverse("casusoverleg:audit-rapport"))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(
        gebruiker=politie, uitkomst="geweigerd", detail__view="casusoverleg:audit-rapport"
    ).exists()


def test_the_audit_report_rule_is_the_access_modules(beheerder, politie):
    assert may_read_audit_report(beheerder)
    assert not may_read_audit_report(politie)
    beheerder.is_active = False
    assert not may_read_audit_report(beheerder)


def _rapport(client, beheerder, gebruiker, **extra):
    client.force_login(beheerder)
    today = timezone.localdate().isoformat()
    data = {"gebruiker": gebruiker.pk, "van": today, "tot": today, **extra}
    response = client.get(reverse("casusoverleg:audit-rapport"), data)
    assert response.status_code == 200
    return response


def test_audit_report_shows_the_account_events_and_admin_changes_with_before_and_after(
    client, coordinator, politie, beheerder
):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    client.post(reverse("login"), {"username": "politie", "password": "fout-wachtwoord"})
    client.force_login(politie)
    client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    client.get(reverse("casusoverleg:audit-rapport"))  # refused: 403
    request = RequestFactory().post("/beheer/", REMOTE_ADDR="192.0.2.9")
    request.user = beheerder
    audit_admin(
        request,
        Actie.WIJZIGEN,
        politie,
        voor={"email": "oud@example.org", "password": VERBORGEN},
        na={"email": "nieuw@example.org", "password": VERBORGEN},
    )
    response = _rapport(client, beheerder, politie)
    acties = {(e.actie, e.uitkomst) for e in response.context["events"]}
    assert {
        ("inloggen_mislukt", "geweigerd"),
        ("lezen", "toegestaan"),
        ("lezen", "geweigerd"),
        ("wijzigen", "toegestaan"),
    } <= acties
    html = response.content.decode()
    assert casus.nummer in html
    assert "Inloggen mislukt" in html
    assert "<strong>email</strong>: oud@example.org → nieuw@example.org" in html
    assert f"<strong>password</strong>: {VERBORGEN} → {VERBORGEN}" in html
    assert "casusoverleg:audit-rapport" in html  # the refused page, from the 403's detail


def test_audit_report_filters_case_events_from_the_others(client, coordinator, politie, beheerder):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    client.force_login(politie)
    client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    client.get(reverse("casusoverleg:audit-rapport"))  # refused: not a case event

    alleen_casus = _rapport(client, beheerder, politie, soort="casus").context["events"]
    assert alleen_casus and all(e.casus_public_id for e in alleen_casus)
    overig = _rapport(client, beheerder, politie, soort="overig").context["events"]
    assert overig and not any(e.casus_public_id for e in overig)
    assert {e.pk for e in _rapport(client, beheerder, politie).context["events"]} == {
        e.pk for e in [*alleen_casus, *overig]
    }


def test_audit_report_pages_through_long_periods(client, politie, beheerder):
    from casusoverleg.views import audit as casus_views

    for _ in range(casus_views.AUDIT_RAPPORT_PAGE_SIZE + 1):
        audit_log(AuditContext.system(politie), actie="lezen", object_type="pagina")
    eerste = _rapport(client, beheerder, politie, soort="overig")
    assert len(eerste.context["events"]) == casus_views.AUDIT_RAPPORT_PAGE_SIZE
    assert "soort=overig" in eerste.context["query"] and "pagina=2" in eerste.content.decode()
    tweede = _rapport(client, beheerder, politie, soort="overig", pagina=2)
    totaal = tweede.context["page"].paginator.count
    assert totaal > casus_views.AUDIT_RAPPORT_PAGE_SIZE
    assert len(tweede.context["events"]) == totaal - casus_views.AUDIT_RAPPORT_PAGE_SIZE


def test_audit_report_rejects_a_reversed_period(client, beheerder, politie):
    client.force_login(beheerder)
    response = client.get(
        reverse("casusoverleg:audit-rapport"),
        {"gebruiker": politie.pk, "van": "2026-05-01", "tot": "2026-04-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["tot"] == ["De einddatum ligt vóór de begindatum."]


def test_a_nul_byte_anyone_can_send_does_not_stop_the_audit(beheerder):
    """PostgreSQL refuses NUL in text and jsonb: a refusal that records what was
    sent (an id from a form) must still be written, without the NUL."""
    from casusoverleg.audit import AuditContext, audit_log

    event = audit_log(
        AuditContext.system(beheerder),
        actie="lezen",
        uitkomst="geweigerd",
        object_type="toegangsreview",
        object_id="12\x0034",
        casus_public_id="ab\x00c",
        detail={"waarde\x00": ["x\x00y"]},
    )
    event.refresh_from_db()
    assert (event.object_id, event.casus_public_id) == ("1234", "abc")
    assert event.detail == {"waarde": ["xy"]}
