"""Every refusal is in the audit trail, once (issue 11, point 4): each 403, each 404
of a signed-in user, a CSRF failure and the admin turning a non-administrator away.
The row holds the path (public ids only), never the query string."""

from django.test import Client
from django.urls import reverse

from casusoverleg.models import AuditEvent
from tests.factories import make_casus


def _geweigerd(user=None):
    qs = AuditEvent.objects.filter(uitkomst="geweigerd")
    return list(qs.filter(gebruiker=user) if user else qs)


def test_a_403_is_audited_once_with_its_path_and_no_query_string(client, politie):
    client.force_login(politie)
    response = client.get(reverse("zorgtafel:zorgtafel-create"), {"geheim": "Jansen"})
    assert response.status_code == 403
    [event] = _geweigerd(politie)
    assert event.detail["pad"] == "/zorgtafels/nieuw/"
    assert event.detail["status"] == 403
    assert event.detail["view"] == "zorgtafel:zorgtafel-create"
    assert "Jansen" not in str(event.detail)


def test_a_404_outside_any_case_is_audited_once(client, politie):
    client.force_login(politie)
    assert client.get("/bestaat-niet/").status_code == 404
    [event] = _geweigerd(politie)
    assert event.detail["pad"] == "/bestaat-niet/"
    assert event.detail["status"] == 404


def test_an_outsiders_404_on_a_case_is_audited_once_by_the_access_helper(
    client, coordinator, buitenstaander
):
    casus = make_casus(coordinator)
    client.force_login(buitenstaander)
    response = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    assert response.status_code == 404
    [event] = _geweigerd(buitenstaander)
    assert event.object_type == "casus" and event.casus_public_id == casus.public_id


def test_an_anonymous_404_is_not_audited(client, db):
    client.get("/bestaat-niet/")
    assert _geweigerd() == []


def test_a_csrf_failure_is_audited_as_a_refusal(coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(reverse("casusoverleg:casus-list"), {"q": "Jansen"})
    assert response.status_code == 403
    [event] = _geweigerd(coordinator)
    assert event.detail["reden"].startswith("csrf")
    assert event.actie == "wijzigen"
    assert "Jansen" not in str(event.detail)


def test_the_admin_turning_away_a_non_administrator_is_audited(client, politie):
    client.force_login(politie)
    response = client.get("/beheer/casusoverleg/user/")
    assert response.status_code == 302
    [event] = _geweigerd(politie)
    assert event.doel == "beheer"
    assert event.detail["pad"] == "/beheer/casusoverleg/user/"
