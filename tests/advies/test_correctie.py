"""Withdrawing an adopted advice, and correcting it with a new version."""

import pytest
from django.test import Client
from django.urls import reverse

from advies.models import Advies
from tests.advies.conftest import to_review

# ``vastgesteld`` (an adopted advice) and ``start`` come from tests/advies/conftest.py.


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def url(name, advies):
    return reverse(f"advies:{name}", args=[advies.casus.public_id, advies.versie])


def test_a_correction_is_a_new_version_reviewed_by_another(
    vastgesteld, coordinator, coordinator2, politie
):
    c, c2 = as_user(coordinator), as_user(coordinator2)
    assert as_user(politie).post(url("advies-corrigeren", vastgesteld)).status_code == 404
    response = c.post(url("advies-corrigeren", vastgesteld))
    nieuw = Advies.objects.get(versie=2)
    assert response.url == url("advies-correctie", nieuw)
    assert nieuw.status == "concept" and nieuw.vervangt == vastgesteld
    assert nieuw.standpunten.count() == vastgesteld.standpunten.count()

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
        indienen="1",
    )
    assert c.post(url("advies-correctie", nieuw), data).status_code == 302
    nieuw.refresh_from_db()
    assert nieuw.status == "in_review"

    # The drafter may not review their own correction.
    response = c.post(url("advies-correctie", nieuw), {"besluit": "akkoord"})
    assert response.status_code == 200
    nieuw.refresh_from_db()
    assert nieuw.status == "in_review"

    assert c2.post(url("advies-correctie", nieuw), {"besluit": "akkoord"}).status_code == 302
    nieuw.refresh_from_db()
    vastgesteld.refresh_from_db()
    assert nieuw.status == "vastgesteld" and nieuw.beoordeeld_door == coordinator2
    assert vastgesteld.vervangen_door == nieuw
    assert vastgesteld.onderbouwing != "Gecorrigeerde onderbouwing."


def test_withdrawal_needs_a_reason_and_keeps_the_content(vastgesteld, coordinator, politie):
    c = as_user(coordinator)
    c.post(url("advies-intrekken", vastgesteld), {"reden": ""})
    vastgesteld.refresh_from_db()
    assert vastgesteld.status == "vastgesteld"
    assert (
        as_user(politie).post(url("advies-intrekken", vastgesteld), {"reden": "x"}).status_code
        == 404
    )
    c.post(url("advies-intrekken", vastgesteld), {"reden": "Nieuwe feiten bekend."})
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
