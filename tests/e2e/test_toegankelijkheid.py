"""Every page of the journey, as the demo users see it, on a phone and through
axe-core; and the two long forms completed with the keyboard alone (issue 12,
point 6; WCAG 2.1 AA).

- Reflow (WCAG 1.4.10): at 320×640 no page scrolls sideways. A data table may
  scroll inside its own container; the page itself may not.
- axe-core (the copy from the npm registry, ``node_modules/axe-core``, pinned in
  package-lock.json): no violation with impact serious or critical for the WCAG
  2.0/2.1 A and AA rules.
- Keyboard (WCAG 2.1.1): the signal form and the assessment form filled in and
  submitted with Tab, Shift+Tab, Space, Enter, the arrow keys and typing; no
  clicks. The script only reads which element has the focus.

The checks are written against behaviour (roles, names, addresses), never
against class names: the design may change under them. One browser context per
user, logged in once and reused by every page of that user.
"""

import datetime
import functools
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in_page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_IMPACTS = {"serious", "critical"}
PHONE = {"width": 320, "height": 640}
ANONIEM = ""


def _vandaag() -> datetime.date:
    return datetime.datetime.now(tz=ZoneInfo("Europe/Amsterdam")).date()


@pytest.fixture(scope="module")
def sessie(browser, live_url):
    """One logged-in page per demo user (``ANONIEM``: nobody logged in), made on
    first use and reused by every test of this module."""
    pages = {}

    def _sessie(username):
        if username not in pages:
            context = browser.new_context(viewport=PHONE, locale="nl-NL")
            page = context.new_page()
            if username:
                log_in_page(page, live_url, username)
            pages[username] = page
        return pages[username]

    yield _sessie
    for page in pages.values():
        page.context.close()


# --- The checks -------------------------------------------------------------

# The elements that stick out to the right of the viewport, innermost first (an
# element sticking out because a child does is not the cause), unless a scroll
# container that itself fits clips them.
OVERFLOW_JS = """
() => {
  const vw = window.innerWidth;
  const sw = document.documentElement.scrollWidth;
  if (sw <= vw) return null;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = (el.getAttribute('class') || '').trim().split(/\\s+/).filter(Boolean);
    if (cls.length) s += '.' + cls.slice(0, 3).join('.');
    const text = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o !== 'visible') return a.getBoundingClientRect().right <= vw + 1;
    }
    return false;
  };
  const sticksOut = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > vw + 1 && !clipped(el);
  };
  const all = [...document.body.querySelectorAll('*')].filter(sticksOut);
  const causes = all.filter((el) => ![...el.children].some(sticksOut));
  const widest = all.filter((el) => el !== document.body && el.tagName !== 'MAIN')
    .sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width)[0];
  return {
    scrollWidth: sw,
    innerWidth: vw,
    widest: widest
      ? `${describe(widest)} (${Math.round(widest.getBoundingClientRect().width)} px)`
      : null,
    causes: causes
      .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
      .slice(0, 5)
      .map((el) => `${describe(el)} (right ${Math.round(el.getBoundingClientRect().right)} px)`),
  };
}
"""

AXE_JS = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    count: v.nodes.length,
  }));
}
"""


def reflow_problem(page) -> str | None:
    """Why the page scrolls sideways at this width, or None."""
    found = page.evaluate(OVERFLOW_JS)
    if found is None:
        return None
    causes = "\n      ".join(found["causes"]) or "(none found)"
    return (
        f"scrolls sideways: scrollWidth {found['scrollWidth']} > innerWidth "
        f"{found['innerWidth']}; widest element: {found['widest']}\n"
        f"    sticking out:\n      {causes}"
    )


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8") + "\n;undefined"


def axe_problems(page) -> list[str]:
    """The serious and critical axe-core violations on the page."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make var/vendor/.copied`")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Not page.add_script_tag: that inserts an inline <script>, which the
        # pages' Content-Security-Policy (script-src 'self') rightly refuses.
        # Evaluated through the DevTools protocol, the file runs with the
        # policy still in force for everything the page itself does.
        page.evaluate(_axe_source())
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) on {v['count']} element(s): "
        + ", ".join(v["targets"])
        for v in page.evaluate(AXE_JS, AXE_TAGS)
        if v["impact"] in AXE_IMPACTS
    ]


