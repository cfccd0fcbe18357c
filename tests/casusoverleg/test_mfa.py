"""MFA for every account (issue 11, point 2): TOTP with a server-rendered QR
code, hashed single-use backup codes, security keys, required on every page and
download, with enrolment and every use in the audit trail."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from casusoverleg import services
from casusoverleg.audit import AuditContext
from casusoverleg.mfa import demo_vrijgesteld, session_mfa_ok
from casusoverleg.models import AuditEvent, Herstelcode, HerstelcodeApparaat
from casusoverleg.models.mfa import herstelcode_hash
from tests.factories import UserFactory, make_casus
from tests.zorgtafel.zorgtafel_helpers import plan

CODE_RE = re.compile(r"<code>([a-z0-9-]{19,})</code>")


@pytest.fixture(autouse=True)
def mfa_verplicht(settings):
    """Production behaviour: the test settings switch MFA off for the other tests."""
    settings.MFA_VERPLICHT = True
    settings.MFA_DEMO_VRIJSTELLING = False


def totp_code(apparaat: TOTPDevice) -> str:
    apparaat.refresh_from_db()
    token = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    return f"{token.token():06d}"


def totp_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)


def login(user, apparaat=None) -> Client:
    """A signed-in browser; with ``apparaat``, one that passed the second factor."""
    client = Client()
    client.force_login(user)
    if apparaat is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        session.save()
    return client


def mfa_events(user, actie, uitkomst="toegestaan"):
    return AuditEvent.objects.filter(gebruiker=user, actie=actie, uitkomst=uitkomst)


def enrol(client, user) -> list[str]:
    """Enrol an authenticator app through the pages; the backup codes shown once."""
    client.get(reverse("mfa:inschrijven"))
    apparaat = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("mfa:inschrijven"), {"code": totp_code(apparaat)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return CODE_RE.findall(response.content.decode())


# -- required on every page and download ----------------------------------------


def test_an_unverified_session_is_sent_from_a_case_page_to_verification(coordinator):
    casus = make_casus(coordinator)
    totp_device(coordinator)
    url = reverse("casusoverleg:casus-detail", args=[casus.public_id])
    response = login(coordinator).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa:verifieren"))
    assert "next=" + url.replace("/", "%2F") in response["Location"]


def test_a_user_without_a_device_is_sent_to_enrolment(coordinator):
    response = login(coordinator).get(reverse("casusoverleg:casus-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa:inschrijven"))


def test_a_verified_session_sees_the_case_page(coordinator):
    casus = make_casus(coordinator)
    client = login(coordinator, totp_device(coordinator))
    response = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    assert response.status_code == 200


def test_an_unverified_session_gets_no_minutes_pdf(coordinator, politie):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    zorgtafel = plan(coordinator, [casus])
    totp_device(coordinator)
    url = reverse("zorgtafel:zorgtafel-notulen-pdf", args=[zorgtafel.public_id])
    response = login(coordinator).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa:verifieren"))
    assert not response.content.startswith(b"%PDF")


def test_the_admin_needs_the_second_factor_too(beheerder):
    totp_device(beheerder)
    response = login(beheerder).get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa:verifieren"))


def test_the_verification_page_stays_open_to_an_unverified_session(coordinator):
    totp_device(coordinator)
    assert login(coordinator).get(reverse("mfa:verifieren")).status_code == 200


@pytest.mark.parametrize("url", ["/uitloggen/", "/beheer/logout/"])
def test_an_unverified_session_can_log_out_by_either_logout(coordinator, url):
    totp_device(coordinator)
    client = login(coordinator)
    response = client.post(url)
    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("mfa:verifieren"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)
def test_the_health_check_stays_open_to_an_unverified_session(coordinator):
    # An async view: on PostgreSQL it needs a real transaction (as test_healthz.py).
    totp_device(coordinator)
    assert login(coordinator).get(reverse("healthz")).status_code == 200


def test_the_device_pages_need_a_verified_session(coordinator):
    totp_device(coordinator)
    response = login(coordinator).get(reverse("mfa:apparaten"))
    assert response["Location"].startswith(reverse("mfa:verifieren"))


def test_an_unverified_session_cannot_enrol_a_second_app(coordinator):
    """Else a stolen password would be enough to add the thief's phone."""
    totp_device(coordinator)
    response = login(coordinator).get(reverse("mfa:inschrijven"))
    assert response["Location"].startswith(reverse("mfa:verifieren"))
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=False).exists()


