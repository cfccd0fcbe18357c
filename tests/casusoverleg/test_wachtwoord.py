"""A user's own password: the policy, changing it, and a new one by e-mail."""

import datetime
import re
import string

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from casusoverleg import services
from casusoverleg.audit import Actie, AuditContext, search_fingerprint
from casusoverleg.models import AuditEvent
from casusoverleg.wachtwoorden import woorden, zwak_wachtwoord
from tests.factories import UserFactory

NIEUW = "Fietsbel-Regenjas-Koffie7"
WIJZIGEN = "/wachtwoord/wijzigen/"
VERGETEN = "/wachtwoord/vergeten/"


def _login(client, username="coordinator", password="demo", **extra):  # noqa: S107
    response = client.post("/inloggen/", {"username": username, "password": password}, **extra)
    assert response.status_code == 302, "login failed"
    return client


# The policy -----------------------------------------------------------------------


def test_welkom123456_is_refused_with_a_dutch_message(coordinator):
    with pytest.raises(ValidationError) as refused:
        validate_password("welkom123456", user=coordinator)
    assert "te makkelijk te raden" in " ".join(refused.value.messages)


def test_djangos_list_of_common_passwords_still_applies():
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert "CommonPasswordValidator" in names
    assert "NederlandseWachtwoordValidator" in names
    assert settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"]["min_length"] == 12


@pytest.mark.parametrize(
    "password",
    [
        "welkom123456",
        "W3lkom2024!!",
        "!!Zomer2025!!",
        "p@ssw0rd1234",
        "4jax20242024",
        "Feyenoord1908",
        "amsterdam010",
        "januari2026!",
        "Politie12345",
        "comensha2026",
        "qwertyuiop12",
        "1qaz2wsx3edc",
        "azertyuiop!!",
        "abcabcabcabc",
        "welkomwelkom",
        "zzzzzzzzzzzz",
    ],
)
def test_padded_common_words_keyboard_runs_and_repeats_are_refused(password):
    assert zwak_wachtwoord(password)


@pytest.mark.parametrize(
    "password",
    [
        "Vier-ogen-zien-meer-2026",
        "correct paard batterij nietje",
        "Fietsbel-Regenjas-Koffie7",
        "x7#Kq!2@mz9$Lp",
    ],
)
def test_passphrases_and_random_passwords_pass(password):
    assert not zwak_wachtwoord(password)


_words = st.sampled_from(sorted(w for w in woorden() if len(w) >= 3))
_padding = st.text(alphabet=string.digits + "!@#$%&*?.-_ ", max_size=8)


@hypothesis_settings(max_examples=200, deadline=None)
@given(word=_words, before=_padding, after=_padding, capitalise=st.booleans())
def test_any_listed_word_with_digits_or_symbols_around_it_is_refused(
    word, before, after, capitalise
):
    assert zwak_wachtwoord(before + (word.capitalize() if capitalise else word) + after)


# A word the leetspeak leaves a letter in: all-symbol strings like "@@@" are
# judged as patterns, not as words.
_leetable = st.sampled_from(sorted(w for w in woorden() if len(w) >= 3 and set(w) - set("eoas")))


@hypothesis_settings(max_examples=100, deadline=None)
@given(word=_leetable, year=st.integers(1900, 2099))
def test_any_listed_word_in_simple_leetspeak_with_a_year_is_refused(word, year):
    leet = word.replace("e", "3").replace("o", "0").replace("a", "@").replace("s", "$")
    assert zwak_wachtwoord(f"{leet}{year}")


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=string.ascii_letters + string.digits + string.punctuation,
        min_size=16,
        max_size=16,
    ).filter(lambda p: len(set(p)) >= 10)
)
def test_a_random_sixteen_character_password_is_accepted(password):
    assert not zwak_wachtwoord(password)


# Changing one's own password ------------------------------------------------------


def test_password_change_keeps_this_session_and_ends_the_others(client, coordinator):
    from django.test import Client

    elders = _login(Client())
    _login(client)
    response = client.post(
        WIJZIGEN,
        {"old_password": "demo", "new_password1": NIEUW, "new_password2": NIEUW},
    )
    assert response.status_code == 302
    assert client.get(reverse("casusoverleg:home")).status_code == 200
    other = elders.get(reverse("casusoverleg:home"))
    assert other.status_code == 302 and other.url.startswith("/inloggen/")
    coordinator.refresh_from_db()
    assert coordinator.check_password(NIEUW)


