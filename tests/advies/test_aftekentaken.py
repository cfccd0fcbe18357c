"""Sign-off per discipline as a task (issue 13, point 3): while an advice that needs
sign-off is under review, each organisation with a view that has not signed has
"Advies aftekenen" in its members' Mijn taken, with the review task's deadline; the
review task shows who has and has not signed before "Akkoord" can be chosen."""

import pytest
from django.test import Client
from django.urls import reverse

from advies.services import advies_sign_off
from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Deelname
from casusoverleg.services import deelname_end
from identificatie import services
from identificatie.flows import IdentificatieFlow
from tests.factories import UserFactory

from .conftest import ctx, open_taak, to_review


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def _aftekenrijen(user):
    response = as_user(user).get(reverse("identificatie:taken"))
    assert response.status_code == 200
    for sectie in response.context["secties"]:
        if sectie["sleutel"] == "aftekenen":
            return sectie["rijen"]
    return []


def _aftekenen_url(advies):
    return reverse("advies:advies-aftekenen", args=[advies.casus.public_id, advies.versie])


@pytest.fixture
def in_review(start, coordinator, politie, zorg):
    proces = start(aftekenen_vereist=True)
    return proces, to_review(proces, coordinator, politie, zorg)


def test_each_discipline_with_a_view_gets_the_sign_off_task(in_review, politie, zorg):
    proces, advies = in_review
    review_taak = open_taak(proces, IdentificatieFlow.review)
    collega = UserFactory(username="politie-collega", organisatie=politie.organisatie)
    for user in (politie, collega, zorg):
        (rij,) = _aftekenrijen(user)
        assert rij.object == advies and rij.casus_nummer == advies.casus.nummer
        assert rij.deadline == review_taak.deadline
        assert rij.link == _aftekenen_url(advies)
    html = as_user(politie).get(reverse("identificatie:taken")).content.decode()
    assert "Advies aftekenen" in html and _aftekenen_url(advies) in html


def test_no_sign_off_task_for_others_or_outsiders(
    in_review, coordinator, coordinator2, buitenstaander, beheerder
):
    for user in (coordinator, coordinator2, buitenstaander, beheerder):
        assert _aftekenrijen(user) == []


def test_no_sign_off_task_when_the_process_does_not_ask_for_it(start, coordinator, politie, zorg):
    proces = start(aftekenen_vereist=False)
    to_review(proces, coordinator, politie, zorg)
    assert _aftekenrijen(politie) == [] and _aftekenrijen(zorg) == []


def test_a_member_who_no_longer_sees_the_case_loses_the_task(in_review, coordinator, politie):
    _proces, advies = in_review
    deelname = Deelname.objects.actief().get(casus=advies.casus, organisatie=politie.organisatie)
    deelname_end(ctx=AuditContext.system(coordinator), deelname=deelname, reden="Klaar.")
    assert _aftekenrijen(politie) == []


def test_the_task_goes_away_once_the_organisation_signed(in_review, politie, zorg):
    _proces, advies = in_review
    advies_sign_off(ctx=ctx(politie), advies=advies, oordeel="akkoord", toelichting="")
    assert _aftekenrijen(politie) == []
    assert len(_aftekenrijen(zorg)) == 1
    advies_sign_off(
        ctx=ctx(zorg), advies=advies, oordeel="akkoord_met_minderheidsstandpunt", toelichting="Zie."
    )
    assert _aftekenrijen(zorg) == []


def test_mijn_taken_audits_the_sign_off_tasks_it_shows(in_review, politie):
    _proces, advies = in_review
    _aftekenrijen(politie)
    assert AuditEvent.objects.filter(
        gebruiker=politie,
        object_type="advies",
        object_id=advies.public_id,
        casus_public_id=advies.casus.public_id,
        detail__weergave="takenlijst",
    ).exists()


def _review_page(proces, reviewer):
    taak = open_taak(proces, IdentificatieFlow.review)
    services.taak_claim(ctx=ctx(reviewer), taak=taak)
    url = reverse("advies:advies-taak", args=[taak.public_id])
    return as_user(reviewer), url


