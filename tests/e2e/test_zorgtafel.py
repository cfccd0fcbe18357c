import re

from playwright.sync_api import expect


def _enter(page, live_url, log_in, username):
    """Log in, open the coming demo zorgtafel and accept the confidentiality statement."""
    log_in(page, username)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Zorgtafels").click()
    page.get_by_role("region", name="Komende overleggen").get_by_role("link").first.click()
    checkbox = page.get_by_label("Ik heb de geheimhoudingsverklaring gelezen")
    if checkbox.count():
        checkbox.check()
        page.get_by_role("button", name="Naar het overleg").click()
    expect(page.locator("#live-status")).to_have_text(re.compile("Live"))
    return page


def test_attendee_follows_the_chair_live(browser, live_url, log_in):
    chair = _enter(browser.new_context().new_page(), live_url, log_in, "coordinator")
    if chair.get_by_role("button", name="Overleg starten").count():
        chair.get_by_role("button", name="Overleg starten").click()
        expect(chair.locator("#live-status")).to_have_text(re.compile("Live"))

    politie = _enter(browser.new_context().new_page(), live_url, log_in, "politie")
    # Dawit's case is not the police's: only "besloten agendapunt", no case data.
    expect(politie.get_by_text("Besloten agendapunt")).to_have_count(1)
    expect(politie.get_by_text("Dawit Demo")).to_have_count(0)
    expect(politie.get_by_role("heading", name="Nu in het overleg")).to_be_visible()
    expect(politie.locator("#aanwezig-lijst li")).to_have_count(2)

    # The chair writes a minute entry on the Alina item and moves to it.
    item = chair.locator(".agendapunt", has_text="Alina Voorbeeld")
    item.get_by_label("Notulen").fill("Politie bevestigt de datum van het verhoor.")
    item.get_by_role("button", name="Notulen toevoegen").click()
    item.get_by_role("button", name="Dit punt bespreken").click()

    alina = politie.locator(".agendapunt", has_text="Alina Voorbeeld")
    expect(alina.get_by_text("Politie bevestigt de datum van het verhoor.")).to_be_visible()
    expect(alina).to_have_attribute("aria-current", "step")
    expect(politie.locator("#huidig-titel")).to_contain_text("Alina Voorbeeld")


def test_a_room_whose_session_ends_elsewhere_shows_nothing_of_the_meeting(
    browser, live_url, log_in
):
    context = browser.new_context()
    room = _enter(context.new_page(), live_url, log_in, "coordinator")
    expect(room.get_by_text("Alina Voorbeeld").first).to_be_visible()

    # Logging out in another tab of the same browser ends this room's socket too.
    other = context.new_page()
    other.goto(live_url + "/")
    other.get_by_role("button", name="Uitloggen").click()

    expect(room.get_by_role("alert")).to_contain_text("Uw sessie is beëindigd")
    expect(room.get_by_role("link", name="Opnieuw inloggen")).to_be_visible()
    expect(room.get_by_text("Alina Voorbeeld")).to_have_count(0)
    expect(room.locator("#aanwezig-lijst")).to_have_count(0)


def test_attendance_recorded_by_the_chair_appears_live(browser, live_url, log_in):
    chair = _enter(browser.new_context().new_page(), live_url, log_in, "coordinator")
    politie = _enter(browser.new_context().new_page(), live_url, log_in, "politie")

    invitee = chair.locator("[data-uitnodiging]", has=chair.locator("select")).last
    uitnodiging = invitee.get_attribute("data-uitnodiging")
    invitee.locator("select").select_option("afgemeld")

    badge = politie.locator(f'[data-uitnodiging="{uitnodiging}"] .aanwezigheid-badge')
    expect(badge).to_have_text("Afgemeld")
