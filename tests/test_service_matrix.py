"""Every service that changes case data, called as every demo role.

One row per (service, role): the roles the service allows must succeed and change
something; every other role must be refused the way the service refuses
(``PermissionDenied``, or ``ValidationError`` where the refusal is a rule of the
task rather than of access) and leave every table exactly as it was.

The world is one case coordinated by the municipality (``coordinator`` and
``coordinator2``), with police and care taking part, youth care as an observer
(view only), and ``advocaat`` as the person's own counsel. ``nidos``,
``advocaat2``, ``comensha`` and ``buitenstaander`` take part in nothing;
``beheerder`` and ``projectgroep`` never see cases.
"""

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from advies import services as advies_services
from casusoverleg import services as core
from casusoverleg.audit import AuditContext
from casusoverleg.models import Deelname
from identificatie import services as ident
from identificatie.flows import IdentificatieFlow
from identificatie.models import Beoordeling, IndicatorLijst, Taak
from tests.advies.conftest import ADVIES, BEOORDELING, beoordeel, open_taak, review, to_review
from tests.factories import UserFactory, make_casus, make_signaal
from tests.zorgtafel.zorgtafel_helpers import plan, start
from zorgtafel import services as zt
from zorgtafel.models import Zorgtafel

TODAY = timezone.localdate()

ROLES = (
    "coordinator",
    "coordinator2",
    "politie",
    "zorg",
    "jeugdzorg",
    "nidos",
    "advocaat",
    "advocaat2",
    "comensha",
    "projectgroep",
    "beheerder",
    "buitenstaander",
)
COORDINATORS = ("coordinator", "coordinator2")
CHAIR = ("coordinator",)
# Who may change the case: coordinating and participating organisations, the counsel.
CHANGE = (*COORDINATORS, "politie", "zorg", "advocaat")
# Who may hold case access at all (and so record a signal).
CASE_USERS = tuple(r for r in ROLES if r not in ("beheerder", "projectgroep"))
# Invited to a meeting on the case: every member of a participating organisation.
INVITED = (*CHANGE, "jeugdzorg")


def ctx(user):
    return AuditContext.system(user)


# The state each service is called in ---------------------------------------------


def _proces(w, **kwargs):
    return ident.proces_start(
        ctx=ctx(w.coordinator),
        casus=w.casus,
        organisaties=[w.politie.organisatie, w.zorg.organisatie],
        deadline=TODAY + datetime.timedelta(days=14),
        **kwargs,
    )


def _taak(proces, node, organisatie=None):
    return open_taak(proces, node, organisatie)


def _claimed_assessment(w):
    proces = _proces(w)
    taak = _taak(proces, IdentificatieFlow.beoordelen, w.politie.organisatie)
    ident.taak_claim(ctx=ctx(w.politie), taak=taak)
    return SimpleNamespace(proces=proces, taak=taak)


def _claimed_assessment_and_colleague(w):
    """Held by ``politie``, to be handed to a colleague of the same force (its owner or
    a coordinator of the case may hand it over)."""
    s = _claimed_assessment(w)
    s.collega = UserFactory(username="politie-collega", organisatie=w.politie.organisatie)
    return s


def _assessed(w):
    proces = _proces(w)
    return SimpleNamespace(proces=proces, beoordeling=beoordeel(w.politie, proces))


def _round_closed_with_assessment(w):
    s = _assessed(w)
    ident.ronde_close(ctx=ctx(w.coordinator), proces=s.proces, reden="Zorg reageert niet.")
    s.beoordeling = Beoordeling.objects.select_related("proces").get(pk=s.beoordeling.pk)
    return s


def _round_closed_with_needs(w):
    """Police's assessment naming needs, readable by every participant (round closed)."""
    proces = _proces(w)
    beoordeling = beoordeel(w.politie, proces, behoeften="Veilige opvang en medische zorg.")
    ident.ronde_close(ctx=ctx(w.coordinator), proces=proces, reden="Zorg reageert niet.")
    return SimpleNamespace(proces=proces, beoordeling=beoordeling)


def _round_closed_empty(w):
    proces = _proces(w)
    ident.ronde_close(ctx=ctx(w.coordinator), proces=proces, reden="Spoed.")
    return SimpleNamespace(proces=proces)


def _conference_claimed(w):
    proces = _proces(w)
    beoordeel(w.politie, proces)
    beoordeel(w.zorg, proces)
    taak = _taak(proces, IdentificatieFlow.zorgtafel)
    ident.taak_claim(ctx=ctx(w.coordinator), taak=taak)
    return SimpleNamespace(proces=proces, taak=taak)


