"""The meeting room shows, per agenda item, the submitted assessments of that
case's identification process to those who may read them; withheld information
only to the case's coordinator."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import STATUS

from casusoverleg.audit import AuditContext
from identificatie import services as identificatie_services
from identificatie.flows import IdentificatieFlow
from identificatie.models import Taak
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan

pytestmark = pytest.mark.usefixtures("indicatorlijst")

FEITEN = "Werkt tachtig uur per week zonder loon."
ACHTERGEHOUDEN = "Lopend onderzoek naar de werkgever."
CONCEPT_FEITEN = "Nog niet ingediende waarneming."


def _beoordeel(user, proces, **data):
    taak = Taak.objects.select_related("task", "casus", "proces", "organisatie").get(
        proces=proces,
        organisatie=user.organisatie,
        task__flow_task=IdentificatieFlow.beoordelen,
        task__status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )
    ctx = AuditContext.system(user)
    identificatie_services.taak_claim(ctx=ctx, taak=taak)
    return identificatie_services.beoordeling_save(
        ctx=ctx,
        taak=taak,
        data={
            "oordeel": "duidelijk",
            "feiten": FEITEN,
            "professioneel_oordeel": "Uitbuiting.",
            "onderbouwing": "ILO-indicatoren.",
            "strafzaak": "nee",
            **data,
        },
        indicatoren=[],
    )


@pytest.fixture
def kamer(coordinator, politie, zorg, advocaat):
    """A case of politie and zorg with a process; politie submitted with withheld
    information. A second case, of the lawyer only, on the same agenda."""
    casus = make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])
    proces = identificatie_services.proces_start(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisaties=[politie.organisatie, zorg.organisatie],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    _beoordeel(
        politie,
        proces,
        achtergehouden=ACHTERGEHOUDEN,
        achtergehouden_reden="Belang van het onderzoek.",
        achtergehouden_grondslag="Art. 16 Wpg",
    )
    ander = make_casus(coordinator, naam="Ander Persoon", advocaten=[advocaat])
    zorgtafel = plan(coordinator, [casus, ander])
    bevestig(zorgtafel, coordinator, politie, zorg, advocaat)
    return zorgtafel, casus, proces


def _room(client, user, zorgtafel):
    client.force_login(user)
    response = client.get(reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id]))
    assert response.status_code == 200
    return response.content.decode()


def test_coordinator_reads_submitted_assessments_with_withheld_information(
    client, kamer, coordinator
):
    zorgtafel, casus, _ = kamer
    html = _room(client, coordinator, zorgtafel)
    assert FEITEN in html
    assert ACHTERGEHOUDEN in html
    assert "1 ingediende beoordeling" in html


def test_participant_reads_others_assessments_only_once_the_round_is_closed(
    client, kamer, coordinator, zorg
):
    zorgtafel, casus, proces = kamer
    assert FEITEN not in _room(client, zorg, zorgtafel)
    identificatie_services.ronde_close(
        ctx=AuditContext.system(coordinator), proces=proces, reden="Overleg nadert."
    )
    html = _room(client, zorg, zorgtafel)
    assert FEITEN in html
    assert ACHTERGEHOUDEN not in html


def test_author_reads_their_own_but_never_its_withheld_part_in_the_room(client, kamer, politie):
    zorgtafel, *_ = kamer
    html = _room(client, politie, zorgtafel)
    assert FEITEN in html
    assert ACHTERGEHOUDEN not in html


def test_unsubmitted_assessments_are_not_shown(client, kamer, coordinator, zorg):
    zorgtafel, casus, proces = kamer
    # zorg's task is still open: nothing of it is in the room, even for the coordinator.
    html = _room(client, coordinator, zorgtafel)
    assert html.count('class="kader beoordeling"') == 1


def test_attendee_not_on_the_case_never_sees_its_assessments(client, kamer, advocaat):
    zorgtafel, casus, _ = kamer
    html = _room(client, advocaat, zorgtafel)
    assert FEITEN not in html
    assert f'data-beoordelingen="{zorgtafel.agendapunten.get(casus=casus).public_id}"' not in html
