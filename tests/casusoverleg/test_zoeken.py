"""A search term never appears in a URL or a log line (issue 11, point 7).

The case search is posted; the list URL carries an opaque token whose term lives
in the session (casusoverleg.zoeken). Proven through the test client (every URL in
the responses) and through a real HTTP server with runserver's request handler,
whose access log and every other log line are read after a name search.
"""

import logging
import re

import pytest
import requests
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread
from django.urls import reverse

from casusoverleg.models import AuditEvent
from tests.factories import make_casus

NAAM = "Zaffira Quellenborg"
URL_IN_HTML = re.compile(r"""(?:href|action|src|hx-get|hx-post)=["']([^"']*)["']""")


def _urls(response) -> list[str]:
    urls = [response.headers.get("Location", "")]
    if response.headers.get("Content-Type", "").startswith("text/html"):
        urls += URL_IN_HTML.findall(response.content.decode())
    return urls


def _assert_no_term(texts, *terms):
    for text in texts:
        for term in terms:
            assert term.lower() not in text.lower(), text


def test_a_name_search_leaves_no_trace_in_any_url(client, coordinator):
    for i in range(30):
        make_casus(coordinator, naam=f"{NAAM} {i}")
    make_casus(coordinator, naam="Iemand Anders")
    client.force_login(coordinator)
    url = reverse("casusoverleg:casus-list")

    response = client.post(url, {"q": NAAM, "status": "open"})
    assert response.status_code == 302
    assert "zoek=" in response["Location"]
    _assert_no_term(_urls(response), NAAM, "Zaffira", "Quellenborg")

    page1 = client.get(response["Location"])
    assert page1.context["page"].paginator.count == 30
    _assert_no_term(_urls(page1), NAAM, "Zaffira", "Quellenborg")
    # Paging keeps the search, through the token only.
    volgende = next(u for u in _urls(page1) if "pagina=2" in u)
    assert "zoek=" in volgende and "status=open" in volgende
    page2 = client.get(url + volgende.replace("&amp;", "&"))
    assert page2.context["page"].number == 2
    assert page2.context["page"].paginator.count == 30
    _assert_no_term(_urls(page2), NAAM, "Zaffira", "Quellenborg")


def test_a_term_in_the_url_is_ignored(client, coordinator):
    make_casus(coordinator, naam=NAAM)
    make_casus(coordinator, naam="Iemand Anders")
    client.force_login(coordinator)
    response = client.get(reverse("casusoverleg:casus-list"), {"q": "Quellenborg"})
    assert response.context["page"].paginator.count == 2


def test_a_token_means_nothing_in_another_session(client, coordinator, coordinator2):
    make_casus(coordinator, naam=NAAM)
    make_casus(coordinator, naam="Iemand Anders")
    client.force_login(coordinator)
    location = client.post(reverse("casusoverleg:casus-list"), {"q": "Quellenborg"})["Location"]
    assert client.get(location).context["page"].paginator.count == 1
    client.logout()
    client.force_login(coordinator)
    response = client.get(location)
    assert response.context["page"].paginator.count == 2
    assert "verlopen" in response.content.decode()


# A real server ---------------------------------------------------------------------


class _AccessLoggingServerThread(LiveServerThread):
    """Django's live server with runserver's request handler, which writes the
    access log line (method, path and query string) to the ``django.server`` logger;
    the live server's own handler is silent."""

    server_class = WSGIServer

    def _create_server(self, connections_override=None):
        return self.server_class(
            (self.host, self.port), WSGIRequestHandler, allow_reuse_address=False
        )


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(f"{record.name} {record.getMessage()} {record.args!r}")


@pytest.fixture
def all_log_lines():
    """Every log record of every logger at DEBUG, non-propagating ones too
    (``django.server`` does not propagate to the root)."""
    handler = _Collect()
    loggers = [logging.getLogger()] + [
        logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
    ]
    levels = [(lg, lg.level) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    yield handler.lines
    for lg, level in levels:
        lg.removeHandler(handler)
        lg.setLevel(level)


@pytest.fixture
def access_logging_server(transactional_db):
    override = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    for conn in override.values():
        conn.inc_thread_sharing()
    thread = _AccessLoggingServerThread(
        "127.0.0.1", lambda application: application, connections_override=override, port=0
    )
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    for conn in override.values():
        conn.dec_thread_sharing()


def test_a_name_search_on_a_real_server_leaves_no_trace_in_the_log(
    client, coordinator, access_logging_server, all_log_lines, capfd
):
    make_casus(coordinator, naam=NAAM)
    make_casus(coordinator, naam="Iemand Anders")
    client.force_login(coordinator)
    browser = requests.Session()
    browser.cookies.set("sessionid", client.cookies["sessionid"].value)
    base = access_logging_server
    lijst = browser.get(base + reverse("casusoverleg:casus-list"), timeout=10)
    assert lijst.status_code == 200
    # The cookies are Secure; over plain http to 127.0.0.1 they are handed on by hand.
    browser.cookies.set("csrftoken", lijst.cookies["csrftoken"])
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', lijst.text).group(1)

    response = browser.post(
        base + reverse("casusoverleg:casus-list"),
        data={"csrfmiddlewaretoken": csrf, "q": "Quellenborg"},
        headers={"Referer": base + "/"},
        timeout=10,
    )

    assert response.status_code == 200
    assert NAAM in response.text  # the search found the case
    assert [r.status_code for r in response.history] == [302]
    urls = [response.url] + [r.headers["Location"] for r in response.history]
    urls += URL_IN_HTML.findall(response.text)
    _assert_no_term(urls, "Quellenborg", "Zaffira")
    # The access log saw the requests, and nothing of the term.
    assert any("POST /casussen/" in line for line in all_log_lines)
    assert any("GET /casussen/?zoek=" in line for line in all_log_lines)
    out, err = capfd.readouterr()
    _assert_no_term([*all_log_lines, out, err], "Quellenborg", "Zaffira")
    assert AuditEvent.objects.filter(actie="zoeken", gebruiker=coordinator).count() == 1


# The admin's search boxes ---------------------------------------------------------------


def test_an_admin_search_is_posted_and_leaves_no_trace_in_any_url(client, beheerder, politie):
    politie.last_name = "Quellenborg"
    politie.save(update_fields=["last_name"])
    client.force_login(beheerder)
    url = reverse("admin:casusoverleg_user_changelist")
    form = client.get(url).content.decode()
    assert 'id="changelist-search" method="post"' in form

    response = client.post(url, {"_zoeken": "1", "q": "Quellenborg", "is_active__exact": "1"})
    assert response.status_code == 302
    assert "zoek=" in response["Location"] and "is_active__exact=1" in response["Location"]
    _assert_no_term(_urls(response), "Quellenborg")

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert [u.username for u in page.context["cl"].result_list] == ["politie"]
    assert 'value="Quellenborg"' in page.content.decode()  # in the box, not in a link
    _assert_no_term(_urls(page), "Quellenborg")
    event = AuditEvent.objects.get(actie="zoeken", gebruiker=beheerder)
    assert "quellenborg" not in str(event.detail).lower()


def test_an_admin_search_term_in_the_url_is_ignored(client, beheerder, politie):
    politie.last_name = "Quellenborg"
    politie.save(update_fields=["last_name"])
    client.force_login(beheerder)
    url = reverse("admin:casusoverleg_user_changelist")
    page = client.get(url, {"q": "Quellenborg"})
    assert len(page.context["cl"].result_list) > 1
