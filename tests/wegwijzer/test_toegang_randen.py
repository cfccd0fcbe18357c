"""The wegwijzer's access rules at their edges: a deactivated account, an
inactive organisation, a closed case, an answered referral, a role left on an
account that may not hold it. Each test kills a mutant of
``scripts/mutate_guards.py --only wegwijzer`` that the tests of the ordinary
paths let live."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casusoverleg.audit import AuditContext
from casusoverleg.models import Deelname, Discipline, Sluitreden, User
from casusoverleg.permissions import (
    aanbod_beheerbaar,
    doorverwijzingen_for_user,
    may_edit_aanbod,
    may_read_wegwijzer,
    ontvangen_doorverwijzingen,
)
from casusoverleg.services import casus_sluiten, gebruiker_organisatiebeheerder_change
from tests.factories import make_casus
from wegwijzer import services
from wegwijzer.models import Aanbod, Doorverwijzing
from wegwijzer.takenlijst import doorverwijzing_taken

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(coordinator, politie):
    return make_casus(coordinator, deelnemers=[politie.organisatie])


@pytest.fixture
def verwijzing(coordinator, casus, zorg):
    return services.doorverwijzing_voorstellen(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisatie=zorg.organisatie,
        motivatie="Zoekt een veilige opvangplek.",
    )


def _deactiveer(user):
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False  # as the running request still holds it


def _organisatie_inactief(user):
    user.organisatie.actief = False
    user.organisatie.save(update_fields=["actief"])


def _beantwoord(user, verwijzing, akkoord=True):
    return services.doorverwijzing_beantwoorden(
        ctx=AuditContext.system(user),
        verwijzing=verwijzing,
        akkoord=akkoord,
        reden="" if akkoord else "Vol.",
        reden_soort="" if akkoord else Doorverwijzing.RedenSoort.GEEN_PLEK,
    )


# The directory and the offers ---------------------------------------------------


def test_a_deactivated_account_does_not_read_the_wegwijzer(politie):
    assert may_read_wegwijzer(politie)
    _deactiveer(politie)
    assert not may_read_wegwijzer(politie)


@pytest.mark.parametrize("maak_ongeschikt", [_deactiveer, _organisatie_inactief])
def test_the_role_is_not_granted_to_an_inactive_member_or_organisation(
    beheerder, zorg, maak_ongeschikt
):
    maak_ongeschikt(zorg)
    with pytest.raises(ValidationError):
        gebruiker_organisatiebeheerder_change(
            ctx=AuditContext.system(beheerder), gebruiker=zorg, is_organisatiebeheerder=True
        )
    zorg.refresh_from_db()
    assert not zorg.is_organisatiebeheerder


def test_an_anonymous_user_keeps_no_offers(zorgbeheerder, opvang):
    anoniem = AnonymousUser()
    assert not may_edit_aanbod(anoniem, zorgbeheerder.organisatie)
    assert not aanbod_beheerbaar(Aanbod.objects.all(), user=anoniem).exists()


def test_no_organisation_no_offers_to_keep(zorgbeheerder):
    assert not may_edit_aanbod(zorgbeheerder, None)


def test_a_role_left_on_an_account_without_case_work_keeps_no_offers(zorgbeheerder, opvang):
    """The role is only granted in an organisation that offers help; should an
    organisation become one that does not (the project group), the role left on
    its accounts gives nothing."""
    zorgbeheerder.organisatie.discipline = Discipline.PROJECTGROEP
    zorgbeheerder.organisatie.save(update_fields=["discipline"])
    assert not may_edit_aanbod(zorgbeheerder, zorgbeheerder.organisatie)
    with pytest.raises(PermissionDenied):
        services.aanbod_update(
            ctx=AuditContext.system(zorgbeheerder), aanbod=opvang, data={"titel": "Gewijzigd"}
        )


def test_an_offer_is_judged_by_its_stored_organisation(zorgbeheerder, anderebeheerder, opvang):
    """A stale or forged offer object naming the editor's organisation changes
    nothing of another organisation's offer: the service judges the row it locks."""
    vreemd = Aanbod.objects.get(pk=opvang.pk)
    vreemd.organisatie = anderebeheerder.organisatie
    with pytest.raises(PermissionDenied):
        services.aanbod_update(
            ctx=AuditContext.system(anderebeheerder), aanbod=vreemd, data={"titel": "Gekaapt"}
        )
    opvang.refresh_from_db()
    assert opvang.titel == "Opvanghuis De Haven"


# Referrals ----------------------------------------------------------------------


def test_no_referral_from_a_closed_case(coordinator, casus, zorg):
    casus_sluiten(
        ctx=AuditContext.system(coordinator), casus=casus, reden=Sluitreden.ADVIES_OPGEVOLGD
    )
    with pytest.raises(PermissionDenied):
        services.doorverwijzing_voorstellen(
            ctx=AuditContext.system(coordinator),
            casus=casus,
            organisatie=zorg.organisatie,
            motivatie="Te laat.",
        )
    assert not Doorverwijzing.objects.exists()


@pytest.mark.parametrize("maak_ongeschikt", [_deactiveer, _organisatie_inactief])
def test_an_inactive_member_or_organisation_does_not_answer(
    client, verwijzing, zorg, casus, maak_ongeschikt
):
    maak_ongeschikt(zorg)
    with pytest.raises(PermissionDenied):
        _beantwoord(zorg, verwijzing)
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.VOORGESTELD
    assert not Deelname.objects.filter(casus=casus, organisatie=zorg.organisatie).exists()


@pytest.mark.parametrize("maak_ongeschikt", [_deactiveer, _organisatie_inactief])
def test_an_inactive_member_or_organisation_sees_no_referral(verwijzing, zorg, maak_ongeschikt):
    maak_ongeschikt(zorg)
    alle = Doorverwijzing.objects.all()
    assert not ontvangen_doorverwijzingen(alle, user=zorg).exists()
    assert not doorverwijzingen_for_user(alle, user=zorg).exists()
    assert doorverwijzing_taken(user=zorg) == []


def test_a_member_of_an_inactive_organisation_gets_404_on_the_referral(client, verwijzing, zorg):
    client.force_login(zorg)
    url = reverse("wegwijzer:doorverwijzing", args=[verwijzing.public_id])
    assert client.get(url).status_code == 200
    _organisatie_inactief(zorg)
    assert client.get(url).status_code in (403, 404)


def test_an_answered_referral_is_not_answered_again(verwijzing, zorg):
    _beantwoord(zorg, verwijzing, akkoord=False)
    with pytest.raises(PermissionDenied):
        _beantwoord(zorg, verwijzing, akkoord=True)
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.AFGEWEZEN
    assert not Deelname.objects.filter(organisatie=zorg.organisatie).exists()


def test_an_answered_referral_is_not_withdrawn(coordinator, verwijzing, zorg):
    _beantwoord(zorg, verwijzing, akkoord=True)
    with pytest.raises(PermissionDenied):
        services.doorverwijzing_intrekken(
            ctx=AuditContext.system(coordinator), verwijzing=verwijzing
        )
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.AANVAARD


def test_only_the_receiving_org_declines(verwijzing, politie, buitenstaander, coordinator):
    """Declining shares nothing, yet it ends the referral: no one else may."""
    for user in (politie, buitenstaander, coordinator):
        with pytest.raises(PermissionDenied):
            _beantwoord(user, verwijzing, akkoord=False)
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.VOORGESTELD
    assert verwijzing.reden == ""
