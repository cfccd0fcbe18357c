import re
import time

import pytest
from django.conf import settings
from django.urls import reverse

from casusoverleg.middleware import SESSION_LOGIN_AT

LOGIN = "/inloggen/"


def _post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_page_is_dutch_and_accessible(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert '<label for="id_username">Gebruikersnaam' in html
    assert 'href="#inhoud"' in html


def test_coordinator_logs_in_and_out(client, coordinator):
    response = _post_login(client, "coordinator", "demo")
    assert response.status_code == 302
    assert response.url == reverse("casusoverleg:home")
    home = client.get(response.url)
    assert home.status_code == 200
    assert "Welkom, " in home.content.decode()

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("casusoverleg:home")).status_code == 302


def test_wrong_password_gives_an_error_on_the_form(client, coordinator):
    response = _post_login(client, "coordinator", "fout")
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get(reverse("casusoverleg:home"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def _normalise(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_lockout_after_repeated_failures_also_locks_the_right_password(client, coordinator):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, "coordinator", "fout")
    response = _post_login(client, "coordinator", "demo")
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_answer_is_the_same_for_an_unknown_user(client, coordinator):
    answers = {}
    for username in ("coordinator", "bestaat-niet"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            failed = _post_login(client, username, "fout")
        locked = _post_login(client, username, "fout")
        answers[username] = (
            failed.status_code,
            _normalise(failed.content.decode()),
            locked.status_code,
            _normalise(locked.content.decode()),
        )
    assert answers["coordinator"] == answers["bestaat-niet"]
    assert answers["coordinator"][2] == 429


def test_lockout_is_per_username_and_address(client, coordinator, coordinator2):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, "coordinator", "fout")
    assert _post_login(client, "coordinator2", "demo").status_code == 302


def test_session_cookie_expires_after_fifteen_idle_minutes(client, coordinator):
    _post_login(client, "coordinator", "demo")
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    session = client.session
    assert 14 * 60 < session.get_expiry_age() <= 15 * 60


def test_idle_session_is_refused(client, coordinator):
    _post_login(client, "coordinator", "demo")
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("casusoverleg:home"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_session_ends_twelve_hours_after_login_however_active(client, coordinator):
    _post_login(client, "coordinator", "demo")
    session = client.session
    session[SESSION_LOGIN_AT] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("casusoverleg:home"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_session_within_twelve_hours_stays(client, coordinator):
    _post_login(client, "coordinator", "demo")
    session = client.session
    session[SESSION_LOGIN_AT] = time.time() - settings.SESSION_ABSOLUTE_SECONDS + 60
    session.save()
    assert client.get(reverse("casusoverleg:home")).status_code == 200


@pytest.mark.parametrize("path", ["/", "/beheer/"])
def test_security_headers_are_sent(client, coordinator, path):
    client.force_login(coordinator)
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_production_cookies_are_secure_and_http_only():
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SECURE_HSTS_SECONDS >= 31536000
