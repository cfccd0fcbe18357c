"""The language of the screens is stored per user (issue 12, point 6): chosen in
one browser, it comes along at the next login in another."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from casusoverleg import services
from casusoverleg.audit import Actie, AuditContext, Doel
from casusoverleg.models import AuditEvent

TAAL = "/taal/"
COOKIE = settings.LANGUAGE_COOKIE_NAME


def _log_in(client, username="coordinator"):
    response = client.post("/inloggen/", {"username": username, "password": "demo"})
    assert response.status_code == 302
    return response


def test_english_chosen_in_one_browser_comes_along_at_login_in_another(coordinator):
    eerste = Client()
    _log_in(eerste)
    eerste.post(TAAL, {"language": "en", "next": "/"})
    coordinator.refresh_from_db()
    assert coordinator.taal == "en"

    tweede = Client()  # another browser: no language cookie
    assert "Inloggen" in tweede.get("/inloggen/").content.decode()
    response = _log_in(tweede)
    assert response.cookies[COOKIE].value == "en"
    html = tweede.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Log out" in html


def test_a_dutch_user_logging_in_on_a_browser_left_in_english_gets_dutch(coordinator):
    client = Client()
    client.post(TAAL, {"language": "en", "next": "/inloggen/"})
    _log_in(client)
    assert '<html lang="nl">' in client.get("/").content.decode()


def test_the_choice_is_audited_as_an_account_change(client, coordinator):
    client.force_login(coordinator)
    client.post(TAAL, {"language": "en", "next": "/"})
    client.post(TAAL, {"language": "en", "next": "/"})  # no change, no second record
    event = AuditEvent.objects.get(gebruiker=coordinator, actie=Actie.WIJZIGEN)
    assert event.object_type == "gebruiker"
    assert event.object_id == str(coordinator.pk)
    assert event.detail == {"taal": {"voor": "nl", "na": "en"}}


def test_anonymous_use_of_the_switch_sets_only_the_cookie(client, coordinator):
    response = client.post(TAAL, {"language": "en", "next": "/inloggen/"})
    assert response.status_code == 302
    assert response.url == "/inloggen/"
    assert response.cookies[COOKIE].value == "en"
    assert "Log in</h1>" in client.get("/inloggen/").content.decode()
    coordinator.refresh_from_db()
    assert coordinator.taal == "nl"
    assert not AuditEvent.objects.filter(actie=Actie.WIJZIGEN).exists()


@pytest.mark.parametrize("taal", ["de", "xx", "", "en-gb-<script>", "e" * 200])
def test_a_language_not_offered_changes_nothing(client, coordinator, taal):
    client.force_login(coordinator)
    response = client.post(TAAL, {"language": taal, "next": "/casussen/"})
    assert response.status_code == 302
    assert response.url == "/casussen/"
    assert COOKIE not in response.cookies
    coordinator.refresh_from_db()
    assert coordinator.taal == "nl"
    assert '<html lang="nl">' in client.get("/").content.decode()


def test_a_foreign_next_address_goes_home(client, coordinator):
    client.force_login(coordinator)
    for taal in ("en", "xx"):
        response = client.post(TAAL, {"language": taal, "next": "https://elders.example/"})
        assert response.status_code == 302
        assert response.url == "/"


def test_before_the_second_factor_the_choice_stays_in_the_browser(client, coordinator, settings):
    settings.MFA_VERPLICHT = True
    settings.MFA_DEMO_VRIJSTELLING = False
    TOTPDevice.objects.create(user=coordinator, name="Telefoon", confirmed=True)
    client.force_login(coordinator)  # password only, no second factor yet
    response = client.post(TAAL, {"language": "en", "next": "/mfa/verifieren/"})
    assert response.cookies[COOKIE].value == "en"
    coordinator.refresh_from_db()
    assert coordinator.taal == "nl"


def test_only_the_user_sets_their_own_language(coordinator, coordinator2):
    with pytest.raises(PermissionDenied):
        services.gebruiker_taal_change(
            ctx=AuditContext(user=coordinator2, doel=Doel.TOEGANG), gebruiker=coordinator, taal="en"
        )
    with pytest.raises(PermissionDenied):
        services.gebruiker_taal_change(ctx=AuditContext.system(), gebruiker=coordinator, taal="en")
    with pytest.raises(ValidationError):
        services.gebruiker_taal_change(
            ctx=AuditContext(user=coordinator, doel=Doel.TOEGANG), gebruiker=coordinator, taal="de"
        )
    coordinator.refresh_from_db()
    assert coordinator.taal == "nl"
