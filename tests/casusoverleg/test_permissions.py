"""The access module, rule by rule: for each rule someone it allows and someone it
refuses, so that deleting or inverting any condition in casusoverleg.permissions
fails a test here."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.utils import timezone

from advies.models import Advies
from casusoverleg.audit import AuditContext
from casusoverleg.models import Deelname, Discipline, Organisatie, User
from casusoverleg.permissions import (
    AUDIT,
    CHANGE,
    COORDINATE,
    INZAGE,
    VIEW,
    account_change_refusal,
    beoordelingen_for_user,
    casussen_for_user,
    coordinerende_organisaties,
    deelname_advocaten,
    deelname_organisaties,
    deelname_refusal,
    may_access_cases,
    may_act_on_item,
    may_administer_users,
    may_chair,
    may_confirm_confidentiality,
    may_coordinate,
    may_coordinate_as,
    may_coordinate_cases,
    may_enter_room,
    may_handle_signaal,
    may_lead,
    may_plan_meetings,
    may_read_advies,
    may_read_meldingen,
    may_record_signals,
    may_review,
    may_see_withheld,
    may_share_signaal,
    meldingen_for_user,
    perms_for,
    signalen_for_user,
    taken_for_user,
    taken_zonder_eigen_werk,
    user_can,
    voorzitters_for_user,
    zichtbare_casus_ids,
    zorgtafel_lezers,
    zorgtafels_for_user,
)
from casusoverleg.services import deelname_add, deelname_remove
from identificatie import services as identificatie_services
from identificatie.models import Beoordeling, Melding, Signaal, Taak
from tests.advies.conftest import beoordeel
from tests.factories import OrganisatieFactory, UserFactory, make_casus, make_signaal
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan
from zorgtafel.models import Uitnodiging, Zorgtafel


@pytest.fixture
def casus(coordinator, politie):
    return make_casus(
        coordinator, deelnemers=[(politie.organisatie, Deelname.Rol.WAARNEMER)], naam="Een"
    )


# Cases ------------------------------------------------------------------------------


def test_case_access_is_for_active_users_of_case_organisations_without_superuser_bypass(
    coordinator, projectgroep, beheerder
):
    assert may_access_cases(coordinator)
    assert not may_access_cases(projectgroep)
    assert not may_access_cases(beheerder)
    assert not may_access_cases(SimpleNamespace(is_authenticated=False))
    coordinator.is_active = False
    assert not may_access_cases(coordinator)
    coordinator.is_active = True
    coordinator.is_superuser = True
    assert not may_access_cases(coordinator)


def test_cases_for_user_follow_the_permission_held_by_person_or_organisation(
    casus, coordinator, politie, advocaat, buitenstaander
):
    deelname_add(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisatie=advocaat.organisatie,
        persoon=advocaat,
    )
    assert list(casussen_for_user(user=politie)) == [casus]  # via the organisation
    assert list(casussen_for_user(user=advocaat)) == [casus]  # personally
    assert not casussen_for_user(user=politie, perm=CHANGE).exists()
    assert not casussen_for_user(user=buitenstaander).exists()
    politie.is_superuser = True
    assert not casussen_for_user(user=politie).exists()


def test_user_can_answers_for_one_case(casus, coordinator, politie):
    assert user_can(politie, casus, VIEW)
    assert not user_can(politie, casus, COORDINATE)
    assert user_can(coordinator, casus, COORDINATE)


def test_perms_for_lists_every_permission_on_one_case(casus, coordinator, politie, buitenstaander):
    assert perms_for(coordinator, casus) == {VIEW, CHANGE, COORDINATE, AUDIT, INZAGE}
    assert perms_for(politie, casus) == {VIEW}
    assert perms_for(buitenstaander, casus) == set()
    coordinator.is_superuser = True
    assert perms_for(coordinator, casus) == set()


def test_only_coordinators_by_role_with_case_access_coordinate_cases(
    coordinator, politie, beheerder
):
    assert may_coordinate_cases(coordinator)
    assert not may_coordinate_cases(politie)
    beheerder.is_coordinator = True
    assert not may_coordinate_cases(beheerder)


def test_the_coordinator_of_a_case_has_the_role_and_the_coordinating_permission(
    casus, coordinator, coordinator2, gemeente
):
    anderen = UserFactory(organisatie=OrganisatieFactory(discipline=Discipline.GEMEENTE))
    anderen.is_coordinator = True
    collega = UserFactory(organisatie=gemeente)
    assert may_coordinate(coordinator, casus)
    assert may_coordinate(coordinator2, casus)  # a colleague coordinator
    assert not may_coordinate(collega, casus)  # the permission without the role
    assert not may_coordinate(anderen, casus)  # the role without the permission


def test_a_law_firm_never_coordinates_a_case(gemeente, advocaat, projectgroep):
    assert may_coordinate_as(gemeente)
    assert not may_coordinate_as(advocaat.organisatie)
    assert not may_coordinate_as(projectgroep.organisatie)


def test_the_choice_of_coordinating_organisations_follows_may_coordinate_as(
    gemeente, advocaat, projectgroep
):
    opgeheven = OrganisatieFactory(discipline=Discipline.GEMEENTE, actief=False)
    keuze = set(coordinerende_organisaties(Organisatie.objects.all()))
    assert gemeente in keuze
    assert not keuze & {advocaat.organisatie, projectgroep.organisatie, opgeheven}


def test_the_choice_of_participants_leaves_out_organisations_without_case_access(
    gemeente, advocaat, advocaat2, projectgroep, beheerder
):
    opgeheven = OrganisatieFactory(discipline=Discipline.GEMEENTE, actief=False)
    keuze = set(deelname_organisaties(Organisatie.objects.all()))
    assert {gemeente, advocaat.organisatie} <= keuze
    assert not keuze & {projectgroep.organisatie, beheerder.organisatie, opgeheven}
    advocaat2.is_active = False
    advocaat2.save(update_fields=["is_active"])
    assert set(deelname_advocaten(User.objects.all())) == {advocaat}


def test_a_lawyer_takes_part_personally_and_nobody_else_does(
    gemeente, advocaat, advocaat2, politie, projectgroep
):
    kantoor = advocaat.organisatie
    assert deelname_refusal(organisatie=kantoor, persoon=advocaat) is None
    assert deelname_refusal(organisatie=politie.organisatie) is None
    assert "organisatie" in deelname_refusal(organisatie=projectgroep.organisatie)
    assert "persoon" in deelname_refusal(organisatie=kantoor)  # the firm as a whole
    assert "persoon" in deelname_refusal(organisatie=kantoor, persoon=advocaat2)  # other firm
    assert "persoon" in deelname_refusal(organisatie=politie.organisatie, persoon=politie)
    advocaat.is_active = False
    assert "persoon" in deelname_refusal(organisatie=kantoor, persoon=advocaat)


def test_a_lawyer_sees_only_their_own_clients_cases(coordinator, advocaat):
    collega = UserFactory(organisatie=advocaat.organisatie)
    eigen = make_casus(coordinator, advocaten=[advocaat])
    make_casus(coordinator, advocaten=[collega])
    assert list(casussen_for_user(user=advocaat)) == [eigen]


# Meetings ---------------------------------------------------------------------------


@pytest.fixture
def zorgtafel(casus, coordinator):
    return plan(coordinator, [casus])


def test_meetings_for_user_are_those_they_are_invited_to_chair_or_organised(
    zorgtafel, coordinator, politie, buitenstaander, beheerder
):
    alle = Zorgtafel.objects.all()
    assert list(zorgtafels_for_user(alle, user=politie)) == [zorgtafel]
    assert not zorgtafels_for_user(alle, user=politie, voorzitter=True).exists()
    assert list(zorgtafels_for_user(alle, user=coordinator, voorzitter=True)) == [zorgtafel]
    assert not zorgtafels_for_user(alle, user=buitenstaander).exists()
    Uitnodiging.objects.filter(user=politie).update(actief=False)
    assert not zorgtafels_for_user(alle, user=politie).exists()
    Uitnodiging.objects.create(zorgtafel=zorgtafel, user=beheerder, actief=True)
    assert not zorgtafels_for_user(alle, user=beheerder).exists()


def test_chairs_and_planners_are_coordinators_by_role_with_case_access(
    coordinator, politie, beheerder
):
    beheerder.is_coordinator = True
    for rule in (may_chair, may_plan_meetings):
        assert rule(coordinator)
        assert not rule(politie)
        assert not rule(beheerder)


def test_the_chair_chooses_among_active_coordinators_of_their_own_organisation(
    coordinator, coordinator2, gemeente, politie
):
    UserFactory(organisatie=gemeente, is_coordinator=True, is_active=False)
    UserFactory(organisatie=gemeente)
    UserFactory(organisatie=politie.organisatie, is_coordinator=True)
    alle = User.objects.all()
    assert set(voorzitters_for_user(alle, user=coordinator)) == {coordinator, coordinator2}
    assert not voorzitters_for_user(alle, user=politie).exists()


def test_the_chair_or_organiser_leads_a_meeting(zorgtafel, coordinator, coordinator2, politie):
    assert may_lead(coordinator, zorgtafel)
    assert not may_lead(politie, zorgtafel)
    zorgtafel.voorzitter = coordinator2
    assert may_lead(coordinator2, zorgtafel)  # the chair
    assert may_lead(coordinator, zorgtafel)  # the organiser
    coordinator.is_active = False
    assert not may_lead(coordinator, zorgtafel)


def test_the_chair_acts_on_an_item_only_while_seeing_its_case(
    zorgtafel, casus, coordinator, coordinator2, politie
):
    punt = zorgtafel.agendapunten.get()
    assert may_act_on_item(coordinator, punt)
    assert not may_act_on_item(politie, punt)  # sees the case, does not lead
    zorgtafel.voorzitter = coordinator2
    zorgtafel.aangemaakt_door = coordinator2
    zorgtafel.save(update_fields=["voorzitter", "aangemaakt_door"])
    punt.refresh_from_db()
    vreemde_casus = make_casus(
        UserFactory(
            organisatie=OrganisatieFactory(discipline=Discipline.GEMEENTE), is_coordinator=True
        )
    )
    punt.casus = vreemde_casus
    assert not may_act_on_item(coordinator2, punt)


def test_the_statement_is_accepted_by_an_active_invitee_or_the_chair(
    zorgtafel, coordinator, politie, zorg
):
    uitnodiging = Uitnodiging.objects.get(zorgtafel=zorgtafel, user=politie)
    assert may_confirm_confidentiality(politie, zorgtafel, uitnodiging)
    uitnodiging.actief = False
    assert not may_confirm_confidentiality(politie, zorgtafel, uitnodiging)
    inactief = Uitnodiging(zorgtafel=zorgtafel, user=coordinator, actief=False)
    assert may_confirm_confidentiality(coordinator, zorgtafel, inactief)


def test_the_room_opens_only_after_the_confidentiality_statement(
    zorgtafel, coordinator, politie, buitenstaander
):
    assert not may_enter_room(politie, zorgtafel)
    bevestig(zorgtafel, politie)
    assert may_enter_room(politie, zorgtafel)
    assert not may_enter_room(buitenstaander, zorgtafel)
    politie.is_superuser = True
    assert not may_enter_room(politie, zorgtafel)


def test_live_readers_are_people_in_the_room_who_see_the_case(
    zorgtafel, casus, coordinator, politie, zorg
):
    deelname_add(ctx=AuditContext.system(coordinator), casus=casus, organisatie=zorg.organisatie)
    Uitnodiging.objects.filter(user=zorg).update(actief=False)
    lezers = zorgtafel_lezers(
        zorgtafel_queryset=Zorgtafel.objects.all(), zorgtafel_pk=zorgtafel.pk, casus_pk=casus.pk
    )
    assert lezers == sorted([coordinator.pk, politie.pk])
    politie.organisatie.actief = False
    politie.organisatie.save(update_fields=["actief"])
    lezers = zorgtafel_lezers(
        zorgtafel_queryset=Zorgtafel.objects.all(), zorgtafel_pk=zorgtafel.pk, casus_pk=casus.pk
    )
    assert lezers == [coordinator.pk]


def test_an_items_content_is_visible_only_to_case_participants(casus, coordinator, politie, zorg):
    ander = make_casus(coordinator)
    assert zichtbare_casus_ids(politie, [casus.pk, ander.pk]) == {casus.pk}
    assert zichtbare_casus_ids(zorg, [casus.pk, ander.pk]) == set()


# Signals and reports ---------------------------------------------------------------


def test_signals_follow_their_case_or_else_their_organisation(
    casus, coordinator, politie, zorg, indicatorlijst
):
    eigen = make_signaal(zorg)
    van_politie = make_signaal(politie)
    Signaal.objects.filter(pk=van_politie.pk).update(casus=casus)
    alle = Signaal.objects.all()
    assert set(signalen_for_user(alle, user=zorg)) == {eigen}
    assert set(signalen_for_user(alle, user=coordinator)) == {van_politie}
    assert set(signalen_for_user(alle, user=politie)) == {van_politie}
    assert not signalen_for_user(alle, user=politie, perm=CHANGE).exists()
    zorg.is_superuser = True
    assert not signalen_for_user(alle, user=zorg).exists()


def test_everyone_with_case_access_records_signals(politie, projectgroep):
    assert may_record_signals(politie)
    assert not may_record_signals(projectgroep)


def test_only_comensha_reads_the_reports_addressed_to_it(
    casus, coordinator, comensha, politie, gemeente
):
    assert may_read_meldingen(comensha)
    assert not may_read_meldingen(politie)
    comensha.is_superuser = True
    assert not may_read_meldingen(comensha)
    comensha.is_superuser = False
    # Every case opened gets its report, "te melden" (a draft CoMensha never sees).
    Melding.objects.filter(casus=casus).update(
        status=Melding.Status.INGEDIEND, gemeld_op=timezone.localdate(), gemeld_door=coordinator
    )
    make_casus(coordinator)
    alle = Melding.objects.all()
    assert alle.count() == 2
    assert list(meldingen_for_user(alle, user=comensha)) == [Melding.objects.get(casus=casus)]
    assert not meldingen_for_user(alle, user=politie).exists()


# Assessments and advice drafts ------------------------------------------------------


@pytest.fixture
def proces(casus, coordinator, politie, zorg):
    deelname_add(ctx=AuditContext.system(coordinator), casus=casus, organisatie=zorg.organisatie)
    return identificatie_services.proces_start(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisaties=[politie.organisatie, zorg.organisatie],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )


def test_assessments_are_seen_by_their_organisation_the_coordinator_and_all_after_the_round(
    proces, coordinator, politie, zorg
):
    van_politie = beoordeel(politie, proces)
    alle = Beoordeling.objects.filter(proces=proces)
    assert van_politie in beoordelingen_for_user(alle, user=politie, proces=proces)
    assert van_politie in beoordelingen_for_user(alle, user=coordinator, proces=proces)
    assert van_politie not in beoordelingen_for_user(alle, user=zorg, proces=proces)
    gesloten = SimpleNamespace(casus_id=proces.casus_id, ronde_gesloten=True)
    assert van_politie in beoordelingen_for_user(alle, user=zorg, proces=gesloten)
    Beoordeling.objects.filter(pk=van_politie.pk).update(ingediend_op=None)
    # Unsubmitted, it is its organisation's alone.
    assert van_politie in beoordelingen_for_user(alle, user=politie, proces=proces)
    assert van_politie not in beoordelingen_for_user(alle, user=coordinator, proces=proces)
    assert van_politie not in beoordelingen_for_user(alle, user=zorg, proces=gesloten)


def test_withheld_information_is_for_the_coordinator_of_the_case_only(
    proces, coordinator, gemeente, politie
):
    assert may_see_withheld(coordinator, proces)
    assert not may_see_withheld(politie, proces)
    assert not may_see_withheld(UserFactory(organisatie=gemeente), proces)
    # A coordinator by role whose organisation takes part, but does not coordinate.
    assert not may_see_withheld(
        UserFactory(organisatie=politie.organisatie, is_coordinator=True), proces
    )


def test_a_draft_advice_is_read_only_with_the_coordinating_permission(
    casus, coordinator, gemeente, politie
):
    concept = Advies(casus=casus, status=Advies.Status.CONCEPT)
    vastgesteld = Advies(casus=casus, status=Advies.Status.VASTGESTELD)
    assert may_read_advies(coordinator, concept)
    assert may_read_advies(UserFactory(organisatie=gemeente), concept)  # the permission
    assert not may_read_advies(politie, concept)
    assert may_read_advies(politie, vastgesteld)


def test_only_active_administrators_with_the_model_permission_administer_users(
    beheerder, beheerder2, politie, zorg
):
    assert may_administer_users(beheerder)
    assert not may_administer_users(politie)  # no staff
    politie.is_staff = True  # staff without the model permission
    assert not may_administer_users(politie)
    assert not may_administer_users(beheerder, "casusoverleg.delete_casus")
    # The model permission without staff status is not enough either.
    zorg.user_permissions.add(Permission.objects.get(codename="change_user"))
    zorg = User.objects.get(pk=zorg.pk)  # no cached permissions
    assert zorg.has_perm("casusoverleg.change_user") and not may_administer_users(zorg)
    assert not may_administer_users(AnonymousUser())
    beheerder2.is_active = False
    assert may_administer_users(beheerder2) is False


def test_administrators_change_neither_their_own_access_nor_a_superusers(
    beheerder, beheerder2, politie
):
    assert account_change_refusal(beheerder, politie) is None
    assert account_change_refusal(beheerder, beheerder)
    politie.is_superuser = True
    assert account_change_refusal(beheerder2, politie)


def test_four_eyes_nobody_who_edited_a_version_reviews_it(coordinator, coordinator2):
    assert may_review(coordinator2, bewerkers_ids=[coordinator.pk])
    assert not may_review(coordinator2, bewerkers_ids=[coordinator.pk, coordinator2.pk])
    assert may_review(coordinator2, bewerkers_ids=[])
    assert not may_review(AnonymousUser(), bewerkers_ids=[coordinator.pk])


def test_tasks_are_found_by_their_organisation_on_cases_it_takes_part_in(
    proces, politie, zorg, buitenstaander
):
    taken = Taak.objects.filter(proces=proces)
    assert set(taken_for_user(taken, user=politie)) == set(
        taken.filter(organisatie=politie.organisatie)
    )
    assert taken_for_user(taken, user=politie).exists()
    assert not taken_for_user(taken, user=buitenstaander).exists()
    deelname = Deelname.objects.get(casus=proces.casus, organisatie=zorg.organisatie)
    deelname_remove(ctx=AuditContext.system(proces.casus.coordinator), deelname=deelname)
    zorg = User.objects.get(pk=zorg.pk)
    assert not taken_for_user(taken, user=zorg).exists()  # no longer on the case


def test_an_open_task_is_not_offered_to_whoever_edited_its_work(proces, politie, zorg):
    taak = Taak.objects.filter(proces=proces, organisatie=politie.organisatie).get()
    taken = Taak.objects.filter(pk=taak.pk)
    assert taken_zonder_eigen_werk(taken, user=politie).exists()
    taak.bewerkers.add(politie)
    assert not taken_zonder_eigen_werk(taken, user=politie).exists()
    assert taken_zonder_eigen_werk(taken, user=zorg).exists()


@pytest.mark.django_db
def test_may_handle_signaal_allows_the_organisation_and_for_a_lawyer_only_the_recorder(
    advocaat, zorg, politie
):
    zorgsignaal = make_signaal(zorg)
    assert may_handle_signaal(zorg, zorgsignaal)
    assert may_handle_signaal(UserFactory(organisatie=zorg.organisatie), zorgsignaal)
    assert not may_handle_signaal(politie, zorgsignaal)  # another organisation
    zorg.is_active = False
    assert not may_handle_signaal(zorg, zorgsignaal)  # no case access at all

    signaal = make_signaal(advocaat)
    collega = UserFactory(organisatie=advocaat.organisatie)
    assert may_handle_signaal(advocaat, signaal)
    assert not may_handle_signaal(collega, signaal)
    signaal.gedeeld_op = timezone.now()
    assert may_handle_signaal(collega, signaal)
    assert not may_handle_signaal(politie, signaal)


@pytest.mark.django_db
def test_may_share_signaal_is_the_recording_lawyers_alone_while_it_waits(
    advocaat, zorg, coordinator
):
    signaal = make_signaal(advocaat)
    assert may_share_signaal(advocaat, signaal)
    assert not may_share_signaal(UserFactory(organisatie=advocaat.organisatie), signaal)
    assert not may_share_signaal(zorg, make_signaal(zorg))  # not a lawyer's signal
    # A lawyer of another firm, even if named as recorder, is refused on the firm.
    ander = UserFactory(organisatie=OrganisatieFactory(discipline=Discipline.ADVOCATUUR))
    vreemd = SimpleNamespace(
        casus_id=None, organisatie_id=advocaat.organisatie_id, gemeld_door_id=ander.pk
    )
    assert not may_share_signaal(ander, vreemd)
    # Attached to a case, the case's rules apply: nothing to share.
    signaal.casus_id = make_casus(coordinator).pk
    assert not may_share_signaal(advocaat, signaal)
    advocaat.is_active = False
    signaal.casus_id = None
    assert not may_share_signaal(advocaat, signaal)
