"""The case as the hub: its page lists the case's meetings, decisions and actions
and a timeline of what happened, as the reader may see it, in a number of queries
that does not grow with the case's history; a coordinator plans a meeting from it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casusoverleg import services as core_services
from casusoverleg.audit import AuditContext
from casusoverleg.models import Deelname
from identificatie.services import melding_create, melding_submit, signaal_attach
from tests.factories import make_casus, make_signaal
from tests.zorgtafel.zorgtafel_helpers import plan, start
from zorgtafel import services as zorgtafel_services

pytestmark = pytest.mark.usefixtures("indicatorlijst")

TODAY = timezone.localdate()
BESLUIT = "Opvang regelen bij de categorale opvang."
ACTIE = "Intake bij de opvang plannen."


def _vergadering(coordinator, casus, *, dagen=7, eigenaar, sluiten=True):
    """A meeting on ``casus`` that decided and agreed one action, then closed."""
    zorgtafel = start(plan(coordinator, [casus], dagen=dagen), coordinator)
    punt = zorgtafel.agendapunten.get()
    ctx = AuditContext.system(coordinator)
    zorgtafel_services.besluit_record(ctx=ctx, agendapunt=punt, besluit=BESLUIT, uitkomst="vervolg")
    zorgtafel_services.actiepunt_add(
        ctx=ctx,
        agendapunt=punt,
        omschrijving=ACTIE,
        eigenaar=eigenaar,
        deadline=TODAY + datetime.timedelta(days=14),
    )
    if sluiten:
        zorgtafel_services.zorgtafel_close(ctx=ctx, zorgtafel=zorgtafel)
    return zorgtafel


@pytest.fixture
def hub(coordinator, politie, zorg):
    """A case of politie and zorg: a signal, the report to CoMensha, one closed meeting."""
    casus = make_casus(
        coordinator,
        naam="Marta Voorbeeldnaam",
        deelnemers=[politie.organisatie, zorg.organisatie],
    )
    signaal = make_signaal(politie)
    signaal_attach(ctx=AuditContext.system(politie), signaal=signaal, casus=casus)
    melding_submit(ctx=AuditContext.system(coordinator), melding=melding_create(casus=casus))
    zorgtafel = _vergadering(coordinator, casus, eigenaar=politie.organisatie)
    return casus, zorgtafel


def _get(client, user, name, casus):
    client.force_login(user)
    return client.get(reverse(f"casusoverleg:{name}", args=[casus.public_id]))


def test_case_page_lists_its_meetings_decisions_and_actions(client, hub, politie):
    casus, zorgtafel = hub
    response = _get(client, politie, "casus-detail", casus)
    html = response.content.decode()
    assert reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id]) in html
    assert BESLUIT in html
    assert "Vervolgafspraken gemaakt" in html
    assert ACTIE in html
    assert "Politie Voorbeeld" in html


def test_a_meeting_is_linked_only_for_readers_who_may_open_it(client, hub, coordinator, jeugdzorg):
    casus, zorgtafel = hub
    # Added after the meeting closed: the case is theirs, the meeting was never.
    core_services.deelname_add(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisatie=jeugdzorg.organisatie,
        rol=Deelname.Rol.DEELNEMER,
    )
    html = _get(client, jeugdzorg, "casus-detail", casus).content.decode()
    assert BESLUIT in html
    assert reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id]) not in html


def test_timeline_names_everything_that_happened(client, hub, politie, coordinator, zorg):
    casus, _ = hub
    deelname = casus.deelnames.get(organisatie=zorg.organisatie)
    core_services.deelname_remove(ctx=AuditContext.system(coordinator), deelname=deelname)
    response = _get(client, politie, "tijdlijn", casus)
    assert response.status_code == 200
    wat = [g.wat for g in response.context["page"].object_list]
    for verwacht in (
        "Casus geopend",
        "Deelnemer toegevoegd: Politie Voorbeeld, deelnemer",
        "Deelname beëindigd: Zorgcentrum De Vuurtoren",
        "Signaal vastgelegd",
        "Ingediend bij CoMensha",
        "Besproken in overleg: Identificatie-advies",
        "Besluit vastgelegd: Vervolgafspraken gemaakt",
    ):
        assert verwacht in wat, verwacht
    assert any(w.startswith("Actiepunt afgesproken voor Politie Voorbeeld") for w in wat)
    moments = [g.moment for g in response.context["page"].object_list]
    assert moments == sorted(moments, reverse=True)


def test_timeline_holds_no_person_data_and_no_written_content(client, hub, politie):
    casus, _ = hub
    html = _get(client, politie, "tijdlijn", casus).content.decode()
    assert casus.naam not in html
    assert BESLUIT not in html
    assert ACTIE not in html


def test_case_page_shows_the_latest_entries_and_links_to_the_whole_timeline(
    client, hub, coordinator, politie
):
    casus, _ = hub
    _vergadering(coordinator, casus, dagen=8, eigenaar=politie.organisatie, sluiten=False)
    response = _get(client, politie, "casus-detail", casus)
    assert len(response.context["tijdlijn"]) == 10
    assert response.context["tijdlijn_meer"]
    assert reverse("casusoverleg:tijdlijn", args=[casus.public_id]) in response.content.decode()


def test_outsider_gets_404_on_the_timeline(client, hub, buitenstaander):
    casus, _ = hub
    assert _get(client, buitenstaander, "tijdlijn", casus).status_code == 404


def test_only_who_may_plan_meetings_sees_the_plan_button(
    client, hub, coordinator, coordinator2, politie
):
    casus, _ = hub
    knop = f"{reverse('zorgtafel:zorgtafel-create')}?casus={casus.public_id}"
    assert knop in _get(client, coordinator, "casus-detail", casus).content.decode()
    assert knop in _get(client, coordinator2, "casus-detail", casus).content.decode()
    assert knop not in _get(client, politie, "casus-detail", casus).content.decode()


def _page_queries(client, user, casus) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_case_page_query_count_does_not_grow_with_meetings_actions_and_events(
    client, coordinator, politie
):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])

    def add(n, start_dag):
        for i in range(n):
            _vergadering(
                coordinator,
                casus,
                dagen=start_dag + i,
                eigenaar=politie.organisatie,
                sluiten=i % 2 == 0,
            )
            signaal = make_signaal(politie)
            signaal_attach(ctx=AuditContext.system(politie), signaal=signaal, casus=casus)

    add(1, 1)
    one = _page_queries(client, politie, casus)
    add(19, 2)
    many = _page_queries(client, politie, casus)
    assert one == many
