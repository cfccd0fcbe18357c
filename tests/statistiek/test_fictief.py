"""The fictional background cases for the figures (statistiek.fictief, issue 15)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings

from advies.models import Advies, AdviesVerzending
from casusoverleg.models import Casus, Deelname
from identificatie.models import IdentificatieProces, Melding, Signaal
from statistiek import demo
from statistiek.fictief import PREFIX, GeenDemoError, fictieve_casussen_maken
from zorgtafel.models import Agendapunt

TOT = datetime.date(2026, 6, 30)
BEGIN = TOT - datetime.timedelta(days=730)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_geladen():
    with override_settings(DEBUG=True, DEMO_FICTIEVE_CASUSSEN=0):
        call_command("demo", stdout=io.StringIO())


def _snapshot():
    return list(
        Casus.objects.filter(nummer__startswith=PREFIX)
        .order_by("nummer")
        .values_list(
            "nummer",
            "status",
            "created_at",
            "geboortedatum",
            "nationaliteit",
            "melding__status",
            "melding__gemeld_op",
        )
    ), sorted(
        Advies.objects.filter(casus__nummer__startswith=PREFIX).values_list(
            "casus__nummer", "vastgesteld_op", "conclusie"
        )
    )


def test_generating_n_cases_makes_exactly_n_fictional_cases_without_participants(demo_geladen):
    echt = Casus.objects.count()
    assert fictieve_casussen_maken(300, tot=TOT, seed=1) == 300
    assert Casus.objects.filter(nummer__startswith=PREFIX).count() == 300
    assert Casus.objects.count() == echt + 300
    assert not Deelname.objects.filter(casus__nummer__startswith=PREFIX).exists()
    # Every status and a report for every case, so every table has data.
    assert set(
        Casus.objects.filter(nummer__startswith=PREFIX).values_list("status", flat=True)
    ) == set(Casus.Status.values)
    assert Melding.objects.filter(casus__nummer__startswith=PREFIX).count() == 300


def test_dates_lie_within_two_years_and_follow_the_process_order(demo_geladen):
    fictieve_casussen_maken(300, tot=TOT, seed=2)
    for casus in Casus.objects.filter(nummer__startswith=PREFIX):
        assert BEGIN <= casus.datum_eerste_signaal <= casus.created_at.date() <= TOT
        for signaal in Signaal.objects.filter(casus=casus):
            assert casus.datum_eerste_signaal <= signaal.waargenomen_op <= casus.created_at.date()
            assert signaal.created_at <= casus.created_at
    for proces in IdentificatieProces.objects.filter(
        casus__nummer__startswith=PREFIX
    ).select_related("casus"):
        assert proces.casus.created_at <= proces.created
        assert proces.created.date() <= TOT
        if proces.ronde_gesloten_op:
            assert proces.created <= proces.ronde_gesloten_op
    for punt in Agendapunt.objects.filter(casus__nummer__startswith=PREFIX).select_related(
        "zorgtafel"
    ):
        proces = IdentificatieProces.objects.get(casus=punt.casus_id)
        assert proces.ronde_gesloten_op <= punt.zorgtafel.begint_op
        assert punt.zorgtafel.begint_op.date() <= TOT
    for advies in Advies.objects.filter(casus__nummer__startswith=PREFIX):
        punt = Agendapunt.objects.get(casus=advies.casus_id)
        assert (
            punt.besluit_op
            <= advies.vastgesteld_op
            <= datetime.datetime.combine(TOT, datetime.time(23, 59)).astimezone(
                advies.vastgesteld_op.tzinfo
            )
        )
    for verzending in AdviesVerzending.objects.filter(
        advies__casus__nummer__startswith=PREFIX
    ).select_related("advies"):
        assert verzending.advies.vastgesteld_op.date() <= verzending.verzonden_op <= TOT


def test_the_same_seed_gives_the_same_cases(demo_geladen):
    def eenmaal(seed):
        with transaction.atomic():
            fictieve_casussen_maken(100, tot=TOT, seed=seed)
            snapshot = _snapshot()
            transaction.set_rollback(True)
        return snapshot

    assert eenmaal(5) == eenmaal(5)
    assert eenmaal(5) != eenmaal(6)


def test_without_the_demo_nothing_is_made():
    with pytest.raises(GeenDemoError, match="laad eerst de demo"):
        fictieve_casussen_maken(10, tot=TOT)
    assert not Casus.objects.exists()


def test_the_command_refuses_without_debug(demo_geladen):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("fictieve_casussen", "10")
    assert not Casus.objects.filter(nummer__startswith=PREFIX).exists()


@override_settings(DEBUG=True)
def test_the_command_makes_the_cases(demo_geladen):
    out = io.StringIO()
    call_command("fictieve_casussen", "25", "--seed", "3", stdout=out)
    assert Casus.objects.filter(nummer__startswith=PREFIX).count() == 25
    assert "25 fictieve casussen" in out.getvalue()


@override_settings(DEMO_FICTIEVE_CASUSSEN=40)
def test_the_demo_load_is_idempotent(demo_geladen):
    assert demo.load() == [
        "40 fictieve achtergrondcasussen aangemaakt (alleen voor de statistiek)."
    ]
    eerst = _snapshot()
    assert demo.load() == ["40 fictieve achtergrondcasussen bestonden al."]
    assert _snapshot() == eerst