def _drafting_claimed(w):
    s = _conference_claimed(w)
    ident.zorgtafel_uitkomst_record(ctx=ctx(w.coordinator), taak=s.taak, uitkomst="Aannemelijk.")
    taak = _taak(s.proces, IdentificatieFlow.opstellen)
    ident.taak_claim(ctx=ctx(w.coordinator), taak=taak)
    return SimpleNamespace(proces=s.proces, taak=taak)


def _in_review(w, aftekenen_vereist=False):
    proces = _proces(w, aftekenen_vereist=aftekenen_vereist)
    advies = to_review(proces, w.coordinator, w.politie, w.zorg)
    return SimpleNamespace(
        proces=proces, advies=advies, taak=_taak(proces, IdentificatieFlow.review)
    )


def _adopted(w):
    proces = _proces(w)
    to_review(proces, w.coordinator, w.politie, w.zorg)
    return SimpleNamespace(advies=review(w.coordinator2, proces))


def _sent(w):
    """An adopted advice the coordinator sent to the IND."""
    state = _adopted(w)
    advies_services.advies_verzending_record(
        ctx=ctx(w.coordinator),
        advies=state.advies,
        verzonden_op=TODAY,
        kanaal="post",
        geadresseerde="ind",
    )
    return state


def _correction_task(nieuw):
    """The open task of a correction (its own flow, advies.flows.CorrectieFlow)."""
    return Taak.objects.select_related("task", "casus").get(
        proces__correctieproces__advies=nieuw, task__status__in=["NEW", "ASSIGNED"]
    )


def _correction(w, indienen=False):
    """A correction drafted by ``coordinator`` (who asked for it and holds its
    drafting task); with ``indienen`` offered for review (the review task open)."""
    vastgesteld = _adopted(w).advies
    nieuw = advies_services.advies_correct(ctx=ctx(w.coordinator), advies=vastgesteld)
    if indienen:
        nieuw = advies_services.advies_update_correction(
            ctx=ctx(w.coordinator), taak=_correction_task(nieuw), data={}, indienen=True
        )
    return SimpleNamespace(advies=nieuw, taak=_correction_task(nieuw))


def _correction_review(w, s, u):
    """Take the correction's review task and send it back: the node's rule and the
    four eyes refuse anyone else (the drafter included) at the claim."""
    ident.taak_claim(ctx=ctx(u), taak=s.taak)
    advies_services.advies_review(
        ctx=ctx(u), taak=s.taak, advies=s.advies, akkoord=False, opmerkingen="Anders."
    )


def _meeting(w, *casussen):
    return SimpleNamespace(zorgtafel=plan(w.coordinator, list(casussen or [w.casus])))


def _two_items(w):
    return _meeting(w, w.casus, w.casus2)


def _running(w, *casussen):
    s = _meeting(w, *casussen)
    s.zorgtafel = start(s.zorgtafel, w.coordinator)
    s.punt = s.zorgtafel.agendapunten.order_by("volgorde").first()
    return s


def _running_two(w):
    s = _running(w, w.casus, w.casus2)
    s.tweede = s.zorgtafel.agendapunten.get(casus=w.casus2)
    return s


def _running_with_minute(w):
    s = _running(w)
    s.notule = zt.notule_add(ctx=ctx(w.coordinator), agendapunt=s.punt, tekst="Eerste versie.")
    return s


def _running_with_earlier_action(w):
    vorige = plan(w.coordinator, [w.casus], dagen=1)
    Zorgtafel.objects.filter(pk=vorige.pk).update(
        begint_op=timezone.now() - datetime.timedelta(days=30)
    )
    vorige = start(Zorgtafel.objects.get(pk=vorige.pk), w.coordinator)
    actiepunt = zt.actiepunt_add(
        ctx=ctx(w.coordinator),
        agendapunt=vorige.agendapunten.get(),
        omschrijving="Opvang regelen.",
        eigenaar=w.politie.organisatie,
        deadline=TODAY + datetime.timedelta(days=1),
    )
    zt.zorgtafel_close(ctx=ctx(w.coordinator), zorgtafel=vorige)
    s = _running(w)
    s.actiepunt = actiepunt
    return s


def _closed(w):
    s = _running(w)
    zt.zorgtafel_close(ctx=ctx(w.coordinator), zorgtafel=s.zorgtafel)
    s.punt.refresh_from_db()
    return s


def _signaal_of(owner):
    def setup(w, user):
        return SimpleNamespace(signaal=make_signaal(getattr(w, owner)))

    return setup


def _shared_signal_of_advocaat(w, user):
    signaal = make_signaal(w.advocaat)
    return SimpleNamespace(signaal=ident.signaal_share(ctx=ctx(w.advocaat), signaal=signaal))


def _own_signal(w, user):
    """The caller's own waiting signal; those who cannot record one try police's."""
    return SimpleNamespace(signaal=make_signaal(user if user.username in CASE_USERS else w.politie))


