from playwright.sync_api import expect


def test_coordinator_logs_in_sees_home_and_logs_out(page, live_url, log_in):
    log_in(page, "coordinator")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom, Carla")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(f"{live_url}/inloggen/")
    page.goto(f"{live_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")


def test_wrong_password_shows_the_error_summary_with_focus(page, log_in):
    log_in(page, "coordinator", "verkeerd")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()


def test_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(page, log_in):
    log_in(page, "zorg")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#inhoud")).to_be_focused()


def test_language_switch_to_english(page, live_url):
    page.goto(f"{live_url}/inloggen/")
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzig taal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
