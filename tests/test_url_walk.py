"""Behaviour unchanged (issue 10, point 8): every demo user walks every URL.

The demo data is loaded as ``make run`` loads it; then each demo account GETs
every URL pattern of the project, with every path parameter filled with each
matching demo object, and the status codes are compared with a committed
baseline, ``tests/data/url_walk_baseline.json``.

A line in the baseline names the URL by its route, not by the URL name or the
view (both may move in a refactor), with every parameter replaced by a stable
natural key of its object instead of the random public id: a case by its
(fictional) name, a meeting by its type and chair, an agenda item by its case,
and so on. Regex routes are written with ``<name>`` for their groups.

After a change that is meant to alter behaviour, regenerate the baseline and
review its diff::

    URL_WALK_WRITE=1 DJANGO_SETTINGS_MODULE=tests.settings \\
        .venv/bin/python -m pytest tests/test_url_walk.py
"""

import io
import json
import logging
import os
import re
from collections import Counter
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

BASELINE = Path(__file__).parent / "data" / "url_walk_baseline.json"
WRITE = os.environ.get("URL_WALK_WRITE") == "1"

USERS = [
    "coordinator",
    "coordinator2",
    "politie",
    "zorg",
    "jeugdzorg",
    "nidos",
    "advocaat",
    "advocaat2",
    "comensha",
    "projectgroep",
    "beheerder",
    "buitenstaander",
]

# Not walked: static files, language switching, and logging out (which would end
# the walk's session).
EXCLUDED = re.compile(r"^(static/|i18n/|taal/|uitloggen/|beheer/logout/)")
# A URL is case-scoped when it names a case, signal, report, task, process or meeting.
CASE_SCOPED = (
    "public_id",
    "signaal_id",
    "melding_id",
    "proces_id",
    "taak_id",
    "zorgtafel_id",
    "actiepunt_id",
    "casustaak_id",
    "koppelverzoek_id",
)
# Objects per model walked on the admin's object pages (change, history, delete...).
ADMIN_CAP = 3
# The label Django gives a blank choice: a select must say "Kies…" or "(geen)",
# and a radio button has no empty option at all (issue 12, point 4).
DJANGO_EMPTY_CHOICE = b"---------"
# The walk makes ~6,700 requests; far fewer means it silently lost URLs.
MIN_ENTRIES = 6000


# -- the URL patterns ---------------------------------------------------------


