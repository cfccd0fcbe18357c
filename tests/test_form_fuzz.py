"""Garbage in, never a 500 (issue 11, point 9).

Every URL of the project (the URL walk's enumeration over the demo data, the
admin left to Django) is POSTed a table of bad inputs by a demo user who may use
it: no fields at all, and every field the application's pages show for that
address (their forms are read from the pages themselves) filled with words where
numbers belong, numbers too large for any column, negative numbers, unknown
choices, dates that do not exist, NUL characters, a public id that names
nothing, and 200,000 characters. Each POST runs in a savepoint that is rolled
back, so every one meets the demo data as loaded. Any 5xx or exception fails.
"""

import logging
from collections import defaultdict
from html.parser import HTMLParser

from django.db import transaction
from django.test import Client

from casusoverleg.models import User

from .test_url_walk import USERS, _read_baseline, _walk_targets, demo  # noqa: F401

GARBAGE = {
    "word": "geen-getal",
    "huge number": "9" * 30,
    "negative": "-1",
    "bad date": "2025-02-30",
    "nul": "a\x00b",
    "unknown public id": "Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Z",
    "huge text": "x" * 200_000,
}
SKIPPED = ("/beheer/",)  # Django's admin, tested by Django


class _Forms(HTMLParser):
    """The POST forms of a page: {action path: field names}."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.forms = defaultdict(set)
        self._action = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._action = (attrs.get("action") or self.path).split("?")[0]
        elif tag == "form":
            self._action = None
        elif (
            tag in ("input", "select", "textarea", "button") and self._action and attrs.get("name")
        ):
            if attrs["name"] != "csrfmiddlewaretoken":
                self.forms[self._action].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._action = None


def _user_for(baseline, key):
    """A demo user who may use the URL: the first who gets a page or "POST only"."""
    for wanted in ((200,), (405,), (302, 400, 403)):
        for username in USERS:
            if baseline.get((username, key, "GET")) in wanted:
                return username
    return None


def test_no_post_of_garbage_to_any_url_answers_a_server_error(demo):  # noqa: F811
    baseline = _read_baseline()
    targets = [t for t in _walk_targets() if not t[2].startswith(SKIPPED)]
    clients = {}

    def client_for(username):
        if username not in clients:
            clients[username] = Client(raise_request_exception=True)
            clients[username].force_login(User.objects.get(username=username))
        return clients[username]

    fields = defaultdict(set)
    users = {}
    for _route, key, path in targets:
        users[path] = _user_for(baseline, key)
        if users[path] and baseline.get((users[path], key, "GET")) == 200:
            page = client_for(users[path]).get(path)
            if page.status_code == 200 and page["Content-Type"].startswith("text/html"):
                parser = _Forms(path)
                parser.feed(page.content.decode())
                for action, names in parser.forms.items():
                    fields[action] |= names

    failures = []
    posted = 0
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        for _route, key, path in targets:
            if users[path] is None:
                continue
            client = client_for(users[path])
            payloads = {"no fields": {}}
            for name, value in GARBAGE.items():
                payloads[name] = dict.fromkeys(fields.get(path) or (), value)
            for what, data in payloads.items():
                for htmx in (False, True):
                    headers = {"HX-Request": "true"} if htmx else {}
                    posted += 1
                    with transaction.atomic():
                        try:
                            status = client.post(path, data, headers=headers).status_code
                        except Exception as error:  # noqa: BLE001 - every failure is reported
                            status = f"{type(error).__name__}: {str(error)[:120]}"
                        transaction.set_rollback(True)
                    if not isinstance(status, int) or status >= 500:
                        failures.append(f"{users[path]} POST {key} ({what}, htmx={htmx}): {status}")
    finally:
        logger.setLevel(level)

    # A fuzz that reached no form must not pass.
    assert sum(1 for names in fields.values() if names) > 20, sorted(fields)
    assert posted > 5000
    assert failures == [], "\n".join(failures)


def test_a_number_too_large_for_any_column_is_an_invalid_choice_not_a_500(client, zorg):
    client.force_login(zorg)

    response = client.post("/signalen/nieuw/", {"indicatoren": ["9" * 30]})

    assert response.status_code == 200
    assert "is geen geldige waarde" in response.content.decode()
