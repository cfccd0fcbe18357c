"""Withdrawing an adopted advice, and correcting it with a new version."""

import pytest
from django.test import Client
from django.urls import reverse
from viewflow.workflow.status import PROCESS

from advies.models import Advies
from casusoverleg.audit import AuditContext
from casusoverleg.models import Sluitreden
from casusoverleg.services import casus_sluiten
from identificatie.flows import IdentificatieFlow
from identificatie.models import Taak
from identificatie.services import ronde_close
from tests.advies.conftest import to_review
from tests.factories import UserFactory

# ``vastgesteld`` (an adopted advice) and ``start`` come from tests/advies/conftest.py.


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def url(name, advies):
    return reverse(f"advies:{name}", args=[advies.casus.public_id, advies.versie])


def _correctie_data(vastgesteld, **extra):
    data = {
        f: getattr(vastgesteld, f)
        for f in (
            "doel",
            "geadresseerde",
            "vraag",
            "moment_fase",
            "conclusie",
            "aanbevelingen",
            "effect_strafzaak",
        )
    }
    data.update(
        moment_datum=vastgesteld.moment_datum.isoformat(),
        geadresseerde_toelichting="",
        onderbouwing="Gecorrigeerde onderbouwing.",
    )
    return {**data, **extra}


def taak_url(name, taak):
    return reverse(name, args=[taak.public_id])


def open_correctie_taak(nieuw):
    return Taak.objects.get(
        proces__correctieproces__advies=nieuw, task__status__in=["NEW", "ASSIGNED"]
    )


def test_a_correction_runs_through_the_inbox_and_is_reviewed_by_another(
    vastgesteld, coordinator, coordinator2, politie
):
    """coordinator2, a reviewer, drafts the correction: they may not review it; the
    review shows up in another reviewer's Mijn taken and is adopted from there."""
    reviewer = UserFactory(
        username="reviewer", organisatie=coordinator.organisatie, is_reviewer=True
    )
    c2, r = as_user(coordinator2), as_user(reviewer)
    assert as_user(politie).post(url("advies-corrigeren", vastgesteld)).status_code == 404
    response = c2.post(url("advies-corrigeren", vastgesteld))
    nieuw = Advies.objects.get(versie=2)
    opstellen = open_correctie_taak(nieuw)
    assert response.url == taak_url("advies:correctie-taak", opstellen)
    assert opstellen.task.owner == coordinator2  # who asks for it, drafts it
    assert nieuw.status == "concept" and nieuw.vervangt == vastgesteld
    assert nieuw.standpunten.count() == vastgesteld.standpunten.count()
    # The correction is a task: the identificatie task page leads to its own page.
    assert c2.get(taak_url("identificatie:taak", opstellen)).url == taak_url(
        "advies:correctie-taak", opstellen
    )
    assert as_user(politie).get(taak_url("advies:correctie-taak", opstellen)).status_code == 404

    page = taak_url("advies:correctie-taak", opstellen)
    assert c2.post(page, _correctie_data(vastgesteld, indienen="1")).status_code == 302
    nieuw.refresh_from_db()
    assert nieuw.status == "in_review"
    assert list(nieuw.bewerkers.all()) == [coordinator2]

    review = open_correctie_taak(nieuw)
    assert review.task.flow_task.name == "review" and review.task.owner is None
    # The drafter may not take the review, nor see it offered.
    assert review.public_id not in c2.get(reverse("identificatie:taken")).content.decode()
    c2.post(taak_url("identificatie:taak-oppakken", review))
    review.task.refresh_from_db()
    assert review.task.owner is None
    assert "vier ogen" in c2.get(taak_url("advies:correctie-taak", review)).content.decode()
    # Nor does the version's page offer the drafter a link that only leads to that refusal;
    # it offers it to another reviewer.
    review_link = taak_url("advies:correctie-taak", review)
    assert review_link not in c2.get(url("advies-detail", nieuw)).content.decode()
    assert review_link in r.get(url("advies-detail", nieuw)).content.decode()
    assert (
        c2.post(taak_url("advies:correctie-taak", review), {"besluit": "akkoord"}).status_code
        == 200
    )
    nieuw.refresh_from_db()
    assert nieuw.status == "in_review"

    # Another reviewer finds it in Mijn taken, takes it and adopts it.
    assert review.public_id in r.get(reverse("identificatie:taken")).content.decode()
    assert r.post(taak_url("identificatie:taak-oppakken", review)).status_code == 302
    assert (
        r.post(taak_url("advies:correctie-taak", review), {"besluit": "akkoord"}).status_code == 302
    )
    nieuw.refresh_from_db()
    vastgesteld.refresh_from_db()
    assert nieuw.status == "vastgesteld" and nieuw.beoordeeld_door == reviewer
    assert vastgesteld.vervangen_door == nieuw
    assert vastgesteld.onderbouwing != "Gecorrigeerde onderbouwing."
    assert nieuw.correctie.status == "DONE"


