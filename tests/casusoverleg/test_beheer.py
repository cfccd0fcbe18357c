"""The functional administrators' admin (``/beheer/``): organisation membership,
roles and passwords change only through the audited services in
``casusoverleg.services.gebruikers``, never through a form field or a group."""

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Deelname, User, WachtwoordReset
from casusoverleg.permissions import casussen_for_user
from casusoverleg.services import (
    gebruiker_create,
    gebruiker_organisatie_change,
    gebruiker_rollen_change,
    wachtwoordreset_confirm,
    wachtwoordreset_request,
)
from tests.factories import make_casus

NIEUW_WACHTWOORD = "Vier-ogen-zien-meer-2026"


@pytest.fixture
def casus(coordinator, politie):
    return make_casus(coordinator, deelnemers=[politie.organisatie])


def _casus_url(casus):
    return reverse("casusoverleg:casus-detail", args=[casus.public_id])


def _change_url(user):
    return reverse("admin:casusoverleg_user_change", args=[user.pk])


def _change_form_post(user, **extra):
    """What a browser would send for the user's change form, plus ``extra``."""
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        **extra,
    }


def _gebruiker_events(user, **filters):
    return AuditEvent.objects.filter(object_type="gebruiker", object_id=str(user.pk), **filters)


def test_user_change_form_offers_no_groups_permissions_superuser_organisation_or_password(
    client, beheerder, buitenstaander
):
    client.force_login(beheerder)
    response = client.get(_change_url(buitenstaander))
    assert response.status_code == 200
    html = response.content.decode()
    for name in [
        "groups",
        "user_permissions",
        "is_superuser",
        "organisatie",
        "is_coordinator",
        "is_reviewer",
        "is_active",
        "is_staff",
        "password",
    ]:
        assert f'name="{name}"' not in html, name
    assert reverse("admin:casusoverleg_user_organisatie", args=[buitenstaander.pk]) in html


def test_posting_another_organisations_group_gives_an_outsider_no_case(
    client, login, beheerder, buitenstaander, politie, casus
):
    assert login(buitenstaander).get(_casus_url(casus)).status_code == 404
    client.force_login(beheerder)
    response = client.post(
        _change_url(buitenstaander),
        _change_form_post(buitenstaander, groups=[politie.organisatie.groep.pk]),
    )
    assert response.status_code == 302
    assert not buitenstaander.groups.filter(pk=politie.organisatie.groep.pk).exists()
    client.force_login(buitenstaander)
    assert client.get(_casus_url(casus)).status_code == 404


def test_organisation_groups_cannot_be_edited_in_the_group_admin(client, beheerder, politie):
    client.force_login(beheerder)
    groep = politie.organisatie.groep
    assert client.get("/beheer/auth/group/").status_code == 404
    assert client.get(f"/beheer/auth/group/{groep.pk}/change/").status_code == 404


def test_moving_a_user_takes_the_old_cases_away_at_once_and_is_audited(
    client, beheerder, politie, buitenstaander, casus
):
    client.force_login(politie)
    assert client.get(_casus_url(casus)).status_code == 200
    oud, nieuw = politie.organisatie, buitenstaander.organisatie

    client.force_login(beheerder)
    # The change form ignores an organisation: it is not one of its fields.
    client.post(_change_url(politie), _change_form_post(politie, organisatie=nieuw.pk))
    politie.refresh_from_db()
    assert politie.organisatie == oud

    url = reverse("admin:casusoverleg_user_organisatie", args=[politie.pk])
    response = client.post(url, {"organisatie": nieuw.pk})
    assert response.status_code == 302
    politie.refresh_from_db()
    assert politie.organisatie == nieuw
    assert set(politie.groups.all()) == {nieuw.groep}

    client.force_login(politie)
    assert client.get(_casus_url(casus)).status_code == 404
    event = _gebruiker_events(politie, actie=AuditEvent.Actie.WIJZIGEN).get()
    assert event.gebruiker == beheerder
    assert event.doel == AuditEvent.Doel.BEHEER
    assert event.detail["organisatie"] == {"voor": oud.pk, "na": nieuw.pk}


