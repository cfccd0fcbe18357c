"""The audit reports per organisation and per user, for functional management
and an organisation's administrators, refusals included whether or not they name
a case, as a page and as CSV (audited); and the signals for functional
management: many cases new to a user in a day, use outside office hours,
repeated refusals."""

import csv
import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import Actie, AuditContext, Uitkomst, audit_log
from casusoverleg.models import AuditEvent
from casusoverleg.services import gebruiker_organisatiebeheerder_change
from tests.factories import UserFactory, make_casus

pytestmark = pytest.mark.django_db

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
VANDAAG = datetime.date(2026, 6, 3)  # a Wednesday


def _rapport(client, naam, **data):
    return client.get(reverse(f"casusoverleg:{naam}"), data)


def _periode():
    dag = timezone.localdate().isoformat()
    return {"van": dag, "tot": dag}


@pytest.fixture
def zorgbeheerder(zorg):
    gebruiker_organisatiebeheerder_change(
        ctx=AuditContext.system(), gebruiker=zorg, is_organisatiebeheerder=True
    )
    zorg.refresh_from_db()
    return zorg


def test_the_organisation_report_holds_its_people_s_refusals_with_or_without_a_case(
    client, beheerder, politie, zorg, coordinator
):
    casus = make_casus(coordinator)
    client.force_login(politie)
    assert (
        client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id])).status_code == 404
    )
    assert client.get(reverse("casusoverleg:audit-rapport")).status_code == 403  # no case
    client.force_login(zorg)
    client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))

    client.force_login(beheerder)
    response = _rapport(
        client, "audit-rapport-organisatie", organisatie=politie.organisatie_id,
        soort="geweigerd", **_periode(),
    )  # fmt: skip
    assert response.status_code == 200
    events = response.context["events"]
    assert {e.gebruiker_id for e in events} == {politie.pk}
    assert {bool(e.casus_public_id) for e in events} == {True, False}  # both kinds
    assert all(e.uitkomst == Uitkomst.GEWEIGERD for e in events)
    html = response.content.decode()
    assert casus.nummer in html and casus.naam not in html

    export = client.get(
        reverse("casusoverleg:audit-rapport-organisatie"),
        {"organisatie": politie.organisatie_id, "soort": "geweigerd", "csv": "1", **_periode()},
    )
    assert export["Content-Type"].startswith("text/csv")
    rijen = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert len(rijen) == len(events)
    assert {r["Casusnummer"] for r in rijen} == {casus.nummer, ""}
    assert casus.naam not in export.content.decode()
    assert AuditEvent.objects.filter(
        gebruiker=beheerder, actie=Actie.EXPORTEREN, object_type="auditrapport"
    ).exists()


def test_an_organisation_administrator_reads_only_their_own_organisation(
    client, zorgbeheerder, politie
):
    collega = UserFactory(username="zorg-collega", organisatie=zorgbeheerder.organisatie)
    client.force_login(zorgbeheerder)
    eigen = _rapport(
        client, "audit-rapport-organisatie", organisatie=zorgbeheerder.organisatie_id, **_periode()
    )
    assert eigen.status_code == 200 and eigen.context["events"] is not None
    per_gebruiker = _rapport(client, "audit-rapport", gebruiker=collega.pk, **_periode())
    assert per_gebruiker.context["events"] is not None

    ander = _rapport(
        client, "audit-rapport-organisatie", organisatie=politie.organisatie_id, **_periode()
    )
    assert ander.context["events"] is None
    assert "Kies een organisatie uit de lijst." in ander.content.decode()
    assert politie.organisatie.naam not in ander.content.decode()  # not even offered
    vreemd = _rapport(client, "audit-rapport", gebruiker=politie.pk, **_periode())
    assert vreemd.context["events"] is None
    assert "Kies een gebruiker uit de lijst." in vreemd.content.decode()
    # The signals are functional management's.
    assert client.get(reverse("casusoverleg:audit-signalen")).status_code == 403

    client.force_login(collega)  # a member who is no administrator
    for naam in ("audit-rapport", "audit-rapport-organisatie", "audit-signalen"):
        assert client.get(reverse(f"casusoverleg:{naam}")).status_code == 403


