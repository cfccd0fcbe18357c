from unittest import mock

from django.test import Client
from django.urls import reverse


def test_language_switch_to_english_and_back(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/taal/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Log out" in html
    client.post("/taal/", {"language": "nl", "next": "/"})
    assert "Uitloggen" in client.get("/").content.decode()


def test_language_switch_works_before_login(client, db):
    client.post("/taal/", {"language": "en", "next": "/inloggen/"})
    html = client.get("/inloggen/").content.decode()
    assert '<h1 class="utrecht-heading-1">Log in</h1>' in html


def test_404_page_reveals_nothing(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/casussen/NVM-2026-000001-geheim/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "NVM-2026-000001" not in html
    assert "Niet gevonden" in html


def test_anonymous_404_reveals_nothing(client, db):
    response = client.get("/bestaat/niet/")
    assert response.status_code == 404
    assert "/bestaat/niet/" not in response.content.decode()


def test_500_page_is_static(coordinator):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    with mock.patch("casusoverleg.views.casus.render", side_effect=RuntimeError("geheim detail")):
        response = client.get("/")
    assert response.status_code == 500
    assert "geheim detail" not in response.content.decode()
    assert "Er is iets misgegaan" in response.content.decode()


def test_form_errors_are_tied_to_their_fields(client, db):
    html = client.post("/inloggen/", {"username": "", "password": ""}).content.decode()
    assert 'class="utrecht-alert utrecht-alert--error error-summary" role="alert"' in html
    assert '<a href="#id_username">' in html
    assert 'aria-describedby="id_username_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<div class="utrecht-form-field-error-message" id="id_username_error">' in html


def test_admin_is_for_administrators_only(client, beheerder, coordinator):
    client.force_login(coordinator)
    assert client.get("/beheer/").status_code == 302
    client.force_login(beheerder)
    response = client.get("/beheer/")
    assert response.status_code == 200
    assert "functioneel beheer" in response.content.decode().lower()


def test_home_shows_navigation_and_skip_link(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("casusoverleg:home")).content.decode()
    assert 'skip-link" href="#inhoud"' in html
    assert 'aria-label="Hoofdmenu"' in html
    assert 'id="inhoud"' in html


def test_browser_language_does_not_override_dutch(client, db):
    html = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<h1 class="utrecht-heading-1">Inloggen</h1>' in html


def test_pages_use_the_nl_design_system_theme_and_components(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("casusoverleg:casus-list")).content.decode()
    # Theme tokens first, then the component library, then our own overrides.
    theme = html.index("vendor/nlds/voorbeeld-theme")
    library = html.index("vendor/nlds/utrecht-component-library")
    own = html.index("css/app")
    assert theme < library < own
    assert '<body class="voorbeeld-theme' in html
    assert 'class="utrecht-page-header"' in html and 'class="utrecht-page-footer"' in html
    assert "cdn" not in html.lower()


def test_breadcrumbs_end_at_the_current_page(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("casusoverleg:casus-list")).content.decode()
    assert '<nav class="utrecht-breadcrumb-nav" aria-label="Kruimelpad">' in html
    assert 'utrecht-breadcrumb-nav__link--first" href="/">Start</a>' in html
    assert 'utrecht-breadcrumb-nav__link--current" aria-current="page">Mijn casussen</span>' in html


def test_messages_are_alerts_by_level(client, coordinator):
    client.force_login(coordinator)
    html = client.get(
        reverse("casusoverleg:casus-list") + "?zoek=verlopen", follow=True
    ).content.decode()
    assert '<div class="utrecht-alert utrecht-alert--info">' in html
    assert "Deze zoekopdracht is verlopen" in html


def test_a_breadcrumb_label_is_escaped():
    from casusoverleg.templatetags.kruimelpad import kruimel

    assert 'aria-current="page">a &lt;b&gt;</span>' in kruimel("a <b>")


def test_form_fields_get_the_library_classes(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("casusoverleg:casus-create")).content.decode()
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in html
    assert 'class="utrecht-textarea utrecht-textarea--html-textarea"' in html
    assert 'class="utrecht-select utrecht-select--html-select"' in html
    # A group of checkboxes is a fieldset with a legend; each box has its own label.
    assert '<fieldset class="utrecht-form-fieldset' in html
    assert 'utrecht-form-fieldset__legend--html-legend">Vormen van uitbuiting' in html
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"' in html
    assert 'class="utrecht-form-label utrecht-form-label--checkbox" for="id_vormen_0"' in html