def _melding_van_politie(w):
    melding = ident.melding_create(casus=w.casus)
    melding.meldende_organisatie = w.politie.organisatie
    melding.save(update_fields=["meldende_organisatie"])
    return melding


# The matrix ---------------------------------------------------------------------------


@dataclass
class Service:
    name: str
    call: object  # (world, state, user) -> anything
    allowed: tuple
    setup: object = None  # (world) or (world, user) -> state
    refused_with: dict = field(default_factory=dict)  # role -> exception, PermissionDenied else
    setup_per_user: bool = False

    def refusal(self, role):
        return self.refused_with.get(role, PermissionDenied)


def _behoefte(w):
    return SimpleNamespace(
        behoefte=core.behoefte_add(
            ctx=ctx(w.coordinator),
            casus=w.casus,
            data={"type": "opvang", "eigenaar": w.zorg.organisatie, "status": "open"},
        )
    )


def _new_list(w):
    lijst = ident.indicatorlijst_copy(
        ctx=ctx(w.beheerder), bron=IndicatorLijst.objects.actueel(), versie="test-2"
    )
    return SimpleNamespace(lijst=lijst)


SERVICES = [
    # The case, its participants and needs -------------------------------------------
    Service(
        "casus_open",
        lambda w, s, u: core.casus_open(ctx=ctx(u), data={"naam": "Nieuw"}, vormen=["arbeid"]),
        COORDINATORS,
    ),
    Service(
        "casus_update",
        lambda w, s, u: core.casus_update(
            ctx=ctx(u), casus=w.casus, data={"naam": "Andere Naam"}, vormen=["seksueel"]
        ),
        COORDINATORS,
    ),
    Service(
        "casus_coordinator_change",
        lambda w, s, u: core.casus_coordinator_change(
            ctx=ctx(u), casus=w.casus, coordinator=w.coordinator2
        ),
        COORDINATORS,
    ),
    Service(
        "casus_sluiten",
        lambda w, s, u: core.casus_sluiten(
            ctx=ctx(u), casus=w.casus, reden="geen_slachtoffer", toelichting=""
        ),
        COORDINATORS,
    ),
    Service(
        "casus_heropenen",
        lambda w, s, u: core.casus_heropenen(ctx=ctx(u), casus=w.casus, reden="Nieuwe feiten."),
        COORDINATORS,  # coordinators of the coordinating organisation, which kept read access
        setup=lambda w: core.casus_sluiten(
            ctx=ctx(w.coordinator), casus=w.casus, reden="geen_slachtoffer"
        ),
    ),
    Service(
        "inzage_export",
        lambda w, s, u: core.inzage_export(ctx=ctx(u), casus=w.casus, formaat="json"),
        COORDINATORS,
    ),
    Service(
        "casus_minderjarigheid_update",
        lambda w, s, u: core.casus_minderjarigheid_update(
            ctx=ctx(u), casus=w.casus, data={"achttien_uitkomst": "volwassenenzorg"}
        ),
        COORDINATORS,
    ),
    Service(
        "deelname_add",
        lambda w, s, u: core.deelname_add(
            ctx=ctx(u), casus=w.casus, organisatie=w.nidos.organisatie
        ),
        COORDINATORS,
    ),
    Service(
        "deelname_remove",
        lambda w, s, u: core.deelname_remove(
            ctx=ctx(u), deelname=w.casus.deelnames.get(organisatie=w.jeugdzorg.organisatie)
        ),
        COORDINATORS,
    ),
    # The access review: functional management (no organisation administrator in
    # this world); an organisation's own administrators in
    # tests/casusoverleg/test_toegangsreview.py.
    Service(
        "toegang_intrekken",
        lambda w, s, u: core.toegang_intrekken(
            ctx=ctx(u), deelname=w.casus.deelnames.get(organisatie=w.jeugdzorg.organisatie)
        ),
        ("beheerder",),
    ),
    Service(
        "toegangsreview_vastleggen",
        lambda w, s, u: core.toegangsreview_vastleggen(
            ctx=ctx(u), organisatie=w.jeugdzorg.organisatie
        ),
        ("beheerder",),
    ),
    Service(
        "behoefte_add",
        lambda w, s, u: core.behoefte_add(
            ctx=ctx(u),
            casus=w.casus,
            data={"type": "medisch", "eigenaar": w.zorg.organisatie, "status": "open"},
        ),
        CHANGE,
    ),
    Service(
        "behoefte_update",
        lambda w, s, u: core.behoefte_update(
            ctx=ctx(u), behoefte=s.behoefte, data={"status": "geregeld"}
        ),
        CHANGE,
        setup=_behoefte,
    ),
    # Signals and the report to CoMensha --------------------------------------------
    Service(
        "indicatorlijst_copy",
        lambda w, s, u: ident.indicatorlijst_copy(
            ctx=ctx(u), bron=IndicatorLijst.objects.actueel(), versie="test-3"
        ),
        ("beheerder",),
    ),
    Service(
        "indicatorlijst_publish",
        lambda w, s, u: ident.indicatorlijst_publish(ctx=ctx(u), lijst=s.lijst),
        ("beheerder",),
        setup=_new_list,
    ),
    Service("signaal_record", lambda w, s, u: make_signaal(u), CASE_USERS),
    Service(
        "signaal_attach/own signal",
        lambda w, s, u: ident.signaal_attach(ctx=ctx(u), signaal=s.signaal, casus=w.casus),
        CHANGE,
        setup=_own_signal,
        setup_per_user=True,
        # Their own signal, but a case they may not change.
        refused_with={r: ValidationError for r in ("jeugdzorg", "nidos", "advocaat2", "comensha")}
        | {"buitenstaander": ValidationError},
    ),
    Service(
        "signaal_attach/police signal",
        lambda w, s, u: ident.signaal_attach(ctx=ctx(u), signaal=s.signaal, casus=w.casus),
        ("politie",),
        setup=_signaal_of("politie"),
        setup_per_user=True,
    ),
    Service(
        "casus_open_from_signaal",
        lambda w, s, u: ident.casus_open_from_signaal(
            ctx=ctx(u), signaal=s.signaal, coordinerende_organisatie=w.coordinator.organisatie
        ),
        ("politie",),
        setup=_signaal_of("politie"),
        setup_per_user=True,
    ),
    Service(
        "signaal_close",
        lambda w, s, u: ident.signaal_close(ctx=ctx(u), signaal=s.signaal, reden="Geen vervolg."),
        ("politie",),
        setup=_signaal_of("politie"),
        setup_per_user=True,
    ),
    Service(
        "signaal_share",
        lambda w, s, u: ident.signaal_share(ctx=ctx(u), signaal=s.signaal),
        # Only the lawyer who recorded it waives the privilege.
        ("advocaat",),
        setup=_signaal_of("advocaat"),
        setup_per_user=True,
    ),
    Service(
        "signaal_unshare",
        lambda w, s, u: ident.signaal_unshare(ctx=ctx(u), signaal=s.signaal),
        ("advocaat",),
        setup=_shared_signal_of_advocaat,
        setup_per_user=True,
    ),
    Service(
        "behoefte_overnemen",
        lambda w, s, u: ident.behoefte_overnemen(
            ctx=ctx(u), casus=w.casus, beoordeling=s.beoordeling
        ),
        CHANGE,
        setup=_round_closed_with_needs,
    ),
    # The report to CoMensha: submitted (or declined) by the coordinator or the
    # signalling organisation (here the police), registered by CoMensha alone.
    Service(
        "melding_submit",
        lambda w, s, u: ident.melding_submit(ctx=ctx(u), melding=s),
        (*COORDINATORS, "politie"),
        setup=lambda w: _melding_van_politie(w),
    ),
    Service(
        "melding_decline",
        lambda w, s, u: ident.melding_decline(
            ctx=ctx(u), melding=s, reden="geen_toestemming", toelichting="Geen grondslag."
        ),
        (*COORDINATORS, "politie"),
        setup=lambda w: _melding_van_politie(w),
    ),
    Service(
        "melding_register",
        lambda w, s, u: ident.melding_register(ctx=ctx(u), melding=s, registratienummer="CM-7"),
        ("comensha",),
        setup=lambda w: ident.melding_submit(
            ctx=ctx(w.coordinator), melding=_melding_van_politie(w)
        ),
    ),
    Service(
        "bedenktijd_start",
        lambda w, s, u: ident.bedenktijd_start(ctx=ctx(u), casus=w.casus, start=TODAY),
        CHANGE,
    ),
    Service(
        "bedenktijd_uitkomst",
        lambda w, s, u: ident.bedenktijd_uitkomst(
            ctx=ctx(u), casus=w.casus, uitkomst="geen_aangifte", op=TODAY
        ),
        CHANGE,
        setup=lambda w: ident.bedenktijd_start(ctx=ctx(w.coordinator), casus=w.casus, start=TODAY),
    ),
    Service(
        "casustaak_afronden",
        lambda w, s, u: core.casustaak_afronden(ctx=ctx(u), taak=s, toelichting="Vastgelegd."),
        ("politie",),  # the members of the task's organisation who may see the case
        setup=lambda w: core.casustaak_maken(
            casus=w.casus,
            soort="bedenktijd_uitkomst",
            organisatie=w.politie.organisatie,
            deadline=TODAY,
        ),
    ),
    # The identification process ----------------------------------------------------
    Service(
        "proces_start",
        lambda w, s, u: ident.proces_start(
            ctx=ctx(u),
            casus=w.casus,
            organisaties=[w.politie.organisatie],
            deadline=TODAY + datetime.timedelta(days=14),
        ),
        COORDINATORS,
    ),
    Service(
        "taak_claim",
        lambda w, s, u: ident.taak_claim(
            ctx=ctx(u), taak=_taak(s, IdentificatieFlow.beoordelen, w.politie.organisatie)
        ),
        ("politie",),
        setup=_proces,
    ),
    Service(
        "taak_release",
        lambda w, s, u: ident.taak_release(ctx=ctx(u), taak=s.taak),
        ("politie",),
        setup=_claimed_assessment,
        # Giving back is a rule of the task: only its holder can.
        refused_with={r: ValidationError for r in ROLES},
    ),
    Service(
        "taak_reassign",
        lambda w, s, u: ident.taak_reassign(ctx=ctx(u), taak=s.taak, user=s.collega),
        ("politie", *COORDINATORS),
        setup=_claimed_assessment_and_colleague,
    ),
    Service(
        "beoordeling_save",
        lambda w, s, u: ident.beoordeling_save(
            ctx=ctx(u), taak=s.taak, data=BEOORDELING, indicatoren=[]
        ),
        ("politie",),
        setup=_claimed_assessment,
    ),
    Service(
        "beoordeling_update",
        lambda w, s, u: ident.beoordeling_update(
            ctx=ctx(u),
            beoordeling=s.beoordeling,
            data={**BEOORDELING, "feiten": "Aangevuld."},
            indicatoren=[],
        ),
        ("politie",),
        setup=_assessed,
    ),
    Service(
        "ronde_close",
        lambda w, s, u: ident.ronde_close(ctx=ctx(u), proces=s, reden="Spoed."),
        COORDINATORS,
        setup=_proces,
    ),
    Service(
        "beoordeling_late_submit",
        lambda w, s, u: ident.beoordeling_late_submit(
            ctx=ctx(u), proces=s.proces, data=BEOORDELING, indicatoren=[]
        ),
        ("politie", "zorg"),
        setup=_round_closed_empty,
    ),
    Service(
        "beoordeling addendum_add",
        lambda w, s, u: ident.addendum_add(ctx=ctx(u), beoordeling=s.beoordeling, tekst="Later."),
        ("politie",),
        setup=_round_closed_with_assessment,
    ),
    Service(
        "zorgtafel_uitkomst_record",
        lambda w, s, u: ident.zorgtafel_uitkomst_record(
            ctx=ctx(u), taak=s.taak, uitkomst="Aannemelijk."
        ),
        ("coordinator",),
        setup=_conference_claimed,
        # May take the step, but the other coordinator holds it.
        refused_with={"coordinator2": ValidationError},
    ),
    Service(
        "deadline_verlengen",
        lambda w, s, u: ident.deadline_verlengen(
            ctx=ctx(u), proces=s, deadline=TODAY + datetime.timedelta(days=21)
        ),
        COORDINATORS,
        setup=_proces,
    ),
    Service(
        "proces_cancel",
        lambda w, s, u: ident.proces_cancel(ctx=ctx(u), proces=s, reden="Persoon vertrokken."),
        COORDINATORS,
        setup=_proces,
    ),
    # The advice ----------------------------------------------------------------------
    Service(
        "advies_draft",
        lambda w, s, u: advies_services.advies_draft(
            ctx=ctx(u),
            taak=s.taak,
            data=ADVIES,
            standpunten=advies_services.standpunten_voorstel(s.proces),
            indienen=False,
        ),
        ("coordinator",),
        setup=_drafting_claimed,
        refused_with={"coordinator2": ValidationError},
    ),
    Service(
        "advies_review/process",
        lambda w, s, u: (
            ident.taak_claim(ctx=ctx(u), taak=s.taak) if u == w.coordinator2 else None,
            advies_services.advies_review(
                ctx=ctx(u), taak=s.taak, advies=s.advies, akkoord=False, opmerkingen="Anders."
            ),
        ),
        ("coordinator2",),
        setup=_in_review,
    ),
    Service(
        "advies_review/correction",
        _correction_review,
        ("coordinator2",),
        setup=lambda w: _correction(w, indienen=True),
    ),
    Service(
        "advies_sign_off",
        lambda w, s, u: advies_services.advies_sign_off(
            ctx=ctx(u), advies=s.advies, oordeel="akkoord", toelichting=""
        ),
        ("politie", "zorg"),
        setup=lambda w: _in_review(w, aftekenen_vereist=True),
    ),
    Service(
        "advies_withdraw",
        lambda w, s, u: advies_services.advies_withdraw(
            ctx=ctx(u), advies=s.advies, reden="Nieuwe feiten."
        ),
        COORDINATORS,
        setup=_adopted,
    ),
    Service(
        "advies_correct",
        lambda w, s, u: advies_services.advies_correct(ctx=ctx(u), advies=s.advies),
        COORDINATORS,
        setup=_adopted,
    ),
    Service(
        "advies_verzending_record",
        lambda w, s, u: advies_services.advies_verzending_record(
            ctx=ctx(u), advies=s.advies, verzonden_op=TODAY, kanaal="post", geadresseerde="ind"
        ),
        COORDINATORS,
        setup=_adopted,
    ),
    Service(
        "advies_besluit_record",
        lambda w, s, u: advies_services.advies_besluit_record(
            ctx=ctx(u), advies=s.advies, geadresseerde="ind", besluit_op=TODAY, uitkomst="conform"
        ),
        COORDINATORS,
        setup=_sent,
    ),
    Service(
        "advies_update_correction",
        lambda w, s, u: advies_services.advies_update_correction(
            ctx=ctx(u), taak=s.taak, data={"aanbevelingen": "Gecorrigeerd."}, indienen=False
        ),
        CHAIR,
        setup=_correction,
        # May take the step, but the coordinator who asked for the correction holds it.
        refused_with={"coordinator2": ValidationError},
    ),
    # Meetings: planning and agenda ----------------------------------------------------
    Service(
        "zorgtafel_plan",
        lambda w, s, u: zt.zorgtafel_plan(
            ctx=ctx(u),
            data={
                "type": Zorgtafel.Type.IDENTIFICATIE,
                "begint_op": timezone.now().replace(microsecond=0) + datetime.timedelta(days=3),
                "duur_minuten": 60,
                "plaats": "Stadskantoor",
                "voorzitter": u,
            },
            casussen=[w.casus],
        ),
        COORDINATORS,
    ),
    Service(
        "zorgtafel_update",
        lambda w, s, u: zt.zorgtafel_update(
            ctx=ctx(u), zorgtafel=s.zorgtafel, data={"plaats": "Elders"}
        ),
        CHAIR,
        setup=_meeting,
    ),
    Service(
        "zorgtafel_cancel",
        lambda w, s, u: zt.zorgtafel_cancel(ctx=ctx(u), zorgtafel=s.zorgtafel),
        CHAIR,
        setup=_meeting,
    ),
    Service(
        "agendapunt_add",
        lambda w, s, u: zt.agendapunt_add(ctx=ctx(u), zorgtafel=s.zorgtafel, casus=w.casus2),
        CHAIR,
        setup=_meeting,
    ),
    Service(
        "agendapunt_remove",
        lambda w, s, u: zt.agendapunt_remove(
            ctx=ctx(u), agendapunt=s.zorgtafel.agendapunten.get(casus=w.casus2)
        ),
        CHAIR,
        setup=_two_items,
    ),
    Service(
        "agendapunt_move",
        lambda w, s, u: zt.agendapunt_move(
            ctx=ctx(u), agendapunt=s.zorgtafel.agendapunten.get(casus=w.casus2), omhoog=True
        ),
        CHAIR,
        setup=_two_items,
    ),
    Service(
        "agendapunt_gast_add",
        lambda w, s, u: zt.agendapunt_gast_add(
            ctx=ctx(u), agendapunt=s.zorgtafel.agendapunten.get(), user=w.nidos
        ),
        CHAIR,
        setup=_meeting,
    ),
    # Meetings: running them -------------------------------------------------------------
    Service(
        "vertrouwelijkheid_confirm",
        lambda w, s, u: zt.vertrouwelijkheid_confirm(ctx=ctx(u), zorgtafel=s.zorgtafel),
        INVITED,
        setup=_meeting,
    ),
    Service(
        "aanwezigheid_record",
        lambda w, s, u: zt.aanwezigheid_record(
            ctx=ctx(u),
            uitnodiging=s.zorgtafel.uitnodigingen.get(user=w.politie),
            aanwezigheid="aanwezig",
        ),
        CHAIR,
        setup=_meeting,
    ),
    Service(
        "zorgtafel_start",
        lambda w, s, u: zt.zorgtafel_start(ctx=ctx(u), zorgtafel=s.zorgtafel),
        CHAIR,
        setup=_meeting,
    ),
    Service(
        "huidig_agendapunt_set",
        lambda w, s, u: zt.huidig_agendapunt_set(ctx=ctx(u), agendapunt=s.tweede),
        CHAIR,
        setup=_running_two,
    ),
    Service(
        "notule_add",
        lambda w, s, u: zt.notule_add(ctx=ctx(u), agendapunt=s.punt, tekst="Besproken."),
        CHAIR,
        setup=_running,
    ),
    Service(
        "notule_update",
        lambda w, s, u: zt.notule_update(ctx=ctx(u), notule=s.notule, tekst="Gecorrigeerd."),
        CHAIR,
        setup=_running_with_minute,
    ),
    Service(
        "besluit_record",
        lambda w, s, u: zt.besluit_record(
            ctx=ctx(u), agendapunt=s.punt, besluit="Volgende keer.", uitkomst="aanhouden"
        ),
        CHAIR,
        setup=_running,
    ),
    Service(
        "actiepunt_add",
        lambda w, s, u: zt.actiepunt_add(
            ctx=ctx(u),
            agendapunt=s.punt,
            omschrijving="Opvang regelen.",
            eigenaar=w.politie.organisatie,
            deadline=TODAY + datetime.timedelta(days=7),
        ),
        CHAIR,
        setup=_running,
    ),
    Service(
        "actiepunt_review",
        lambda w, s, u: zt.actiepunt_review(
            ctx=ctx(u), actiepunt=s.actiepunt, agendapunt=s.punt, status="gedaan"
        ),
        CHAIR,
        setup=_running_with_earlier_action,
    ),
    Service(
        "actiepunt_update",
        lambda w, s, u: zt.actiepunt_update(
            ctx=ctx(u), actiepunt=s.actiepunt, status="gedaan", tekst="Geregeld."
        ),
        ("politie",),  # the owner's members who may see the case
        setup=_running_with_earlier_action,
    ),
    Service(
        "zorgtafel_close",
        lambda w, s, u: zt.zorgtafel_close(ctx=ctx(u), zorgtafel=s.zorgtafel),
        CHAIR,
        setup=_running,
    ),
    Service(
        "notulen addendum_add",
        lambda w, s, u: zt.addendum_add(ctx=ctx(u), agendapunt=s.punt, tekst="Datum was 3 mei."),
        CHAIR,
        setup=_closed,
    ),
]


