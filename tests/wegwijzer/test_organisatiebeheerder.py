"""The organisation-administrator role: granted and revoked only by functional
management through ``gebruiker_organisatiebeheerder_change``, audited; never by the
user change form; it ends with a move to another organisation and gives no case."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent
from casusoverleg.services import (
    gebruiker_organisatie_change,
    gebruiker_organisatiebeheerder_change,
)
from tests.factories import make_casus

pytestmark = pytest.mark.django_db


def _change(ctx_user, gebruiker, value=True):
    return gebruiker_organisatiebeheerder_change(
        ctx=AuditContext.system(ctx_user), gebruiker=gebruiker, is_organisatiebeheerder=value
    )


def _events(gebruiker):
    return AuditEvent.objects.filter(object_type="gebruiker", object_id=str(gebruiker.pk))


def test_functional_management_grants_the_role_in_the_admin_audited(client, beheerder, zorg):
    client.force_login(beheerder)
    url = reverse("admin:casusoverleg_user_organisatiebeheer", args=[zorg.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"is_organisatiebeheerder": "on"})
    assert response.status_code == 302
    zorg.refresh_from_db()
    assert zorg.is_organisatiebeheerder
    event = _events(zorg).filter(actie=AuditEvent.Actie.WIJZIGEN).get()
    assert event.gebruiker == beheerder
    assert event.detail["rollen"] == {"is_organisatiebeheerder": {"voor": False, "na": True}}
    # and revokes it the same way
    assert client.post(url, {}).status_code == 302
    zorg.refresh_from_db()
    assert not zorg.is_organisatiebeheerder
    assert _events(zorg).filter(actie=AuditEvent.Actie.WIJZIGEN).count() == 2


@pytest.mark.parametrize("wie", ["coordinator", "zorg", "politie", "projectgroep"])
def test_nobody_but_functional_management_grants_it(request, wie, zorg):
    user = request.getfixturevalue(wie)
    with pytest.raises(PermissionDenied):
        _change(user, zorg)
    zorg.refresh_from_db()
    assert not zorg.is_organisatiebeheerder
    assert not _events(zorg).filter(actie=AuditEvent.Actie.WIJZIGEN).exists()


def test_an_administrator_does_not_grant_it_to_themselves(beheerder):
    with pytest.raises(PermissionDenied):
        _change(beheerder, beheerder)


@pytest.mark.parametrize("wie", ["projectgroep", "beheerder2"])
def test_only_an_organisation_that_offers_help_has_one(request, beheerder, wie):
    gebruiker = request.getfixturevalue(wie)
    with pytest.raises(ValidationError):
        _change(beheerder, gebruiker)
    gebruiker.refresh_from_db()
    assert not gebruiker.is_organisatiebeheerder


def test_the_user_change_form_does_not_set_it(client, beheerder, zorg):
    client.force_login(beheerder)
    client.post(
        reverse("admin:casusoverleg_user_change", args=[zorg.pk]),
        {
            "username": zorg.username,
            "first_name": zorg.first_name,
            "last_name": zorg.last_name,
            "email": zorg.email,
            "is_organisatiebeheerder": "on",
        },
    )
    zorg.refresh_from_db()
    assert not zorg.is_organisatiebeheerder


def test_moving_to_another_organisation_ends_the_role_audited(beheerder, zorg, politie):
    _change(beheerder, zorg)
    gebruiker_organisatie_change(
        ctx=AuditContext.system(beheerder), gebruiker=zorg, organisatie=politie.organisatie
    )
    zorg.refresh_from_db()
    assert not zorg.is_organisatiebeheerder
    event = _events(zorg).filter(detail__has_key="is_organisatiebeheerder").get()
    assert event.detail["is_organisatiebeheerder"] == {"voor": True, "na": False}


def test_the_role_gives_no_case(client, beheerder, coordinator, zorg):
    casus = make_casus(coordinator)
    _change(beheerder, zorg)
    client.force_login(zorg)
    assert (
        client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id])).status_code == 404
    )
