"""The identification process driven end to end through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.status import PROCESS, STATUS

from advies.models import Advies, ImmutableError
from advies.services import advies_draft, advies_review
from casusoverleg import services as core_services
from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Casus, Deelname
from identificatie import selectors, services
from identificatie.flows import IdentificatieFlow
from identificatie.models import Beoordeling, Taak
from tests.factories import UserFactory

TODAY = timezone.localdate()


def ctx(user):
    return AuditContext.system(user)


def open_taak(proces, node, organisatie=None):
    qs = Taak.objects.filter(
        proces=proces, task__flow_task=node, task__status__in=[STATUS.NEW, STATUS.ASSIGNED]
    )
    if organisatie is not None:
        qs = qs.filter(organisatie=organisatie)
    return qs.select_related("task", "casus", "proces", "organisatie").get()


BEOORDELING = {
    "oordeel": "duidelijk",
    "feiten": "Werkt 80 uur per week.",
    "professioneel_oordeel": "Uitbuiting.",
    "onderbouwing": "ILO-indicatoren.",
    "strafzaak": "nee",
}


def beoordeel(user, proces, **data):
    taak = open_taak(proces, IdentificatieFlow.beoordelen, user.organisatie)
    services.taak_claim(ctx=ctx(user), taak=taak)
    return services.beoordeling_save(
        ctx=ctx(user), taak=taak, data={**BEOORDELING, **data}, indicatoren=[]
    )


ADVIES = {
    "doel": "Beslissing over verblijf",
    "geadresseerde": "ind",
    "vraag": "Is er slachtofferschap?",
    "moment_datum": TODAY,
    "moment_fase": "B8-aanvraag",
    "conclusie": "aannemelijk",
    "onderbouwing": "Alle disciplines zien aanwijzingen.",
    "aanbevelingen": "Opvang COSM.",
    "effect_strafzaak": "Geen.",
}


def draft(user, proces):
    """Offer the advice for review; the case is reported to CoMensha first, as the
    coordinator does before an advice can be adopted."""
    melding = services.melding_create(casus=proces.casus)
    if melding.status == "te_melden":
        services.melding_submit(ctx=ctx(user), melding=melding)
    taak = open_taak(proces, IdentificatieFlow.opstellen)
    services.taak_claim(ctx=ctx(user), taak=taak)
    from advies.services import standpunten_voorstel

    return advies_draft(
        ctx=ctx(user),
        taak=taak,
        data=ADVIES,
        standpunten=standpunten_voorstel(proces),
        indienen=True,
    )


def review(user, proces, akkoord, opmerkingen=""):
    taak = open_taak(proces, IdentificatieFlow.review)
    services.taak_claim(ctx=ctx(user), taak=taak)
    advies = proces.adviezen.get(status="in_review")
    return advies_review(
        ctx=ctx(user), taak=taak, advies=advies, akkoord=akkoord, opmerkingen=opmerkingen
    )


def zorgtafel(user, proces):
    taak = open_taak(proces, IdentificatieFlow.zorgtafel)
    services.taak_claim(ctx=ctx(user), taak=taak)
    services.zorgtafel_uitkomst_record(ctx=ctx(user), taak=taak, uitkomst="Advies: aannemelijk.")


def test_the_whole_flow_with_a_send_back(proces, casus, coordinator, coordinator2, politie, zorg):
    assert Taak.objects.filter(proces=proces).count() == 2
    beoordeel(politie, proces)
    proces.refresh_from_db()
    assert not proces.ronde_gesloten
    beoordeel(zorg, proces, oordeel="enige")
    proces.refresh_from_db()
    assert proces.ronde_gesloten

    zorgtafel(coordinator, proces)
    advies = draft(coordinator, proces)
    assert advies.status == "in_review" and advies.standpunten.count() == 2

    review(coordinator2, proces, akkoord=False, opmerkingen="Onderbouwing aanscherpen.")
    advies.refresh_from_db()
    assert advies.status == "concept" and advies.review_opmerkingen

    draft(coordinator, proces)
    review(coordinator2, proces, akkoord=True)
    advies.refresh_from_db()
    proces.refresh_from_db()
    casus.refresh_from_db()
    assert advies.status == "vastgesteld" and advies.vastgesteld_op
    assert proces.status == PROCESS.DONE
    assert casus.status == Casus.Status.ADVIES_GEGEVEN
    standpunt = advies.standpunten.get(organisatie=zorg.organisatie)
    assert standpunt.oordeel == "enige"

    advies.conclusie = "onvoldoende"
    with pytest.raises(ImmutableError):
        advies.save()
    with pytest.raises(ImmutableError):
        standpunt.save()


def test_the_drafter_cannot_review(proces, coordinator, coordinator2, politie, zorg):
    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    zorgtafel(coordinator2, proces)
    draft(coordinator2, proces)  # coordinator2 is a reviewer too
    taak = open_taak(proces, IdentificatieFlow.review)
    with pytest.raises(PermissionDenied):
        services.taak_claim(ctx=ctx(coordinator2), taak=taak)
    with pytest.raises(PermissionDenied):  # not a reviewer
        services.taak_claim(ctx=ctx(coordinator), taak=taak)
    advies = proces.adviezen.get()
    with pytest.raises(ValidationError):  # one review path: through the task
        advies_review(ctx=ctx(coordinator2), taak=None, advies=advies, akkoord=True, opmerkingen="")
    assert Advies.objects.get().status == "in_review"


def test_a_reviewer_who_wrote_the_draft_is_refused_when_a_colleague_submitted_it(
    proces, coordinator, coordinator2, politie, zorg
):
    """coordinator2 (a reviewer) writes the draft; coordinator submits it unchanged.
    Every editor is recorded, so coordinator2 still may not review it."""
    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    zorgtafel(coordinator, proces)
    taak = open_taak(proces, IdentificatieFlow.opstellen)
    services.taak_claim(ctx=ctx(coordinator2), taak=taak)
    from advies.services import standpunten_voorstel

    advies = advies_draft(
        ctx=ctx(coordinator2),
        taak=taak,
        data=ADVIES,
        standpunten=standpunten_voorstel(proces),
        indienen=False,
    )
    services.taak_release(ctx=ctx(coordinator2), taak=taak)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)
    advies_draft(
        ctx=ctx(coordinator),
        taak=taak,
        data=ADVIES,
        standpunten=standpunten_voorstel(proces),
        indienen=True,
    )
    advies.refresh_from_db()
    assert advies.opgesteld_door == coordinator2  # the author is not whoever saved last
    assert set(advies.bewerkers.all()) == {coordinator, coordinator2}

    review_taak = open_taak(proces, IdentificatieFlow.review)
    assert set(review_taak.bewerkers.all()) == {coordinator, coordinator2}
    assert "vier ogen" in services.proces.taak_refusal(coordinator2, review_taak)
    with pytest.raises(PermissionDenied):
        services.taak_claim(ctx=ctx(coordinator2), taak=review_taak)
    assert review_taak not in selectors.inbox(user=coordinator2)

    # Even if the task did not know its editors, the service checks the version's own.
    review_taak.bewerkers.clear()
    services.taak_claim(ctx=ctx(coordinator2), taak=review_taak)
    with pytest.raises(PermissionDenied):
        advies_review(
            ctx=ctx(coordinator2), taak=review_taak, advies=advies, akkoord=True, opmerkingen=""
        )
    advies.refresh_from_db()
    assert advies.status == "in_review" and advies.beoordeeld_door is None


def test_claim_release_and_reassign_go_through_the_flow(proces, coordinator, politie, zorg):
    collega = UserFactory(username="politie-collega", organisatie=politie.organisatie)
    taak = open_taak(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    with pytest.raises(ValidationError):  # nobody has it yet
        services.taak_release(ctx=ctx(politie), taak=taak)
    services.taak_claim(ctx=ctx(politie), taak=taak)
    assert taak.task.status == STATUS.ASSIGNED and taak.task.owner == politie
    with pytest.raises(ValidationError):  # only its owner gives it back
        services.taak_release(ctx=ctx(collega), taak=taak)
    with pytest.raises(ValidationError) as refused:  # not for zorg's organisation
        services.taak_reassign(ctx=ctx(politie), taak=taak, user=zorg)
    assert "aan" in refused.value.message_dict
    with pytest.raises(PermissionDenied):  # neither owner nor coordinator
        services.taak_reassign(ctx=ctx(collega), taak=taak, user=collega)
    services.taak_reassign(ctx=ctx(coordinator), taak=taak, user=collega)
    taak.task.refresh_from_db()
    assert taak.task.owner == collega and taak.task.status == STATUS.ASSIGNED
    services.taak_release(ctx=ctx(collega), taak=taak)
    taak.task.refresh_from_db()
    assert taak.task.owner is None and taak.task.status == STATUS.NEW
    handelingen = list(
        AuditEvent.objects.filter(object_type="taak", object_id=taak.public_id)
        .order_by("pk")
        .values_list("detail__handeling", flat=True)
    )
    assert handelingen[-3:] == ["oppakken", "overdragen", "teruggeven"]


def test_early_close_and_a_late_assessment(proces, coordinator, politie, zorg):
    beoordeel(politie, proces)
    with pytest.raises(ValidationError):
        services.ronde_close(ctx=ctx(coordinator), proces=proces, reden="")
    services.ronde_close(ctx=ctx(coordinator), proces=proces, reden="Zorgtafel is morgen.")
    proces.refresh_from_db()
    assert proces.ronde_gesloten and proces.ronde_vervroegd_reden == "Zorgtafel is morgen."
    assert open_taak(proces, IdentificatieFlow.zorgtafel)
    late = services.beoordeling_late_submit(
        ctx=ctx(zorg), proces=proces, data=BEOORDELING, indicatoren=[]
    )
    assert late.te_laat and late.ingediend
    assert Beoordeling.objects.filter(proces=proces, ingediend_op__isnull=False).count() == 2


def test_cancel_with_a_reason(proces, coordinator, politie):
    with pytest.raises(PermissionDenied):
        services.proces_cancel(ctx=ctx(politie), proces=proces, reden="x")
    services.proces_cancel(ctx=ctx(coordinator), proces=proces, reden="Persoon vertrokken.")
    proces.refresh_from_db()
    assert proces.status == PROCESS.CANCELED and proces.geannuleerd_reden
    assert not Taak.objects.filter(
        proces=proces, task__status__in=[STATUS.NEW, STATUS.ASSIGNED]
    ).exists()


def test_tasks_are_for_members_of_the_assigned_organisation_only(
    proces, politie, zorg, buitenstaander
):
    taak = open_taak(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    for user in (zorg, buitenstaander):
        assert services.proces.taak_refusal(user, taak)
        with pytest.raises(PermissionDenied):
            services.taak_claim(ctx=ctx(user), taak=taak)
    services.taak_claim(ctx=ctx(politie), taak=taak)
    with pytest.raises(ValidationError, match="al door iemand anders"):
        services.taak_claim(ctx=ctx(politie), taak=taak)


def test_only_participating_organisations_can_be_invited(casus, coordinator, buitenstaander):
    with pytest.raises(ValidationError):
        services.proces_start(
            ctx=ctx(coordinator),
            casus=casus,
            organisaties=[buitenstaander.organisatie],
            deadline=TODAY + datetime.timedelta(days=3),
        )


def test_the_meetings_decision_completes_the_conference_step(
    proces, casus, coordinator, politie, zorg
):
    from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, start
    from zorgtafel.services import besluit_record

    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    zorgtafel_ = plan(coordinator, [casus], dagen=0)
    bevestig(zorgtafel_, coordinator)
    start(zorgtafel_, coordinator)
    agendapunt = zorgtafel_.agendapunten.get(casus=casus)
    besluit_record(
        ctx=ctx(coordinator),
        agendapunt=agendapunt,
        besluit="Slachtofferschap aannemelijk; advies opstellen.",
        uitkomst="aanhouden",
    )
    assert open_taak(proces, IdentificatieFlow.zorgtafel)  # postponed: the step waits

    besluit_record(
        ctx=ctx(coordinator),
        agendapunt=agendapunt,
        besluit="Slachtofferschap aannemelijk; advies opstellen.",
        uitkomst="advies_opstellen",
    )
    proces.refresh_from_db()
    assert proces.zorgtafel_uitkomst == "Slachtofferschap aannemelijk; advies opstellen."
    assert open_taak(proces, IdentificatieFlow.opstellen)


def test_a_step_needs_the_role_its_node_names(proces, coordinator, politie, zorg):
    """The zorgtafel step's node asks for a coordinator: a colleague of the
    coordinating organisation without that role may not take it."""
    collega = UserFactory(username="gemeente-collega", organisatie=coordinator.organisatie)
    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    taak = open_taak(proces, IdentificatieFlow.zorgtafel)
    assert "casuscoördinator" in services.proces.taak_refusal(collega, taak)
    with pytest.raises(PermissionDenied):
        services.taak_claim(ctx=ctx(collega), taak=taak)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)


def test_a_step_needs_the_case_permission_its_node_names(proces, casus, coordinator, politie):
    """An organisation that no longer takes part in the case may not take its task."""
    taak = open_taak(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    deelname = Deelname.objects.get(casus=casus, organisatie=politie.organisatie)
    core_services.deelname_remove(ctx=ctx(coordinator), deelname=deelname)
    assert "niet (meer) deel" in services.proces.taak_refusal(politie, taak)
    with pytest.raises(PermissionDenied):
        services.taak_claim(ctx=ctx(politie), taak=taak)