def test_a_lawyer_who_changes_firm_leaves_the_clients_behind(coordinator, advocaat, advocaat2):
    casus = make_casus(coordinator, advocaten=[advocaat])
    deelname = Deelname.objects.get(casus=casus, persoon=advocaat)
    gebruiker_organisatie_change(
        ctx=AuditContext.system(), gebruiker=advocaat, organisatie=advocaat2.organisatie
    )
    deelname.refresh_from_db()
    assert deelname.beeindigd_op is not None
    assert casus not in casussen_for_user(user=advocaat)
    event = _gebruiker_events(advocaat, actie=AuditEvent.Actie.WIJZIGEN).get()
    assert event.detail["deelnames_beeindigd"] == [deelname.pk]


def test_administrator_cannot_make_itself_superuser_or_give_itself_groups_or_permissions(
    client, beheerder, beheergroep, politie
):
    client.force_login(beheerder)
    voor = set(beheerder.groups.all())
    view_casus = Permission.objects.get(codename="view_casus")
    change_group = Permission.objects.get(codename="change_group")
    response = client.post(
        _change_url(beheerder),
        _change_form_post(
            beheerder,
            is_superuser="on",
            groups=[politie.organisatie.groep.pk, beheergroep.pk],
            user_permissions=[view_casus.pk, change_group.pk],
        ),
    )
    assert response.status_code == 302
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser
    assert set(beheerder.groups.all()) == voor
    assert not beheerder.user_permissions.exists()


def test_administrator_cannot_move_itself_or_change_its_own_roles(client, beheerder, politie):
    client.force_login(beheerder)
    url = reverse("admin:casusoverleg_user_organisatie", args=[beheerder.pk])
    assert client.post(url, {"organisatie": politie.organisatie.pk}).status_code == 403
    url = reverse("admin:casusoverleg_user_rollen", args=[beheerder.pk])
    assert client.post(url, {"is_coordinator": "on", "is_active": "on"}).status_code == 403
    beheerder.refresh_from_db()
    assert beheerder.organisatie.naam == "Functioneel beheer"
    assert not beheerder.is_coordinator


def test_an_administrator_is_never_moved_into_an_organisation_with_cases(
    client, beheerder, beheerder2, politie
):
    client.force_login(beheerder)
    url = reverse("admin:casusoverleg_user_organisatie", args=[beheerder2.pk])
    response = client.post(url, {"organisatie": politie.organisatie.pk})
    assert response.status_code == 200
    beheerder2.refresh_from_db()
    assert beheerder2.organisatie == beheerder.organisatie


def test_roles_change_through_the_admin_with_before_and_after_in_the_audit(
    client, beheerder, politie
):
    client.force_login(beheerder)
    url = reverse("admin:casusoverleg_user_rollen", args=[politie.pk])
    response = client.post(url, {"is_coordinator": "on", "is_active": "on"})
    assert response.status_code == 302
    politie.refresh_from_db()
    assert politie.is_coordinator and politie.is_active and not politie.is_reviewer
    event = _gebruiker_events(politie, actie=AuditEvent.Actie.WIJZIGEN).get()
    assert event.detail["rollen"] == {"is_coordinator": {"voor": False, "na": True}}


def test_creating_a_user_in_the_admin_goes_through_the_service(client, beheerder, politie, casus):
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:casusoverleg_user_add"),
        {
            "username": "politie-nieuw",
            "organisatie": politie.organisatie.pk,
            "password1": NIEUW_WACHTWOORD,
            "password2": NIEUW_WACHTWOORD,
        },
    )
    assert response.status_code == 302
    nieuw = User.objects.get(username="politie-nieuw")
    assert set(nieuw.groups.all()) == {politie.organisatie.groep}
    assert nieuw.check_password(NIEUW_WACHTWOORD)
    event = _gebruiker_events(nieuw, actie=AuditEvent.Actie.AANMAKEN).get()
    assert event.gebruiker == beheerder
    assert event.detail["organisatie"] == politie.organisatie.pk
    client.force_login(nieuw)
    assert client.get(_casus_url(casus)).status_code == 200


