import datetime
import re
import time

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import Actie, search_fingerprint
from casusoverleg.middleware import SESSION_LOGIN_AT
from casusoverleg.models import AuditEvent

LOGIN = "/inloggen/"


def _post_login(client, username, password, addr="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=addr)


def test_login_page_is_dutch_and_accessible(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert '<label class="utrecht-form-label" for="id_username">Gebruikersnaam' in html
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


def test_a_locked_account_leaves_a_colleague_on_the_same_address_free(
    client, coordinator, coordinator2
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, "coordinator", "fout")
    assert _post_login(client, "coordinator2", "demo").status_code == 302


def test_one_account_is_locked_whatever_the_address(client, coordinator):
    answers = [
        _post_login(client, "coordinator", "fout", addr=f"10.0.0.{i}").status_code
        for i in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert answers == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    response = _post_login(client, "coordinator", "demo", addr="10.9.9.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_unknown_username_locks_the_same_way_from_many_addresses(client, coordinator):
    answers = {}
    for username in ("coordinator", "bestaat-niet"):
        answers[username] = [
            _post_login(client, username, "fout", addr=f"10.0.{len(answers)}.{i}").status_code
            for i in range(settings.AXES_FAILURE_LIMIT + 1)
        ]
    assert answers["coordinator"] == answers["bestaat-niet"]
    assert answers["coordinator"][-1] == 429


def test_one_address_is_locked_across_usernames(client, coordinator):
    limit = settings.LOCKOUT_ADDRESS_FAILURE_LIMIT
    assert settings.AXES_FAILURE_LIMIT < limit
    for i in range(limit):
        _post_login(client, f"gok{i}", "fout", addr="10.5.5.5")
    assert _post_login(client, "coordinator", "demo", addr="10.5.5.5").status_code == 429
    assert _post_login(client, "coordinator", "demo", addr="10.6.6.6").status_code == 302


def test_an_office_address_survives_its_users_typos(client, coordinator):
    """Behind one NAT address, a few mistakes by many colleagues lock nobody out."""
    for i in range(settings.LOCKOUT_ADDRESS_FAILURE_LIMIT - 1):
        _post_login(client, f"collega{i % 5}", "fout", addr="10.7.7.7")
    assert _post_login(client, "coordinator", "demo", addr="10.7.7.7").status_code == 302


def test_a_login_does_not_wipe_the_failures_its_address_made_on_another_account(
    client, coordinator, coordinator2
):
    from django.test import Client

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _post_login(client, "coordinator2", "fout", addr="10.8.8.8")
    assert _post_login(Client(), "coordinator", "demo", addr="10.8.8.8").status_code == 302
    _post_login(client, "coordinator2", "fout", addr="10.8.8.9")
    assert _post_login(client, "coordinator2", "demo", addr="10.8.8.10").status_code == 429


def test_attempts_refused_during_a_lockout_do_not_count_against_the_address(
    client, coordinator, coordinator2
):
    for _ in range(settings.LOCKOUT_ADDRESS_FAILURE_LIMIT + settings.AXES_FAILURE_LIMIT):
        _post_login(client, "coordinator", "fout", addr="10.3.3.3")
    assert _post_login(client, "coordinator2", "demo", addr="10.3.3.3").status_code == 302


def test_the_owner_is_told_once_by_mail_when_their_account_is_locked(
    client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(settings.AXES_FAILURE_LIMIT + 3):
            _post_login(client, "coordinator", "fout", addr=f"10.0.1.{i}")
    [bericht] = mail.outbox
    assert bericht.to == [coordinator.email]
    assert bericht.subject == "Uw account is tijdelijk geblokkeerd"
    assert "10.0.1." not in bericht.body
    assert coordinator.last_name not in bericht.body
    assert AuditEvent.objects.filter(actie=Actie.GEBLOKKEERD).count() == 1


def test_a_new_lockout_after_the_cool_off_is_told_again(
    client, coordinator, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(timezone.now(), tick=False) as traveller,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for i in range(settings.AXES_FAILURE_LIMIT):
            _post_login(client, "coordinator", "fout", addr=f"10.0.2.{i}")
        traveller.shift(datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1))
        assert _post_login(client, "coordinator", "fout").status_code == 200
        for i in range(settings.AXES_FAILURE_LIMIT - 1):
            _post_login(client, "coordinator", "fout", addr=f"10.0.3.{i}")
    assert len(mail.outbox) == 2


def test_an_address_lockout_mails_nobody(client, coordinator, django_capture_on_commit_callbacks):
    limit = settings.LOCKOUT_ADDRESS_FAILURE_LIMIT
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(limit - 1):
            _post_login(client, f"gok{i}", "fout", addr="10.4.4.4")
        # The failure that locks the address is on a real account, which is not locked.
        for _ in range(2):
            assert _post_login(client, "coordinator", "fout", addr="10.4.4.4").status_code == 429
    assert mail.outbox == []
    event = AuditEvent.objects.get(actie=Actie.GEBLOKKEERD)
    assert (event.object_type, event.object_id) == ("netwerkadres", "10.4.4.4")


# The audit trail of logging in ------------------------------------------------------


def test_login_and_logout_are_audited(client, coordinator):
    _post_login(client, "coordinator", "demo", addr="10.1.2.3")
    client.post(reverse("logout"), REMOTE_ADDR="10.1.2.3")
    login, logout = AuditEvent.objects.filter(actie__in=[Actie.INLOGGEN, Actie.UITLOGGEN]).order_by(
        "pk"
    )
    assert (login.actie, login.gebruiker, login.ip) == (Actie.INLOGGEN, coordinator, "10.1.2.3")
    assert (logout.actie, logout.gebruiker, logout.ip) == (Actie.UITLOGGEN, coordinator, "10.1.2.3")


def test_a_failed_login_is_audited_without_the_password(client, coordinator):
    _post_login(client, "coordinator", "Geheim-Wachtwoord-Fout", addr="10.1.2.4")
    event = AuditEvent.objects.get(actie=Actie.INLOGGEN_MISLUKT)
    assert (event.object_type, event.object_id) == ("gebruiker", str(coordinator.pk))
    assert event.gebruiker is None and event.uitkomst == "geweigerd"
    assert event.ip == "10.1.2.4"
    assert event.detail["gebruikersnaam"] == "coordinator"
    assert "Geheim-Wachtwoord-Fout" not in str(event.detail)


def test_a_failed_login_with_an_unknown_name_keeps_only_a_keyed_hash(client, coordinator):
    typed = "Mijn-Wachtwoord-In-Het-Naamveld"
    _post_login(client, typed, "fout")
    event = AuditEvent.objects.get(actie=Actie.INLOGGEN_MISLUKT)
    assert (event.object_type, event.object_id) == ("gebruikersnaam", search_fingerprint(typed))
    assert typed not in str(event.detail) and typed not in event.gebruikersnaam


def test_an_attempt_refused_by_the_lockout_is_audited_as_blocked(client, coordinator):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _post_login(client, "coordinator", "demo" if _ == settings.AXES_FAILURE_LIMIT else "x")
    last = AuditEvent.objects.filter(actie=Actie.INLOGGEN_MISLUKT).order_by("pk").last()
    assert last.detail["geblokkeerd"] is True
    assert not AuditEvent.objects.filter(actie=Actie.INLOGGEN).exists()


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