def test_the_review_task_shows_who_signed_and_offers_akkoord_only_when_all_did(
    in_review, coordinator2, politie, zorg
):
    proces, advies = in_review
    advies_sign_off(ctx=ctx(politie), advies=advies, oordeel="akkoord", toelichting="")
    client, url = _review_page(proces, coordinator2)
    response = client.get(url)
    status = {s["organisatie"]: s["aftekening"] for s in response.context["aftekenstatus"]}
    assert status[politie.organisatie].oordeel == "akkoord"
    assert status[zorg.organisatie] is None
    assert response.context["aftekeningen_ontbrekend"] == 1
    html = response.content.decode()
    assert "Nog niet afgetekend" in html and "Nog 1 discipline moet aftekenen" in html
    assert 'value="akkoord"' not in html

    # Choosing "Akkoord" anyway is a Dutch error on the field; nothing is adopted.
    response = client.post(url, {"besluit": "akkoord", "opmerkingen": ""})
    assert response.status_code == 200
    assert "Akkoord kan pas als" in str(response.context["form"].errors["besluit"])
    advies.refresh_from_db()
    assert advies.status == "in_review"

    advies_sign_off(ctx=ctx(zorg), advies=advies, oordeel="akkoord", toelichting="")
    response = client.get(url)
    assert response.context["aftekeningen_ontbrekend"] == 0
    assert 'value="akkoord"' in response.content.decode()
    assert client.post(url, {"besluit": "akkoord", "opmerkingen": ""}).status_code == 302
    advies.refresh_from_db()
    assert advies.status == "vastgesteld"


def test_without_sign_off_the_review_task_shows_no_sign_off_status(
    start, coordinator, coordinator2, politie, zorg
):
    proces = start(aftekenen_vereist=False)
    to_review(proces, coordinator, politie, zorg)
    client, url = _review_page(proces, coordinator2)
    response = client.get(url)
    assert response.context["aftekenstatus"] is None
    assert 'value="akkoord"' in response.content.decode()


def _startblokken(user):
    response = as_user(user).get(reverse("casusoverleg:home"))
    assert response.status_code == 200
    return {b.sectie.sleutel: b for b in response.context["blokken"]}


def test_the_start_page_shows_the_sign_off_until_signed_and_only_then(
    in_review, coordinator, politie, zorg
):
    proces, advies = in_review
    (rij,) = _startblokken(politie)["aftekenen"].resultaat.rijen
    assert (rij.casusnummer, rij.url) == (advies.casus.nummer, _aftekenen_url(advies))
    assert as_user(politie).get(rij.url).status_code == 200
    assert "aftekenen" not in _startblokken(coordinator)

    advies_sign_off(ctx=ctx(politie), advies=advies, oordeel="akkoord", toelichting="")
    assert "aftekenen" not in _startblokken(politie)
    assert "aftekenen" in _startblokken(zorg)


def test_the_sign_off_task_query_is_the_sign_off_rule_itself(
    in_review, coordinator, politie, zorg, jeugdzorg, buitenstaander, beheerder
):
    """``selectors.aftekenen_open`` (Mijn taken, start page) says who must still sign
    exactly when the service would let them sign and their organisation has not."""
    from advies.selectors import aftekenen_open
    from advies.services import aftekening_refusal, aftekeningen_ontbrekend

    _proces, advies = in_review

    def overeen():
        ontbrekend = {o.pk for o in aftekeningen_ontbrekend(advies)}
        for user in (coordinator, politie, zorg, jeugdzorg, buitenstaander, beheerder):
            verwacht = (
                aftekening_refusal(user, advies) is None and user.organisatie_id in ontbrekend
            )
            assert aftekenen_open(user=user).filter(pk=advies.pk).exists() == verwacht, user

    overeen()
    advies_sign_off(ctx=ctx(politie), advies=advies, oordeel="akkoord", toelichting="")
    overeen()
