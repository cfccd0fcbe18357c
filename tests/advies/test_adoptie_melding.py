"""Adoption refused without report or exception: every possible victim is reported
to CoMensha, so an advice is adopted only once the case's report is submitted (or
registered) or the exception is recorded with its legal basis."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from identificatie import services
from identificatie.flows import IdentificatieFlow
from identificatie.models import Melding
from tests.advies.conftest import ctx, open_taak, review, to_review

WEIGERING = "de casus is niet gemeld bij CoMensha"


def _onbemeld(proces):
    """Take the case back to unreported (``to_review`` submits the report)."""
    Melding.objects.filter(casus=proces.casus).update(
        status=Melding.Status.TE_MELDEN, gemeld_op=None, gemeld_door=None
    )


@pytest.fixture
def in_review(start, coordinator, politie, zorg):
    proces = start()
    to_review(proces, coordinator, politie, zorg)
    return proces


def test_adoption_refused_without_report_or_exception(in_review, coordinator2):
    _onbemeld(in_review)
    with pytest.raises(ValidationError) as error:
        review(coordinator2, in_review)
    assert WEIGERING in " ".join(error.value.message_dict["besluit"])
    advies = in_review.adviezen.get()
    assert advies.status == "in_review" and advies.vastgesteld_op is None
    assert open_taak(in_review, IdentificatieFlow.review) is not None


def test_adoption_allowed_once_the_report_is_submitted(in_review, coordinator2):
    assert Melding.objects.get(casus=in_review.casus).status == Melding.Status.INGEDIEND
    assert review(coordinator2, in_review).status == "vastgesteld"


def test_adoption_allowed_once_the_report_is_registered(in_review, coordinator2, comensha):
    services.melding_register(
        ctx=ctx(comensha),
        melding=Melding.objects.get(casus=in_review.casus),
        registratienummer="CM-2026-0001",
    )
    assert review(coordinator2, in_review).status == "vastgesteld"


def test_adoption_allowed_with_a_recorded_exception(in_review, coordinator, coordinator2):
    _onbemeld(in_review)
    services.melding_decline(
        ctx=ctx(coordinator),
        melding=Melding.objects.get(casus=in_review.casus),
        reden="geen_toestemming",
        toelichting="Geen toestemming en geen wettelijke taak om te delen.",
    )
    assert review(coordinator2, in_review).status == "vastgesteld"


def test_sending_back_is_allowed_without_a_report(in_review, coordinator2):
    _onbemeld(in_review)
    assert review(coordinator2, in_review, akkoord=False, opmerkingen="Anders.").status == (
        "concept"
    )


def test_the_adopting_page_says_why_in_dutch_and_refuses(client, in_review, coordinator2):
    _onbemeld(in_review)
    taak = open_taak(in_review, IdentificatieFlow.review)
    services.taak_claim(ctx=ctx(coordinator2), taak=taak)
    client.force_login(coordinator2)
    page = reverse("advies:advies-taak", args=[taak.public_id])
    assert WEIGERING in client.get(page).content.decode()
    response = client.post(page, {"besluit": "akkoord"})
    assert response.status_code == 200
    assert WEIGERING in " ".join(response.context["form"].errors["besluit"])
    assert in_review.adviezen.get().status == "in_review"


def test_the_drafting_page_warns_before_the_advice_is_offered(
    client, in_review, coordinator, coordinator2
):
    _onbemeld(in_review)
    review(coordinator2, in_review, akkoord=False, opmerkingen="Anders.")
    taak = open_taak(in_review, IdentificatieFlow.opstellen)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)
    client.force_login(coordinator)
    page = client.get(reverse("advies:advies-taak", args=[taak.public_id])).content.decode()
    assert WEIGERING in page


def test_the_process_node_holds_the_same_line(in_review, coordinator2):
    review(coordinator2, in_review)
    _onbemeld(in_review)
    activation = SimpleNamespace(process=SimpleNamespace(coerced=in_review))
    with pytest.raises(ValueError, match="not reported"):
        IdentificatieFlow.instance.advies_vaststellen(activation)
