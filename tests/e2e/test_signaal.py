import re

from playwright.sync_api import expect


def test_instruction_appears_as_an_indicator_is_ticked_and_acute_danger_leads(page, log_in):
    log_in(page, "zorg")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Signalen").click()
    page.get_by_role("link", name="Signaal vastleggen").click()

    # The emergency instruction leads the page, before any field.
    expect(page.locator(".utrecht-alert--error").first).to_contain_text("Bij acuut gevaar: bel 112")
    page.get_by_label("Acuut gevaar", exact=True).check()
    expect(page.locator("#noodinstructie")).to_contain_text("112")

    # The indicators sit in closed sections; open the first with the keyboard.
    sectie = page.locator("details[data-indicatorgroep]").first
    first = sectie.locator(".indicator").first
    expect(first).to_be_hidden()
    sectie.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(first).to_be_visible()
    expect(sectie.locator("summary")).to_contain_text("0 aangevinkt")
    first.locator("input[type=checkbox]").focus()
    page.keyboard.press("Space")
    expect(sectie.locator("summary")).to_contain_text("1 aangevinkt")
    expect(first.locator(".instructie")).to_be_visible()
    first.locator("input[type=checkbox]").uncheck()
    expect(first.locator(".instructie")).to_have_count(0)
    expect(sectie.locator("summary")).to_contain_text("0 aangevinkt")
    first.locator("input[type=checkbox]").check()

    page.get_by_role("textbox", name=re.compile(r"^Waar\b")).fill("Parkeerplaats Voorbeeldweg")
    page.get_by_label("Geen toestemming: anonieme melding").check()
    page.get_by_role("button", name="Signaal vastleggen").click()

    expect(page.get_by_role("heading", name="Wat moet u nu doen?")).to_be_visible()
    instructies = page.locator("#instructies-kop ~ *").first
    expect(instructies).to_contain_text("112")
    page.get_by_label("Reden om geen vervolg te geven").fill("Bleek een misverstand.")
    page.get_by_role("button", name="Afsluiten").click()
    page.get_by_role("button", name="Ja, signaal afsluiten").click()
    expect(page.get_by_role("status")).to_contain_text("afgesloten zonder vervolg")