def test_password_change_closes_the_users_sockets_audits_and_mails(
    client, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    closed = []
    monkeypatch.setattr(
        "casusoverleg.services.toegang.sockets_close", lambda *, user_id: closed.append(user_id)
    )
    _login(client)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            WIJZIGEN,
            {"old_password": "demo", "new_password1": NIEUW, "new_password2": NIEUW},
        )
    assert closed == [coordinator.pk]
    event = AuditEvent.objects.get(actie=Actie.WACHTWOORD_WIJZIGEN)
    assert event.gebruiker == coordinator and event.object_id == str(coordinator.pk)
    assert NIEUW not in str(event.detail)
    [bericht] = mail.outbox
    assert bericht.to == [coordinator.email]
    assert bericht.subject == "Uw wachtwoord is gewijzigd"
    assert coordinator.last_name not in bericht.body


def test_password_change_with_a_wrong_current_password_changes_nothing(client, coordinator):
    _login(client)
    response = client.post(
        WIJZIGEN,
        {"old_password": "fout", "new_password1": NIEUW, "new_password2": NIEUW},
    )
    assert response.status_code == 200
    assert 'id="id_old_password_error"' in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password("demo")
    assert not AuditEvent.objects.filter(actie=Actie.WACHTWOORD_WIJZIGEN).exists()


def test_guessing_the_current_password_on_the_change_page_locks_the_account(client, coordinator):
    # A stolen session must not give unlimited guesses at the password.
    _login(client)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            WIJZIGEN,
            {"old_password": "fout", "new_password1": NIEUW, "new_password2": NIEUW},
        )
    assert response.status_code == 429  # the lockout page
    assert "_auth_user_id" not in client.session  # and this session is over
    assert client.get(WIJZIGEN).status_code == 302
    assert AuditEvent.objects.filter(actie=Actie.INLOGGEN_MISLUKT).count() == (
        settings.AXES_FAILURE_LIMIT
    )
    # The right password no longer opens the account while it is locked.
    client.post("/inloggen/", {"username": "coordinator", "password": "demo"})
    assert "_auth_user_id" not in client.session


def test_password_change_to_welkom123456_is_refused_on_the_form(client, coordinator):
    _login(client)
    weak = "welkom123456"
    response = client.post(
        WIJZIGEN, {"old_password": "demo", "new_password1": weak, "new_password2": weak}
    )
    assert response.status_code == 200
    assert "te makkelijk te raden" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password("demo")


def test_password_change_page_is_dutch_and_labelled(client, coordinator):
    _login(client)
    html = client.get(WIJZIGEN).content.decode()
    assert '<label class="utrecht-form-label" for="id_old_password">' in html
    assert 'autocomplete="new-password"' in html
    assert '<h1 class="utrecht-heading-1">Wachtwoord wijzigen</h1>' in html


def test_nobody_changes_another_users_password_through_the_service(coordinator, politie):
    with pytest.raises(PermissionDenied):
        services.wachtwoord_change(
            ctx=AuditContext.system(coordinator), gebruiker=politie, wachtwoord=NIEUW
        )
    politie.refresh_from_db()
    assert politie.check_password("demo")


# A new password by e-mail -----------------------------------------------------------


def _request(client, email, addr="10.1.1.1"):
    return client.post(VERGETEN, {"email": email}, REMOTE_ADDR=addr)


def _link(bericht) -> str:
    url = re.search(r"https?://\S+", bericht.body).group(0)
    return url.removeprefix(settings.SITE_URL)


def test_login_page_links_to_password_reset(client, db):
    html = client.get("/inloggen/").content.decode()
    assert f'href="{VERGETEN}"' in html and "Wachtwoord vergeten?" in html


def test_unknown_address_gets_the_same_answer_as_a_known_one(client, coordinator):
    known = _request(client, coordinator.email)
    unknown = _request(client, "niemand@example.org")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert known.status_code == 302
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    page_known = csrf.sub("", client.get(known.url).content.decode())
    page_unknown = csrf.sub("", client.get(unknown.url).content.decode())
    assert page_known == page_unknown
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_the_reset_mail_leaves_only_after_the_answer_is_delivered(rf, coordinator):
    from django.contrib.auth.models import AnonymousUser

    from casusoverleg.views import wachtwoord_vergeten

    request = rf.post(VERGETEN, {"email": coordinator.email})
    request.user = AnonymousUser()
    response = wachtwoord_vergeten(request)
    assert response.status_code == 302 and mail.outbox == []
    response.close()
    assert len(mail.outbox) == 1