def _params():
    for service in SERVICES:
        for role in ROLES:
            refusal = None if role in service.allowed else service.refusal(role)
            verdict = "allowed" if refusal is None else f"refused-{refusal.__name__}"
            yield pytest.param(service, role, refusal, id=f"{service.name}-{role}-{verdict}")


# Every row of every table the project writes, and the process engine's.
TRACKED = [
    m
    for m in apps.get_models()
    if m._meta.app_label in ("casusoverleg", "identificatie", "advies", "zorgtafel", "viewflow")
    or m._meta.label in ("guardian.UserObjectPermission", "guardian.GroupObjectPermission")
]


def _snapshot():
    return {m._meta.label: list(m._default_manager.order_by("pk").values()) for m in TRACKED}


def _changes(before, after):
    return sorted(label for label in before if before[label] != after[label])


@pytest.fixture
def world(
    indicatorlijst,
    coordinator,
    coordinator2,
    politie,
    zorg,
    jeugdzorg,
    nidos,
    advocaat,
    advocaat2,
    comensha,
    projectgroep,
    beheerder,
    buitenstaander,
):
    w = SimpleNamespace(**{role: value for role, value in locals().items() if role in ROLES})
    w.casus = make_casus(
        coordinator,
        deelnemers=[
            politie.organisatie,
            zorg.organisatie,
            (jeugdzorg.organisatie, Deelname.Rol.WAARNEMER),
        ],
        advocaten=[advocaat],
        geboortedatum=datetime.date(1995, 5, 1),
    )
    w.casus2 = make_casus(coordinator, naam="Tweede Persoon", deelnemers=[politie.organisatie])
    return w


