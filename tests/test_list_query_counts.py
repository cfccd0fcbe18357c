"""Every list page costs the same number of queries for one item as for many.

Each test renders a page with one item, adds more, renders it again and compares
the two counts (the cases list and the task inbox have their own tests in
tests/casusoverleg/test_casus.py and tests/identificatie/test_proces_web.py).
Items are made by different people and organisations where the page shows who,
so that a per-row lookup of a user or organisation would show up.
"""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import Actie, AuditContext, audit_log
from casusoverleg.services import behoefte_add
from identificatie.services import melding_create, melding_submit
from tests.factories import UserFactory, make_casus, make_signaal
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, start
from zorgtafel import services as zorgtafel_services
from zorgtafel.models import Zorgtafel

TODAY = timezone.localdate()
MANY = 20

pytestmark = pytest.mark.usefixtures("indicatorlijst")


def _count(client, user, url, data=None):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response


def _one_and_many(client, user, url, add, shown, data=None):
    """Queries for one item and for ``MANY``; ``shown(response)`` counts the rows
    the page rendered, to prove the items were really on it."""
    add(1)
    one, response = _count(client, user, url, data)
    assert shown(response) == 1
    add(MANY - 1)
    many, response = _count(client, user, url, data)
    assert shown(response) == MANY
    return one, many


# Meetings ---------------------------------------------------------------------------


def test_meeting_list_query_count_does_not_grow(client, coordinator, politie, zorg):
    casussen = [
        make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie]),
        make_casus(coordinator, deelnemers=[zorg.organisatie]),
    ]

    def add(n):
        for i in range(n):
            zorgtafel = plan(coordinator, casussen[: 1 + i % 2], dagen=1 + i)
            if i % 2:  # half of them in the past list
                zorgtafel_services.zorgtafel_cancel(
                    ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel
                )

    def shown(response):
        return len(response.context["komend"]) + len(response.context["eerder"])

    one, many = _one_and_many(client, politie, reverse("zorgtafel:zorgtafel-list"), add, shown)
    assert one == many


def _meeting_with_items(coordinator, organisaties, n):
    casussen = [make_casus(coordinator, deelnemers=organisaties) for _ in range(n)]
    return plan(coordinator, casussen)


def _detail_queries(client, user, zorgtafel):
    bevestig(zorgtafel, user)
    url = reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id])
    queries, response = _count(client, user, url)
    assert len(response.context["items"]) == zorgtafel.agendapunten.count()
    return queries


def test_meeting_page_query_count_does_not_grow_with_the_agenda(client, coordinator, politie):
    one = _detail_queries(client, coordinator, _meeting_with_items(coordinator, [], 1))
    many = _detail_queries(client, coordinator, _meeting_with_items(coordinator, [], MANY))
    assert one == many


def test_running_meeting_page_query_count_does_not_grow_with_the_agenda(
    client, coordinator, politie
):
    orgs = [politie.organisatie]
    one = _detail_queries(
        client, coordinator, start(_meeting_with_items(coordinator, orgs, 1), coordinator)
    )
    many = _detail_queries(
        client, coordinator, start(_meeting_with_items(coordinator, orgs, MANY), coordinator)
    )
    assert one == many


def test_open_actions_query_count_does_not_grow(client, coordinator, politie):
    casussen = [make_casus(coordinator, deelnemers=[politie.organisatie]) for _ in range(2)]
    zorgtafel = start(plan(coordinator, casussen), coordinator)
    punten = list(zorgtafel.agendapunten.order_by("volgorde"))

    def add(n):
        for i in range(n):
            zorgtafel_services.actiepunt_add(
                ctx=AuditContext.system(coordinator),
                agendapunt=punten[i % 2],
                omschrijving=f"Actie {i}",
                eigenaar=politie.organisatie,
                deadline=TODAY + datetime.timedelta(days=i - 3),  # some overdue
            )

    one, many = _one_and_many(
        client,
        politie,
        reverse("zorgtafel:actiepunten"),
        add,
        lambda r: len(r.context["actiepunten"]),
    )
    assert one == many


# Signals and reports to CoMensha ----------------------------------------------------


def test_signal_list_query_count_does_not_grow(client, coordinator, politie):
    collega = UserFactory(username="politie-collega", organisatie=politie.organisatie)

    def add(n):
        for i in range(n):
            make_signaal(politie if i % 2 else collega, codes=("ALG-01", "ALG-02")[: 1 + i % 2])

    one, many = _one_and_many(
        client,
        politie,
        reverse("identificatie:signaal-list"),
        add,
        lambda r: len(r.context["page"].object_list),
    )
    assert one == many


def test_linked_signal_list_query_count_does_not_grow(client, coordinator, politie):
    from identificatie.services import signaal_attach

    casus = make_casus(coordinator, deelnemers=[politie.organisatie])

    def add(n):
        for _ in range(n):
            signaal = make_signaal(politie)
            signaal_attach(ctx=AuditContext.system(politie), signaal=signaal, casus=casus)

    one, many = _one_and_many(
        client,
        politie,
        reverse("identificatie:signaal-list"),
        add,
        lambda r: len(r.context["page"].object_list),
        data={"status": "gekoppeld"},
    )
    assert one == many