def _om(uur: int, minuut: int = 0, dag: datetime.date = VANDAAG):
    return datetime.datetime.combine(dag, datetime.time(uur, minuut), tzinfo=AMS)


def _lees(user, casus_id: str, moment, uitkomst=Uitkomst.TOEGESTAAN, ip=None):
    with time_machine.travel(moment, tick=False):
        audit_log(
            AuditContext(user=user, doel="casusoverleg", ip=ip),
            actie=Actie.LEZEN,
            uitkomst=uitkomst,
            object_type="casus",
            object_id=casus_id,
            casus_public_id=casus_id,
        )


def test_signals_of_a_day(client, beheerder, politie, zorg, settings):
    settings.AUDIT_SIGNAAL_NIEUWE_CASUSSEN = 3
    settings.AUDIT_SIGNAAL_WEIGERINGEN = 3
    # politie: three cases new today (and one opened yesterday, not new), in hours.
    _lees(politie, "oud", _om(10, dag=VANDAAG - datetime.timedelta(days=1)))
    for casus_id in ("a", "b", "c", "oud"):
        _lees(politie, casus_id, _om(10))
    # zorg: two new cases (under the threshold), one of them at 22:30 local time.
    _lees(zorg, "a", _om(9))
    _lees(zorg, "b", _om(22, 30))
    # refusals: zorg three times, an address without a user three times, politie twice.
    for _ in range(3):
        _lees(zorg, "x", _om(11), uitkomst=Uitkomst.GEWEIGERD)
        _lees(AnonymousUser(), "y", _om(11), uitkomst=Uitkomst.GEWEIGERD, ip="203.0.113.7")
    for _ in range(2):
        _lees(politie, "x", _om(11), uitkomst=Uitkomst.GEWEIGERD)

    client.force_login(beheerder)
    with time_machine.travel(_om(23, 59), tick=False):
        response = client.get(reverse("casusoverleg:audit-signalen"), {"dag": VANDAAG.isoformat()})
    assert response.status_code == 200
    signalen = response.context["signalen"]
    assert [(r["gebruiker"], r["aantal"]) for r in signalen["nieuwe_casussen"]] == [(politie, 3)]
    buiten = signalen["buiten_kantoortijd"]
    assert [(r["gebruiker"], r["aantal"]) for r in buiten] == [(zorg, 1)]
    weigeringen = {(r["gebruiker"], r.get("ip")): r["aantal"] for r in signalen["weigeringen"]}
    assert weigeringen == {(zorg, None): 3, (None, "203.0.113.7"): 3}
    html = response.content.decode()
    assert "203.0.113.7" in html and "22:30" in html
    assert AuditEvent.objects.filter(gebruiker=beheerder, object_type="auditsignalen").exists()


def test_a_weekend_day_is_outside_office_hours(client, beheerder, politie):
    zaterdag = datetime.date(2026, 6, 6)
    _lees(politie, "a", _om(11, dag=zaterdag))
    client.force_login(beheerder)
    with time_machine.travel(_om(12, dag=zaterdag + datetime.timedelta(days=1)), tick=False):
        response = client.get(reverse("casusoverleg:audit-signalen"), {"dag": zaterdag.isoformat()})
    assert [r["gebruiker"] for r in response.context["signalen"]["buiten_kantoortijd"]] == [politie]


def test_a_day_in_the_future_gets_a_message(client, beheerder):
    client.force_login(beheerder)
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    response = client.get(reverse("casusoverleg:audit-signalen"), {"dag": morgen.isoformat()})
    assert response.status_code == 200
    assert "Deze dag ligt in de toekomst." in response.content.decode()
    assert response.context["signalen"] is None


def test_a_law_firm_s_administrator_reads_no_colleague_s_audit(client, advocaat, advocaat2):
    """Each lawyer takes part personally: which cases a colleague handles is not the
    firm's to see, so its organisation administrator has no audit report."""
    gebruiker_organisatiebeheerder_change(
        ctx=AuditContext.system(), gebruiker=advocaat, is_organisatiebeheerder=True
    )
    client.force_login(advocaat)
    for naam in ("audit-rapport", "audit-rapport-organisatie"):
        assert client.get(reverse(f"casusoverleg:{naam}")).status_code == 403