def _request_reset(client, beheerder, user):
    client.force_login(beheerder)
    return client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"reden": "Kwijt", "wachtwoord1": NIEUW_WACHTWOORD, "wachtwoord2": NIEUW_WACHTWOORD},
    )


def _confirm(client, beheerder, reset):
    client.force_login(beheerder)
    return client.post(
        reverse("admin:casusoverleg_wachtwoordreset_changelist"),
        {"action": "bevestigen", "_selected_action": [reset.pk]},
    )


def test_password_reset_needs_a_second_administrator(client, beheerder, beheerder2, politie):
    assert _request_reset(client, beheerder, politie).status_code == 302
    politie.refresh_from_db()
    assert politie.check_password("demo")
    reset = WachtwoordReset.objects.get(gebruiker=politie)

    _confirm(client, beheerder, reset)
    politie.refresh_from_db()
    assert politie.check_password("demo")
    reset.refresh_from_db()
    assert reset.is_open

    _confirm(client, beheerder2, reset)
    politie.refresh_from_db()
    assert politie.check_password(NIEUW_WACHTWOORD)
    reset.refresh_from_db()
    assert reset.bevestigd_door == beheerder2 and not reset.wachtwoord
    event = _gebruiker_events(politie, actie=AuditEvent.Actie.WIJZIGEN).get()
    assert event.gebruiker == beheerder2
    assert event.detail["aangevraagd_door"] == beheerder.pk
    # No password nor hash anywhere in the trail.
    trail = json.dumps(list(AuditEvent.objects.values_list("detail", flat=True)))
    assert NIEUW_WACHTWOORD not in trail and "md5$" not in trail


def test_the_requesting_administrator_cannot_confirm_through_the_service(beheerder, politie):
    reset = wachtwoordreset_request(
        ctx=AuditContext.system(beheerder),
        gebruiker=politie,
        wachtwoord=NIEUW_WACHTWOORD,
        reden="x",
    )
    with pytest.raises(PermissionDenied):
        wachtwoordreset_confirm(ctx=AuditContext.system(beheerder), reset=reset)


@pytest.mark.parametrize("wie", ["politie", "coordinator"])
def test_only_an_administrator_confirms_a_password_reset(request, wie, beheerder, zorg):
    """Anyone but an administrator is refused, and the password stays as it was."""
    reset = wachtwoordreset_request(
        ctx=AuditContext.system(beheerder), gebruiker=zorg, wachtwoord=NIEUW_WACHTWOORD, reden="x"
    )
    with pytest.raises(PermissionDenied):
        wachtwoordreset_confirm(ctx=AuditContext.system(request.getfixturevalue(wie)), reset=reset)
    zorg.refresh_from_db()
    assert zorg.check_password("demo")
    reset.refresh_from_db()
    assert reset.is_open


def test_an_expired_password_reset_cannot_be_confirmed(client, beheerder, beheerder2, politie):
    _request_reset(client, beheerder, politie)
    reset = WachtwoordReset.objects.get(gebruiker=politie)
    WachtwoordReset.objects.filter(pk=reset.pk).update(
        verloopt_op=timezone.now() - datetime.timedelta(seconds=1)
    )
    _confirm(client, beheerder2, reset)
    politie.refresh_from_db()
    assert politie.check_password("demo")


def test_nobody_confirms_a_reset_of_their_own_password(beheerder, beheerder2):
    reset = wachtwoordreset_request(
        ctx=AuditContext.system(beheerder),
        gebruiker=beheerder2,
        wachtwoord=NIEUW_WACHTWOORD,
        reden="x",
    )
    with pytest.raises(PermissionDenied):
        wachtwoordreset_confirm(ctx=AuditContext.system(beheerder2), reset=reset)
    beheerder2.refresh_from_db()
    assert beheerder2.check_password("demo")