def assert_accessible(page, naam):
    page.wait_for_load_state("load")
    problems = []
    if reflow := reflow_problem(page):
        problems.append(f"320 px reflow (WCAG 1.4.10): {reflow}")
    problems += [f"axe-core {problem}" for problem in axe_problems(page)]
    if problems:
        pytest.fail(f"{naam} ({page.url}):\n  " + "\n  ".join(problems), pytrace=False)


# --- The journey ------------------------------------------------------------
# Each step goes to its page from the addresses and links the pages offer, as a
# user would, and ends on it.


def _follow(page, live_url, path, link):
    page.goto(live_url + path)
    target = link(page).first
    expect(target).to_be_visible()
    page.goto(live_url + target.get_attribute("href"))


def _case_link(page):
    return page.get_by_role("link", name=re.compile(r"NVM-\d{4}-\d{6}"))


def _assessment_task(page):
    """The "Openen" of the first assessment task in Mijn taken: a link to one's own
    task, or the button that takes an open one of the organisation and opens it."""
    row = page.locator("main tr").filter(has_text="Beoordeling indienen")
    return row.locator("a, button").filter(has_text="Openen")


def _task_page(page, live_url):
    """The task page as it is before anyone took the task (a GET changes nothing)."""
    page.goto(live_url + "/taken/")
    openen = _assessment_task(page).first
    expect(openen).to_be_visible()
    href = openen.get_attribute("href") or openen.locator("xpath=ancestor::form").get_attribute(
        "action"
    ).removesuffix("oppakken/")
    page.goto(live_url + href)


def _assessment_form(page, live_url):
    """One click in Mijn taken opens the task, taken, with its form."""
    page.goto(live_url + "/taken/")
    with page.expect_navigation():
        _assessment_task(page).first.click()
    expect(page.get_by_role("button", name="Indienen")).to_be_visible()


def _hand_over_page(page, live_url):
    _assessment_form(page, live_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Overdragen aan collega").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Overdragen aan collega")


def _process_page(page, live_url):
    _task_page(page, live_url)
    page.goto(
        live_url + page.locator("main a[href*='/identificatie/']").first.get_attribute("href")
    )


def _signal_detail(page, live_url):
    _follow(
        page,
        live_url,
        "/signalen/",
        lambda p: p.locator("main a[href^='/signalen/']:not([href='/signalen/nieuw/'])"),
    )


def _meeting(section):
    def _go(page, live_url):
        _follow(
            page,
            live_url,
            "/zorgtafels/",
            lambda p: p.get_by_role("region", name=section).locator("a[href^='/zorgtafels/']"),
        )

    return _go


def _meeting_room(page, live_url):
    _meeting("Komende overleggen")(page, live_url)
    confirm = page.get_by_label("Ik heb de geheimhoudingsverklaring gelezen")
    if confirm.count():
        confirm.check()
        with page.expect_navigation():
            page.get_by_role("button", name="Naar het overleg").click()
    expect(page.locator("#live-status")).to_have_text(re.compile("Live"))


def _advice_review(page, live_url):
    """The review task from Mijn taken: "Openen" (a link to one's own task, or the
    button that takes an open one of the organisation and opens it)."""
    page.goto(live_url + "/taken/")
    row = page.locator("main tr").filter(has_text="Advies beoordelen")
    openen = row.locator("a, button").filter(has_text="Openen").first
    expect(openen).to_be_visible()
    with page.expect_navigation():
        openen.click()
    page.wait_for_load_state("load")
    assert "/advies/" in page.url


