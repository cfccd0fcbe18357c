"""Every case shown on a list or picker page is audited on that case (issue 11, point 4).

One row per case or case item shown, naming it and its case, written in one
INSERT with the page's own row; cases the user does not see leave nothing.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent
from identificatie import services as identificatie_services
from identificatie.services import melding_create, melding_submit, signaal_attach
from tests.factories import make_casus, make_signaal
from tests.zorgtafel.zorgtafel_helpers import plan, start
from zorgtafel import services as zorgtafel_services

TODAY = timezone.localdate()

pytestmark = pytest.mark.usefixtures("indicatorlijst")


def _getoond(user, weergave):
    """(object_type, object_id, casus public id) of the rows a page wrote for ``user``."""
    return {
        (e.object_type, e.object_id, e.casus_public_id)
        for e in AuditEvent.objects.filter(gebruiker=user, detail__weergave=weergave)
    }


def _get(client, user, url, data=None, *, inserts=1):
    """GET ``url``; the page's audit rows take ``inserts`` INSERTs (one for the list,
    one more on a page whose object the access helper audits first)."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200, url
    audit_sql = [q for q in queries.captured_queries if "casusoverleg_auditevent" in q["sql"]]
    assert len([q for q in audit_sql if q["sql"].startswith("INSERT")]) == inserts
    return response


def _casus(c):
    return ("casus", c.public_id, c.public_id)


def test_case_list_audits_each_case_on_the_page_and_not_the_hidden_ones(
    client, coordinator, politie
):
    mijn = [make_casus(coordinator, deelnemers=[politie.organisatie]) for _ in range(3)]
    verborgen = make_casus(coordinator)
    _get(client, politie, reverse("casusoverleg:casus-list"))
    assert _getoond(politie, "casuslijst") == {_casus(c) for c in mijn}
    assert not AuditEvent.objects.filter(gebruiker=politie, casus_public_id=verborgen.public_id)


def test_case_list_audits_only_the_cases_of_the_page_shown(client, coordinator):
    casussen = [make_casus(coordinator) for _ in range(27)]  # 25 a page, newest first
    _get(client, coordinator, reverse("casusoverleg:casus-list"), {"pagina": 2})
    assert _getoond(coordinator, "casuslijst") == {_casus(c) for c in casussen[:2]}


def test_signal_list_audits_each_signal_with_its_case(client, coordinator, politie):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    los = make_signaal(politie)
    gekoppeld = make_signaal(politie)
    signaal_attach(ctx=AuditContext.system(politie), signaal=gekoppeld, casus=casus)
    _get(client, politie, reverse("identificatie:signaal-list"))
    assert _getoond(politie, "signalenlijst") == {("signaal", los.public_id, "")}
    _get(client, politie, reverse("identificatie:signaal-list"), {"status": "gekoppeld"})
    assert ("signaal", gekoppeld.public_id, casus.public_id) in _getoond(politie, "signalenlijst")


def test_signal_page_audits_the_cases_of_its_attach_picker(client, coordinator, politie):
    mijn = make_casus(coordinator, deelnemers=[politie.organisatie])
    verborgen = make_casus(coordinator)
    signaal = make_signaal(politie)
    url = reverse("identificatie:signaal-detail", args=[signaal.public_id])
    _get(client, politie, url, inserts=2)
    assert _getoond(politie, "signaal-koppelen") == {_casus(mijn)}
    assert verborgen.public_id not in str(_getoond(politie, "signaal-koppelen"))


def _gemeld(coordinator, politie, n):
    meldingen = []
    for _ in range(n):
        casus = make_casus(coordinator, deelnemers=[politie.organisatie])
        melding = melding_create(casus=casus)
        melding_submit(ctx=AuditContext.system(coordinator), melding=melding)
        meldingen.append(melding)
    return meldingen


