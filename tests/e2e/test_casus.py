import re

from playwright.sync_api import expect


def _open_case(page, live_url, log_in, naam):
    log_in(page, "coordinator")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn casussen"
    ).click()
    page.get_by_role("link", name="Nieuwe casus").click()
    page.get_by_label("Naam").fill(naam)
    page.get_by_label("Geboortedatum").fill("2009-03-14")
    page.get_by_label("Nationaliteit").select_option("BG")
    page.get_by_label("Arbeidsuitbuiting").check()
    page.get_by_role("button", name="Casus openen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Casus NVM-")
    return page.url


def test_coordinator_opens_a_case_and_invites_the_police(browser, live_url, log_in):
    coordinator = browser.new_context().new_page()
    url = _open_case(coordinator, live_url, log_in, "Eva Browsertest")
    expect(coordinator.get_by_text("Minderjarig nu")).to_be_visible()
    expect(coordinator.locator("dd", has_text="EU").first).to_be_visible()

    politie = browser.new_context().new_page()
    log_in(politie, "politie")
    response = politie.goto(url)
    assert response.status == 404
    expect(politie.get_by_role("heading", level=1)).to_have_text("Niet gevonden")

    coordinator.get_by_role("link", name="Deelnemers beheren").click()
    coordinator.get_by_label("Organisatie").select_option(label="Politie Eenheid Voorbeeldland")
    coordinator.get_by_role("button", name="Toevoegen").click()
    expect(coordinator.get_by_role("status")).to_contain_text("neemt nu deel")

    response = politie.goto(url)
    assert response.status == 200
    expect(politie.get_by_text("Eva Browsertest")).to_be_visible()
    politie.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn casussen"
    ).click()
    politie.get_by_role("searchbox", name="Zoeken").fill("Browsertest")
    politie.get_by_role("button", name="Zoeken").click()
    expect(politie.get_by_role("link", name=re.compile(r"NVM-\d{4}-\d{6}"))).to_have_count(1)
    # The search was posted: the address holds a token, never the name.
    assert "zoek=" in politie.url and "Browsertest" not in politie.url


def test_outsider_sees_no_cases(page, live_url, log_in):
    log_in(page, "buitenstaander")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn casussen"
    ).click()
    expect(page.get_by_text("Geen casussen gevonden.")).to_be_visible()