def _advice_page(page, live_url):
    _advice_review(page, live_url)
    page.goto(live_url + page.locator("main a[href^='/casussen/']").first.get_attribute("href"))
    page.goto(live_url + page.locator("main a[href*='/adviezen/']").first.get_attribute("href"))


def _audit_report(page, live_url):
    page.goto(live_url + "/auditrapport/")
    vandaag = _vandaag()
    gebruiker = page.get_by_label("Gebruiker")
    gebruiker.select_option(
        gebruiker.locator("option", has_text=re.compile(r"^Carla Coördinator \(")).get_attribute(
            "value"
        )
    )
    page.get_by_label("Van").fill((vandaag - datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Tot en met").fill(vandaag.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Toon rapport").click()


def _path(path):
    def _go(page, live_url):
        response = page.goto(live_url + path)
        assert response.status == (404 if "bestaat-niet" in path else 200), page.url

    return _go


JOURNEY = [
    ("zorg", "start", _path("/")),
    ("zorg", "Mijn casussen", _path("/casussen/")),
    ("zorg", "casus", lambda page, url: _follow(page, url, "/casussen/", _case_link)),
    ("zorg", "Mijn taken", _path("/taken/")),
    ("zorg", "taak", _task_page),
    ("zorg", "beoordeling", _assessment_form),
    ("zorg", "taak overdragen", _hand_over_page),
    ("zorg", "identificatieproces", _process_page),
    ("zorg", "signaal vastleggen", _path("/signalen/nieuw/")),
    ("zorg", "wachtwoord wijzigen", _path("/wachtwoord/wijzigen/")),
    ("zorg", "tweede factor", _path("/mfa/")),
    ("zorg", "404", _path("/bestaat-niet/")),
    ("politie", "signalen", _path("/signalen/")),
    ("politie", "signaal", _signal_detail),
    (
        "coordinator",
        "casus (coördinator)",
        lambda p, url: _follow(p, url, "/casussen/", _case_link),
    ),
    ("coordinator", "zorgtafels", _path("/zorgtafels/")),
    ("coordinator", "zorgtafel (eerder)", _meeting("Eerdere overleggen")),
    ("coordinator", "zorgtafel live", _meeting_room),
    ("coordinator2", "advies beoordelen", _advice_review),
    ("coordinator2", "advies", _advice_page),
    ("beheerder", "auditrapport", _audit_report),
    (ANONIEM, "inloggen", _path("/inloggen/")),
]


@pytest.mark.parametrize(
    ("username", "naam", "go"), JOURNEY, ids=[f"{u or 'anoniem'}-{n}" for u, n, _ in JOURNEY]
)
def test_journey_page_reflows_at_320_px_and_has_no_serious_axe_violation(
    sessie, live_url, username, naam, go
):
    page = sessie(username)
    go(page, live_url)
    assert_accessible(page, f"{naam} as {username or 'anonymous'}")


# --- The keyboard -----------------------------------------------------------

FOCUS_JS = """
(submit) => {
  const el = document.activeElement;
  const form = [...document.forms].find((f) =>
    [...f.querySelectorAll('button')].some((b) => b.textContent.trim() === submit));
  if (!el || el === document.body) return {tag: 'body', inForm: false};
  const details = el.tagName === 'SUMMARY' ? el.parentElement : null;
  return {
    tag: el.tagName.toLowerCase(),
    type: (el.getAttribute('type') || '').toLowerCase(),
    name: el.name || '',
    value: el.value === undefined ? '' : String(el.value),
    checked: !!el.checked,
    text: (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60),
    inForm: !!form && form.contains(el),
    open: details ? details.open : null,
    holds: details
      ? [...details.querySelectorAll('input, select, textarea')].map((f) => [f.name, f.value])
      : [],
    options: el.tagName === 'SELECT'
      ? [...el.options].map((o) => ({value: o.value, label: o.textContent.trim()}))
      : null,
    selectedIndex: el.tagName === 'SELECT' ? el.selectedIndex : null,
  };
}
"""


def _focus(page, submit):
    return page.evaluate(FOCUS_JS, submit)


def _wanted(values, name, value=None):
    want = values.get(name)
    if isinstance(want, (set, frozenset, list, tuple)):
        return value in want if value is not None else bool(want)
    return want is not None


DATE_ORDERS = ("dmy", "mdy", "ymd")


def _type_date(page, submit, iso):
    """Type a date into a date input, segment after segment. The order of the
    segments follows the browser's own locale, not the page's: type it in one
    order and, if the field then holds another date, go out of the field with
    Shift+Tab and back in with Tab, and try the next order."""
    parts = dict(zip("ymd", iso.split("-"), strict=True))
    name = _focus(page, submit)["name"]
    for order in DATE_ORDERS:
        page.keyboard.type("".join(parts[k] for k in order))
        if _focus(page, submit)["value"] == iso:
            return
        for _ in range(6):
            page.keyboard.press("Shift+Tab")
            if _focus(page, submit)["name"] != name:
                break
        page.keyboard.press("Tab")
    raise AssertionError(f"{name}: could not type {iso} in any order of day, month and year")


def _choose_radio(page, submit, want):
    """Arrow keys move through a radio group and select as they go."""
    focus = _focus(page, submit)
    if focus["value"] == want and not focus["checked"]:
        page.keyboard.press("Space")
    for _ in range(20):
        focus = _focus(page, submit)
        if focus["value"] == want and focus["checked"]:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"radio {focus['name']}: could not reach {want!r} with the arrow keys")


