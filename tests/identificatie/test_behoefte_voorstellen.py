"""Needs named in assessments are proposed as the case's needs, with their source,
and taken over once ("Voorgesteld uit beoordelingen" on the case page)."""

import pytest
from django.urls import reverse

from casusoverleg.audit import AuditContext
from casusoverleg.models import Behoefte, Deelname
from identificatie import selectors, services
from identificatie.models import Beoordeling
from tests.advies.conftest import BEOORDELING, beoordeel
from tests.factories import make_casus

pytestmark = pytest.mark.usefixtures("indicatorlijst")

NODIG = "Veilige opvang buiten de regio.\nHulp bij de aangifte."


@pytest.fixture
def casus(coordinator, politie, zorg, jeugdzorg):
    return make_casus(
        coordinator,
        deelnemers=[
            politie.organisatie,
            zorg.organisatie,
            (jeugdzorg.organisatie, Deelname.Rol.WAARNEMER),
        ],
    )


@pytest.fixture
def beoordeling(proces, politie):
    return beoordeel(politie, proces, behoeften=NODIG)


def _detail(client, user, casus):
    client.force_login(user)
    response = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    assert response.status_code == 200
    return response.content.decode()


def _overnemen(client, user, casus, beoordeling):
    client.force_login(user)
    return client.post(
        reverse("identificatie:behoefte-overnemen", args=[casus.public_id, beoordeling.pk])
    )


def test_needs_of_a_submitted_assessment_are_proposed_with_their_source(
    client, coordinator, casus, beoordeling
):
    page = _detail(client, coordinator, casus)
    assert "Voorgesteld uit beoordelingen" in page
    assert "Veilige opvang buiten de regio." in page
    assert str(beoordeling.organisatie) in page


def test_taking_one_over_makes_a_need_with_its_source_and_it_is_not_proposed_again(
    client, coordinator, politie, casus, beoordeling
):
    response = _overnemen(client, coordinator, casus, beoordeling)
    behoefte = Behoefte.objects.get(casus=casus)
    assert response.status_code == 302
    assert response.url == reverse(
        "casusoverleg:behoefte-edit", args=[casus.public_id, behoefte.pk]
    )
    assert behoefte.toelichting == NODIG
    assert behoefte.eigenaar == politie.organisatie
    assert behoefte.type == Behoefte.Type.OVERIG
    assert behoefte.bron_id == f"beoordeling:{beoordeling.pk}"
    assert str(politie.organisatie) in behoefte.bron
    assert (
        str(politie.organisatie) in client.get(response.url).content.decode()
    )  # "Overgenomen uit"

    assert "Voorgesteld uit beoordelingen" not in _detail(client, coordinator, casus)
    response = _overnemen(client, coordinator, casus, beoordeling)
    assert response.status_code == 302
    assert Behoefte.objects.filter(casus=casus).count() == 1


def test_the_service_refuses_a_second_take_over(coordinator, casus, beoordeling):
    from django.core.exceptions import ValidationError

    ctx = AuditContext.system(coordinator)
    services.behoefte_overnemen(ctx=ctx, casus=casus, beoordeling=beoordeling)
    with pytest.raises(ValidationError):
        services.behoefte_overnemen(ctx=ctx, casus=casus, beoordeling=beoordeling)
    assert Behoefte.objects.filter(casus=casus).count() == 1


def test_an_observer_may_not_take_one_over_and_is_not_offered_it(
    client, coordinator, jeugdzorg, casus, beoordeling, proces
):
    from identificatie.services import ronde_close

    ronde_close(ctx=AuditContext.system(coordinator), proces=proces, reden="Spoed.")
    assert selectors.behoefte_voorstellen(user=jeugdzorg, casus=casus)  # they may read it
    assert "Voorgesteld uit beoordelingen" not in _detail(client, jeugdzorg, casus)
    assert _overnemen(client, jeugdzorg, casus, beoordeling).status_code == 404
    assert not Behoefte.objects.filter(casus=casus).exists()


def test_an_assessment_the_reader_may_not_see_yet_is_neither_proposed_nor_taken_over(
    client, zorg, casus, beoordeling
):
    # The round is open: care does not read police's assessment yet.
    assert selectors.behoefte_voorstellen(user=zorg, casus=casus) == []
    assert "Voorgesteld uit beoordelingen" not in _detail(client, zorg, casus)
    assert _overnemen(client, zorg, casus, beoordeling).status_code == 404
    assert not Behoefte.objects.filter(casus=casus).exists()


def test_an_assessment_not_submitted_is_not_proposed(casus, proces, zorg):
    # Care reads its own assessment before it is submitted; it proposes nothing yet.
    Beoordeling.objects.create(
        proces=proces, organisatie=zorg.organisatie, behoeften=NODIG, **BEOORDELING
    )
    assert selectors.behoefte_voorstellen(user=zorg, casus=casus) == []


def test_an_outsider_gets_404(client, buitenstaander, casus, beoordeling):
    assert _overnemen(client, buitenstaander, casus, beoordeling).status_code == 404
    assert not Behoefte.objects.exists()


def test_an_assessment_of_another_case_is_not_taken_over(
    client, coordinator, politie, casus, beoordeling
):
    andere = make_casus(coordinator, deelnemers=[politie.organisatie])
    assert _overnemen(client, coordinator, andere, beoordeling).status_code == 404
    assert not Behoefte.objects.exists()
