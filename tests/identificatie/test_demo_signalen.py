"""The demo signals and reports to CoMensha: made through the services, idempotent,
and shaped so that each demo account sees what its work needs and nothing more."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from casusoverleg.models import AuditEvent, Casus, User, Wijziging
from identificatie.models import Melding, Signaal
from identificatie.permissions import meldingen_for_comensha, signalen_for_user


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        call_command("demo", stdout=io.StringIO())


def _user(username):
    return User.objects.get(username=username)


def _snapshot():
    signalen = sorted(
        (
            s.organisatie.naam,
            s.gemeld_door.username,
            s.plaats,
            s.waargenomen_op,
            s.status,
            s.urgentie,
            s.grondslag,
            s.toestemming_door,
            s.casus.nummer if s.casus else None,
            s.lijst.versie,
            tuple(sorted(s.indicatoren.values_list("code", flat=True))),
        )
        for s in Signaal.objects.select_related("organisatie", "gemeld_door", "casus", "lijst")
    )
    meldingen = sorted(
        Melding.objects.values_list(
            "casus__nummer",
            "status",
            "gemeld_op",
            "registratienummer",
            "gemeld_door__username",
            "reden_niet_gemeld",
            "meldende_organisatie__naam",
            "datum_signaal",
        )
    )
    return signalen, meldingen


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_twice_gives_the_same_signals_and_reports():
    call_command("demo", stdout=io.StringIO())
    first = _snapshot()
    counts = Wijziging.objects.count(), AuditEvent.objects.count(), Casus.objects.count()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert _snapshot() == first
    assert (Wijziging.objects.count(), AuditEvent.objects.count(), Casus.objects.count()) == counts
    assert "0 signalen vastgelegd" in out.getvalue()
    assert "0 meldingen aan CoMensha bijgewerkt" in out.getvalue()


def test_signals_on_several_cases_by_several_organisations(demo):
    gekoppeld = Signaal.objects.filter(status=Signaal.Status.GEKOPPELD)
    assert gekoppeld.values("casus").distinct().count() >= 5
    assert {"politie", "zorg", "jeugdzorg", "nidos"} <= set(
        Signaal.objects.values_list("gemeld_door__username", flat=True)
    )
    today = timezone.localdate()
    for signaal in Signaal.objects.select_related("casus"):
        assert 2 <= signaal.indicatoren.count() <= 5
        assert signaal.observatie and signaal.plaats
        assert signaal.waargenomen_op < today
        if signaal.casus and signaal.casus.geboortedatum:
            assert signaal.waargenomen_op >= signaal.casus.geboortedatum
    assert Signaal.objects.filter(urgentie=Signaal.Urgentie.ACUUT).exists()


def test_every_signal_keeps_a_published_list_version(demo):
    for signaal in Signaal.objects.select_related("lijst"):
        assert signaal.lijst.gepubliceerd
        assert {i.groep.lijst_id for i in signaal.indicatoren.all()} == {signaal.lijst_id}


def test_legal_basis_follows_the_recording_organisation(demo):
    for signaal in Signaal.objects.filter(gemeld_door__username="politie"):
        assert signaal.grondslag == Signaal.Grondslag.WETTELIJKE_TAAK
    minderjarig = Signaal.objects.get(gemeld_door__username="jeugdzorg")
    assert minderjarig.grondslag == Signaal.Grondslag.TOESTEMMING
    assert minderjarig.toestemming_door == Signaal.ToestemmingDoor.OUDER
    assert minderjarig.casus.leeftijd(minderjarig.waargenomen_op) < 16
    assert Signaal.objects.filter(
        gemeld_door__username="zorg",
        grondslag=Signaal.Grondslag.TOESTEMMING,
        toestemming_door=Signaal.ToestemmingDoor.PERSOON,
    ).exists()


def test_exactly_one_signal_waits_and_only_the_police_sees_it(demo):
    wachtend = Signaal.objects.get(status=Signaal.Status.NIEUW)
    assert wachtend.gemeld_door.username == "politie"
    assert wachtend.casus is None
    assert signalen_for_user(user=_user("politie")).filter(pk=wachtend.pk).exists()
    for username in ["buitenstaander", "zorg", "comensha", "coordinator"]:
        assert not signalen_for_user(user=_user(username)).filter(pk=wachtend.pk).exists()
    assert not signalen_for_user(user=_user("buitenstaander")).exists()


def test_an_anonymous_signal_was_closed_without_further_action(demo):
    afgesloten = Signaal.objects.get(status=Signaal.Status.AFGESLOTEN)
    assert afgesloten.grondslag == Signaal.Grondslag.ANONIEM
    assert afgesloten.gemeld_door.username == "zorg"
    assert afgesloten.naam == "" and afgesloten.geboortedatum is None
    assert afgesloten.reden_afsluiten
    assert afgesloten.casus is None


def test_one_signal_opened_a_case_coordinated_by_the_municipality(demo):
    casus = Casus.objects.get(coordinator__isnull=True)
    signaal = casus.signalen.get()
    assert signaal.gemeld_door.username == "zorg"
    assert casus.coordinerende_organisatie.naam == "Gemeente Voorbeeldstad, zorgcoördinatie"
    assert signalen_for_user(user=_user("coordinator")).filter(pk=signaal.pk).exists()


def test_every_case_has_a_report_and_comensha_sees_the_reported_ones(demo):
    assert Melding.objects.count() == Casus.objects.count()
    gemeld = Melding.objects.filter(status=Melding.Status.GEREGISTREERD)
    assert gemeld.count() >= 3
    today = timezone.localdate()
    for melding in gemeld:
        assert melding.gemeld_op < today
        assert melding.registratienummer.startswith("CM-")
    assert set(meldingen_for_comensha(user=_user("comensha"))) == set(gemeld)
    assert not meldingen_for_comensha(user=_user("politie")).exists()
    niet = Melding.objects.get(status=Melding.Status.NIET_GEMELD)
    assert niet.reden_niet_gemeld == Melding.RedenNietGemeld.AL_GEMELD
    assert Melding.objects.filter(status=Melding.Status.TE_MELDEN).count() >= 2
