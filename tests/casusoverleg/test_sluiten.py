"""Closing and reopening a case (issue 14, point 3)."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm
from viewflow.workflow.status import PROCESS, STATUS

from casusoverleg import casuspagina, casustaken, sluiten, termijnen
from casusoverleg.audit import Actie, AuditContext
from casusoverleg.models import (
    AuditEvent,
    Casus,
    Casustaak,
    Deelname,
    Melding,
    Meldingsoort,
    Sluiting,
    Sluitreden,
    Termijn,
)
from casusoverleg.models.casus import add_years
from casusoverleg.permissions import (
    CHANGE,
    COORDINATE,
    VIEW,
    actiepunten_for_update,
    may_act_on_item,
    may_contribute,
    may_coordinate,
    may_update_actiepunt,
    user_can,
)
from casusoverleg.services import (
    behoefte_add,
    casus_heropenen,
    casus_sluiten,
    casus_update,
    casustaak_maken,
    deelname_add,
    termijn_zetten,
)
from tests.casusoverleg.test_access import CASE_URLS, _url
from tests.casusoverleg.test_access import casus as casus  # noqa: F401 (the fixture)
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import plan
from zorgtafel.models import Actiepunt, Zorgtafel
from zorgtafel.services import actiepunt_add


def ctx(user):
    return AuditContext.system(user)


def sluit(casus, user, reden=Sluitreden.GEEN_SLACHTOFFER, toelichting=""):
    return casus_sluiten(ctx=ctx(user), casus=casus, reden=reden, toelichting=toelichting)


@pytest.fixture
def eenvoudig(coordinator, politie, advocaat):
    return make_casus(coordinator, deelnemers=[politie.organisatie], advocaten=[advocaat])


# Closing ------------------------------------------------------------------------------


def test_closing_ends_every_participants_access_and_keeps_the_coordinating_read(
    eenvoudig, coordinator, politie, advocaat
):
    sluiting = sluit(eenvoudig, coordinator)

    eenvoudig.refresh_from_db()
    assert eenvoudig.status == Casus.Status.GESLOTEN
    for gebruiker in (politie, advocaat):
        assert not user_can(gebruiker, eenvoudig, VIEW)
    assert user_can(coordinator, eenvoudig, VIEW)
    assert not user_can(coordinator, eenvoudig, CHANGE)
    assert not user_can(coordinator, eenvoudig, COORDINATE)
    actief = Deelname.objects.actief().filter(casus=eenvoudig)
    assert [d.organisatie for d in actief] == [coordinator.organisatie]
    ingetrokken = AuditEvent.objects.filter(
        casus_public_id=eenvoudig.public_id, actie=Actie.TOEGANG_INGETROKKEN
    )
    assert ingetrokken.count() == 3  # politie, the lawyer, and the coordinator's change rights
    assert sluiting.door == coordinator
    assert sluiting.reden == Sluitreden.GEEN_SLACHTOFFER


def test_the_coordinating_organisation_keeps_the_audit_trail_of_a_closed_case(
    client, eenvoudig, coordinator, politie
):
    """Who read a closed file stays answerable: its coordinators by role keep the
    audit trail (and its link); a former participant gets 404, audited."""
    sluit(eenvoudig, coordinator)
    url = reverse("casusoverleg:casus-audit", args=[eenvoudig.public_id])
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    pagina = client.get(reverse("casusoverleg:casus-detail", args=[eenvoudig.public_id]))
    assert url in pagina.content.decode()
    client.force_login(politie)
    assert client.get(url).status_code == 404
    event = AuditEvent.objects.order_by("-pk").first()
    assert (event.gebruiker, event.uitkomst) == (politie, AuditEvent.Uitkomst.GEWEIGERD)


def test_closing_starts_the_retention_clock_from_the_setting(eenvoudig, coordinator):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(settings, "BEWAARTERMIJN_JAREN", 7, raising=False)
        sluit(eenvoudig, coordinator)
    eenvoudig.refresh_from_db()
    assert eenvoudig.bewaren_tot == add_years(timezone.localdate(), 7)


def test_former_participants_are_told_they_were_removed(
    eenvoudig, coordinator, politie, advocaat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sluit(eenvoudig, coordinator)
    for gebruiker in (politie, advocaat):
        assert Melding.objects.filter(
            ontvanger=gebruiker, soort=Meldingsoort.VERWIJDERD, casus=eenvoudig
        ).exists()
    assert not Melding.objects.filter(ontvanger=coordinator, soort=Meldingsoort.VERWIJDERD)


def test_only_the_coordinator_closes_a_case(eenvoudig, politie, coordinator):
    with pytest.raises(PermissionDenied):
        sluit(eenvoudig, politie)
    eenvoudig.refresh_from_db()
    assert eenvoudig.status == Casus.Status.OPEN
    sluit(eenvoudig, coordinator)
    with pytest.raises(ValidationError):
        sluit(eenvoudig, coordinator)


def test_closing_with_overig_needs_an_explanation(eenvoudig, coordinator, politie):
    with pytest.raises(ValidationError) as fout:
        sluit(eenvoudig, coordinator, reden=Sluitreden.OVERIG)
    assert "toelichting" in fout.value.error_dict
    with pytest.raises(ValidationError) as fout:
        sluit(eenvoudig, coordinator, reden="verzonnen")
    assert "reden" in fout.value.error_dict
    assert not Sluiting.objects.exists()
    assert user_can(politie, eenvoudig, VIEW)


def test_the_status_field_cannot_close_a_case(eenvoudig, coordinator):
    with pytest.raises(ValidationError) as fout:
        casus_update(
            ctx=ctx(coordinator), casus=eenvoudig, data={"status": "gesloten"}, vormen=["arbeid"]
        )
    assert "status" in fout.value.error_dict


# After closing: read only, 404 for the former participants ----------------------------


def test_writes_are_refused_on_a_closed_case(client, eenvoudig, coordinator, zorg):
    sluit(eenvoudig, coordinator)
    with pytest.raises(PermissionDenied):
        behoefte_add(
            ctx=ctx(coordinator),
            casus=eenvoudig,
            data={"type": "opvang", "eigenaar": coordinator.organisatie, "status": "open"},
        )
    with pytest.raises(PermissionDenied):
        deelname_add(ctx=ctx(coordinator), casus=eenvoudig, organisatie=zorg.organisatie)
    assert not may_contribute(coordinator, eenvoudig)
    client.force_login(coordinator)
    for name in ("casus-edit", "deelnemers", "behoefte-create", "casus-sluiten"):
        url = reverse(f"casusoverleg:{name}", args=[eenvoudig.public_id])
        assert client.get(url).status_code == 404


def test_a_closed_case_refuses_change_even_with_a_permission_row_left(eenvoudig, coordinator):
    sluit(eenvoudig, coordinator)
    assign_perm(CHANGE, coordinator.organisatie.groep, eenvoudig)
    assign_perm(COORDINATE, coordinator.organisatie.groep, eenvoudig)
    assert not user_can(coordinator, eenvoudig, CHANGE)
    assert not may_coordinate(coordinator, eenvoudig)


@pytest.mark.parametrize("name,ints", CASE_URLS)
def test_a_former_participant_gets_404_on_every_case_url_after_closing(
    client, casus, coordinator, politie, name, ints
):
    url = _url(name, ints, casus.public_id, casus)
    sluit(casus, coordinator)
    client.force_login(politie)
    before = AuditEvent.objects.count()
    response = client.get(url)
    assert response.status_code == 404
    assert casus.nummer not in response.content.decode()
    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.uitkomst == AuditEvent.Uitkomst.GEWEIGERD
    assert event.gebruiker == politie


def test_the_case_page_shows_the_closing_and_the_retention_date(client, eenvoudig, coordinator):
    sluit(eenvoudig, coordinator, reden=Sluitreden.VERTROKKEN)
    eenvoudig.refresh_from_db()
    client.force_login(coordinator)
    html = client.get(reverse("casusoverleg:casus-detail", args=[eenvoudig.public_id])).content
    html = html.decode()
    assert "Gesloten op" in html
    assert "Persoon vertrokken of onvindbaar" in html
    assert "bewaard tot" in html
    assert reverse("casusoverleg:casus-heropenen", args=[eenvoudig.public_id]) in html
    assert reverse("casusoverleg:casus-sluiten", args=[eenvoudig.public_id]) not in html
    assert "Gegevens wijzigen" not in html


# Cancelling open work ------------------------------------------------------------------


def test_closing_cancels_open_tasks_actions_and_planned_items_with_the_reason(
    casus, coordinator, politie
):
    ander = make_casus(coordinator, deelnemers=[politie.organisatie])
    alleen = plan(coordinator, [casus], dagen=14)
    gedeeld = plan(coordinator, [casus, ander], dagen=21)
    proces = casus.processen.get()

    sluit(casus, coordinator, reden=Sluitreden.GEEN_SLACHTOFFER)

    reden = "Casus gesloten: Geen slachtoffer"
    proces.refresh_from_db()
    assert proces.status == PROCESS.CANCELED
    assert proces.geannuleerd_reden == reden
    assert not proces.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED])
    actiepunt = casus.actiepunten.get()
    assert (actiepunt.status, actiepunt.reden) == ("niet_mogelijk", reden)
    assert actiepunt.voortgang.get().tekst == reden
    alleen.refresh_from_db()
    assert alleen.status == "geannuleerd"
    gedeeld.refresh_from_db()
    assert gedeeld.status == "gepland"
    assert [p.casus for p in gedeeld.agendapunten.all()] == [ander]


def test_closing_lapses_the_cases_tasks_and_cancels_its_terms_with_the_reason(
    settings, eenvoudig, coordinator, politie
):
    settings.TERMIJNEN = {**settings.TERMIJNEN, "sluitproef": {"dagen": 30, "herinneren": []}}
    regel = termijnen.register(
        termijnen.Regel(soort="sluitproef", label="Sluitproef", ontvangers=lambda t: [])
    )
    soort = casustaken.register(casustaken.Soort("sluittaak", "Sluittaak", "Doe het.", True))
    try:
        start = timezone.localdate()
        termijn_zetten(casus=eenvoudig, soort="sluitproef", start=start)
        casustaak_maken(
            casus=eenvoudig,
            soort="sluittaak",
            organisatie=politie.organisatie,
            deadline=start + datetime.timedelta(days=5),
        )
        sluit(eenvoudig, coordinator, reden=Sluitreden.SAMENGEVOEGD)
    finally:
        termijnen.REGELS.pop(regel.soort)
        casustaken.SOORTEN.pop(soort.soort)
    reden = "Casus gesloten: Samengevoegd met andere casus"
    taak = Casustaak.objects.get(casus=eenvoudig)
    assert (taak.status, taak.toelichting) == (Casustaak.Status.VERVALLEN, reden)
    # The test's own term and the case's report term (casus_open starts it), both.
    termijnen_ = Termijn.objects.filter(casus=eenvoudig)
    assert {t.soort for t in termijnen_} == {regel.soort, "comensha_melding"}
    assert {(t.status, t.reden) for t in termijnen_} == {(Termijn.Status.GEANNULEERD, reden)}


def test_the_closing_form_names_who_loses_access_and_what_is_cancelled(
    client, casus, coordinator, politie
):
    client.force_login(coordinator)
    html = client.get(reverse("casusoverleg:casus-sluiten", args=[casus.public_id])).content
    html = html.decode()
    assert str(politie.organisatie) in html
    assert "1 open actiepunt" in html
    assert "identificatieproces" in html
    assert Casus.objects.get(pk=casus.pk).status != Casus.Status.GESLOTEN


def test_the_closing_form_ties_its_errors_to_the_fields_and_saves_nothing(
    client, eenvoudig, coordinator, politie
):
    client.force_login(coordinator)
    url = reverse("casusoverleg:casus-sluiten", args=[eenvoudig.public_id])
    response = client.post(url, {"reden": "overig", "toelichting": " "})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "toelichting": ["Licht toe waarom de casus wordt gesloten."]
    }
    assert user_can(politie, eenvoudig, VIEW)
    response = client.post(url, {"reden": "overgedragen"})
    assert response.status_code == 302
    assert Casus.objects.get(pk=eenvoudig.pk).status == Casus.Status.GESLOTEN


def test_a_participant_who_may_not_coordinate_gets_404_on_the_closing_form(
    client, eenvoudig, politie
):
    client.force_login(politie)
    url = reverse("casusoverleg:casus-sluiten", args=[eenvoudig.public_id])
    assert client.post(url, {"reden": "overgedragen"}).status_code == 404
    assert AuditEvent.objects.filter(
        gebruiker=politie, uitkomst=AuditEvent.Uitkomst.GEWEIGERD
    ).exists()
    assert Casus.objects.get(pk=eenvoudig.pk).status == Casus.Status.OPEN


def test_a_failing_handler_leaves_the_case_open(eenvoudig, coordinator, politie, monkeypatch):
    def kapot(*, ctx, casus, reden):
        raise RuntimeError("handler faalt")

    monkeypatch.setattr(sluiten, "BIJ_SLUITEN", [*sluiten.BIJ_SLUITEN, kapot])
    with pytest.raises(RuntimeError):
        sluit(eenvoudig, coordinator)
    eenvoudig.refresh_from_db()
    assert eenvoudig.status == Casus.Status.OPEN
    assert eenvoudig.bewaren_tot is None
    assert user_can(politie, eenvoudig, VIEW)
    assert may_coordinate(coordinator, eenvoudig)
    assert not Sluiting.objects.exists()


def test_handlers_run_inside_the_closing_transaction(eenvoudig, coordinator, monkeypatch):
    gezien = []

    def kijk(*, ctx, casus, reden):
        # The closing record exists already: same transaction, before commit.
        gezien.append((Sluiting.objects.filter(casus=casus).exists(), reden))

    monkeypatch.setattr(sluiten, "BIJ_SLUITEN", [kijk])
    sluit(eenvoudig, coordinator, reden=Sluitreden.OVERGEDRAGEN)
    assert gezien == [(True, "Casus gesloten: Overgedragen")]


# Reopening -----------------------------------------------------------------------------


def test_reopening_needs_a_reason_and_restores_nobody(eenvoudig, coordinator, politie, advocaat):
    sluit(eenvoudig, coordinator)
    with pytest.raises(ValidationError) as fout:
        casus_heropenen(ctx=ctx(coordinator), casus=eenvoudig, reden="  ")
    assert "reden" in fout.value.error_dict

    casus_heropenen(ctx=ctx(coordinator), casus=eenvoudig, reden="Nieuwe informatie.")

    eenvoudig.refresh_from_db()
    assert eenvoudig.status == Casus.Status.OPEN
    assert eenvoudig.bewaren_tot is None
    assert not user_can(politie, eenvoudig, VIEW)
    assert not user_can(advocaat, eenvoudig, VIEW)
    assert may_coordinate(coordinator, eenvoudig)
    deelname_add(ctx=ctx(coordinator), casus=eenvoudig, organisatie=politie.organisatie)
    assert user_can(politie, eenvoudig, CHANGE)
    assert AuditEvent.objects.filter(
        casus_public_id=eenvoudig.public_id,
        actie=Actie.TOEGANG_VERLEEND,
        detail__reden="casus_heropend",
    ).exists()


def test_reopening_brings_back_the_terms_that_still_run(eenvoudig, coordinator):
    """Closing cancels every term; reopening starts again those the law still runs:
    a reflection period without an outcome (its own dates) and a report still due."""
    from identificatie.services import bedenktijd_start

    eenvoudig.nationaliteit = "RO"
    eenvoudig.save(update_fields=["nationaliteit"])
    bedenktijd = bedenktijd_start(ctx=ctx(coordinator), casus=eenvoudig, start=timezone.localdate())
    sluit(eenvoudig, coordinator)
    assert not Termijn.objects.filter(casus=eenvoudig).lopend().exists()

    casus_heropenen(ctx=ctx(coordinator), casus=eenvoudig, reden="Nieuwe informatie.")

    lopend = {t.soort: t for t in Termijn.objects.filter(casus=eenvoudig).lopend()}
    assert set(lopend) == {"bedenktijd", "comensha_melding"}
    assert (lopend["bedenktijd"].start, lopend["bedenktijd"].einde) == (
        bedenktijd.start,
        bedenktijd.einde,
    )


def test_only_a_coordinator_of_the_coordinating_organisation_reopens(
    client, eenvoudig, coordinator, politie
):
    sluit(eenvoudig, coordinator)
    with pytest.raises(PermissionDenied):
        casus_heropenen(ctx=ctx(politie), casus=eenvoudig, reden="Toch niet.")
    client.force_login(politie)
    url = reverse("casusoverleg:casus-heropenen", args=[eenvoudig.public_id])
    assert client.post(url, {"reden": "Toch niet."}).status_code == 404
    assert Casus.objects.get(pk=eenvoudig.pk).status == Casus.Status.GESLOTEN


def test_the_reopening_form_ties_its_error_to_the_field(client, eenvoudig, coordinator):
    sluit(eenvoudig, coordinator)
    client.force_login(coordinator)
    url = reverse("casusoverleg:casus-heropenen", args=[eenvoudig.public_id])
    response = client.post(url, {"reden": ""})
    assert response.context["form"].errors == {"reden": ["Geef de reden om de casus te heropenen."]}
    assert client.post(url, {"reden": "Nieuwe feiten."}).status_code == 302
    assert Casus.objects.get(pk=eenvoudig.pk).status == Casus.Status.OPEN


def test_reopening_an_open_case_is_refused(eenvoudig, coordinator):
    with pytest.raises(ValidationError):
        casus_heropenen(ctx=ctx(coordinator), casus=eenvoudig, reden="Waarom niet.")


def test_the_timeline_shows_closing_and_reopening(eenvoudig, coordinator):
    sluit(eenvoudig, coordinator, reden=Sluitreden.OVERGEDRAGEN)
    casus_heropenen(ctx=ctx(coordinator), casus=eenvoudig, reden="Terug.")
    wat = [g.wat for g in casuspagina.tijdlijn(user=coordinator, casus=eenvoudig)]
    assert wat.index("Casus heropend") < wat.index("Casus gesloten: Overgedragen")


def test_a_closed_case_takes_no_meeting_work_from_those_who_still_read_it(
    casus, coordinator, politie
):
    """The coordinating organisation keeps its read access; a running meeting's
    item and an action it owns still refuse it once the case is closed."""
    agendapunt = casus.agendapunten.get(zorgtafel__status=Zorgtafel.Status.GESTART)
    eigen = actiepunt_add(
        ctx=ctx(coordinator),
        agendapunt=agendapunt,
        omschrijving="Eigen actie.",
        eigenaar=coordinator.organisatie,
        deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert may_act_on_item(coordinator, agendapunt)
    assert may_update_actiepunt(coordinator, eigen)

    sluit(casus, coordinator)

    assert user_can(coordinator, casus, VIEW)
    assert not may_act_on_item(coordinator, agendapunt)
    assert not may_update_actiepunt(coordinator, eigen)
    assert not actiepunten_for_update(Actiepunt.objects.all(), user=coordinator).exists()
