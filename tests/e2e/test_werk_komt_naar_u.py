"""Work comes to you (issue 13), in the browser: a professional added to a case is
told so in the header and in Mijn meldingen; the process's new task reaches them
as a notice, and one click on "Openen" in Mijn taken takes the task and opens its
form. Nothing of the person reaches a notice: only the case number.
"""

import re

from playwright.sync_api import expect

from tests.e2e.test_casus import _open_case

NAAM = "Wies Meldingtest"


def _meldingen(page):
    """The header's link to Mijn meldingen (its name carries the unread count)."""
    return page.get_by_role("link", name=re.compile(r"^Mijn meldingen"))


def test_added_participant_is_told_and_opens_the_new_task_in_one_click(browser, live_url, log_in):
    coordinator = browser.new_context().new_page()
    casus_url = _open_case(coordinator, live_url, log_in, NAAM)
    nummer = re.search(r"NVM-\d{4}-\d{6}", coordinator.locator("h1").inner_text()).group(0)

    politie = browser.new_context().new_page()
    log_in(politie, "politie")
    voor = _meldingen(politie).inner_text()

    coordinator.get_by_role("link", name="Deelnemers beheren").click()
    coordinator.get_by_label("Organisatie").select_option(label="Politie Eenheid Voorbeeldland")
    coordinator.get_by_role("button", name="Toevoegen").click()
    expect(coordinator.get_by_role("status")).to_contain_text("neemt nu deel")

    # The header counts the new notice; the centre names the case number, no name.
    politie.reload()
    expect(_meldingen(politie)).to_contain_text("ongelezen meldingen")
    assert _meldingen(politie).inner_text() != voor
    _meldingen(politie).click()
    toegang = politie.get_by_role("link", name=f"U heeft toegang gekregen tot casus {nummer}.")
    expect(toegang).to_be_visible()
    assert NAAM not in politie.locator("main").inner_text()
    toegang.click()
    expect(politie.get_by_role("heading", level=1)).to_contain_text(nummer)
    assert politie.url == casus_url

    # The coordinator starts the process with the police invited.
    coordinator.goto(casus_url)
    coordinator.get_by_role("link", name="Identificatieproces starten").first.click()
    coordinator.get_by_label("Politie Eenheid Voorbeeldland").check()
    coordinator.get_by_role("button", name="Proces starten").click()
    expect(coordinator.get_by_role("status")).to_be_visible()

    # The police are told of the new task ...
    _meldingen(politie).click()
    expect(
        politie.get_by_role("link", name=f"Er is een nieuwe taak in casus {nummer}.")
    ).to_be_visible()
    assert NAAM not in politie.locator("main").inner_text()

    # ... and one click on "Openen" in Mijn taken takes it and opens its form.
    politie.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn taken"
    ).click()
    rij = politie.get_by_role("row").filter(has_text=nummer)
    rij.get_by_role("button", name=re.compile("^Openen")).click()
    expect(politie.get_by_role("button", name="Indienen")).to_be_visible()
    expect(politie.get_by_role("heading", level=1)).to_contain_text(nummer)

    # Opened from the centre, the notice is read: it no longer shows as new.
    _meldingen(politie).click()
    nieuw = politie.get_by_role("listitem").filter(has_text=f"toegang gekregen tot casus {nummer}")
    expect(nieuw.get_by_text("Nieuw", exact=True)).to_have_count(0)
