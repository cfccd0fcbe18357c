"""Setting up an authenticator app in the browser, as a new user does at their
first login (MFA is required: the server runs the production settings)."""

import re

import pyotp
from playwright.sync_api import expect

from tests.e2e.server import E2E_NIEUW, E2E_NIEUW_WACHTWOORD


def test_a_new_user_enrols_an_app_sees_backup_codes_once_and_gets_in(page, live_url, log_in):
    log_in(page, E2E_NIEUW, E2E_NIEUW_WACHTWOORD)
    expect(page).to_have_url(re.compile(r"/mfa/inschrijven/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Authenticator-app instellen")
    expect(page.locator("figure.qr svg[role=img]")).to_be_visible()
    # The key as text is the QR code's alternative: an app set up from it works.
    sleutel = page.locator(".totp-sleutel").inner_text().replace(" ", "")
    page.get_by_label("Code uit de app").fill(pyotp.TOTP(sleutel).now())
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    expect(page.locator(".herstelcodes li")).to_have_count(10)
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()

    page.goto(f"{live_url}/mfa/")
    expect(page.get_by_role("heading", name="Authenticator-apps")).to_be_visible()
    expect(page.get_by_text("Nog 10 ongebruikte herstelcodes.")).to_be_visible()


def test_without_the_second_factor_the_case_list_stays_closed(page, live_url):
    page.goto(f"{live_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("politie")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/mfa/verifieren/"))
    page.goto(f"{live_url}/casussen/")
    expect(page).to_have_url(re.compile(r"/mfa/verifieren/\?next=%2Fcasussen%2F"))
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator("#id_code_error")).to_contain_text("Deze code klopt niet")
