"""Planning a meeting from a case: ``?casus=<public_id>`` puts that case on the
agenda when the planner may put it there, and is ignored (telling nothing) otherwise."""

import re

import pytest
from django.urls import reverse

from casusoverleg.models import Discipline
from tests.factories import OrganisatieFactory, UserFactory, make_casus


def _plan_page(client, user, casus_id):
    client.force_login(user)
    return client.get(reverse("zorgtafel:zorgtafel-create"), {"casus": casus_id})


def test_the_case_is_on_the_agenda_when_planned_from_it(client, coordinator, politie):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    make_casus(coordinator, naam="Andere Persoon")
    response = _plan_page(client, coordinator, casus.public_id)
    assert response.status_code == 200
    assert response.context["form"]["casussen"].value() == [casus.pk]
    vinkjes = re.findall(r'<input type="checkbox" name="casussen"[^>]*>', response.content.decode())
    assert [v for v in vinkjes if " checked" in v] == [
        v for v in vinkjes if f'value="{casus.pk}"' in v
    ]


def test_a_case_the_planner_may_not_put_on_the_agenda_is_ignored(client, coordinator, db):
    elders = UserFactory(
        username="coordinator_elders",
        organisatie=OrganisatieFactory(naam="Gemeente Elders", discipline=Discipline.GEMEENTE),
        is_coordinator=True,
    )
    vreemd = make_casus(elders, naam="Vreemde Persoon")
    eigen = make_casus(coordinator)
    response = _plan_page(client, coordinator, vreemd.public_id)
    assert response.status_code == 200
    assert not response.context["form"]["casussen"].value()
    html = response.content.decode()
    assert vreemd.nummer not in html and vreemd.naam not in html
    assert eigen.nummer in html


@pytest.mark.parametrize("casus_id", ["bestaat-niet", "", "x" * 500])
def test_an_unknown_case_id_is_ignored(client, coordinator, casus_id):
    make_casus(coordinator)
    response = _plan_page(client, coordinator, casus_id)
    assert response.status_code == 200
    assert not response.context["form"]["casussen"].value()


def test_who_may_not_plan_meetings_is_still_refused(client, coordinator, politie):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    assert _plan_page(client, politie, casus.public_id).status_code == 403