def test_session_mfa_ok_needs_an_existing_confirmed_device_of_the_user(coordinator, politie):
    apparaat = totp_device(coordinator)
    session = {DEVICE_ID_SESSION_KEY: apparaat.persistent_id}
    assert session_mfa_ok(session, coordinator)
    assert not session_mfa_ok({}, coordinator)
    assert not session_mfa_ok(session, politie)  # someone else's device
    apparaat.confirmed = False
    apparaat.save()
    assert not session_mfa_ok(session, coordinator)
    apparaat.delete()
    assert not session_mfa_ok(session, coordinator)


# -- enrolment --------------------------------------------------------------------


def test_enrolment_shows_the_qr_code_as_inline_svg_with_the_key_as_text(coordinator):
    response = login(coordinator).get(reverse("mfa:inschrijven"))
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<svg role="img"[^>]*>\s*<title>', html)
    assert "<img" not in html.split("<main", 1)[1]  # nothing fetched from elsewhere
    apparaat = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    from base64 import b32encode

    assert b32encode(apparaat.bin_key).decode()[:4] in html
    assert '<label class="utrecht-form-label" for="id_code">' in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]  # CSP: no inline style


def test_enrolment_confirms_the_app_verifies_the_session_and_audits_it(coordinator):
    client = login(coordinator)
    codes = enrol(client, coordinator)
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=coordinator).confirmed
    assert client.get(reverse("casusoverleg:casus-list")).status_code == 200
    soorten = set(
        mfa_events(coordinator, "mfa_ingeschreven").values_list("detail__soort", flat=True)
    )
    assert soorten == {"totp", "herstelcodes"}


def test_a_wrong_enrolment_code_is_refused_on_the_field_and_audited(coordinator):
    client = login(coordinator)
    client.get(reverse("mfa:inschrijven"))
    response = client.post(reverse("mfa:inschrijven"), {"code": "000000"})
    html = response.content.decode()
    assert 'id="id_code_error"' in html
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert mfa_events(coordinator, "mfa_ingeschreven", "geweigerd").exists()


def test_a_right_enrolment_code_straight_after_a_wrong_one_says_to_wait(coordinator):
    client = login(coordinator)
    client.get(reverse("mfa:inschrijven"))
    apparaat = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    client.post(reverse("mfa:inschrijven"), {"code": "000000"})
    response = client.post(reverse("mfa:inschrijven"), {"code": totp_code(apparaat)})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Te veel mislukte pogingen. Wacht even en probeer het opnieuw." in html
    assert "Controleer de tijd op uw telefoon" not in html
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert mfa_events(coordinator, "mfa_ingeschreven", "geweigerd").filter(detail__geremd=True)


# -- the menu before the second factor ------------------------------------------------


def _menu_links(html: str) -> set[str]:
    # The page chrome above the content: the page header and the main menu's nav bar.
    header = html.split("<header", 1)[1].split("<main", 1)[0]
    return {
        naam
        for naam, url in (
            ("wachtwoord", reverse("wachtwoord-wijzigen")),
            ("apparaten", reverse("mfa:apparaten")),
            ("casussen", reverse("casusoverleg:casus-list")),
        )
        if f'href="{url}"' in header
    } | ({"hoofdmenu"} if 'aria-label="Hoofdmenu"' in header else set())


def test_an_unverified_session_sees_no_menu_links_that_bounce_back(coordinator):
    totp_device(coordinator)
    client = login(coordinator)
    assert _menu_links(client.get(reverse("mfa:verifieren")).content.decode()) == set()
    zonder = login(UserFactory(username="nieuw", organisatie=coordinator.organisatie))
    assert _menu_links(zonder.get(reverse("mfa:inschrijven")).content.decode()) == set()


def test_a_verified_session_sees_the_menu_links(coordinator):
    client = login(coordinator, totp_device(coordinator))
    links = _menu_links(client.get(reverse("mfa:apparaten")).content.decode())
    assert links == {"wachtwoord", "apparaten", "casussen", "hoofdmenu"}


def test_without_required_mfa_the_menu_links_show_at_once(settings, coordinator):
    settings.MFA_VERPLICHT = False
    links = _menu_links(login(coordinator).get(reverse("casusoverleg:home")).content.decode())
    assert links == {"wachtwoord", "apparaten", "casussen", "hoofdmenu"}


# -- verification ----------------------------------------------------------------


def test_a_totp_code_verifies_once_and_a_replay_is_refused(coordinator):
    apparaat = totp_device(coordinator)
    code = totp_code(apparaat)
    eerste = login(coordinator).post(reverse("mfa:verifieren"), {"code": code, "next": "/"})
    assert eerste.status_code == 302 and eerste["Location"] == "/"
    tweede = login(coordinator).post(reverse("mfa:verifieren"), {"code": code})
    assert tweede.status_code == 200
    assert "Deze code klopt niet of is al gebruikt." in tweede.content.decode()
    assert mfa_events(coordinator, "mfa_gebruikt").count() == 1
    assert mfa_events(coordinator, "mfa_gebruikt", "geweigerd").count() == 1


