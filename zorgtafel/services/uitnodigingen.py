"""Invitations by e-mail with a calendar file (same UID, higher SEQUENCE on change)."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar, Event, vCalAddress, vText

from casusoverleg.models import Meldingsoort, User
from casusoverleg.services import melding_send
from casusoverleg.weergave import datum, tijd

from ..models import Zorgtafel

# Invitations by e-mail --------------------------------------------------------------


def zorgtafel_url(zorgtafel: Zorgtafel) -> str:
    return settings.SITE_URL + reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id])


def zorgtafel_ics(zorgtafel: Zorgtafel, *, user: User | None = None, annuleren=False) -> bytes:
    """The calendar invitation: type, time, place and a link. No case data, and no
    video link (that is behind the login); one attendee per file."""

    annuleren = annuleren or zorgtafel.status == Zorgtafel.Status.GEANNULEERD
    cal = Calendar()
    cal.add("prodid", "-//Casusoverleg//Zorgtafel//NL")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if annuleren else "REQUEST")
    event = Event()
    event.add("uid", zorgtafel.ics_uid)
    event.add("sequence", zorgtafel.ics_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", zorgtafel.begint_op.astimezone(datetime.UTC))
    event.add("dtend", zorgtafel.eindigt_op.astimezone(datetime.UTC))
    with override(settings.LANGUAGE_CODE):
        event.add("summary", str(zorgtafel.get_type_display()))
        plaats = zorgtafel.plaats or _("Online (de videolink staat in Casusoverleg)")
        event.add("location", vText(plaats))
        event.add(
            "description",
            _("Agenda en stukken: %(url)s") % {"url": zorgtafel_url(zorgtafel)},
        )
    event.add("url", zorgtafel_url(zorgtafel))
    event.add("status", "CANCELLED" if annuleren else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    event.add("organizer", organizer)
    if user is not None and user.email:
        attendee = vCalAddress(f"mailto:{user.email}")
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        attendee.params["RSVP"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    cal.add_component(event)
    return cal.to_ical()


def _mail_on_commit(
    zorgtafel: Zorgtafel, user: User, *, annuleren: bool, gewijzigd: bool = False
) -> None:
    """Tell one invitee after commit: a notification (the date, time and a link) and
    a mail with a link and an ``.ics``, never case data; that mail is the notice's
    e-mail (``casusoverleg.meldingen``: these kinds have their own). Nothing for a
    meeting that is already over (one recorded afterwards)."""
    if zorgtafel.eindigt_op < timezone.now():
        return
    melding_send(
        soort=Meldingsoort.ZORGTAFEL_GEANNULEERD
        if annuleren
        else Meldingsoort.ZORGTAFEL_GEWIJZIGD
        if gewijzigd
        else Meldingsoort.UITNODIGING,
        ontvangers=[user],
        url=reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id]),
        wanneer=zorgtafel.begint_op,
    )
    if not user.email:
        return
    ics = zorgtafel_ics(zorgtafel, user=user, annuleren=annuleren)
    with override(settings.LANGUAGE_CODE):
        wanneer = {"datum": datum(zorgtafel.begint_op), "tijd": tijd(zorgtafel.begint_op)}
        if annuleren:
            onderwerp = _("Geannuleerd: overleg op %(datum)s om %(tijd)s") % wanneer
            tekst = (
                _(
                    "Het overleg op %(datum)s om %(tijd)s gaat voor u niet door. "
                    "De bijgevoegde agenda-uitnodiging haalt het uit uw agenda."
                )
                % wanneer
            )
        else:
            onderwerp = _("Uitnodiging: overleg op %(datum)s om %(tijd)s") % wanneer
            tekst = _(
                "U bent uitgenodigd voor een overleg op %(datum)s om %(tijd)s. "
                "De agenda staat, na inloggen, op %(url)s"
            ) % {**wanneer, "url": zorgtafel_url(zorgtafel)}
    method = "CANCEL" if annuleren else "REQUEST"
    message = EmailMessage(subject=onderwerp, body=tekst, to=[user.email])
    message.attach("uitnodiging.ics", ics, f"text/calendar; charset=utf-8; method={method}")
    transaction.on_commit(lambda: message.send(fail_silently=False), robust=True)