@pytest.mark.parametrize(("service", "role", "refusal"), list(_params()))
def test_service_as_role(world, service, role, refusal):
    user = getattr(world, role)
    state = None
    if service.setup is not None:
        state = service.setup(world, user) if service.setup_per_user else service.setup(world)
    before = _snapshot()
    if refusal is None:
        service.call(world, state, user)
        assert _changes(before, _snapshot()), "an allowed call changed nothing"
        return
    with pytest.raises(refusal):
        service.call(world, state, user)
    assert _changes(before, _snapshot()) == [], "a refused call changed data"


def test_the_matrix_covers_every_service_that_writes():
    """A new service in an app's ``__all__`` must get a row here (or be named as
    not changing case data)."""
    not_writes = {
        "BEHOEFTE_FIELDS",
        "CASUS_FIELDS",
        "EXPORT_FIELDS",
        "SIGNAAL_FIELDS",
        "WETTELIJKE_MELDERS",
        "ZORGTAFEL_FIELDS",
        # Helpers and reads, called only from the services above.
        "casus_nummer_next",
        "casus_create",
        "melding_export_row",
        "melding_create",
        "melding_bij_casus_geopend",
        "melding_indieners",
        "MELDING_TERMIJN",
        "melding_adoption_refusal",
        "comensha_medewerkers",
        "registratienummer_normalise",
        "REGISTRATIENUMMER",
        "melding_prefill",
        "advies_for_taak",
        "wijziging_record",
        "signaal_errors",
        "taak_check_owner",
        "taak_complete",
        "genodigden",
        "voorzitter_dubbel_geboekt",
        "zorgtafel_ics",
        "zorgtafel_url",
        # Same person, several records: a helper of the case services (keys derived
        # from the case's own data), and the link request between two cases, whose
        # refused roles (not the newer case's coordinator; not the older case's) are
        # tested in tests/casusoverleg/test_dubbele_personen.py. TODO(main): rows here.
        "persoonssleutels_bijwerken",
        "koppelverzoek_send",
        "koppelverzoek_answer",
        # User accounts, not case data: each refused role is tested through the admin
        # and the services in tests/casusoverleg/test_beheer.py.
        "gebruiker_create",
        "gebruiker_organisatie_change",
        "gebruiker_rollen_change",
        "wachtwoordreset_confirm",
        # The organisation-administrator role (the wegwijzer's offers, no case access):
        # each refused role in tests/wegwijzer/test_organisatiebeheerder.py.
        "gebruiker_organisatiebeheerder_change",
        "wachtwoordreset_request",
        # A user's own password and lockouts: tests/casusoverleg/test_wachtwoord.py.
        "TeVeelAanvragen",
        "geblokkeerd_record",
        "wachtwoord_change",
        "wachtwoordherstel_complete",
        "wachtwoordherstel_request",
        # A user's own language: tests/casusoverleg/test_taal.py.
        "gebruiker_taal_change",
        # Second factors, not case data: each refusal is tested in tests/casusoverleg/test_mfa.py.
        "herstelcodes_regenerate",
        "mfa_apparaat_remove",
        "mfa_reset",
        "mfa_verify",
        "totp_confirm",
        "totp_enrol_begin",
        # A user's own drafts: only their author reads them, and only while the author
        # may still see the case (tests/casusoverleg/test_concepten.py and the forms'
        # test_concepten_web.py in each app).
        "concept_ophalen",
        "concept_opslaan",
        "concept_verwijderen",
        "concepten_ophalen",
        "concepten_opruimen",
        # A user's own notifications: made after the commit of the services above for
        # those the access module admits, read and marked only by their recipient
        # (tests/casusoverleg/test_meldingen.py, tests/test_meldingen_alle_soorten.py).
        "melding_mail",
        "melding_read",
        "melding_send",
        "meldingen_all_read",
        "meldingen_digest",
        "meldingvoorkeuren_change",
        "organisatie_leden",
        # The CoMensha CSV's headers and rows: reads, for the export view.
        "EXPORT_KOPPEN",
        "melding_csv_row",
        # A predicate the hand-over page asks (taak_reassign's own check, a read):
        # tests/identificatie/test_taak_openen_overdragen.py.
        "taak_may_hand_over",
        # Run by the services above, as the person they act for.
        "deelname_end",
        "casus_uitnodigingen_sync",
        "gebruiker_uitnodigingen_sync",
        "zorgtafelstap_complete",
        # Terms and tasks on a case: started, moved and ended by the services above and
        # by `manage.py herinneringen` (tests/casusoverleg/test_termijnen.py); reads.
        "casus_coordinatoren",
        "casustaak_maken",
        "casustaken_gedaan",
        "casustaken_vervallen",
        "termijn_afronden",
        "termijn_zetten",
        "termijnen_annuleren",
        "termijnen_bijwerken",
        "bedenktijd_lopend",
        # Closing a case: the reason's fixed text and the overviews of open work are
        # reads; the handlers are run by casus_sluiten (tests/casusoverleg/test_sluiten.py).
        "sluitreden_tekst",
        "casuswerk_overzicht",
        "open_processtaken_overzicht",
        "casuswerk_annuleren",
        "processen_annuleren_bij_sluiten",
        # Minors: the fields, reads and what follows a case's change (called from the
        # services above through casus_changed/deelnames_changed, and from the
        # turning-18 term): tests/casusoverleg/test_minderjarigen.py.
        "MINDERJARIGHEID_FIELDS",
        "achttien_herinnering",
        "achttien_verlopen",
        "afbakening_organisatie",
        "minderjarige_bijwerken",
        "nidos_neemt_deel",
        # The assessment deadline's expiry: run by the system (manage.py herinneringen),
        # for no user; reads of who has not submitted and of the setting
        # (tests/identificatie/test_beoordelingsdeadline.py).
        "beoordelingsdeadline_verlopen",
        "bij_verlopen_instelling",
        "ontbrekende_organisaties",
        "ronde_escaleren",
        "ronde_sluiten_na_deadline",
    }
    covered = {s.name.split("/")[0].split(" ")[-1] for s in SERVICES}
    names = {*core.__all__, *ident.__all__, *zt.__all__}
    names |= {
        n
        for n in vars(advies_services)
        if n.startswith("advies_") and callable(getattr(advies_services, n))
    }
    assert names - not_writes - covered == set()
