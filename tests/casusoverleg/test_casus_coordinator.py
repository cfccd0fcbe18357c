"""Issue 13, point 5: a case opened from a signal gets its coordinator (the opener
or a chosen colleague), and a coordinator of the coordinating organisation can
name or change it on the case page; everyone else gets the 404 of a missing case."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Casus, Wijziging
from casusoverleg.services import casus_coordinator_change
from identificatie import services as ident
from tests.factories import UserFactory, make_casus, make_signaal


def _open_from_signal(client, user, signaal, **data):
    client.force_login(user)
    return client.post(
        reverse("identificatie:signaal-casus-openen", args=[signaal.public_id]),
        {"coordinerende_organisatie": user.organisatie.pk, **data},
    )


def test_the_opener_who_is_a_coordinator_becomes_the_coordinator(client, coordinator):
    response = _open_from_signal(client, coordinator, make_signaal(coordinator))
    assert response.status_code == 302
    assert Casus.objects.get().coordinator == coordinator


def test_the_opener_can_choose_a_colleague_as_coordinator(client, coordinator, coordinator2):
    signaal = make_signaal(coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("identificatie:signaal-detail", args=[signaal.public_id]))
    assert b'name="coordinator"' in page.content
    response = _open_from_signal(client, coordinator, signaal, coordinator=coordinator2.pk)
    assert response.status_code == 302
    assert Casus.objects.get().coordinator == coordinator2


def test_a_colleague_without_the_coordinator_role_cannot_be_chosen(client, coordinator):
    collega = UserFactory(username="medewerker", organisatie=coordinator.organisatie)
    response = _open_from_signal(
        client, coordinator, make_signaal(coordinator), coordinator=collega.pk
    )
    assert response.status_code == 200
    assert "coordinator" in response.context["nieuw_form"].errors
    assert not Casus.objects.exists()


def test_nobody_of_another_organisation_is_named_by_the_opener(politie, coordinator):
    """Police open a case that the municipality coordinates: the police cannot pick
    the municipality's coordinator; the case waits for the municipality to name one."""
    signaal = make_signaal(politie)
    with pytest.raises(ValidationError) as error:
        ident.casus_open_from_signaal(
            ctx=AuditContext.system(politie),
            signaal=signaal,
            coordinerende_organisatie=coordinator.organisatie,
            coordinator=coordinator,
        )
    assert "coordinator" in error.value.error_dict
    casus = ident.casus_open_from_signaal(
        ctx=AuditContext.system(politie),
        signaal=signaal,
        coordinerende_organisatie=coordinator.organisatie,
    )
    assert casus.coordinator is None


@pytest.fixture
def casus_zonder_coordinator(politie, coordinator):
    return ident.casus_open_from_signaal(
        ctx=AuditContext.system(politie),
        signaal=make_signaal(politie),
        coordinerende_organisatie=coordinator.organisatie,
    )


def test_a_coordinator_of_the_coordinating_organisation_names_the_coordinator(
    client, coordinator, coordinator2, casus_zonder_coordinator
):
    casus = casus_zonder_coordinator
    client.force_login(coordinator2)
    detail = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    url = reverse("casusoverleg:casus-coordinator", args=[casus.public_id])
    assert "nog geen coördinator" in detail.content.decode()
    assert url in detail.content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, {"coordinator": coordinator.pk})
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.coordinator == coordinator
    assert AuditEvent.objects.filter(
        actie="wijzigen",
        object_type="casus",
        casus_public_id=casus.public_id,
        uitkomst="toegestaan",
    ).exists()
    assert Wijziging.objects.filter(casus=casus, onderwerp="Coördinator gewijzigd").exists()


def test_only_a_coordinator_by_role_of_that_organisation_can_be_named(
    client, coordinator, politie, casus_zonder_coordinator
):
    client.force_login(coordinator)
    url = reverse("casusoverleg:casus-coordinator", args=[casus_zonder_coordinator.public_id])
    response = client.post(url, {"coordinator": politie.pk})
    assert response.status_code == 200 and "coordinator" in response.context["form"].errors
    casus_zonder_coordinator.refresh_from_db()
    assert casus_zonder_coordinator.coordinator is None


@pytest.mark.parametrize("wie", ["politie", "collega_zonder_rol", "buitenstaander"])
def test_others_get_the_404_of_a_missing_case_and_it_is_audited(
    client, request, coordinator, politie, buitenstaander, wie
):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    if wie == "collega_zonder_rol":
        # Holds the coordinating organisation's permission, not the role.
        user = UserFactory(username="medewerker", organisatie=coordinator.organisatie)
    else:
        user = request.getfixturevalue(wie)
    client.force_login(user)
    url = reverse("casusoverleg:casus-coordinator", args=[casus.public_id])
    detail = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    assert url not in detail.content.decode()
    before = AuditEvent.objects.filter(uitkomst="geweigerd").count()
    assert client.get(url).status_code == 404
    assert client.post(url, {"coordinator": user.pk}).status_code == 404
    assert AuditEvent.objects.filter(uitkomst="geweigerd").count() == before + 2
    casus.refresh_from_db()
    assert casus.coordinator == coordinator


def test_the_service_names_no_one_outside_the_coordinating_organisations_coordinators(
    coordinator, politie, casus_zonder_coordinator
):
    for wie in (politie, UserFactory(username="medewerker", organisatie=coordinator.organisatie)):
        with pytest.raises(ValidationError):
            casus_coordinator_change(
                ctx=AuditContext.system(coordinator),
                casus=casus_zonder_coordinator,
                coordinator=wie,
            )
