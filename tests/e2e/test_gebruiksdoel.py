"""The purpose of use as a person meets it: the first time they open a case in a
session they are asked why, by keyboard; the case pages say what they answered and
let them change it. A second server on the same data has the question on (the
others run without it: tests/e2e/server.py)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import server


@pytest.fixture(scope="module")
def doel_url(live_url, server_env):
    with server.running({**server_env, "GEBRUIKSDOEL_VRAGEN": "1"}, "daphne-doel.log") as url:
        yield url


def test_asked_why_once_then_shown_and_changeable(page, doel_url):
    server.log_in(page, doel_url, "coordinator")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn casussen"
    ).click()
    page.get_by_role("link", name=re.compile(r"NVM-\d{4}-\d{6}")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Doel van gebruik")

    # Without a choice: the message is tied to the question.
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("group", name="Waarvoor opent u deze casus?")).to_contain_text(
        "Kies waarvoor u de casus opent."
    )

    # By keyboard: focus the first option, arrow to the third, send.
    page.get_by_role("radio", name="Coördinatie van de casus").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(
        page.get_by_role("radio", name="Beoordeling van signalen en indicatoren")
    ).to_be_checked()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Casus NVM-")
    expect(page.get_by_text("Uw doel: Beoordeling van signalen en indicatoren")).to_be_visible()

    # Another page of the same case: not asked again.
    page.get_by_role("link", name="Tijdlijn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tijdlijn")

    page.get_by_role("link", name="Doel wijzigen").click()
    page.get_by_role("radio", name="Anders").check()
    page.get_by_label("Toelichting").fill("Vraag van de toezichthouder")
    page.get_by_role("button", name="Doel wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tijdlijn")
    expect(page.get_by_text("Uw doel: Anders: Vraag van de toezichthouder")).to_be_visible()