def _choose_option(page, submit, focus, want):
    """Arrow keys change a closed select's choice, one option at a time."""
    values = [option["value"] for option in focus["options"]]
    steps = values.index(want) - focus["selectedIndex"]
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")


def fill_by_keyboard(page, submit, values, max_tabs=600):
    """Complete the form whose main button reads ``submit`` with the keyboard:
    Tab from the top of the page through every control, and for each one the
    test wants (``values``: a name with its value, a set of values for check
    boxes) type it, choose it with the arrow keys or tick it with Space; a
    closed section (``<details>``) holding one is opened with Enter on its
    summary. Ends on the submit button, pressed with Enter."""
    done = set()
    page.keyboard.press("Escape")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    entered = False
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        focus = _focus(page, submit)
        if not focus["inForm"]:
            assert not entered, (
                f"the focus left the form at {focus} before its button; "
                f"not reached: {sorted(set(values) - done)}"
            )
            continue
        entered = True
        name, tag, kind = focus["name"], focus["tag"], focus["type"]
        if tag == "summary" and not focus["open"]:
            if any(_wanted(values, n, v) for n, v in focus["holds"]):
                page.keyboard.press("Enter")
                assert _focus(page, submit)["open"], f"Enter did not open {focus['text']!r}"
        elif tag == "button" and focus["text"] == submit:
            missing = {n for n in values if values[n] not in (None, set())} - done
            assert not missing, f"reached {submit!r} without passing {sorted(missing)}"
            # Shift+Tab goes back into the form and Tab returns here: the order holds.
            page.keyboard.press("Shift+Tab")
            assert _focus(page, submit)["inForm"]
            page.keyboard.press("Tab")
            assert _focus(page, submit)["text"] == submit
            with page.expect_navigation():
                page.keyboard.press("Enter")
            page.wait_for_load_state("load")
            return
        elif not name or name not in values:
            continue
        elif kind == "checkbox":
            if _wanted(values, name, focus["value"]) != focus["checked"]:
                page.keyboard.press("Space")
            done.add(name)
        elif kind == "radio":
            _choose_radio(page, submit, values[name])
            done.add(name)
        elif tag == "select":
            _choose_option(page, submit, focus, values[name])
            done.add(name)
        elif kind == "date":
            _type_date(page, submit, values[name])
            done.add(name)
        else:  # text, number, textarea
            page.keyboard.press("ControlOrMeta+a")
            page.keyboard.type(values[name])
            done.add(name)
        if name in done and kind != "checkbox":
            got = _focus(page, submit)["value"]
            assert got == values[name], f"{name}: typed {values[name]!r}, the field holds {got!r}"
    raise AssertionError(f"{submit!r} not reached in {max_tabs} tabs")


