"""A meeting cannot close while an overdue open action of an earlier meeting on one
of its cases has not been reviewed in it (issue 13, point 3)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, start
from zorgtafel import services
from zorgtafel.models import Actiepunt, Zorgtafel

TODAY = timezone.localdate()


@pytest.fixture
def casussen(coordinator, politie, zorg):
    return (
        make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie]),
        make_casus(coordinator, deelnemers=[zorg.organisatie]),
    )


def _earlier_action(coordinator, casus, eigenaar, *, deadline):
    """An action agreed at an earlier meeting about ``casus``, closed since."""
    ctx = AuditContext.system(coordinator)
    vorige = plan(coordinator, [casus], dagen=1)
    Zorgtafel.objects.filter(pk=vorige.pk).update(
        begint_op=timezone.now() - datetime.timedelta(days=30)
    )
    vorige = start(Zorgtafel.objects.get(pk=vorige.pk), coordinator)
    actiepunt = services.actiepunt_add(
        ctx=ctx,
        agendapunt=vorige.agendapunten.get(),
        omschrijving="Opvang regelen.",
        eigenaar=eigenaar,
        deadline=TODAY + datetime.timedelta(days=1),
    )
    services.zorgtafel_close(ctx=ctx, zorgtafel=vorige)
    Actiepunt.objects.filter(pk=actiepunt.pk).update(deadline=deadline)
    actiepunt.refresh_from_db()
    return actiepunt


@pytest.fixture
def lopend(coordinator, casussen):
    return start(plan(coordinator, list(casussen)), coordinator)


def _close(coordinator, zorgtafel):
    return services.zorgtafel_close(ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel)


def test_an_unreviewed_overdue_action_keeps_the_meeting_open(
    lopend, coordinator, casussen, politie, zorg
):
    een = _earlier_action(
        coordinator, casussen[0], politie.organisatie, deadline=TODAY - datetime.timedelta(days=1)
    )
    twee = _earlier_action(
        coordinator, casussen[1], zorg.organisatie, deadline=TODAY - datetime.timedelta(days=5)
    )
    with pytest.raises(ValidationError) as error:
        _close(coordinator, lopend)
    message = " ".join(error.value.messages)
    assert "2 verlopen actiepunten" in message
    assert casussen[0].nummer in message and casussen[1].nummer in message
    lopend.refresh_from_db()
    assert lopend.status == "gestart"

    # Reviewed in this meeting (not done keeps it open, but it was reviewed): it closes.
    ctx = AuditContext.system(coordinator)
    services.actiepunt_review(
        ctx=ctx,
        actiepunt=een,
        agendapunt=lopend.agendapunten.get(casus=casussen[0]),
        status="niet_gedaan",
        reden="Geen plek.",
    )
    with pytest.raises(ValidationError) as error:
        _close(coordinator, lopend)
    assert "1 verlopen actiepunt " in " ".join(error.value.messages)
    assert casussen[0].nummer not in " ".join(error.value.messages)
    services.actiepunt_review(
        ctx=ctx,
        actiepunt=twee,
        agendapunt=lopend.agendapunten.get(casus=casussen[1]),
        status="gedaan",
    )
    assert _close(coordinator, lopend).status == "gesloten"


def test_actions_not_yet_overdue_or_finished_by_their_owner_do_not_block(
    lopend, coordinator, casussen, politie
):
    _earlier_action(coordinator, casussen[0], politie.organisatie, deadline=TODAY)
    klaar = _earlier_action(
        coordinator, casussen[0], politie.organisatie, deadline=TODAY - datetime.timedelta(days=3)
    )
    services.actiepunt_update(ctx=AuditContext.system(politie), actiepunt=klaar, status="gedaan")
    assert _close(coordinator, lopend).status == "gesloten"


def test_an_overdue_action_on_a_case_not_on_the_agenda_does_not_block(lopend, coordinator, politie):
    elders = make_casus(coordinator, deelnemers=[politie.organisatie])
    _earlier_action(
        coordinator, elders, politie.organisatie, deadline=TODAY - datetime.timedelta(days=3)
    )
    assert _close(coordinator, lopend).status == "gesloten"


def test_the_meeting_page_names_the_actions_to_review_and_refuses_to_close(
    client, lopend, coordinator, casussen, politie
):
    actiepunt = _earlier_action(
        coordinator, casussen[0], politie.organisatie, deadline=TODAY - datetime.timedelta(days=1)
    )
    bevestig(lopend, coordinator)
    client.force_login(coordinator)
    url = reverse("zorgtafel:zorgtafel-detail", args=[lopend.public_id])
    response = client.get(url)
    assert [a.pk for a in response.context["te_beoordelen"]] == [actiepunt.pk]
    html = response.content.decode()
    assert 'id="te-beoordelen"' in html and "beoordelen vóór sluiten" in html
    # The review form of that action is on its item.
    assert f"form-beoordeling-{actiepunt.public_id}" in html
    response = client.post(
        reverse("zorgtafel:zorgtafel-sluiten", args=[lopend.public_id]),
        {"bevestigd": "1"},
        follow=True,
    )
    lopend.refresh_from_db()
    assert lopend.status == "gestart"
    assert "kan nog niet sluiten" in response.content.decode()
