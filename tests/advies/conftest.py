"""Driving the identification process to an advice, through the services, as
tests/identificatie/test_proces.py does: assessments, zorgtafel, draft, review."""

import datetime

import pytest
from django.utils import timezone
from viewflow.workflow.status import STATUS

from advies.services import advies_draft, advies_review, standpunten_voorstel
from casusoverleg.audit import AuditContext
from identificatie import services
from identificatie.flows import IdentificatieFlow
from identificatie.models import Taak
from tests.factories import make_casus

TODAY = timezone.localdate()

BEOORDELING = {
    "oordeel": "duidelijk",
    "feiten": "Werkt 80 uur per week.",
    "professioneel_oordeel": "Uitbuiting in de distributie.",
    "onderbouwing": "ILO-indicatoren.",
    "strafzaak": "nee",
}

ADVIES = {
    "doel": "Beslissing over verblijf op grond van de B8-regeling",
    "geadresseerde": "ind",
    "geadresseerde_toelichting": "Unit Mensenhandel",
    "vraag": "Zijn er aanwijzingen van slachtofferschap?",
    "moment_datum": TODAY,
    "moment_fase": "Bedenktijd",
    "conclusie": "aannemelijk",
    "onderbouwing": "Alle disciplines zien aanwijzingen van arbeidsuitbuiting.",
    "aanbevelingen": "Opvang in de categorale opvang.",
    "effect_strafzaak": "Geen nadelig effect verwacht.",
}


def ctx(user):
    return AuditContext.system(user)


def open_taak(proces, node, organisatie=None):
    qs = Taak.objects.filter(
        proces=proces, task__flow_task=node, task__status__in=[STATUS.NEW, STATUS.ASSIGNED]
    )
    if organisatie is not None:
        qs = qs.filter(organisatie=organisatie)
    return qs.select_related("task", "casus", "proces", "organisatie").get()


def beoordeel(user, proces, **data):
    taak = open_taak(proces, IdentificatieFlow.beoordelen, user.organisatie)
    services.taak_claim(ctx=ctx(user), taak=taak)
    return services.beoordeling_save(
        ctx=ctx(user), taak=taak, data={**BEOORDELING, **data}, indicatoren=[]
    )


def to_review(proces, coordinator, politie, zorg, advies=None, dissent=True):
    """Assessments, zorgtafel and a draft offered for review; returns the advice.
    The case is reported to CoMensha first: without that no advice is adopted."""
    melding_meld(proces.casus, coordinator)
    beoordeel(politie, proces, professioneel_oordeel="Standpunt van de politie.")
    beoordeel(zorg, proces, oordeel="enige", professioneel_oordeel="Standpunt van de zorg.")
    taak = open_taak(proces, IdentificatieFlow.zorgtafel)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)
    services.zorgtafel_uitkomst_record(
        ctx=ctx(coordinator), taak=taak, uitkomst="Advies: aannemelijk."
    )
    taak = open_taak(proces, IdentificatieFlow.opstellen)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)
    standpunten = standpunten_voorstel(proces)
    if dissent:
        for s in standpunten:
            if s["organisatie"] == zorg.organisatie:
                s["afwijkend"] = True
                s["toelichting_afwijking"] = "De zorg ziet minder aanwijzingen."
    return advies_draft(
        ctx=ctx(coordinator),
        taak=taak,
        data={**ADVIES, **(advies or {})},
        standpunten=standpunten,
        indienen=True,
    )


def melding_meld(casus, coordinator):
    """Submit the case's report to CoMensha (once), as adoption requires."""
    melding = services.melding_create(casus=casus)
    if melding.status == "te_melden":
        services.melding_submit(ctx=ctx(coordinator), melding=melding)


def review(reviewer, proces, akkoord=True, opmerkingen=""):
    taak = open_taak(proces, IdentificatieFlow.review)
    if taak.task.owner_id is None:  # a refused review leaves the task with its reviewer
        services.taak_claim(ctx=ctx(reviewer), taak=taak)
    return advies_review(
        ctx=ctx(reviewer),
        taak=taak,
        advies=proces.adviezen.get(status="in_review"),
        akkoord=akkoord,
        opmerkingen=opmerkingen,
    )


@pytest.fixture
def casus(coordinator, politie, zorg):
    return make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])


@pytest.fixture
def start(casus, coordinator, politie, zorg):
    def _start(aftekenen_vereist=False):
        return services.proces_start(
            ctx=ctx(coordinator),
            casus=casus,
            organisaties=[politie.organisatie, zorg.organisatie],
            deadline=TODAY + datetime.timedelta(days=14),
            aftekenen_vereist=aftekenen_vereist,
        )

    return _start


@pytest.fixture
def vastgesteld(start, coordinator, coordinator2, politie, zorg):
    """An adopted advice (with a dissenting view), its PDF stored at adoption."""
    proces = start()
    to_review(proces, coordinator, politie, zorg)
    return review(coordinator2, proces)
