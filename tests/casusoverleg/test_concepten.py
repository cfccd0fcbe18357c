"""Drafts (casusoverleg.services.concepten): the author's own, while they may see
the case, size-capped, dropped on submit and after their term; the idle warning's
keep-alive and the login page after the idle logout."""

import datetime
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Concept
from casusoverleg.services import (
    concept_ophalen,
    concept_opslaan,
    concept_verwijderen,
    deelname_remove,
)
from tests.factories import make_casus

GEHEIM = "Vertelde over de schuld bij de uitzender."


def ctx(user):
    return AuditContext.system(user)


@pytest.fixture
def casus(coordinator, politie):
    return make_casus(coordinator, deelnemers=[politie.organisatie])


def opslaan(user, casus, tekst=GEHEIM, sleutel="beoordeling:t1"):
    return concept_opslaan(
        ctx=ctx(user), sleutel=sleutel, casus=casus, gegevens={"feiten": [tekst]}
    )


def concept_audit():
    return AuditEvent.objects.filter(object_type="concept").order_by("volgnummer")


def test_a_draft_is_read_back_by_its_author_only(casus, politie, coordinator):
    opslaan(politie, casus)
    assert concept_ophalen(ctx=ctx(coordinator), sleutel="beoordeling:t1") is None
    assert concept_verwijderen(ctx=ctx(coordinator), sleutel="beoordeling:t1") is False
    concept = concept_ophalen(ctx=ctx(politie), sleutel="beoordeling:t1")
    assert concept.gegevens == {"feiten": [GEHEIM]} and concept.casus == casus
    # Saving again replaces the draft: one per user and form.
    opslaan(politie, casus, tekst="Nieuwer.")
    assert Concept.objects.get().gegevens == {"feiten": ["Nieuwer."]}


def test_a_draft_drops_nul_characters_that_no_form_and_no_jsonb_column_accepts(casus, politie):
    # A NUL in a posted value made PostgreSQL refuse the row (a 500 found by the fuzz test).
    concept_opslaan(
        ctx=ctx(politie), sleutel="beoordeling:t1", casus=casus, gegevens={"feit\x00en": ["a\x00b"]}
    )
    assert Concept.objects.get().gegevens == {"feiten": ["ab"]}


def test_saving_reading_and_dropping_are_audited_without_the_content(casus, politie):
    opslaan(politie, casus)
    opslaan(politie, casus, tekst="Nieuwer.")
    concept_ophalen(ctx=ctx(politie), sleutel="beoordeling:t1")
    concept_verwijderen(ctx=ctx(politie), sleutel="beoordeling:t1", reden="ingediend")
    events = list(concept_audit())
    assert [e.actie for e in events] == ["aanmaken", "wijzigen", "lezen", "verwijderen"]
    assert all(e.casus_public_id == casus.public_id for e in events)
    assert all(e.object_id == "beoordeling:t1" and e.gebruiker == politie for e in events)
    assert events[-1].detail == {"reden": "ingediend"}
    dumped = json.dumps([e.detail for e in events])
    assert GEHEIM not in dumped and "Nieuwer" not in dumped


def test_a_draft_about_a_case_the_author_left_is_dropped_on_read(casus, politie, coordinator):
    opslaan(politie, casus)
    deelname_remove(
        ctx=ctx(coordinator), deelname=casus.deelnames.get(organisatie=politie.organisatie)
    )
    assert concept_ophalen(ctx=ctx(politie), sleutel="beoordeling:t1") is None
    assert not Concept.objects.exists()
    laatste = concept_audit().last()
    assert laatste.actie == "verwijderen" and laatste.detail == {"reden": "geen toegang meer"}


def test_no_draft_about_a_case_one_cannot_see(casus, beheerder, zorg):
    with pytest.raises(PermissionDenied):
        opslaan(zorg, casus)
    with pytest.raises(PermissionDenied):
        opslaan(beheerder, None, sleutel="signaal:nieuw")
    assert not Concept.objects.exists()


def test_a_draft_is_size_capped_with_a_clear_refusal(casus, politie, settings):
    settings.CONCEPT_MAX_BYTES = 1024
    opslaan(politie, casus, tekst="a" * 900)
    with pytest.raises(ValidationError) as refused:
        opslaan(politie, casus, tekst="b" * 1100)
    assert refused.value.code == "te_groot"
    assert "groter dan 1 kB" in refused.value.messages[0]
    assert Concept.objects.get().gegevens == {"feiten": ["a" * 900]}  # the earlier one stays


