"""The advice's notifications: sign-off requested only when the process asks for it,
to the organisations with a view; a draft sent back to its editors."""

import pytest

from casusoverleg.models import Melding, Meldingsoort
from tests.advies.conftest import review, to_review
from tests.factories import UserFactory


@pytest.mark.parametrize("vereist", [True, False])
def test_sign_off_is_requested_only_when_the_process_asks(
    start, coordinator, politie, zorg, jeugdzorg, vereist, django_capture_on_commit_callbacks
):
    proces = start(aftekenen_vereist=vereist)
    with django_capture_on_commit_callbacks(execute=True):
        advies = to_review(proces, coordinator, politie, zorg)
    ontvangers = set(
        Melding.objects.filter(soort=Meldingsoort.AFTEKENEN_GEVRAAGD).values_list(
            "ontvanger", flat=True
        )
    )
    if vereist:
        assert ontvangers == {politie.pk, zorg.pk}
        assert all(
            m.url.endswith(f"/adviezen/{advies.versie}/")
            for m in Melding.objects.all()
            if m.soort == Meldingsoort.AFTEKENEN_GEVRAAGD
        )
    else:
        assert ontvangers == set()
    assert jeugdzorg.pk not in ontvangers


def test_a_draft_sent_back_tells_its_editors_only(
    start, coordinator, coordinator2, politie, zorg, django_capture_on_commit_callbacks
):
    proces = start()
    to_review(proces, coordinator, politie, zorg)
    collega = UserFactory(username="coordinator-collega", organisatie=coordinator.organisatie)
    with django_capture_on_commit_callbacks(execute=True):
        review(coordinator2, proces, akkoord=False, opmerkingen="Aanscherpen.")
    terug = Melding.objects.filter(soort=Meldingsoort.CONCEPT_TERUGGESTUURD)
    assert set(terug.values_list("ontvanger", flat=True)) == {coordinator.pk}
    assert collega.pk not in set(Melding.objects.values_list("ontvanger", flat=True))
    assert "Aanscherpen" not in terug.get().tekst