def test_the_service_refuses_a_replayed_totp_code(coordinator):
    apparaat = totp_device(coordinator)
    code = totp_code(apparaat)
    ctx = AuditContext.system(coordinator)
    assert services.mfa_verify(ctx=ctx, gebruiker=coordinator, token=code).apparaat == apparaat
    assert services.mfa_verify(ctx=ctx, gebruiker=coordinator, token=code).apparaat is None


def test_verification_only_goes_to_a_local_next(coordinator):
    apparaat = totp_device(coordinator)
    response = login(coordinator).post(
        reverse("mfa:verifieren"), {"code": totp_code(apparaat), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("casusoverleg:home")


def test_a_backup_code_works_once_and_is_stored_only_as_a_hash(coordinator):
    codes = enrol(login(coordinator), coordinator)
    code = codes[0]
    dump = call_command_output("dumpdata")
    assert not any(c in dump or c.replace("-", "") in dump for c in codes)
    assert Herstelcode.objects.filter(code_hash=herstelcode_hash(code)).exists()

    eerste = login(coordinator).post(reverse("mfa:verifieren"), {"code": code.upper()})
    assert eerste.status_code == 302
    tweede = login(coordinator).post(reverse("mfa:verifieren"), {"code": code})
    assert tweede.status_code == 200
    assert Herstelcode.objects.filter(apparaat__user=coordinator).count() == 9


def test_backup_codes_are_throttled_after_a_wrong_one(coordinator):
    codes = enrol(login(coordinator), coordinator)
    client = login(coordinator)
    assert client.post(reverse("mfa:verifieren"), {"code": "fout-fout"}).status_code == 200
    # Straight after a failure even the right code waits.
    response = client.post(reverse("mfa:verifieren"), {"code": codes[0]})
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert mfa_events(coordinator, "mfa_gebruikt", "geweigerd").filter(detail__geremd=True)
    assert Herstelcode.objects.filter(code_hash=herstelcode_hash(codes[0])).exists()


def test_totp_codes_are_throttled_after_a_wrong_one(coordinator):
    apparaat = totp_device(coordinator)
    client = login(coordinator)
    client.post(reverse("mfa:verifieren"), {"code": "000000"})
    response = client.post(reverse("mfa:verifieren"), {"code": totp_code(apparaat)})
    assert response.status_code == 429


def test_new_backup_codes_invalidate_the_old_ones(coordinator):
    client = login(coordinator)
    oud = enrol(client, coordinator)
    response = client.post(reverse("mfa:herstelcodes-nieuw"))
    nieuw = CODE_RE.findall(response.content.decode())
    assert len(nieuw) == 10 and not set(oud) & set(nieuw)
    herstel = HerstelcodeApparaat.objects.get(user=coordinator)
    assert not herstel.verify_token(oud[0])
    herstel.refresh_from_db()
    herstel.throttle_reset()
    assert herstel.verify_token(nieuw[0])
    assert mfa_events(coordinator, "mfa_ingeschreven").filter(detail__vervangen=True).exists()


def test_opening_the_backup_codes_address_goes_to_the_devices_page(coordinator):
    client = login(coordinator)
    oud = enrol(client, coordinator)
    response = client.get(reverse("mfa:herstelcodes-nieuw"), follow=True)
    assert response.redirect_chain == [(reverse("mfa:apparaten"), 302)]
    assert "Herstelcodes worden maar één keer getoond." in response.content.decode()
    herstel = HerstelcodeApparaat.objects.get(user=coordinator)
    assert herstel.verify_token(oud[0])  # no new codes were made


# -- managing devices --------------------------------------------------------------


def test_the_last_app_cannot_be_removed_while_mfa_is_required(coordinator):
    apparaat = totp_device(coordinator)
    client = login(coordinator, apparaat)
    url = reverse("mfa:apparaat-verwijderen", args=["totp", apparaat.pk])
    client.post(url, {"bevestigd": "1"})
    assert TOTPDevice.objects.filter(pk=apparaat.pk).exists()
    tweede = totp_device(coordinator)
    asked = client.post(url)
    assert asked.status_code == 200 and "Ja, verwijderen" in asked.content.decode()
    assert TOTPDevice.objects.filter(pk=apparaat.pk).exists()
    client.post(url, {"bevestigd": "1"})
    assert not TOTPDevice.objects.filter(pk=apparaat.pk).exists()
    assert TOTPDevice.objects.filter(pk=tweede.pk).exists()
    assert mfa_events(coordinator, "mfa_verwijderd").count() == 1


def test_nobody_removes_another_users_device(coordinator, politie):
    apparaat = totp_device(politie)
    totp_device(politie)
    client = login(coordinator, totp_device(coordinator))
    url = reverse("mfa:apparaat-verwijderen", args=["totp", apparaat.pk])
    assert client.post(url).status_code == 404
    assert client.post(url, {"bevestigd": "1"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.mfa_apparaat_remove(ctx=AuditContext.system(coordinator), apparaat=apparaat)
    assert TOTPDevice.objects.filter(pk=apparaat.pk).exists()


def test_an_administrator_resets_a_lost_phone_audited(beheerder, coordinator):
    apparaat = totp_device(coordinator)
    client = login(coordinator, apparaat)
    services.mfa_reset(
        ctx=AuditContext.system(beheerder), gebruiker=coordinator, reden="telefoon_kwijt"
    )
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    event = AuditEvent.objects.get(gebruiker=beheerder, actie="mfa_verwijderd")
    assert event.detail["gebruiker"] == coordinator.pk and event.detail["reset"]
    # The session verified with the lost phone is verified no longer.
    assert client.get(reverse("casusoverleg:home"))["Location"].startswith(
        reverse("mfa:inschrijven")
    )


def test_only_an_administrator_resets_and_never_their_own(beheerder, coordinator, politie):
    totp_device(politie)
    for ctx, gebruiker in [
        (AuditContext.system(coordinator), politie),
        (AuditContext.system(beheerder), beheerder),
        (AuditContext.system(), politie),
    ]:
        with pytest.raises(PermissionDenied):
            services.mfa_reset(ctx=ctx, gebruiker=gebruiker, reden="telefoon_kwijt")
    with pytest.raises(ValidationError):
        services.mfa_reset(
            ctx=AuditContext.system(beheerder), gebruiker=politie, reden="zomaar iets"
        )
    assert TOTPDevice.objects.filter(user=politie).exists()


def test_the_admin_reset_page_calls_the_service(beheerder, coordinator):
    totp_device(coordinator)
    client = login(beheerder, totp_device(beheerder))
    url = reverse("admin:casusoverleg_user_mfa_reset", args=[coordinator.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reden": "telefoon_kwijt"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()


def test_totp_devices_are_not_edited_in_the_admin(beheerder):
    client = login(beheerder, totp_device(beheerder))
    assert client.get("/beheer/otp_totp/totpdevice/").status_code == 404


# -- security keys ------------------------------------------------------------------


def test_a_security_key_is_registered_only_from_a_verified_session(coordinator):
    url = reverse("otp_webauthn:credential-registration-begin")
    response = login(coordinator).post(url, content_type="application/json")
    assert response.status_code == 403
    verified = login(coordinator, totp_device(coordinator))
    response = verified.post(url, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["rp"]["name"] == "Casusoverleg"


def test_a_failed_security_key_verification_is_audited(coordinator):
    totp_device(coordinator)
    url = reverse("otp_webauthn:credential-authentication-complete")
    response = login(coordinator).post(url, data="{}", content_type="application/json")
    assert response.status_code >= 400
    assert mfa_events(coordinator, "mfa_gebruikt", "geweigerd").filter(detail__soort="webauthn")


def test_the_device_page_offers_a_security_key_with_the_package_script(coordinator):
    client = login(coordinator, totp_device(coordinator))
    html = client.get(reverse("mfa:apparaten")).content.decode()
    assert 'id="passkey-registration-placeholder"' in html
    assert "django_otp_webauthn/otp_webauthn_register" in html
    assert 'id="otp_webauthn_config" type="application/json"' in html


# -- the demo exemption -------------------------------------------------------------


def test_the_demo_exemption_frees_only_demo_accounts_and_only_with_debug(settings, coordinator):
    settings.MFA_DEMO_VRIJSTELLING = True
    nieuw = UserFactory(username="nieuwe-medewerker", organisatie=coordinator.organisatie)
    settings.DEBUG = False
    assert not demo_vrijgesteld(coordinator)
    settings.DEBUG = True
    assert demo_vrijgesteld(coordinator)
    assert not demo_vrijgesteld(nieuw)
    assert login(coordinator).get(reverse("casusoverleg:casus-list")).status_code == 200
    assert login(nieuw).get(reverse("casusoverleg:casus-list")).status_code == 302


def call_command_output(*args) -> str:
    import io

    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