def press_by_keyboard(page, name, max_tabs=100):
    """Tab to the button or link named ``name`` and press Enter."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if _focus(page, name)["text"] == name:
            with page.expect_navigation():
                page.keyboard.press("Enter")
            page.wait_for_load_state("load")
            return
    raise AssertionError(f"{name!r} not reached with Tab")


def _first_and_last_indicator(page):
    return set(
        page.evaluate(
            """() => {
              const boxes = [...document.querySelectorAll('input[name=indicatoren]')];
              return [boxes[0].value, boxes[boxes.length - 1].value];
            }"""
        )
    )


def test_a_signal_is_recorded_with_the_keyboard_alone(sessie, live_url):
    # Care records with the person's consent: its form has every kind of field
    # (the police, a statutory reporter, is not asked for a ground to share).
    page = sessie("zorg")
    page.goto(live_url + "/signalen/nieuw/")
    fill_by_keyboard(
        page,
        "Signaal vastleggen",
        {
            "urgentie": "hoog",
            "waargenomen_op": (_vandaag() - datetime.timedelta(days=1)).isoformat(),
            "plaats": "Busstation Voorbeeldstad, perron 3",
            "indicatoren": _first_and_last_indicator(page),
            "observatie": "Jonge vrouw wordt door een man begeleid en mag zelf niet praten.",
            "grondslag": "toestemming",
            "toestemming_door": "persoon",
            "naam": "Marta Toetsenbord",
            "geboortedatum": "2001-05-17",
            "geslacht": "vrouw",
            "nationaliteit": "PL",
            "vorm": "arbeid",
        },
    )
    expect(page.get_by_role("heading", name="Wat moet u nu doen?")).to_be_visible()
    detail = page.url
    page.goto(live_url + "/signalen/")
    expect(page.locator("main")).to_contain_text("Busstation Voorbeeldstad")
    page.goto(detail)
    expect(page.locator("main")).to_contain_text("Marta Toetsenbord")


def test_an_assessment_is_submitted_with_the_keyboard_alone(sessie, live_url):
    page = sessie("politie")
    page.goto(live_url + "/taken/")
    # One key press on "Openen" in Mijn taken takes the task and opens its form.
    openen = " ".join(_assessment_task(page).first.text_content().split())
    press_by_keyboard(page, openen)
    expect(page.get_by_role("button", name="Indienen")).to_be_visible()
    feiten = "Verklaart een schuld van 3.000 euro bij de werkgever; paspoort ingenomen."
    fill_by_keyboard(
        page,
        "Indienen",
        {
            "oordeel": "enige",
            "indicatoren": _first_and_last_indicator(page),
            "feiten": feiten,
            "professioneel_oordeel": "Past bij arbeidsuitbuiting met schuldbinding.",
            "onderbouwing": "Verhoor van 12 november; ILO-indicatoren 7 en 8.",
            "behoeften": "Veilige opvang en juridische bijstand.",
            "risico_veiligheid": "Werkgever kent het woonadres.",
            "risico_vlucht": "Laag.",
            "risico_herhaling": "Hoog zonder opvang.",
            "strafzaak": "onbekend",
            "strafzaak_toelichting": "Hangt af van de verklaring bij de rechter-commissaris.",
        },
    )
    expect(page.get_by_role("status")).to_be_visible()
    assert "/identificatie/" in page.url, page.url
    page.goto(live_url + "/taken/")
    expect(_assessment_task(page)).to_have_count(0)