def test_a_draft_expires_thirty_days_after_its_last_save(casus, politie):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        opslaan(politie, casus)
        traveller.shift(datetime.timedelta(days=29))
        assert concept_ophalen(ctx=ctx(politie), sleutel="beoordeling:t1") is not None
        traveller.shift(datetime.timedelta(days=1, seconds=1))
        assert concept_ophalen(ctx=ctx(politie), sleutel="beoordeling:t1") is None
    assert not Concept.objects.exists()
    assert concept_audit().last().detail == {"reden": "verlopen"}


def test_the_cleanup_command_drops_expired_drafts(casus, politie, zorg, coordinator):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        opslaan(politie, casus)
        opslaan(zorg, None, sleutel="signaal:nieuw")
        traveller.shift(datetime.timedelta(days=31))
        opslaan(coordinator, casus)  # recent, and the coordinator still sees the case
        call_command("concepten_opruimen", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Concept.objects.values_list("gebruiker__username", flat=True)) == ["coordinator"]
    reden = concept_audit().filter(actie="verwijderen").values_list("detail__reden", flat=True)
    assert sorted(reden) == ["verlopen", "verlopen"]


def test_the_cleanup_command_drops_a_draft_whose_author_lost_access(casus, politie, coordinator):
    opslaan(politie, casus)
    deelname_remove(
        ctx=ctx(coordinator), deelname=casus.deelnames.get(organisatie=politie.organisatie)
    )
    call_command("concepten_opruimen", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Concept.objects.exists()
    laatste = concept_audit().last()
    assert laatste.detail == {"reden": "geen toegang meer"} and laatste.user_agent == "system"


# The idle warning's keep-alive --------------------------------------------------------


def test_keep_alive_answers_204_to_a_signed_in_post_only(politie):
    url = reverse("sessie-verlengen")
    anoniem = Client()
    response = anoniem.post(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(politie)
    assert client.post(url).status_code == 403  # no CSRF token
    client = Client()
    client.force_login(politie)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 204


def test_keep_alive_goes_through_the_second_factor(politie, settings):
    settings.MFA_VERPLICHT = True
    client = Client()
    client.force_login(politie)
    response = client.post(reverse("sessie-verlengen"))
    assert response.status_code == 302 and "/mfa/" in response.url


def test_keep_alive_renews_the_idle_session(politie, settings):
    client = Client()
    client.force_login(politie)
    url = reverse("sessie-verlengen")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post(url)
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.post(url).status_code == 204
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.post(url).status_code == 204
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
        assert client.post(url).status_code == 302


def test_pages_carry_the_idle_limit_and_the_warning_for_the_script(politie):
    client = Client()
    client.force_login(politie)
    html = client.get(reverse("casusoverleg:home")).content.decode()
    assert '<meta name="sessie-idle" content="900">' in html
    assert '<meta name="sessie-waarschuwing" content="120">' in html
    assert "U wordt over 2 minuten uitgelogd wegens inactiviteit." in html
    assert "Blijf ingelogd" in html and "js/sessie." in html and "js/concept." in html
    assert "sessie-idle" not in Client().get(reverse("login")).content.decode()


# The login page after the idle logout -------------------------------------------------

UITGELOGD = "U bent uitgelogd omdat u 15 minuten niet actief was."


def test_after_the_idle_logout_the_login_page_says_why_and_leads_back(politie, settings):
    client = Client()
    client.force_login(politie)
    form_url = reverse("identificatie:signaal-create")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post(form_url, {"concept": "knop", "observatie": GEHEIM, "plaats": "Station"})
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
        response = client.get(form_url)
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={form_url}"  # nothing personal
        login_page = client.get(response.url).content.decode()
        assert UITGELOGD in login_page and "Uw concept is bewaard." in login_page
        # Said once.
        assert UITGELOGD not in client.get(response.url).content.decode()
        response = client.post(
            response.url,
            {"username": politie.username, "password": "demo", "next": form_url},
        )
        assert response.status_code == 302 and response.url == form_url
        page = client.get(form_url).content.decode()
    assert GEHEIM in page and "is teruggezet" in page


def test_no_idle_notice_after_logging_out_or_for_someone_new(politie, settings):
    client = Client()
    client.force_login(politie)
    client.post(reverse("logout"))
    assert UITGELOGD not in client.get(reverse("login"), follow=True).content.decode()
    assert UITGELOGD not in Client().get(reverse("casusoverleg:home"), follow=True).content.decode()
    # Without drafts the notice does not promise one.
    client = Client()
    client.force_login(politie)
    client.get(reverse("casusoverleg:home"))
    with time_machine.travel(
        timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 5)
    ):
        page = client.get(reverse("casusoverleg:home"), follow=True).content.decode()
    assert UITGELOGD in page and "Uw concept is bewaard." not in page
