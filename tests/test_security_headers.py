"""Security headers on every URL (issue 11, point 8).

Every URL pattern is walked with the URL walk's own enumeration
(``tests/test_url_walk.py``), once as a demo user who may see the object (the
walk's baseline says who gets a 200) and once anonymously, over https. Every
answer, whatever its status, carries the same headers; every answer the
application makes is ``no-store``. Static files stay cacheable, and logging out
tells the browser to clear what it kept.
"""

import logging
from collections import defaultdict

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.test import Client

from casusoverleg.models import AuditEvent, User

from .factories import make_casus
from .test_url_walk import USERS, _read_baseline, _walk_targets, demo  # noqa: F401


def _insider(baseline, key):
    """The first demo user who may see the URL's object, else the first who gets
    anything but a 404 (a form that only redirects), else the coordinator."""
    for wanted in (200, None):
        for username in USERS:
            status = baseline.get((username, key, "GET"))
            if status == wanted or (wanted is None and status not in (None, 404)):
                return username
    return "coordinator"


def _header_problems(response, *, authenticated):
    problems = []
    headers = response.headers
    if not headers.get("Content-Security-Policy", "").startswith("default-src 'self'"):
        problems.append("Content-Security-Policy")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Content-Type-Options")
    if headers.get("Referrer-Policy") != "same-origin":
        problems.append("Referrer-Policy")
    frame_ancestors = "frame-ancestors 'none'" in headers.get("Content-Security-Policy", "")
    if headers.get("X-Frame-Options") != "DENY" and not frame_ancestors:
        problems.append("X-Frame-Options")
    if headers.get("Cross-Origin-Opener-Policy") != "same-origin":
        problems.append("Cross-Origin-Opener-Policy")
    if not headers.get("Strict-Transport-Security", "").startswith(
        f"max-age={settings.SECURE_HSTS_SECONDS}"
    ):
        problems.append("Strict-Transport-Security")
    cache_control = headers.get("Cache-Control", "")
    if (authenticated or response.status_code == 200) and "no-store" not in cache_control:
        problems.append("Cache-Control no-store")
    return problems


def test_every_url_answers_with_the_security_headers_for_insiders_and_anonymous_users(demo):  # noqa: F811
    assert not settings.DEBUG and settings.SECURE_HSTS_SECONDS > 0
    baseline = _read_baseline()
    targets = _walk_targets()
    per_user = defaultdict(list)
    for _route, key, path in targets:
        per_user[_insider(baseline, key)].append((key, path))

    problems = {}
    statuses = defaultdict(int)
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        for username, urls in per_user.items():
            client = Client()
            client.force_login(User.objects.get(username=username))
            for key, path in urls:
                response = client.get(path, secure=True)
                statuses[response.status_code] += 1
                found = _header_problems(response, authenticated=True)
                if found:
                    problems[username, key] = found
        anonymous = Client()
        for _route, key, path in targets:
            response = anonymous.get(path, secure=True)
            found = _header_problems(response, authenticated=False)
            if found:
                problems["anonymous", key] = found
    finally:
        logger.setLevel(level)

    # A walk that reached nothing must not pass.
    assert len(targets) > 500
    assert statuses[200] > 300, dict(statuses)
    assert problems == {}


def test_a_page_with_case_data_is_not_stored_by_the_browser(login, coordinator):
    casus = make_casus(coordinator)

    response = login(coordinator).get(f"/casussen/{casus.public_id}/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_static_files_stay_cacheable(client):
    response = client.get(static("css/document.css"))

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/uitloggen/", "/beheer/logout/"])
def test_logging_out_tells_the_browser_to_clear_its_cache_cookies_and_storage(
    login, coordinator, path
):
    client = login(coordinator)

    response = client.post(path)

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "_auth_user_id" not in client.session
    assert client.get("/casussen/").status_code == 302  # to the login page


def test_logging_out_by_get_is_refused_and_keeps_the_session(login, coordinator):
    client = login(coordinator)

    assert client.get("/uitloggen/").status_code == 405
    assert "_auth_user_id" in client.session


def test_the_browsers_own_favicon_request_is_answered_and_not_a_refusal(login, coordinator):
    # Browsers ask for it on every PDF and admin page; audited 404s buried real refusals.
    client = login(coordinator)

    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
    assert not AuditEvent.objects.filter(uitkomst=AuditEvent.Uitkomst.GEWEIGERD).exists()