def test_comensha_report_list_audits_each_report_with_its_case(
    client, coordinator, politie, comensha
):
    meldingen = _gemeld(coordinator, politie, 3)
    _get(client, comensha, reverse("identificatie:comensha-meldingen"))
    assert _getoond(comensha, "meldingenlijst") == {
        ("melding", m.public_id, m.casus.public_id) for m in meldingen
    }


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_comensha_bulk_export_audits_each_report_with_its_case(
    client, coordinator, politie, comensha, fmt
):
    meldingen = _gemeld(coordinator, politie, 6)
    _get(client, comensha, reverse("identificatie:comensha-meldingen-export", args=[fmt]))
    rows = AuditEvent.objects.filter(gebruiker=comensha, actie="exporteren")
    assert {(e.object_type, e.object_id, e.casus_public_id) for e in rows} == {
        ("melding", m.public_id, m.casus.public_id) for m in meldingen
    }
    assert rows.count() == 6


def test_task_inbox_audits_each_task_with_its_case(client, coordinator, politie, zorg):
    mijn = make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])
    ander = make_casus(coordinator, deelnemers=[zorg.organisatie])
    for casus, orgs in ((mijn, [politie.organisatie]), (ander, [zorg.organisatie])):
        identificatie_services.proces_start(
            ctx=AuditContext.system(coordinator),
            casus=casus,
            organisaties=orgs,
            deadline=TODAY + datetime.timedelta(days=5),
        )
    _get(client, politie, reverse("identificatie:taken"))
    getoond = _getoond(politie, "takenlijst")
    assert {casus for _, _, casus in getoond} == {mijn.public_id}
    assert {t for t, _, _ in getoond} == {"taak"}


def test_open_actions_audit_each_action_with_its_case(client, coordinator, politie):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    zorgtafel = start(plan(coordinator, [casus]), coordinator)
    actie = zorgtafel_services.actiepunt_add(
        ctx=AuditContext.system(coordinator),
        agendapunt=zorgtafel.agendapunten.get(),
        omschrijving="Opvang regelen",
        eigenaar=politie.organisatie,
        deadline=TODAY + datetime.timedelta(days=3),
    )
    _get(client, politie, reverse("zorgtafel:actiepunten"))
    assert _getoond(politie, "actiepuntenlijst") == {
        ("actiepunt", actie.public_id, casus.public_id)
    }


def test_planning_picker_audits_exactly_the_cases_shown(client, coordinator, politie):
    eigen = [make_casus(coordinator) for _ in range(2)]
    deelnemend = make_casus(coordinator)
    response = _get(client, coordinator, reverse("zorgtafel:zorgtafel-create"))
    shown = {c.public_id for c in response.context["form"].fields["casussen"].queryset}
    assert shown == {c.public_id for c in [*eigen, deelnemend]}
    assert _getoond(coordinator, "zorgtafel-plannen") == {("casus", pid, pid) for pid in shown}
    # A coordinator elsewhere sees none of them and leaves no row on them.
    assert not AuditEvent.objects.filter(gebruiker=politie, detail__weergave="zorgtafel-plannen")


def test_agenda_page_audits_its_visible_items_and_its_picker(client, coordinator, politie):
    op_agenda = make_casus(coordinator)
    te_kiezen = make_casus(coordinator)
    zorgtafel = plan(coordinator, [op_agenda])
    punt = zorgtafel.agendapunten.get()
    url = reverse("zorgtafel:zorgtafel-agenda", args=[zorgtafel.public_id])
    _get(client, coordinator, url, inserts=2)
    assert _getoond(coordinator, "agenda") == {
        ("agendapunt", punt.public_id, op_agenda.public_id),
        _casus(te_kiezen),
    }


def test_audit_report_audits_each_case_number_it_shows(client, coordinator, politie, beheerder):
    gezien = make_casus(coordinator, deelnemers=[politie.organisatie])
    niet_gezien = make_casus(coordinator, deelnemers=[politie.organisatie])
    client.force_login(politie)
    client.get(reverse("casusoverleg:casus-detail", args=[gezien.public_id]))
    data = {"gebruiker": politie.pk, "van": TODAY.isoformat(), "tot": TODAY.isoformat()}
    _get(client, beheerder, reverse("casusoverleg:audit-rapport"), data)
    assert _getoond(beheerder, "auditrapport") == {_casus(gezien)}
    assert niet_gezien.public_id not in str(_getoond(beheerder, "auditrapport"))
