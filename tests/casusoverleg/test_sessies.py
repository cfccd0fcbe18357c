"""The session check the live room asks on every message, and the one rule for the
client's address that HTTP and websockets share."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from casusoverleg.http import forwarded_client_ip, scope_client_ip
from casusoverleg.middleware import SESSION_LOGIN_AT
from casusoverleg.sessies import session_problem


def _login(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _change(key, **values):
    store = SessionStore(key)
    for name, value in values.items():
        if value is None:
            del store[name]
        else:
            store[name] = value
    store.save()


def test_a_fresh_session_holds(politie):
    assert session_problem(session_key=_login(politie), user_id=politie.pk) is None


def test_a_missing_session_does_not_hold(politie):
    assert session_problem(session_key=None, user_id=politie.pk) == "verlopen"
    assert session_problem(session_key="x" * 32, user_id=politie.pk) == "verlopen"


def test_a_session_past_its_idle_expiry_does_not_hold(politie):
    key = _login(politie)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())
    assert session_problem(session_key=key, user_id=politie.pk) == "verlopen"


def test_a_session_of_another_user_does_not_hold(politie, zorg):
    assert session_problem(session_key=_login(politie), user_id=zorg.pk) == "andere-gebruiker"


def test_a_session_past_the_absolute_limit_does_not_hold(politie, settings):
    key = _login(politie)
    _change(key, **{SESSION_LOGIN_AT: time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1})
    assert session_problem(session_key=key, user_id=politie.pk) == "absoluut"


def test_a_session_without_a_login_time_does_not_hold(politie):
    key = _login(politie)
    _change(key, **{SESSION_LOGIN_AT: None})
    assert session_problem(session_key=key, user_id=politie.pk) == "absoluut"


def test_a_session_of_a_backend_no_longer_configured_does_not_hold(politie):
    key = _login(politie)
    _change(key, _auth_user_backend="elders.Backend")
    assert session_problem(session_key=key, user_id=politie.pk) == "geen-gebruiker"


def test_a_password_change_ends_the_session(politie):
    key = _login(politie)
    politie.set_password("Een-ander-wachtwoord-2026")
    politie.save(update_fields=["password"])
    assert session_problem(session_key=key, user_id=politie.pk) == "wachtwoord"


def test_deactivation_ends_the_session(politie):
    key = _login(politie)
    politie.is_active = False
    politie.save(update_fields=["is_active"])
    assert session_problem(session_key=key, user_id=politie.pk) == "geen-gebruiker"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "verwacht"),
    [
        (0, "203.0.113.9", "10.0.0.2"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9", "198.51.100.1"),
        (2, "203.0.113.9", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_http_and_websockets_read_the_client_address_by_one_rule(
    settings, proxies, forwarded, verwacht
):
    settings.PROXY_COUNT = proxies
    assert forwarded_client_ip("10.0.0.2", forwarded) == verwacht
    scope = {"client": ["10.0.0.2", 1234], "headers": [(b"x-forwarded-for", forwarded.encode())]}
    assert scope_client_ip(scope) == verwacht