@pytest.mark.parametrize("wie", ["politie", "staff_zonder_rechten"])
def test_only_administrators_change_users(wie, politie, buitenstaander):
    if wie == "staff_zonder_rechten":
        gebruiker_rollen_change(
            ctx=AuditContext.system(),
            gebruiker=politie,
            is_coordinator=False,
            is_reviewer=False,
            is_active=True,
            is_staff=True,
        )
    ctx = AuditContext.system(politie)
    with pytest.raises(PermissionDenied):
        gebruiker_organisatie_change(
            ctx=ctx, gebruiker=buitenstaander, organisatie=politie.organisatie
        )
    with pytest.raises(PermissionDenied):
        gebruiker_rollen_change(
            ctx=ctx,
            gebruiker=buitenstaander,
            is_coordinator=True,
            is_reviewer=False,
            is_active=True,
        )
    with pytest.raises(PermissionDenied):
        wachtwoordreset_request(
            ctx=ctx, gebruiker=buitenstaander, wachtwoord=NIEUW_WACHTWOORD, reden="x"
        )
    buitenstaander.refresh_from_db()
    assert not buitenstaander.is_coordinator
    assert buitenstaander.organisatie != politie.organisatie


def test_the_access_pages_render_for_an_administrator_in_dutch_and_english(
    client, beheerder, politie
):
    client.force_login(beheerder)
    urls = [
        reverse("admin:casusoverleg_user_organisatie", args=[politie.pk]),
        reverse("admin:casusoverleg_user_rollen", args=[politie.pk]),
        reverse("admin:auth_user_password_change", args=[politie.pk]),
        reverse("admin:casusoverleg_user_add"),
        reverse("admin:casusoverleg_wachtwoordreset_changelist"),
    ]
    for url in urls:
        for taal in ("nl", "en"):
            response = client.get(url, headers={"accept-language": taal})
            assert response.status_code == 200, (url, taal)


def test_staff_without_the_user_permission_cannot_open_the_access_pages(client, politie):
    gebruiker_rollen_change(
        ctx=AuditContext.system(),
        gebruiker=politie,
        is_coordinator=False,
        is_reviewer=False,
        is_active=True,
        is_staff=True,
    )
    client.force_login(politie)
    url = reverse("admin:casusoverleg_user_organisatie", args=[politie.pk])
    assert client.get(url).status_code in (403, 404)


def test_only_an_administrator_creates_a_user(politie):
    with pytest.raises(PermissionDenied):
        gebruiker_create(
            ctx=AuditContext.system(politie), username="stiekem", organisatie=politie.organisatie
        )
    assert not User.objects.filter(username="stiekem").exists()


def test_only_the_system_appoints_administrators(beheerder, politie):
    """An administrator makes no staff account, nor turns one into staff: that would
    be granting themselves a colleague with the same powers, unseen."""
    as_beheerder = AuditContext.system(beheerder)
    with pytest.raises(PermissionDenied):
        gebruiker_create(
            ctx=as_beheerder,
            username="nieuwe-beheerder",
            organisatie=beheerder.organisatie,
            is_staff=True,
        )
    with pytest.raises(PermissionDenied):
        gebruiker_rollen_change(
            ctx=as_beheerder,
            gebruiker=politie,
            is_coordinator=False,
            is_reviewer=False,
            is_active=True,
            is_staff=True,
        )
    politie.refresh_from_db()
    assert not politie.is_staff
    assert not User.objects.filter(username="nieuwe-beheerder").exists()


def test_a_password_reset_takes_two_people_never_the_system(beheerder, beheerder2, politie):
    systeem = AuditContext.system()
    with pytest.raises(PermissionDenied):
        wachtwoordreset_request(
            ctx=systeem, gebruiker=politie, wachtwoord=NIEUW_WACHTWOORD, reden="x"
        )
    reset = wachtwoordreset_request(
        ctx=AuditContext.system(beheerder),
        gebruiker=politie,
        wachtwoord=NIEUW_WACHTWOORD,
        reden="x",
    )
    with pytest.raises(PermissionDenied):
        wachtwoordreset_confirm(ctx=systeem, reset=reset)
    politie.refresh_from_db()
    assert politie.check_password("demo")


def test_an_administrator_does_not_ask_a_new_password_for_themselves(beheerder):
    with pytest.raises(PermissionDenied):
        wachtwoordreset_request(
            ctx=AuditContext.system(beheerder),
            gebruiker=beheerder,
            wachtwoord=NIEUW_WACHTWOORD,
            reden="x",
        )
    assert not WachtwoordReset.objects.filter(gebruiker=beheerder).exists()
