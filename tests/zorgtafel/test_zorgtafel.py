"""Zorgtafels: planning, invitations with .ics, running the meeting, open actions."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from casusoverleg import services as core_services
from casusoverleg.audit import AuditContext
from casusoverleg.herinneringen import herinneringen_versturen
from casusoverleg.models import AuditEvent, Herinnering, Melding, Meldingsoort
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, start
from zorgtafel import services
from zorgtafel.models import Actiepunt, Notule, Zorgtafel


@pytest.fixture
def casussen(coordinator, coordinator2, politie, zorg, advocaat):
    een = make_casus(
        coordinator, naam="Eerste Persoon", deelnemers=[politie.organisatie, zorg.organisatie]
    )
    twee = make_casus(
        coordinator, naam="Tweede Persoon", deelnemers=[zorg.organisatie], advocaten=[advocaat]
    )
    return een, twee


@pytest.fixture
def zorgtafel(coordinator, casussen):
    return plan(coordinator, list(casussen))


def _ics(message):
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def _event(cal):
    return next(c for c in cal.walk() if c.name == "VEVENT")


# Planning and invitations -------------------------------------------------------------


def test_invitees_follow_the_participants_of_the_agendas_cases(
    zorgtafel, coordinator, coordinator2, politie, zorg, advocaat, buitenstaander
):
    invited = set(
        zorgtafel.uitnodigingen.filter(actief=True).values_list("user__username", flat=True)
    )
    # The coordinating municipality takes part in both: both its coordinators.
    assert invited == {"coordinator", "coordinator2", "politie", "zorg", "advocaat"}


def test_invitation_mail_has_a_link_and_an_ics_but_no_case_data(
    django_capture_on_commit_callbacks, coordinator, casussen
):
    with django_capture_on_commit_callbacks(execute=True):
        zorgtafel = plan(coordinator, list(casussen))
    assert len(mail.outbox) == 5
    for message in mail.outbox:
        assert len(message.to) == 1
        ics = message.attachments[0][1]
        everything = (
            message.subject + message.body + (ics if isinstance(ics, str) else ics.decode())
        )
        for casus in casussen:
            assert casus.nummer not in everything
            assert casus.naam not in everything
        assert f"/zorgtafels/{zorgtafel.public_id}/" in message.body
        event = _event(_ics(message))
        assert str(event["uid"]) == zorgtafel.ics_uid
        assert int(event["sequence"]) == 0
        assert event.decoded("dtstart") == zorgtafel.begint_op
        assert "Stadskantoor" in str(event["location"])


def test_a_change_sends_a_new_ics_with_the_same_uid_and_a_higher_sequence(
    django_capture_on_commit_callbacks, coordinator, zorgtafel
):
    nieuw = zorgtafel.begint_op + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.zorgtafel_update(
            ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel, data={"begint_op": nieuw}
        )
    assert len(mail.outbox) == 5
    event = _event(_ics(mail.outbox[0]))
    assert str(event["uid"]) == zorgtafel.ics_uid
    assert int(event["sequence"]) == 1
    assert event.decoded("dtstart") == nieuw

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.zorgtafel_cancel(ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel)
    assert len(mail.outbox) == 5
    cal = _ics(mail.outbox[0])
    event = _event(cal)
    assert str(cal["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == zorgtafel.ics_uid
    assert int(event["sequence"]) == 2


def test_someone_taken_off_the_only_case_gets_a_cancellation(
    django_capture_on_commit_callbacks, coordinator, casussen, zorgtafel, politie
):
    deelname = casussen[0].deelnames.get(organisatie=politie.organisatie)
    with django_capture_on_commit_callbacks(execute=True):
        core_services.deelname_remove(ctx=AuditContext.system(coordinator), deelname=deelname)
    # The calendar cancellation, and apart from it the notice that access ended.
    agenda = [m for m in mail.outbox if m.attachments]
    assert [m.to for m in agenda] == [[politie.email]]
    assert [m.to for m in mail.outbox if not m.attachments] == [[politie.email]]
    cal = _ics(agenda[0])
    assert str(cal["method"]) == "CANCEL"
    assert str(_event(cal)["uid"]) == zorgtafel.ics_uid
    assert not zorgtafel.uitnodigingen.get(user=politie).actief


def test_chair_booked_twice_gets_a_warning(client, coordinator, casussen, zorgtafel):
    client.force_login(coordinator)
    lokaal = timezone.localtime(zorgtafel.begint_op + datetime.timedelta(minutes=30))
    response = client.post(
        reverse("zorgtafel:zorgtafel-create"),
        {
            "type": "overig",
            "datum": lokaal.date().isoformat(),
            "tijd": lokaal.strftime("%H:%M"),
            "duur_minuten": 60,
            "plaats": "",
            "videolink": "https://video.example.org/abc",
            "voorzitter": coordinator.pk,
            "casussen": [casussen[0].pk],
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "al een ander overleg" in response.content.decode()
    assert Zorgtafel.objects.count() == 2


def test_planning_with_bad_input_shows_dutch_errors_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("zorgtafel:zorgtafel-create"),
        {"type": "overig", "datum": "2001-01-01", "tijd": "10:00", "duur_minuten": 5},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "in het verleden" in html
    assert "Vul een plaats of een videolink in" in html
    assert "Zet ten minste één casus op de agenda" in html
    assert not Zorgtafel.objects.exists()


def test_only_a_coordinator_of_the_cases_may_plan(politie, casussen):
    with pytest.raises(PermissionDenied):
        plan(politie, [casussen[0]], voorzitter=politie)


# The room ---------------------------------------------------------------------------


def test_attendee_sees_only_items_of_their_own_cases(client, zorgtafel, casussen, politie):
    bevestig(zorgtafel, politie)
    client.force_login(politie)
    html = client.get(reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id])).content
    html = html.decode()
    assert casussen[0].nummer in html
    assert casussen[1].nummer not in html
    assert casussen[1].naam not in html
    assert casussen[1].public_id not in html
    assert "Besloten agendapunt" in html


def test_confidentiality_statement_comes_first(client, zorgtafel, casussen, politie):
    client.force_login(politie)
    url = reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id])
    html = client.get(url).content.decode()
    assert "Geheimhoudingsverklaring" in html
    assert casussen[0].nummer not in html
    response = client.post(reverse("zorgtafel:zorgtafel-bevestigen", args=[zorgtafel.public_id]))
    assert response.status_code == 400
    client.post(
        reverse("zorgtafel:zorgtafel-bevestigen", args=[zorgtafel.public_id]), {"akkoord": "ja"}
    )
    assert casussen[0].nummer in client.get(url).content.decode()
    assert zorgtafel.uitnodigingen.get(user=politie).vertrouwelijkheid_bevestigd_op


def test_outsider_and_uninvited_colleague_get_404(client, zorgtafel, buitenstaander, jeugdzorg):
    for user in (buitenstaander, jeugdzorg):
        client.force_login(user)
        url = reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id])
        assert client.get(url).status_code == 404
        assert AuditEvent.objects.filter(
            gebruiker=user, uitkomst="geweigerd", object_id=zorgtafel.public_id
        ).exists()


def test_attendee_cannot_use_chair_pages(client, zorgtafel, politie):
    bevestig(zorgtafel, politie)
    client.force_login(politie)
    for name in ("zorgtafel-edit", "zorgtafel-agenda", "zorgtafel-starten"):
        url = reverse(f"zorgtafel:{name}", args=[zorgtafel.public_id])
        assert client.post(url).status_code == 404


def test_chair_runs_the_meeting_through_the_pages(
    client, django_capture_on_commit_callbacks, zorgtafel, casussen, coordinator, politie
):
    bevestig(zorgtafel, coordinator)
    client.force_login(coordinator)
    base = [zorgtafel.public_id]
    punt = zorgtafel.agendapunten.get(casus=casussen[0])
    client.post(reverse("zorgtafel:zorgtafel-starten", args=base))
    zorgtafel.refresh_from_db()
    assert zorgtafel.status == Zorgtafel.Status.GESTART
    args = [*base, punt.public_id]
    response = client.post(
        reverse("zorgtafel:zorgtafel-notule", args=args),
        {f"notule-{punt.public_id}-tekst": "Politie licht de aangifte toe."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert Notule.objects.get(agendapunt=punt).tekst == "Politie licht de aangifte toe."
    client.post(
        reverse("zorgtafel:zorgtafel-besluit", args=args),
        {
            f"besluit-{punt.public_id}-besluit": "Advies opstellen.",
            f"besluit-{punt.public_id}-uitkomst": "advies_opstellen",
        },
    )
    punt.refresh_from_db()
    assert (punt.uitkomst, punt.besluit_door) == ("advies_opstellen", coordinator)
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    client.post(
        reverse("zorgtafel:zorgtafel-actiepunt", args=args),
        {
            f"actiepunt-{punt.public_id}-omschrijving": "Verhoor plannen.",
            f"actiepunt-{punt.public_id}-eigenaar": politie.organisatie.pk,
            f"actiepunt-{punt.public_id}-deadline": deadline.isoformat(),
        },
    )
    assert Actiepunt.objects.get().eigenaar == politie.organisatie
    # An owner that does not take part in the case is refused on the field.
    response = client.post(
        reverse("zorgtafel:zorgtafel-actiepunt", args=args),
        {
            f"actiepunt-{punt.public_id}-omschrijving": "Iets.",
            f"actiepunt-{punt.public_id}-eigenaar": 999999,
            f"actiepunt-{punt.public_id}-deadline": deadline.isoformat(),
        },
    )
    assert response.status_code == 400
    assert Actiepunt.objects.count() == 1

    client.post(reverse("zorgtafel:zorgtafel-sluiten", args=base), {"bevestigd": "1"})
    zorgtafel.refresh_from_db()
    assert zorgtafel.is_gesloten
    response = client.post(
        reverse("zorgtafel:zorgtafel-notule", args=args),
        {f"notule-{punt.public_id}-tekst": "Te laat."},
    )
    assert response.status_code == 400
    assert "notulen liggen vast" in response.content.decode()
    assert Notule.objects.filter(agendapunt=punt).count() == 1


# Locked minutes, required reasons, the decision --------------------------------------


@pytest.fixture
def lopend(zorgtafel, coordinator):
    return start(zorgtafel, coordinator)


def test_locked_minutes_cannot_be_edited_but_get_addenda(lopend, coordinator, casussen):
    ctx = AuditContext.system(coordinator)
    punt = lopend.agendapunten.first()
    notule = services.notule_add(ctx=ctx, agendapunt=punt, tekst="Eerste versie.")
    services.notule_update(ctx=ctx, notule=notule, tekst="Gecorrigeerd.")
    services.zorgtafel_close(ctx=ctx, zorgtafel=lopend)
    punt.refresh_from_db()
    with pytest.raises(ValidationError):
        services.notule_update(ctx=ctx, notule=notule, tekst="Achteraf anders.")
    with pytest.raises(ValidationError):
        services.notule_add(ctx=ctx, agendapunt=punt, tekst="Nog iets.")
    with pytest.raises(ValidationError):
        services.besluit_record(ctx=ctx, agendapunt=punt, besluit="Anders.", uitkomst="aanhouden")
    notule.refresh_from_db()
    assert notule.tekst == "Gecorrigeerd."
    addendum = services.addendum_add(ctx=ctx, agendapunt=punt, tekst="Correctie: datum was 3 mei.")
    assert addendum.addendum
    with pytest.raises(ValidationError):
        services.notule_update(ctx=ctx, notule=addendum, tekst="x")


def _earlier_action(coordinator, casus, politie):
    """An open action agreed at an earlier, closed meeting about ``casus``."""
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
        eigenaar=politie.organisatie,
        deadline=timezone.localdate() + datetime.timedelta(days=1),
    )
    services.zorgtafel_close(ctx=ctx, zorgtafel=vorige)
    return actiepunt


def test_reviewing_an_action_as_not_done_or_not_possible_requires_a_reason(
    lopend, coordinator, casussen, politie
):
    actiepunt = _earlier_action(coordinator, casussen[0], politie)
    ctx = AuditContext.system(coordinator)
    punt = lopend.agendapunten.get(casus=casussen[0])
    for status in ("niet_gedaan", "niet_mogelijk"):
        with pytest.raises(ValidationError) as error:
            services.actiepunt_review(
                ctx=ctx, actiepunt=actiepunt, agendapunt=punt, status=status, reden="  "
            )
        assert "reden" in error.value.message_dict
    actiepunt.refresh_from_db()
    assert actiepunt.status == "open"
    services.actiepunt_review(
        ctx=ctx, actiepunt=actiepunt, agendapunt=punt, status="niet_gedaan", reden="Geen plek."
    )
    actiepunt.refresh_from_db()
    assert actiepunt.is_open and actiepunt.reden == "Geen plek."
    services.actiepunt_review(ctx=ctx, actiepunt=actiepunt, agendapunt=punt, status="gedaan")
    actiepunt.refresh_from_db()
    assert not actiepunt.is_open and actiepunt.reden == ""


def test_the_database_refuses_a_not_possible_action_without_reason(
    lopend, coordinator, casussen, politie
):
    from django.db import IntegrityError, transaction

    actiepunt = _earlier_action(coordinator, casussen[0], politie)
    with pytest.raises(IntegrityError), transaction.atomic():
        Actiepunt.objects.filter(pk=actiepunt.pk).update(status="niet_mogelijk", reden="")


def test_review_form_requires_a_reason_on_the_field(client, lopend, coordinator, casussen, politie):
    actiepunt = _earlier_action(coordinator, casussen[0], politie)
    bevestig(lopend, coordinator)
    punt = lopend.agendapunten.get(casus=casussen[0])
    client.force_login(coordinator)
    prefix = f"beoordeling-{actiepunt.public_id}"
    response = client.post(
        reverse(
            "zorgtafel:zorgtafel-actiepunt-beoordelen",
            args=[lopend.public_id, punt.public_id, actiepunt.public_id],
        ),
        {f"{prefix}-status": "niet_mogelijk", f"{prefix}-reden": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Geef de reden" in response.content.decode()
    actiepunt.refresh_from_db()
    assert actiepunt.status == "open"


def test_the_decision_is_recorded_in_one_service(lopend, coordinator, casussen):
    punt = lopend.agendapunten.get(casus=casussen[0])
    with pytest.raises(ValidationError):
        services.besluit_record(
            ctx=AuditContext.system(coordinator), agendapunt=punt, besluit="", uitkomst="vervolg"
        )
    services.besluit_record(
        ctx=AuditContext.system(coordinator),
        agendapunt=punt,
        besluit="Advies opstellen voor de IND.",
        uitkomst="advies_opstellen",
    )
    punt.refresh_from_db()
    assert punt.uitkomst == "advies_opstellen" and punt.besluit_op is not None
    assert AuditEvent.objects.filter(
        object_type="besluit", casus_public_id=casussen[0].public_id
    ).exists()


def test_chair_who_lost_access_to_a_case_cannot_write_its_minutes(lopend, coordinator2, casussen):
    # coordinator2 is no chair of this meeting.
    with pytest.raises(PermissionDenied):
        services.notule_add(
            ctx=AuditContext.system(coordinator2), agendapunt=lopend.agendapunten.first(), tekst="x"
        )


# Open actions and reminders -----------------------------------------------------------


def test_open_actions_page_marks_overdue_ones(client, lopend, coordinator, casussen, politie, zorg):
    actiepunt = _earlier_action(coordinator, casussen[0], politie)
    Actiepunt.objects.filter(pk=actiepunt.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=2)
    )
    client.force_login(politie)
    html = client.get(reverse("zorgtafel:actiepunten")).content.decode()
    assert "Opvang regelen." in html and "verlopen" in html
    client.force_login(zorg)
    assert "Opvang regelen." not in client.get(reverse("zorgtafel:actiepunten")).content.decode()


def test_reminders_are_sent_once_per_overdue_action(
    lopend, coordinator, casussen, politie, django_capture_on_commit_callbacks
):
    actiepunt = _earlier_action(coordinator, casussen[0], politie)
    later = timezone.localdate() + datetime.timedelta(days=5)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert herinneringen_versturen(vandaag=later) == {"actiepunt_verlopen": 1}
    assert [m.to for m in mail.outbox] == [[politie.email]]
    body = mail.outbox[0].subject + mail.outbox[0].body
    # The case number and a link; never what the action is about.
    assert casussen[0].nummer in body and "Opvang" not in body
    melding = Melding.objects.get(soort=Meldingsoort.ACTIEPUNT_VERLOPEN)
    assert melding.ontvanger == politie and melding.casus == casussen[0]
    with django_capture_on_commit_callbacks(execute=True):
        assert herinneringen_versturen(vandaag=later) == {}
    assert len(mail.outbox) == 1
    assert Herinnering.objects.count() == 1
    # A new deadline that passes again is a new reminder.
    Actiepunt.objects.filter(pk=actiepunt.pk).update(deadline=later - datetime.timedelta(days=1))
    assert herinneringen_versturen(vandaag=later) == {"actiepunt_verlopen": 1}


def test_herinneringen_command_runs_repeatedly(db, capsys):
    call_command("herinneringen")
    call_command("herinneringen")
    assert "0 herinneringen verstuurd" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("naam", "gestart", "knop", "status"),
    [
        ("zorgtafel-sluiten", True, "Ja, overleg sluiten", "gesloten"),
        ("zorgtafel-annuleren", False, "Ja, overleg annuleren", "geannuleerd"),
    ],
)
def test_closing_or_cancelling_a_meeting_asks_for_confirmation_first(
    client, coordinator, buitenstaander, zorgtafel, naam, gestart, knop, status
):
    if gestart:
        start(zorgtafel, coordinator)
    voor = Zorgtafel.objects.get(pk=zorgtafel.pk).status
    url = reverse(f"zorgtafel:{naam}", args=[zorgtafel.public_id])
    client.force_login(buitenstaander)
    assert client.post(url).status_code == 404
    assert client.post(url, {"bevestigd": "1"}).status_code == 404
    client.force_login(coordinator)
    response = client.post(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert knop in html and 'name="bevestigd" value="1"' in html
    assert "utrecht-button--danger" in html
    assert Zorgtafel.objects.get(pk=zorgtafel.pk).status == voor
    assert client.post(url, {"bevestigd": "1"}).status_code == 302
    assert Zorgtafel.objects.get(pk=zorgtafel.pk).status == status
