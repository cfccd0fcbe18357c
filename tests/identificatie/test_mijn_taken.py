"""Mijn taken shows every obligation (issue 13, point 3): the process's tasks and
the sections the apps register in ``casusoverleg.takenlijst`` (actions, sign-offs),
overdue first, in a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casusoverleg import takenlijst
from casusoverleg.audit import AuditContext
from identificatie import services
from tests.advies.conftest import to_review
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import plan, start
from zorgtafel import services as zorgtafel_services

TODAY = timezone.localdate()

pytestmark = pytest.mark.usefixtures("indicatorlijst")


def test_the_apps_register_their_sections_once():
    sleutels = [s.sleutel for s in takenlijst.SECTIES]
    assert {"aftekenen", "actiepunten"} <= set(sleutels)
    assert len(sleutels) == len(set(sleutels))
    aantal = len(takenlijst.SECTIES)
    takenlijst.register("actiepunten", "nog eens", lambda *, user: [])
    assert len(takenlijst.SECTIES) == aantal


def test_no_sections_for_anyone_without_case_access(beheerder, projectgroep):
    for user in (beheerder, projectgroep):
        assert takenlijst.secties_voor(user=user) == []


def _rows(response):
    return len(response.context["page"].object_list) + sum(
        len(s["rijen"]) for s in response.context["secties"]
    )


def test_mijn_taken_costs_the_same_queries_for_one_item_as_for_fifty(coordinator, politie, zorg):
    client = Client()
    client.force_login(politie)
    ctx = AuditContext.system(coordinator)
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    punt = start(plan(coordinator, [casus]), coordinator).agendapunten.get()

    def actions(n):
        for i in range(n):
            zorgtafel_services.actiepunt_add(
                ctx=ctx,
                agendapunt=punt,
                omschrijving=f"Actie {i}",
                eigenaar=politie.organisatie,
                deadline=TODAY + datetime.timedelta(days=i - 3),  # some overdue
            )

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("identificatie:taken"))
        assert response.status_code == 200
        return len(queries.captured_queries), _rows(response)

    def assessment_task():
        services.proces_start(
            ctx=ctx,
            casus=make_casus(coordinator, deelnemers=[politie.organisatie]),
            organisaties=[politie.organisatie],
            deadline=TODAY + datetime.timedelta(days=5),
        )

    # One: a single task of the process (an empty inbox skips its page query).
    assessment_task()
    one, shown = count()
    assert shown == 1

    # Fifty: assessment tasks, sign-offs of two advices and actions, mixed.
    for _ in range(2):
        c = make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])
        proces = services.proces_start(
            ctx=ctx,
            casus=c,
            organisaties=[politie.organisatie, zorg.organisatie],
            deadline=TODAY + datetime.timedelta(days=14),
            aftekenen_vereist=True,
        )
        to_review(proces, coordinator, politie, zorg)
    for _ in range(3):
        assessment_task()
    actions(50 - 1 - 2 - 3)
    many, shown = count()
    assert shown == 50
    assert one == many