def test_an_inactive_user_gets_no_reset_mail(client, gemeente):
    UserFactory(username="oud", organisatie=gemeente, email="oud@example.org", is_active=False)
    assert _request(client, "oud@example.org").status_code == 302
    assert mail.outbox == []


def test_reset_link_works_once_and_not_twice(client, coordinator):
    from django.test import Client

    elders = _login(Client())
    _request(client, coordinator.email)
    link = _link(mail.outbox[0])
    form_url = client.get(link).url
    assert form_url.endswith("/set-password/")
    response = client.post(form_url, {"new_password1": NIEUW, "new_password2": NIEUW})
    assert response.status_code == 302 and response.url == "/wachtwoord/herstel/voltooid/"
    coordinator.refresh_from_db()
    assert coordinator.check_password(NIEUW)
    # The session that was logged in before ends with the old password.
    assert elders.get(reverse("casusoverleg:home")).status_code == 302

    again = Client().get(link)
    assert again.status_code == 200
    assert "Deze link werkt niet meer" in again.content.decode()
    token = link.rstrip("/").rsplit("/", 1)[-1]
    with pytest.raises(PermissionDenied):
        services.wachtwoordherstel_complete(
            ctx=AuditContext.system(), gebruiker=coordinator, token=token, wachtwoord=NIEUW + "x"
        )


def test_reset_link_expires(client, coordinator):
    assert settings.PASSWORD_RESET_TIMEOUT == 60 * 60
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _request(client, coordinator.email)
        link = _link(mail.outbox[0])
        traveller.shift(datetime.timedelta(minutes=61))
        response = client.get(link)
    assert response.status_code == 200
    assert "Deze link werkt niet meer" in response.content.decode()


def test_reset_link_still_works_within_the_hour(client, coordinator):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _request(client, coordinator.email)
        link = _link(mail.outbox[0])
        traveller.shift(datetime.timedelta(minutes=59))
        assert client.get(link).status_code == 302


def test_reset_to_a_weak_password_is_refused_on_the_form(client, coordinator):
    _request(client, coordinator.email)
    form_url = client.get(_link(mail.outbox[0])).url
    weak = "Zomer2026!!!"
    response = client.post(form_url, {"new_password1": weak, "new_password2": weak})
    assert response.status_code == 200
    assert "te makkelijk te raden" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password("demo")


def test_reset_requests_and_completion_are_audited_without_the_address(client, coordinator):
    _request(client, coordinator.email)
    _request(client, "niemand@example.org")
    form_url = client.get(_link(mail.outbox[0])).url
    client.post(form_url, {"new_password1": NIEUW, "new_password2": NIEUW})
    requests = AuditEvent.objects.filter(actie=Actie.WACHTWOORDHERSTEL_AANVRAGEN).order_by("pk")
    assert [(e.object_type, e.object_id) for e in requests] == [
        ("gebruiker", str(coordinator.pk)),
        ("emailadres", search_fingerprint("niemand@example.org")),
    ]
    assert all(e.ip == "10.1.1.1" for e in requests)
    assert not any("niemand" in str(e.detail) for e in AuditEvent.objects.all())
    done = AuditEvent.objects.get(actie=Actie.WACHTWOORDHERSTEL)
    assert done.object_id == str(coordinator.pk)


def test_reset_requests_are_limited_per_client_address(client, coordinator):
    for _ in range(settings.WACHTWOORDHERSTEL_PER_ADRES):
        assert _request(client, "niemand@example.org").status_code == 302
    response = _request(client, coordinator.email)
    assert response.status_code == 429
    assert "te veel aanvragen" in response.content.decode()
    assert mail.outbox == []
    assert _request(client, coordinator.email, addr="10.2.2.2").status_code == 302


def test_reset_requests_are_limited_per_email_address_known_or_not(client, coordinator):
    limit = settings.WACHTWOORDHERSTEL_PER_EMAIL
    for i in range(limit + 2):
        assert _request(client, coordinator.email, addr=f"10.3.3.{i}").status_code == 302
    assert len(mail.outbox) == limit
    refused = AuditEvent.objects.filter(
        actie=Actie.WACHTWOORDHERSTEL_AANVRAGEN, uitkomst="geweigerd"
    )
    assert refused.count() == 2


@pytest.mark.parametrize("email", ["", "geen-adres", "a@b"])
def test_reset_with_a_bad_address_shows_a_form_error(client, db, email):
    response = _request(client, email)
    assert response.status_code == 200
    assert 'error-summary" role="alert"' in response.content.decode()