def test_a_correction_sent_back_returns_to_the_drafting_task(
    vastgesteld, coordinator, coordinator2
):
    c, c2 = as_user(coordinator), as_user(coordinator2)
    c.post(url("advies-corrigeren", vastgesteld))
    nieuw = Advies.objects.get(versie=2)
    page = taak_url("advies:correctie-taak", open_correctie_taak(nieuw))
    c.post(page, _correctie_data(vastgesteld, indienen="1"))
    review = open_correctie_taak(nieuw)
    c2.post(taak_url("identificatie:taak-oppakken", review))
    response = c2.post(
        taak_url("advies:correctie-taak", review), {"besluit": "terug", "opmerkingen": "Scherper."}
    )
    assert response.status_code == 302
    nieuw.refresh_from_db()
    assert nieuw.status == "concept" and nieuw.review_opmerkingen == "Scherper."
    opnieuw = open_correctie_taak(nieuw)
    assert opnieuw.task.flow_task.name == "opstellen" and opnieuw.task.owner is None
    assert opnieuw.public_id in c.get(reverse("identificatie:taken")).content.decode()


def test_withdrawal_needs_a_reason_and_keeps_the_content(vastgesteld, coordinator, politie):
    c = as_user(coordinator)
    c.post(url("advies-intrekken", vastgesteld), {"reden": ""})
    vastgesteld.refresh_from_db()
    assert vastgesteld.status == "vastgesteld"
    assert (
        as_user(politie).post(url("advies-intrekken", vastgesteld), {"reden": "x"}).status_code
        == 404
    )
    c.post(
        url("advies-intrekken", vastgesteld), {"reden": "Nieuwe feiten bekend.", "bevestigd": "1"}
    )
    vastgesteld.refresh_from_db()
    assert vastgesteld.status == "ingetrokken"
    assert vastgesteld.ingetrokken_reden == "Nieuwe feiten bekend."
    assert "ingetrokken" in c.get(url("advies-detail", vastgesteld)).content.decode()


def test_a_process_advice_is_not_reviewed_outside_its_task(
    start, coordinator, coordinator2, politie, zorg
):
    from django.core.exceptions import ValidationError

    from advies.services import advies_review
    from casusoverleg.audit import AuditContext

    proces = start()
    advies = to_review(proces, coordinator, politie, zorg)
    with pytest.raises(ValidationError):
        advies_review(
            ctx=AuditContext.system(coordinator2),
            taak=None,
            advies=advies,
            akkoord=True,
            opmerkingen="",
        )
    advies.refresh_from_db()
    assert advies.status == "in_review"


def test_the_correction_page_serves_only_correction_tasks(start, coordinator):
    proces = start()
    ronde_close(ctx=AuditContext.system(coordinator), proces=proces, reden="Zorgtafel morgen.")
    taak = Taak.objects.get(proces=proces, task__flow_task=IdentificatieFlow.zorgtafel)
    c = as_user(coordinator)
    assert c.get(taak_url("identificatie:taak", taak)).status_code == 200  # the coordinator's
    assert c.get(taak_url("advies:correctie-taak", taak)).status_code == 404


def test_withdrawal_asks_for_confirmation_and_carries_the_reason(
    vastgesteld, coordinator, buitenstaander
):
    assert (
        as_user(buitenstaander)
        .post(url("advies-intrekken", vastgesteld), {"reden": "x"})
        .status_code
        == 404
    )
    assert (
        as_user(buitenstaander)
        .post(url("advies-intrekken", vastgesteld), {"reden": "x", "bevestigd": "1"})
        .status_code
        == 404
    )
    c = as_user(coordinator)
    response = c.post(url("advies-intrekken", vastgesteld), {"reden": "Nieuwe feiten bekend."})
    html = response.content.decode()
    assert response.status_code == 200 and "Ja, advies intrekken" in html
    assert 'name="reden" value="Nieuwe feiten bekend."' in html
    vastgesteld.refresh_from_db()
    assert vastgesteld.status == "vastgesteld"
    c.post(
        url("advies-intrekken", vastgesteld), {"reden": "Nieuwe feiten bekend.", "bevestigd": "1"}
    )
    vastgesteld.refresh_from_db()
    assert vastgesteld.status == "ingetrokken"


def test_closing_the_case_cancels_a_running_correction(vastgesteld, coordinator, coordinator2):
    assert as_user(coordinator2).post(url("advies-corrigeren", vastgesteld)).status_code == 302
    nieuw = Advies.objects.get(versie=2)
    assert open_correctie_taak(nieuw)

    casus_sluiten(
        ctx=AuditContext.system(coordinator),
        casus=vastgesteld.casus,
        reden=Sluitreden.ADVIES_OPGEVOLGD,
    )

    proces = nieuw.correctie
    proces.refresh_from_db()
    assert proces.status == PROCESS.CANCELED
    assert not Taak.objects.filter(
        proces__correctieproces__advies=nieuw, task__status__in=["NEW", "ASSIGNED", "STARTED"]
    ).exists()
