"""Typed work survives the idle logout, in the browser: the signal form saves itself
while one types, the warning comes before the idle limit, and after logging in again
the form is back with the text. A second server on the same database runs with a
short idle limit (SESSION_IDLE_SECONDS) and a fast automatic save."""

import time

import pytest
from playwright.sync_api import expect

from tests.e2e import server
from tests.e2e.server import backup_code

IDLE = 24
WAARSCHUWING = 12
TEKST = "Zag haar elke ochtend om zes uur in een wit busje stappen."


@pytest.fixture(scope="module")
def kort_url(live_url, server_env):
    """The test server's database (set up by ``live_url``), served with short limits."""
    env = {
        **server_env,
        "SESSION_IDLE_SECONDS": str(IDLE),
        "SESSION_WARNING_SECONDS": str(WAARSCHUWING),
        "CONCEPT_AUTOSAVE_SECONDS": "2",
    }
    with server.running(env, log_name="daphne-kort.log") as url:
        yield url


def inloggen(page, username):
    """On the login page the browser is on: password, then a backup code."""
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    if "/mfa/verifieren/" in page.url:
        page.get_by_label("Code").fill(backup_code(username))
        with page.expect_navigation():
            page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state("load")


def test_the_signal_text_comes_back_after_the_idle_logout(page, kort_url):
    page.goto(f"{kort_url}/signalen/nieuw/")
    inloggen(page, "zorg")
    assert page.url.endswith("/signalen/nieuw/")
    page.locator("#id_observatie").fill(TEKST)
    expect(page.locator("[data-concept-status]")).to_contain_text(
        "Concept automatisch opgeslagen om", timeout=10_000
    )

    # No activity: the warning, then the logout; the login page says why.
    expect(page.get_by_role("alertdialog")).to_be_visible(timeout=(IDLE + 5) * 1000)
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible(timeout=(IDLE + 10) * 1000)
    expect(page.locator("main")).to_contain_text(
        f"U bent uitgelogd omdat u {IDLE} seconden niet actief was. Uw concept is bewaard."
    )
    assert "next=/signalen/nieuw/" in page.url and "zorg" not in page.url

    inloggen(page, "zorg")
    assert page.url.endswith("/signalen/nieuw/")
    expect(page.locator("#id_observatie")).to_have_value(TEKST)
    expect(page.locator(".concept-melding")).to_contain_text("is teruggezet")
    page.get_by_role("button", name="Concept weggooien").click()
    expect(page.locator("#id_observatie")).to_have_value("")


def test_the_idle_warning_is_a_focused_dialog_and_stay_signed_in_works(page, kort_url):
    page.goto(f"{kort_url}/")
    inloggen(page, "politie")
    geladen = time.monotonic()
    dialog = page.get_by_role("alertdialog", name="Bent u er nog?")
    expect(dialog).to_be_visible(timeout=(IDLE - WAARSCHUWING + 5) * 1000)
    expect(dialog).to_contain_text(
        f"U wordt over {WAARSCHUWING} seconden uitgelogd wegens inactiviteit."
    )
    knop = dialog.get_by_role("button", name="Blijf ingelogd")
    expect(knop).to_be_focused()
    knop.click()
    expect(dialog).to_be_hidden()
    # Past the limit the page had at first: still signed in.
    page.wait_for_timeout(max(0, (IDLE + 3 - (time.monotonic() - geladen))) * 1000)
    assert "/inloggen/" not in page.url
    page.reload()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
