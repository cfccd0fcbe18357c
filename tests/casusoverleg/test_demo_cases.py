"""The demo cases: made through the services, and shaped so that every demo
account has something to see and something it must not see."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from casusoverleg.geo import Herkomst
from casusoverleg.models import AuditEvent, Behoefte, Casus, Deelname, User, Wijziging
from casusoverleg.permissions import casussen_for_user

CASE_USERS = [
    "coordinator",
    "coordinator2",
    "politie",
    "zorg",
    "jeugdzorg",
    "nidos",
    "advocaat",
    "advocaat2",
    "comensha",
]
KEPT_OUT = [
    "politie",
    "zorg",
    "jeugdzorg",
    "nidos",
    "advocaat",
    "advocaat2",
    "comensha",
    "buitenstaander",
]
NO_CASES = ["buitenstaander", "projectgroep", "beheerder"]


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        call_command("demo", stdout=io.StringIO())


def _zichtbaar(username):
    user = User.objects.get(username=username)
    return set(casussen_for_user(user=user).values_list("naam", flat=True))


def _snapshot():
    casussen = list(
        Casus.objects.order_by("nummer").values_list(
            "nummer",
            "naam",
            "status",
            "coordinator__username",
            "geboortedatum",
            "geschat_geboortejaar",
            "geslacht",
            "nationaliteit",
            "datum_eerste_signaal",
        )
    )
    vormen = sorted(Casus.objects.values_list("nummer", "uitbuitingsvormen__vorm"))
    deelnames = sorted(
        (d.casus.nummer, d.organisatie.naam, d.persoon_id and d.persoon.username, d.rol, d.actief)
        for d in Deelname.objects.select_related("casus", "organisatie", "persoon")
    )
    behoeften = sorted(
        Behoefte.objects.values_list(
            "casus__nummer", "type", "eigenaar__naam", "status", "reden_niet_mogelijk"
        )
    )
    toegang = {username: _zichtbaar(username) for username in CASE_USERS + NO_CASES}
    return casussen, vormen, deelnames, behoeften, toegang


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_twice_gives_the_same_cases_participants_and_needs():
    call_command("demo", stdout=io.StringIO())
    first = _snapshot()
    counts = Wijziging.objects.count(), AuditEvent.objects.count()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert _snapshot() == first
    assert (Wijziging.objects.count(), AuditEvent.objects.count()) == counts
    assert "0 casussen aangemaakt" in out.getvalue()


def test_about_ten_cases_all_coordinated_by_the_municipality(demo):
    casussen = Casus.objects.all()
    assert 8 <= casussen.count() <= 12
    assert {c.coordinerende_organisatie.naam for c in casussen} == {
        "Gemeente Voorbeeldstad, zorgcoördinatie"
    }
    assert {c.coordinator.username for c in casussen if c.coordinator} == {
        "coordinator",
        "coordinator2",
    }
    # The one case opened from a signal waits for the municipality to name a coordinator.
    zonder = [c for c in casussen if c.coordinator is None]
    assert len(zonder) == 1
    assert zonder[0].signalen.get().organisatie.naam == "Zorgcentrum De Vuurtoren"


def test_every_case_user_takes_part_in_at_least_one_case(demo):
    for username in CASE_USERS:
        assert _zichtbaar(username), username


def test_each_discipline_user_is_kept_out_of_at_least_one_case(demo):
    alle = set(Casus.objects.values_list("naam", flat=True))
    for username in KEPT_OUT:
        assert _zichtbaar(username) < alle, username


def test_outsider_project_group_and_administrator_see_no_case(demo):
    for username in NO_CASES:
        assert _zichtbaar(username) == set(), username
    buitenstaander = User.objects.get(username="buitenstaander")
    assert not Deelname.objects.filter(organisatie=buitenstaander.organisatie).exists()


def test_lawyers_take_part_personally_and_see_disjoint_cases(demo):
    advocaat, advocaat2 = _zichtbaar("advocaat"), _zichtbaar("advocaat2")
    assert advocaat and advocaat2
    assert not advocaat & advocaat2
    for deelname in Deelname.objects.filter(organisatie__discipline="advocatuur"):
        assert deelname.persoon.username in {"advocaat", "advocaat2"}


def test_an_unaccompanied_minor_turns_18_within_90_days(demo):
    today = timezone.localdate()
    soon = [
        c
        for c in Casus.objects.all()
        if c.achttiende_verjaardag
        and today < c.achttiende_verjaardag <= today + datetime.timedelta(days=90)
    ]
    assert soon
    deelnemers = set(soon[0].deelnames.actief().values_list("organisatie__discipline", flat=True))
    assert {"jeugdzorg", "nidos"} <= deelnemers


def test_the_cases_vary_as_the_issue_asks(demo):
    casussen = list(Casus.objects.all())
    assert {c.status for c in casussen} == set(Casus.Status.values)
    assert {c.herkomst for c in casussen} == {Herkomst.NL, Herkomst.EU, Herkomst.BUITEN_EU}
    assert len({c.geslacht for c in casussen}) >= 3
    assert (
        len({v for c in casussen for v in c.uitbuitingsvormen.values_list("vorm", flat=True)}) >= 4
    )
    assert sum(c.minderjarig_nu for c in casussen) >= 2
    assert any(c.geboortedatum is None and c.geschat_geboortejaar for c in casussen)
    met_signaal = [c for c in casussen if c.datum_eerste_signaal]
    assert len(met_signaal) > len(casussen) / 2
    assert all(c.datum_eerste_signaal < timezone.localdate() for c in met_signaal)


def test_roles_history_and_needs_are_shown(demo):
    assert Deelname.objects.filter(rol=Deelname.Rol.WAARNEMER).exists()
    beeindigd = Deelname.objects.filter(beeindigd_op__isnull=False)
    assert beeindigd.exists()
    for deelname in beeindigd:
        for user in deelname.organisatie.medewerkers.all():
            assert deelname.casus not in casussen_for_user(user=user), user.username
    assert Behoefte.objects.filter(status=Behoefte.Status.OPEN).exists()
    niet_mogelijk = Behoefte.objects.get(status=Behoefte.Status.NIET_MOGELIJK)
    assert niet_mogelijk.reden_niet_mogelijk