def _reported(coordinator, politie, zorg, n):
    for i in range(n):
        user, org = (politie, politie.organisatie) if i % 2 else (coordinator, zorg.organisatie)
        casus = make_casus(
            coordinator,
            deelnemers=[politie.organisatie, zorg.organisatie],
            nationaliteit="BG",
            vormen=("arbeid", "seksueel"),
            datum_eerste_signaal=TODAY,
        )
        melding = melding_create(casus=casus)
        melding.meldende_organisatie = org
        melding.save(update_fields=["meldende_organisatie"])
        melding_submit(ctx=AuditContext.system(user), melding=melding)


def test_comensha_report_list_query_count_does_not_grow(
    client, coordinator, politie, zorg, comensha
):
    one, many = _one_and_many(
        client,
        comensha,
        reverse("identificatie:comensha-meldingen"),
        lambda n: _reported(coordinator, politie, zorg, n),
        lambda r: len(r.context["rows"]),
    )
    assert one == many


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_comensha_report_export_query_count_does_not_grow(
    client, coordinator, politie, zorg, comensha, fmt
):
    url = reverse("identificatie:comensha-meldingen-export", args=[fmt])

    def shown(response):
        body = response.content.decode()
        return len(json.loads(body)) if fmt == "json" else body.count("NVM-")

    one, many = _one_and_many(
        client, comensha, url, lambda n: _reported(coordinator, politie, zorg, n), shown
    )
    assert one == many


# A case's history and audit trail, the administrators' audit report ------------------


def test_case_history_query_count_does_not_grow(client, coordinator, politie, zorg):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])
    url = reverse("casusoverleg:geschiedenis", args=[casus.public_id])
    types = ["opvang", "medisch", "juridisch", "verblijf", "psychologisch"]
    users = [coordinator, politie, zorg]
    bestaand = casus.wijzigingen.count()

    def add(n):
        start_at = casus.wijzigingen.count() - bestaand
        for i in range(start_at, start_at + n):
            behoefte_add(
                ctx=AuditContext.system(users[i % 3]),
                casus=casus,
                data={"type": types[i % 5], "eigenaar": zorg.organisatie, "status": "open"},
            )

    one, many = _one_and_many(
        client,
        politie,
        url,
        add,
        lambda r: len(r.context["page"].object_list) - bestaand,
    )
    assert one == many


def test_case_audit_trail_query_count_does_not_grow(client, coordinator, politie, zorg):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])
    url = reverse("casusoverleg:casus-audit", args=[casus.public_id])
    users = [coordinator, politie, zorg]

    def add(n):
        for i in range(n):
            audit_log(
                AuditContext.system(users[i % 3]),
                actie=Actie.LEZEN,
                object_type="casus",
                object_id=casus.public_id,
                casus=casus,
            )

    # Audit events are append-only: the case starts with those of its opening.
    few, response = _count(client, coordinator, url)
    assert 1 <= len(response.context["page"].object_list) < 10
    add(60)
    many, response = _count(client, coordinator, url)
    assert len(response.context["page"].object_list) == 50
    assert few == many


def test_audit_report_query_count_does_not_grow(client, coordinator, politie, beheerder):
    from casusoverleg.models import AuditEvent

    data = {"gebruiker": politie.pk, "van": TODAY.isoformat(), "tot": TODAY.isoformat()}

    def add(n):
        for _ in range(n):
            casus = make_casus(coordinator, deelnemers=[politie.organisatie])
            audit_log(
                AuditContext.system(politie),
                actie=Actie.LEZEN,
                object_type="casus",
                object_id=casus.public_id,
                casus=casus,
            )
            # An event on the account, with details to render, for each case event.
            audit_log(
                AuditContext.system(beheerder),
                actie=Actie.WIJZIGEN,
                object_type="casusoverleg.user",
                object_id=str(politie.pk),
                detail={"velden": ["email"], "voor": {"email": "a"}, "na": {"email": "b"}},
            )

    assert not AuditEvent.objects.filter(gebruiker=politie).exists()

    def shown(response):
        events = response.context["events"]
        wijzigingen = [e for e in events if getattr(e, "wijzigingen", None)]
        assert len(wijzigingen) == len([e for e in events if e.casus_public_id])
        return len(wijzigingen)

    one, many = _one_and_many(
        client, beheerder, reverse("casusoverleg:audit-rapport"), add, shown, data=data
    )
    assert one == many


def test_meeting_list_counts_closed_meetings_too(client, coordinator, politie):
    """The past list is built from the same query whatever the mix."""
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    url = reverse("zorgtafel:zorgtafel-list")

    def add(n):
        for i in range(n):
            zorgtafel = start(plan(coordinator, [casus], dagen=1 + i), coordinator)
            zorgtafel_services.zorgtafel_close(
                ctx=AuditContext.system(coordinator),
                zorgtafel=Zorgtafel.objects.get(pk=zorgtafel.pk),
            )

    one, many = _one_and_many(client, politie, url, add, lambda r: len(r.context["eerder"]))
    assert one == many