def _patterns(patterns=None, segments=()):
    """Every URL pattern as the tuple of its (nested) pattern objects."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, (*segments, p.pattern))
        else:
            yield (*segments, p.pattern)


def _route(segments):
    return "".join(str(s) for s in segments)


_GROUP = re.compile(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)")
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def _params(segments):
    names = []
    for s in segments:
        if isinstance(s, RoutePattern):
            names += _CONVERTER.findall(str(s))
        else:
            names += [m.group(1) for m in _GROUP.finditer(str(s))]
    return names


def _fill(segments, values):
    """The route with each parameter replaced by ``values[name]`` (a string)."""
    out = []
    for s in segments:
        text = str(s)
        if isinstance(s, RoutePattern):
            out.append(_CONVERTER.sub(lambda m: values[m.group(1)], text))
        else:
            assert isinstance(s, RegexPattern)
            text = _GROUP.sub(lambda m: values[m.group(1)], text)
            out.append(text.removeprefix("^").removesuffix("$").replace("\\.", "."))
    return "".join(out)


# -- natural keys of the demo objects -----------------------------------------


def _unique(pairs, what):
    """Sorted (natural key, value) pairs; a natural key must name one object."""
    pairs = sorted(pairs, key=lambda kv: kv[0])
    keys = [k for k, _ in pairs]
    duplicates = [k for k, n in Counter(keys).items() if n > 1]
    assert not duplicates, f"{what}: natural key not unique: {duplicates}"
    return pairs


def _casus_key(casus):
    # The case number holds the year it was made in; the fictional name does not.
    return casus.naam


def _casussen(bound):
    from casusoverleg.models import Casus

    return _unique(((_casus_key(c), c) for c in Casus.objects.all()), "casus")


def _behoeften(bound):
    casus = bound["public_id"]
    return _unique(
        ((f"{b.type} ({b.eigenaar.naam})", b.pk) for b in casus.behoeften.all()), "behoefte"
    )


def _deelnames(bound):
    casus = bound["public_id"]
    return _unique(
        (
            (
                f"{d.organisatie.naam}"
                + (f" / {d.persoon.username}" if d.persoon else "")
                + ("" if d.beeindigd_op is None else " (beëindigd)"),
                d.pk,
            )
            for d in casus.deelnames.all()
        ),
        "deelname",
    )


def _adviezen(bound):
    casus = bound["public_id"]
    return _unique(((str(a.versie), a.versie) for a in casus.adviezen.all()), "advies")


def _statistiektabellen(bound):
    from statistiek.dashboard import TABELLEN

    sleutels = [t.sleutel for t in TABELLEN] + ["doorlooptijden"]
    return _unique(((s, s) for s in sleutels), "statistiektabel")


def _processen(bound):
    casus = bound["public_id"]
    processen = casus.processen.order_by("pk")
    return _unique(((f"proces {i}", p) for i, p in enumerate(processen, 1)), "proces")


def _beoordelingen(bound):
    from identificatie.models import Beoordeling

    casus = bound["public_id"]
    return _unique(
        (
            (b.organisatie.naam, b.pk)
            for b in Beoordeling.objects.filter(proces__casus=casus).select_related("organisatie")
        ),
        "beoordeling",
    )


def _zorgtafels(bound):
    from zorgtafel.models import Zorgtafel

    return _unique(
        ((f"{z.type} / {z.voorzitter.username}", z) for z in Zorgtafel.objects.all()), "zorgtafel"
    )


def _agendapunten(bound):
    zorgtafel = bound["zorgtafel_id"]
    return _unique(((_casus_key(a.casus), a) for a in zorgtafel.agendapunten.all()), "agendapunt")


def _casustaken(bound):
    from casusoverleg.models import Casustaak

    return _unique(
        (
            (f"{_casus_key(t.casus)} / {t.soort} / {t.sleutel}", t)
            for t in Casustaak.objects.select_related("casus")
        ),
        "casustaak",
    )


def _koppelverzoeken(bound):
    """Link requests (none in the demo: it has one coordinating organisation; the
    page's access is tested in tests/casusoverleg/test_dubbele_personen.py)."""
    from casusoverleg.models import Koppelverzoek

    return _unique(
        (
            (f"{_casus_key(v.van_casus)} -> {_casus_key(v.casus)}", v)
            for v in Koppelverzoek.objects.select_related("casus", "van_casus")
        ),
        "koppelverzoek",
    )


def _actiepunten(bound):
    from zorgtafel.models import Actiepunt

    agendapunt = bound.get("item_id")
    if agendapunt is not None:
        return _unique(((a.omschrijving, a) for a in agendapunt.actiepunten.all()), "actiepunt")
    # An action's own page (/actiepunten/<id>/): every action of the demo.
    return _unique(
        (
            (f"{_casus_key(a.casus)} / {a.omschrijving}", a)
            for a in Actiepunt.objects.select_related("casus")
        ),
        "actiepunt",
    )


def _signalen(bound):
    from identificatie.models import Signaal

    return _unique(
        ((f"{s.organisatie.naam} / {s.plaats}", s) for s in Signaal.objects.all()), "signaal"
    )


def _meldingen(bound):
    from identificatie.models import Melding

    return _unique(((_casus_key(m.casus), m) for m in Melding.objects.all()), "melding")


def _taken(bound):
    from identificatie.models import Taak

    keys = Counter()
    pairs = []
    for taak in Taak.objects.select_related("task", "casus", "organisatie").order_by("pk"):
        key = f"{_casus_key(taak.casus)} / {taak.task.flow_task.name} / {taak.organisatie.naam}"
        keys[key] += 1
        pairs.append((f"{key} #{keys[key]}", taak))
    return _unique(pairs, "taak")


def _indicatoren(bound):
    from identificatie.models import Indicator

    return _unique(
        ((f"{i.groep.lijst.versie} {i.code}", i.pk) for i in Indicator.objects.all()),
        "indicator",
    )


def _doorverwijzingen(bound):
    """Referrals (none in the demo; the page's access is tested in
    tests/wegwijzer/test_doorverwijzing.py)."""
    from wegwijzer.models import Doorverwijzing

    return _unique(
        (
            (f"{_casus_key(v.casus)} -> {v.organisatie.naam}", v)
            for v in Doorverwijzing.objects.select_related("casus", "organisatie")
        ),
        "doorverwijzing",
    )


def _aanbod(bound):
    from wegwijzer.models import Aanbod

    return _unique(
        (
            (f"{a.organisatie.naam} / {a.titel}", a)
            for a in Aanbod.objects.select_related("organisatie")
        ),
        "aanbod",
    )


def _admin_natural_key(obj):
    """A stable name for an object on the admin's pages, or None to skip it."""
    from casusoverleg.models import Casus, Organisatie, User
    from identificatie.models import Indicator, IndicatorLijst
    from wegwijzer.models import Aanbod, Regeling

    if isinstance(obj, Casus):
        return _casus_key(obj)
    if isinstance(obj, Organisatie):
        return obj.naam
    if isinstance(obj, User):
        return obj.username
    if isinstance(obj, Group):
        return obj.name
    if isinstance(obj, IndicatorLijst):
        return obj.versie
    if isinstance(obj, Indicator):
        return f"{obj.groep.lijst.versie} {obj.code}"
    if isinstance(obj, Regeling):
        return obj.naam
    if isinstance(obj, Aanbod):
        return f"{obj.organisatie.naam} / {obj.titel}"
    return None  # axes' logs and viewflow's rows have no stable identity


def _admin_objects(model):
    pairs = []
    for obj in model._default_manager.all():
        key = _admin_natural_key(obj)
        if key is not None:
            pairs.append((key, obj.pk))
    return _unique(pairs, model._meta.label)[:ADMIN_CAP]


def _admin_model(route):
    m = re.match(r"beheer/(\w+)/(\w+)/", route)
    return apps.get_model(m.group(1), m.group(2))


def _admin_object_ids(bound, route):
    return [(k, str(pk)) for k, pk in _admin_objects(_admin_model(route))]


def _admin_shortcut(bound):
    from casusoverleg.models import Casus

    ct = ContentType.objects.get_for_model(Casus)
    return [(f"{ct.app_label}.{ct.model}", ct)]


def _admin_shortcut_objects(bound):
    ct = bound["content_type_id"]
    return [(k, str(pk)) for k, pk in _admin_objects(ct.model_class())]


def _choices(route, name):
    """The alternatives of a regex group such as ``(?P<fmt>json|csv)``."""
    m = re.search(rf"\(\?P<{name}>([\w|]+)\)", route)
    return [(v, v) for v in sorted(m.group(1).split("|"))]


def _values(route, name, bound):
    """[(natural key, object or value)] for parameter ``name`` of ``route``."""
    if route.startswith("beheer/"):
        if name == "app_label":
            return _choices(route, name)
        if name == "url":
            return [("bestaat-niet/", "bestaat-niet/")]
        if name == "content_type_id":
            return _admin_shortcut(bound)
        if name == "object_id" and route.startswith("beheer/r/"):
            return _admin_shortcut_objects(bound)
        if name in ("object_id", "id"):
            return _admin_object_ids(bound, route)
    if name == "fmt":
        return _choices(route, name)
    if name in ("uidb64", "token"):
        # A password reset link that is not (or no longer) valid.
        return [("ongeldig", "ongeldig")]
    if route.startswith("mfa/apparaten/"):
        # The demo accounts have no second factor (MFA_DEMO_VRIJSTELLING): walk the
        # kinds with an id that does not exist; the page answers POST only.
        if name == "soort":
            return [("totp", "totp"), ("webauthn", "webauthn")]
        if name == "pk":
            return [("bestaat-niet", 0)]
    if name == "pk":
        if "/behoeften/" in route:
            return _behoeften(bound)
        if "/deelnemers/" in route:
            return _deelnames(bound)
        if "/indicatoren/" in route:
            return _indicatoren(bound)
    providers = {
        "public_id": _casussen,
        "versie": _adviezen,
        "proces_id": _processen,
        "beoordeling_id": _beoordelingen,
        "zorgtafel_id": _zorgtafels,
        "item_id": _agendapunten,
        "actiepunt_id": _actiepunten,
        "signaal_id": _signalen,
        "melding_id": _meldingen,
        "taak_id": _taken,
        "casustaak_id": _casustaken,
        "koppelverzoek_id": _koppelverzoeken,
        "sleutel": _statistiektabellen,
        "aanbod_id": _aanbod,
        "doorverwijzing_id": _doorverwijzingen,
    }
    assert name in providers, f"{route}: no demo objects known for <{name}>; add them here"
    return providers[name](bound)


def _url_value(obj):
    if isinstance(obj, str | int):
        return str(obj)
    if isinstance(obj, ContentType):
        return str(obj.pk)
    return obj.public_id


def _targets(segments):
    """(key, path) for every way to fill the pattern with demo objects."""
    route = _route(segments)
    names = _params(segments)

    def expand(i, bound, keys, urls):
        if i == len(names):
            yield "/" + _fill(segments, keys), "/" + _fill(segments, urls)
            return
        name = names[i]
        for key, obj in _values(route, name, bound):
            yield from expand(
                i + 1,
                {**bound, name: obj},
                {**keys, name: f"<{name}={key}>"},
                {**urls, name: _url_value(obj)},
            )

    yield from expand(0, {}, {}, {})


def _walk_targets():
    targets = []
    for segments in _patterns():
        route = _route(segments)
        if EXCLUDED.match(route):
            continue
        for key, path in _targets(segments):
            if not route.endswith("(?P<url>.*)$"):
                # The filled-in path reaches the pattern it was made from.
                reached = resolve(path).route
                assert reached.replace("^", "") == route.replace("^", ""), (route, path, reached)
            targets.append((route, key, path))
    keys = [key for _, key, _ in targets]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    return targets


# -- raw codes in the visible text ---------------------------------------------

# Text pieces are split on these, so that "Vormen: arbeid, seksueel" yields
# "arbeid" while a sentence that merely uses the word ("dwang tot arbeid") does not.
_PIECES = re.compile(r"""[,;:·|()\[\]"'{}—–]|\s-\s""")


class _VisibleText(HTMLParser):
    """The text nodes of a page (no attributes, no scripts or styles)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.parts


def raw_codes() -> frozenset[str]:
    """Every stored code that people should see as its label: the choice codes
    whose label differs (not only in capitals) from the code, the indicator codes
    of the catalogue and the country codes in the demo data."""
    from casusoverleg.models import Casus
    from identificatie.models import Indicator, Melding

    codes = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for code, label in getattr(field, "flatchoices", None) or ():
                if (
                    isinstance(code, str)
                    and len(code) > 1
                    and not code.isdigit()
                    and str(label).strip().lower() != code.lower()
                ):
                    codes.add(code)
    codes -= WORDS_TOO
    codes |= set(Indicator.objects.values_list("code", flat=True))
    for model, field in ((Casus, "nationaliteit"), (Melding, "herkomstland")):
        codes |= {c for c in model.objects.values_list(field, flat=True) if c}
    return frozenset(codes)


#: Codes that are also ordinary words in our pages' prose ("(geen)", "onbekend",
#: "anoniem", "... tweede factor, beheer", the step indicator's "(afgerond)"): a leak of
#: these cannot be told from text.
WORDS_TOO = frozenset({"geen", "onbekend", "anoniem", "beheer", "afgerond"})


def codes_in_text(html: str, codes) -> set[str]:
    """The codes that stand alone in a piece of the page's visible text."""
    found = set()
    for part in visible_text(html):
        for piece in _PIECES.split(part):
            piece = piece.strip()
            if piece in codes:
                found.add(piece)
    return found


# -- the walk -----------------------------------------------------------------


@cache
def _walk():
    """Every (user, URL) status, and the pages that offer Django's ``---------``
    choice. Walked once per test run: the demo data it reads is the same each time."""
    from casusoverleg.models import User

    targets = _walk_targets()
    codes = raw_codes()
    entries = {}
    guessing = set()
    leaking = set()
    # Thousands of expected 404s would each log a warning; errors are still logged.
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        for username in USERS:
            client = Client()
            client.force_login(User.objects.get(username=username))
            for _route, key, path in targets:
                response = client.get(path)
                entries[username, key, "GET"] = response.status_code
                if response.status_code == 200 and response.get("Content-Type", "").startswith(
                    "text/html"
                ):
                    if DJANGO_EMPTY_CHOICE in response.content:
                        guessing.add((username, key))
                    # The admin shows the catalogue's codes and the accounts'
                    # usernames as the data it manages; the rest of the site never.
                    if not key.startswith("/beheer/"):
                        for code in codes_in_text(response.content.decode(), codes):
                            leaking.add((username, key, code))
    finally:
        logger.setLevel(level)
    return entries, frozenset(guessing), frozenset(leaking)


def _read_baseline():
    rows = json.loads(BASELINE.read_text(encoding="utf-8"))
    return {(r["user"], r["url"], r["method"]): r["status"] for r in rows}


def _write_baseline(entries):
    lines = [
        json.dumps(
            {"user": user, "url": url, "method": method, "status": status}, ensure_ascii=False
        )
        for (user, url, method), status in sorted(entries.items())
    ]
    BASELINE.parent.mkdir(parents=True, exist_ok=True)
    BASELINE.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")


def _diff(old, new):
    lines = []
    for entry in sorted(old.keys() | new.keys()):
        before, after = old.get(entry, "absent"), new.get(entry, "absent")
        if before != after:
            user, url, method = entry
            lines.append(f"  {user:14} {method} {url}: {before} → {after}")
    return lines


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        call_command("demo", stdout=io.StringIO())


def test_every_demo_user_gets_the_same_status_on_every_url(demo):
    entries, _, _ = _walk()

    # A walk that silently does nothing must not pass.
    assert len(entries) >= MIN_ENTRIES, len(entries)
    for username in USERS:
        assert any(s == 200 for (u, _, _), s in entries.items() if u == username), username
    outsider = {
        key: status
        for (user, key, _), status in entries.items()
        if user == "buitenstaander"
        and not key.startswith("/beheer/")
        and any(f"<{p}=" in key for p in CASE_SCOPED)
    }
    assert len(outsider) > 100
    assert {k: s for k, s in outsider.items() if s != 404} == {}

    if WRITE:
        _write_baseline(entries)
    assert BASELINE.exists(), f"no baseline yet: run with URL_WALK_WRITE=1 to write {BASELINE}"
    diff = _diff(_read_baseline(), entries)
    assert not diff, (
        f"{len(diff)} (user, URL) statuses differ from {BASELINE.name} "
        "(baseline → now; regenerate with URL_WALK_WRITE=1 if intended):\n" + "\n".join(diff)
    )


def test_no_page_any_demo_user_sees_offers_the_empty_dashes_choice(demo):
    entries, guessing, _ = _walk()

    html_pages = sum(1 for status in entries.values() if status == 200)
    assert html_pages > 500, html_pages
    assert sorted(guessing) == [], "\n".join(map(str, sorted(guessing)))


def test_no_page_any_demo_user_sees_shows_a_raw_code_where_a_label_belongs(demo):
    """Issue 12, point 5: choices, indicators and countries appear by their label,
    never by the code they are stored as ("arbeid", "in_behandeling", "ALG-07", "RO").
    Codes in attributes (``value=``, URLs) are fine: only text nodes count."""
    entries, _, leaking = _walk()

    assert sum(1 for status in entries.values() if status == 200) > 500
    assert sorted(leaking) == [], "\n".join(map(str, sorted(leaking)))


def test_the_raw_code_check_sees_codes_in_text_and_not_in_attributes(demo):
    codes = raw_codes()
    assert {"arbeid", "in_behandeling", "ALG-07"} <= codes
    assert "open" not in codes  # its label is the same word: nothing to tell apart
    html = (
        '<p title="arbeid"><a href="/x?status=in_behandeling">Arbeidsuitbuiting</a>'
        '<option value="arbeid">Arbeidsuitbuiting</option> dwang tot arbeid</p>'
        "<script>var x = 'arbeid';</script>"
    )
    assert codes_in_text(html, codes) == set()
    assert codes_in_text("<td>Vormen: arbeid, seksueel</td>", codes) == {"arbeid", "seksueel"}
    assert codes_in_text("<dd>ALG-07, ALG-08</dd>", codes) == {"ALG-07", "ALG-08"} & codes


#: Users who read objects of cases they may not open (a referral to Nidos, CoMensha's
#: reports, a signal of the police's own) beside cases they do open.
DOEL_USERS = ["nidos", "comensha", "politie"]


def test_with_the_purpose_question_on_no_page_becomes_a_404(demo, settings):
    """The purpose of use is asked of who opens a case: every page answers as
    without the question (the baseline), or asks it first; nobody is asked about a
    case they may not see (the question's page answers them), so no page they
    reached becomes a 404 and nothing hidden shows."""
    from casusoverleg.models import User

    settings.GEBRUIKSDOEL_VRAGEN = True
    baseline = _read_baseline()
    targets = _walk_targets()
    gevraagd = 0
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        for username in DOEL_USERS:
            client = Client()
            client.force_login(User.objects.get(username=username))
            for _route, key, path in targets:
                voor = baseline.get((username, key, "GET"))
                response = client.get(path)
                if response.status_code == 302 and "/doel/" in response["Location"]:
                    # Asked first (also before a page of a case they read that
                    # refuses them an action): only about a case they may see.
                    vraag = response["Location"]
                    assert client.get(vraag).status_code == 200, (username, key, vraag)
                    gevraagd += 1
                else:
                    assert response.status_code == voor, (username, key, voor, response.status_code)
    finally:
        logger.setLevel(level)
    assert gevraagd > 20  # the question was really asked
