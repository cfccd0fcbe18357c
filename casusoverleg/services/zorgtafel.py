"""Writes of zorgtafels: planning, invitations, running the meeting, actions.

Every service is atomic, validates before it saves, writes the audit trail and
sends its live update only after commit (``casusoverleg.live``). Only the chair
(or whoever planned the meeting) runs it, and only on items whose case they may
still see. Invitations are mailed with an ``.ics`` that carries a link, never
case data; changes and cancellations keep the UID and raise the SEQUENCE.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .. import live
from ..audit import Actie, AuditContext, audit_log
from ..models import (
    Actiepunt,
    Agendapunt,
    Casus,
    Deelname,
    Notule,
    Uitnodiging,
    User,
    Zorgtafel,
)
from ..permissions import COORDINATE, VIEW, casussen_for_user, may_access_cases, user_can

ZORGTAFEL_FIELDS = ["type", "begint_op", "duur_minuten", "plaats", "videolink", "voorzitter"]
# A change of one of these sends everyone a new calendar invitation.
AGENDA_FIELDS = ["begint_op", "duur_minuten", "plaats", "videolink", "voorzitter"]


def _require_voorzitter(user, zorgtafel: Zorgtafel):
    if not (may_access_cases(user) and zorgtafel.is_voorzitter(user)):
        raise PermissionDenied


def _require_item(user, agendapunt: Agendapunt):
    """The chair acts on an item only while they may see its case."""
    _require_voorzitter(user, agendapunt.zorgtafel)
    if not user_can(user, agendapunt.casus, VIEW):
        raise PermissionDenied


def _require_bezig(zorgtafel: Zorgtafel):
    """The meeting runs, read under a row lock: closing and writing minutes at the
    same moment cannot interleave, so closed minutes stay closed."""
    zorgtafel = Zorgtafel.objects.select_for_update().only("status").get(pk=zorgtafel.pk)
    if zorgtafel.status == Zorgtafel.Status.GESLOTEN:
        raise ValidationError(
            _("Het overleg is gesloten: de notulen liggen vast. Voeg zo nodig een addendum toe.")
        )
    if zorgtafel.status != Zorgtafel.Status.GESTART:
        raise ValidationError(_("Het overleg is nog niet gestart."))


def _require_wijzigbaar(zorgtafel: Zorgtafel):
    if zorgtafel.status in (Zorgtafel.Status.GESLOTEN, Zorgtafel.Status.GEANNULEERD):
        raise ValidationError(
            _("Een gesloten of geannuleerd overleg kan niet meer worden gewijzigd.")
        )


def _check_voorzitter(voorzitter: User, casussen):
    if not (voorzitter.is_coordinator and may_access_cases(voorzitter)):
        raise ValidationError({"voorzitter": _("Kies een casuscoördinator als voorzitter.")})
    zichtbaar = set(casussen_for_user(user=voorzitter).values_list("pk", flat=True))
    if any(c.pk not in zichtbaar for c in casussen):
        raise ValidationError(
            {"voorzitter": _("De voorzitter moet alle casussen op de agenda kunnen inzien.")}
        )


def _audit(ctx, actie, obj_type, obj_id, casus=None, **detail):
    audit_log(
        ctx,
        actie=actie,
        object_type=obj_type,
        object_id=obj_id,
        casus=casus,
        detail=detail or None,
    )


# Planning ---------------------------------------------------------------------------


@transaction.atomic
def zorgtafel_plan(*, ctx: AuditContext, data: dict, casussen: list[Casus]) -> Zorgtafel:
    """Schedule a meeting with ``casussen`` on its agenda, in that order, and invite
    the participants of those cases. Only a coordinator may, and only with cases
    they coordinate."""
    user = ctx.user
    if not (user.is_coordinator and may_access_cases(user)):
        raise PermissionDenied
    if not casussen:
        raise ValidationError({"casussen": _("Zet ten minste één casus op de agenda.")})
    coordineerbaar = set(casussen_for_user(user=user, perm=COORDINATE).values_list("pk", flat=True))
    if any(c.pk not in coordineerbaar for c in casussen):
        raise PermissionDenied
    zorgtafel = Zorgtafel(
        aangemaakt_door=user, **{k: data[k] for k in ZORGTAFEL_FIELDS if k in data}
    )
    zorgtafel.full_clean()
    _check_voorzitter(zorgtafel.voorzitter, casussen)
    zorgtafel.save()
    for volgorde, casus in enumerate(casussen, start=1):
        Agendapunt.objects.create(zorgtafel=zorgtafel, casus=casus, volgorde=volgorde)
    _audit(ctx, Actie.AANMAKEN, "zorgtafel", zorgtafel.public_id, agenda=len(casussen))
    for casus in casussen:
        _audit(ctx, Actie.WIJZIGEN, "agendapunt", zorgtafel.public_id, casus=casus)
    _uitnodigingen_sync(zorgtafel)
    return zorgtafel


@transaction.atomic
def zorgtafel_update(*, ctx: AuditContext, zorgtafel: Zorgtafel, data: dict) -> Zorgtafel:
    """Change the type, time, duration, place or chair. A change of when, where or
    who chairs sends every invitee a new ``.ics`` (same UID, higher SEQUENCE)."""
    _require_voorzitter(ctx.user, zorgtafel)
    zorgtafel = Zorgtafel.objects.select_for_update().get(pk=zorgtafel.pk)
    _require_wijzigbaar(zorgtafel)
    changed = []
    for name in ZORGTAFEL_FIELDS:
        if name in data and getattr(zorgtafel, name) != data[name]:
            setattr(zorgtafel, name, data[name])
            changed.append(name)
    zorgtafel.full_clean()
    if "voorzitter" in changed:
        _check_voorzitter(zorgtafel.voorzitter, [p.casus for p in zorgtafel.agendapunten.all()])
    if not changed:
        return zorgtafel
    opnieuw = any(name in AGENDA_FIELDS for name in changed)
    if opnieuw:
        zorgtafel.ics_sequence += 1
        changed.append("ics_sequence")
    zorgtafel.save(update_fields=[*changed, "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, "zorgtafel", zorgtafel.public_id, velden=sorted(changed))
    _uitnodigingen_sync(zorgtafel, iedereen_opnieuw=opnieuw)
    return zorgtafel


@transaction.atomic
def zorgtafel_annuleren(*, ctx: AuditContext, zorgtafel: Zorgtafel) -> Zorgtafel:
    """Cancel a planned meeting; every invitee gets a cancellation (METHOD:CANCEL)."""
    _require_voorzitter(ctx.user, zorgtafel)
    zorgtafel = Zorgtafel.objects.select_for_update().get(pk=zorgtafel.pk)
    if zorgtafel.status != Zorgtafel.Status.GEPLAND:
        raise ValidationError(_("Alleen een gepland overleg kan worden geannuleerd."))
    zorgtafel.status = Zorgtafel.Status.GEANNULEERD
    zorgtafel.ics_sequence += 1
    zorgtafel.save(update_fields=["status", "ics_sequence", "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, "zorgtafel", zorgtafel.public_id, status="geannuleerd")
    for uitnodiging in zorgtafel.uitnodigingen.filter(actief=True).select_related("user"):
        _mail_on_commit(zorgtafel, uitnodiging.user, annuleren=True)
    live.algemeen_on_commit(zorgtafel, {"soort": "status", "status": zorgtafel.status})
    return zorgtafel


def voorzitter_dubbel_geboekt(zorgtafel: Zorgtafel) -> list[Zorgtafel]:
    """Other meetings the chair leads that overlap this one (a warning, not a refusal)."""
    kandidaten = Zorgtafel.objects.filter(
        voorzitter=zorgtafel.voorzitter,
        status__in=[Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART],
        begint_op__lt=zorgtafel.eindigt_op,
        begint_op__gte=zorgtafel.begint_op - datetime.timedelta(minutes=480),
    ).exclude(pk=zorgtafel.pk)
    return [z for z in kandidaten if z.eindigt_op > zorgtafel.begint_op]


# Agenda -----------------------------------------------------------------------------


@transaction.atomic
def agendapunt_add(*, ctx: AuditContext, zorgtafel: Zorgtafel, casus: Casus) -> Agendapunt:
    """Put a case the chair coordinates at the end of the agenda; its participants
    are invited."""
    _require_voorzitter(ctx.user, zorgtafel)
    _require_wijzigbaar(zorgtafel)
    if not user_can(ctx.user, casus, COORDINATE):
        raise PermissionDenied
    if zorgtafel.agendapunten.filter(casus=casus).exists():
        raise ValidationError({"casus": _("Deze casus staat al op de agenda.")})
    _check_voorzitter(zorgtafel.voorzitter, [casus])
    laatste = zorgtafel.agendapunten.aggregate(m=Max("volgorde"))["m"] or 0
    punt = Agendapunt(zorgtafel=zorgtafel, casus=casus, volgorde=laatste + 1)
    punt.full_clean()
    punt.save()
    _audit(ctx, Actie.WIJZIGEN, "agendapunt", punt.public_id, casus=casus, wijziging="toegevoegd")
    _uitnodigingen_sync(zorgtafel)
    live.algemeen_on_commit(zorgtafel, {"soort": "agenda"})
    return punt


@transaction.atomic
def agendapunt_remove(*, ctx: AuditContext, agendapunt: Agendapunt) -> None:
    """Take an item off the agenda of a meeting that has not started; invitees who
    were there only for it get a cancellation."""
    zorgtafel = agendapunt.zorgtafel
    _require_voorzitter(ctx.user, zorgtafel)
    if zorgtafel.status != Zorgtafel.Status.GEPLAND:
        raise ValidationError(_("Agendapunten verwijderen kan alleen vóór het overleg."))
    if zorgtafel.agendapunten.count() == 1:
        raise ValidationError(_("Een overleg heeft ten minste één agendapunt."))
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "agendapunt",
        agendapunt.public_id,
        casus=agendapunt.casus,
        wijziging="verwijderd",
    )
    agendapunt.delete()
    _uitnodigingen_sync(zorgtafel)
    live.algemeen_on_commit(zorgtafel, {"soort": "agenda"})


@transaction.atomic
def agendapunt_verplaatsen(*, ctx: AuditContext, agendapunt: Agendapunt, omhoog: bool) -> None:
    """Swap an item with the one before (or after) it."""
    zorgtafel = agendapunt.zorgtafel
    _require_voorzitter(ctx.user, zorgtafel)
    _require_wijzigbaar(zorgtafel)
    punten = list(zorgtafel.agendapunten.select_for_update().order_by("volgorde", "pk"))
    index = next(i for i, p in enumerate(punten) if p.pk == agendapunt.pk)
    ander = index - 1 if omhoog else index + 1
    if not 0 <= ander < len(punten):
        return
    punten[index], punten[ander] = punten[ander], punten[index]
    for volgorde, punt in enumerate(punten, start=1):
        if punt.volgorde != volgorde:
            punt.volgorde = volgorde
            punt.save(update_fields=["volgorde", "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, "zorgtafel", zorgtafel.public_id, wijziging="volgorde")
    live.algemeen_on_commit(zorgtafel, {"soort": "agenda"})


@transaction.atomic
def agendapunt_gast_add(*, ctx: AuditContext, agendapunt: Agendapunt, user: User) -> Uitnodiging:
    """Invite one more person for an item. Being invited opens the meeting only:
    the item's content follows the case's participants, as everywhere."""
    zorgtafel = agendapunt.zorgtafel
    _require_voorzitter(ctx.user, zorgtafel)
    _require_wijzigbaar(zorgtafel)
    if not may_access_cases(user):
        raise ValidationError({"user": _("Deze persoon kan niet aan overleggen deelnemen.")})
    agendapunt.extra_genodigden.add(user)
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "agendapunt",
        agendapunt.public_id,
        casus=agendapunt.casus,
        extra_genodigde=user.pk,
    )
    _uitnodigingen_sync(zorgtafel)
    return zorgtafel.uitnodigingen.get(user=user)


def genodigden(zorgtafel: Zorgtafel) -> set[int]:
    """Who is invited: the chair, the active members of each participating
    organisation (a lawyer: only that lawyer), and each item's extra invitees."""
    gewenst = {zorgtafel.voorzitter_id}
    casus_ids = list(zorgtafel.agendapunten.values_list("casus_id", flat=True))
    deelnames = Deelname.objects.actief().filter(casus_id__in=casus_ids)
    gewenst.update(deelnames.filter(persoon__isnull=False).values_list("persoon_id", flat=True))
    organisaties = deelnames.filter(persoon__isnull=True).values("organisatie_id")
    gewenst.update(
        User.objects.filter(organisatie_id__in=organisaties, is_active=True).values_list(
            "pk", flat=True
        )
    )
    gewenst.update(
        Agendapunt.extra_genodigden.through.objects.filter(
            agendapunt__zorgtafel=zorgtafel
        ).values_list("user_id", flat=True)
    )
    return {
        u.pk
        for u in User.objects.filter(pk__in=gewenst).select_related("organisatie")
        if may_access_cases(u)
    }


def _uitnodigingen_sync(zorgtafel: Zorgtafel, *, iedereen_opnieuw: bool = False) -> None:
    """Bring the invitations in line with the agenda and mail whoever's changed.

    New invitees get the invitation, those no longer invited a cancellation;
    with ``iedereen_opnieuw`` everyone still invited gets the updated one.
    """
    if zorgtafel.status not in (Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART):
        return
    gewenst = genodigden(zorgtafel)
    bestaand = {u.user_id: u for u in zorgtafel.uitnodigingen.select_related("user")}
    nieuw, weg = [], []
    for user_id in gewenst:
        uitnodiging = bestaand.get(user_id)
        if uitnodiging is None:
            uitnodiging = Uitnodiging.objects.create(zorgtafel=zorgtafel, user_id=user_id)
            nieuw.append(uitnodiging)
        elif not uitnodiging.actief:
            uitnodiging.actief = True
            uitnodiging.save(update_fields=["actief", "updated_at"])
            nieuw.append(uitnodiging)
    for user_id, uitnodiging in bestaand.items():
        if user_id not in gewenst and uitnodiging.actief:
            uitnodiging.actief = False
            uitnodiging.save(update_fields=["actief", "updated_at"])
            weg.append(uitnodiging)
    if weg and not iedereen_opnieuw:
        # A cancellation must outrank the invitation it cancels.
        Zorgtafel.objects.filter(pk=zorgtafel.pk).update(ics_sequence=zorgtafel.ics_sequence + 1)
        zorgtafel.ics_sequence += 1
    for uitnodiging in weg:
        _mail_on_commit(zorgtafel, uitnodiging.user, annuleren=True)
    ontvangers = (
        [u for u in zorgtafel.uitnodigingen.filter(actief=True).select_related("user")]
        if iedereen_opnieuw
        else nieuw
    )
    for uitnodiging in ontvangers:
        _mail_on_commit(zorgtafel, uitnodiging.user, annuleren=False)


def deelnames_gewijzigd(*, casus: Casus) -> None:
    """A case's participants changed: the invitations of its coming meetings follow,
    and open meeting rooms re-check at once who may still see its item."""
    for zorgtafel in Zorgtafel.objects.filter(
        agendapunten__casus=casus,
        status__in=[Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART],
    ).distinct():
        _uitnodigingen_sync(zorgtafel)
    live.toegang_on_commit(casus=casus)


def uitnodigingen_gebruiker_sync(*, user: User) -> None:
    """A user changed organisation or was (de)activated: the coming meetings they
    were invited to, and those about cases their organisation now takes part in,
    bring their invitations in line."""
    eigen_casussen = Deelname.objects.actief().filter(
        organisatie_id=user.organisatie_id, persoon__isnull=True
    )
    zorgtafels = Zorgtafel.objects.filter(
        status__in=[Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART]
    )
    for zorgtafel in (
        zorgtafels.filter(uitnodigingen__user=user, uitnodigingen__actief=True)
        | zorgtafels.filter(agendapunten__casus__in=eigen_casussen.values("casus_id"))
    ).distinct():
        _uitnodigingen_sync(zorgtafel)
        # An open room stops showing what the user may no longer see at once.
        for casus in Casus.objects.filter(agendapunten__zorgtafel=zorgtafel).distinct():
            live.toegang_on_commit(casus=casus)


# Invitations by e-mail --------------------------------------------------------------


def zorgtafel_url(zorgtafel: Zorgtafel) -> str:
    return settings.SITE_URL + reverse("casusoverleg:zorgtafel-detail", args=[zorgtafel.public_id])


def zorgtafel_ics(zorgtafel: Zorgtafel, *, user: User | None = None, annuleren=False) -> bytes:
    """The calendar invitation: type, time, place and a link. No case data, and no
    video link (that is behind the login); one attendee per file."""
    from icalendar import Calendar, Event, vCalAddress, vText

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


def _mail_on_commit(zorgtafel: Zorgtafel, user: User, *, annuleren: bool) -> None:
    """Mail one invitee after commit: a link and an ``.ics``, never case data.
    Nothing for a meeting that is already over (one recorded afterwards)."""
    if not user.email or zorgtafel.eindigt_op < timezone.now():
        return
    ics = zorgtafel_ics(zorgtafel, user=user, annuleren=annuleren)
    with override(settings.LANGUAGE_CODE):
        lokaal = timezone.localtime(zorgtafel.begint_op)
        wanneer = {"datum": f"{lokaal:%d-%m-%Y}", "tijd": f"{lokaal:%H:%M}"}
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


# Running the meeting ----------------------------------------------------------------


@transaction.atomic
def zorgtafel_vertrouwelijkheid_bevestigen(
    *, ctx: AuditContext, zorgtafel: Zorgtafel
) -> Uitnodiging:
    """Record that the user accepted the confidentiality statement on entering."""
    uitnodiging, _created = Uitnodiging.objects.get_or_create(
        zorgtafel=zorgtafel,
        user=ctx.user,
        defaults={"actief": zorgtafel.is_voorzitter(ctx.user)},
    )
    if not (uitnodiging.actief or zorgtafel.is_voorzitter(ctx.user)):
        raise PermissionDenied
    if uitnodiging.vertrouwelijkheid_bevestigd_op is None:
        uitnodiging.vertrouwelijkheid_bevestigd_op = timezone.now()
        uitnodiging.save(update_fields=["vertrouwelijkheid_bevestigd_op", "updated_at"])
        _audit(ctx, Actie.WIJZIGEN, "uitnodiging", zorgtafel.public_id, geheimhouding=True)
    return uitnodiging


@transaction.atomic
def aanwezigheid_vastleggen(
    *, ctx: AuditContext, uitnodiging: Uitnodiging, aanwezigheid: str
) -> Uitnodiging:
    """The chair records whether an invitee is present, sent apologies or is absent."""
    zorgtafel = uitnodiging.zorgtafel
    _require_voorzitter(ctx.user, zorgtafel)
    if zorgtafel.is_gesloten:
        raise ValidationError(_("Het overleg is gesloten: de aanwezigheid ligt vast."))
    uitnodiging.aanwezigheid = aanwezigheid
    uitnodiging.full_clean()
    uitnodiging.save(update_fields=["aanwezigheid", "updated_at"])
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "uitnodiging",
        zorgtafel.public_id,
        user=uitnodiging.user_id,
        aanwezigheid=aanwezigheid,
    )
    return uitnodiging


@transaction.atomic
def zorgtafel_starten(*, ctx: AuditContext, zorgtafel: Zorgtafel) -> Zorgtafel:
    """Open the meeting: minutes can now be taken; the first item becomes current."""
    _require_voorzitter(ctx.user, zorgtafel)
    zorgtafel = Zorgtafel.objects.select_for_update().get(pk=zorgtafel.pk)
    if zorgtafel.status != Zorgtafel.Status.GEPLAND:
        raise ValidationError(_("Dit overleg is al gestart, gesloten of geannuleerd."))
    zorgtafel.status = Zorgtafel.Status.GESTART
    zorgtafel.huidig_agendapunt = zorgtafel.agendapunten.order_by("volgorde", "pk").first()
    zorgtafel.save(update_fields=["status", "huidig_agendapunt", "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, "zorgtafel", zorgtafel.public_id, status="gestart")
    live.algemeen_on_commit(zorgtafel, {"soort": "status", "status": zorgtafel.status})
    if zorgtafel.huidig_agendapunt:
        live.algemeen_on_commit(
            zorgtafel, {"soort": "huidig", "item": zorgtafel.huidig_agendapunt.public_id}
        )
    return zorgtafel


@transaction.atomic
def zorgtafel_huidig_agendapunt(*, ctx: AuditContext, agendapunt: Agendapunt) -> Zorgtafel:
    """The chair moves the meeting to ``agendapunt``; every screen follows."""
    zorgtafel = agendapunt.zorgtafel
    _require_voorzitter(ctx.user, zorgtafel)
    _require_bezig(zorgtafel)
    zorgtafel.huidig_agendapunt = agendapunt
    zorgtafel.save(update_fields=["huidig_agendapunt", "updated_at"])
    live.algemeen_on_commit(zorgtafel, {"soort": "huidig", "item": agendapunt.public_id})
    return zorgtafel


@transaction.atomic
def notule_add(*, ctx: AuditContext, agendapunt: Agendapunt, tekst: str) -> Notule:
    """Add a minute entry to an item of a running meeting."""
    _require_item(ctx.user, agendapunt)
    _require_bezig(agendapunt.zorgtafel)
    notule = Notule(agendapunt=agendapunt, tekst=tekst, auteur=ctx.user)
    notule.full_clean()
    notule.save()
    _audit(ctx, Actie.AANMAKEN, "notule", str(notule.pk), casus=agendapunt.casus)
    live.notule_on_commit(notule)
    return notule


@transaction.atomic
def notule_update(*, ctx: AuditContext, notule: Notule, tekst: str) -> Notule:
    """Correct a minute entry while the meeting runs. Once closed, minutes are
    locked: a correction is an addendum."""
    agendapunt = notule.agendapunt
    _require_item(ctx.user, agendapunt)
    _require_bezig(agendapunt.zorgtafel)
    if notule.addendum:
        raise ValidationError(_("Een addendum kan niet worden gewijzigd."))
    notule.tekst = tekst
    notule.full_clean()
    notule.save(update_fields=["tekst", "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, "notule", str(notule.pk), casus=agendapunt.casus)
    live.notule_on_commit(notule)
    return notule


@transaction.atomic
def addendum_add(*, ctx: AuditContext, agendapunt: Agendapunt, tekst: str) -> Notule:
    """A correction to the locked minutes of a closed meeting, kept apart from them."""
    _require_item(ctx.user, agendapunt)
    if not agendapunt.zorgtafel.is_gesloten:
        raise ValidationError(_("Een addendum kan pas na het sluiten van het overleg."))
    notule = Notule(agendapunt=agendapunt, tekst=tekst, auteur=ctx.user, addendum=True)
    notule.full_clean()
    notule.save()
    _audit(ctx, Actie.AANMAKEN, "addendum", str(notule.pk), casus=agendapunt.casus)
    live.agendapunt_on_commit(agendapunt)
    return notule


@transaction.atomic
def agendapunt_besluit_vastleggen(
    *, ctx: AuditContext, agendapunt: Agendapunt, besluit: str, uitkomst: str
) -> Agendapunt:
    """Record the meeting's decision on one item (text and outcome).

    The single place an item's decision is made. Unless the item is postponed,
    the decision also completes the identification process's conference step for
    the case, when the person recording it may take that step.
    """
    _require_item(ctx.user, agendapunt)
    _require_bezig(agendapunt.zorgtafel)
    agendapunt.besluit = besluit
    agendapunt.uitkomst = uitkomst
    agendapunt.besluit_door = ctx.user
    agendapunt.besluit_op = timezone.now()
    agendapunt.full_clean()
    if not besluit.strip():
        raise ValidationError({"besluit": _("Beschrijf het besluit.")})
    if not uitkomst:
        raise ValidationError({"uitkomst": _("Kies de uitkomst.")})
    agendapunt.save(
        update_fields=["besluit", "uitkomst", "besluit_door", "besluit_op", "updated_at"]
    )
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "besluit",
        agendapunt.public_id,
        casus=agendapunt.casus,
        uitkomst=uitkomst,
    )
    if uitkomst != Agendapunt.Uitkomst.AANHOUDEN:
        from identificatie.services.proces import zorgtafel_stap_uit_besluit

        zorgtafel_stap_uit_besluit(ctx=ctx, casus=agendapunt.casus, besluit=besluit)
    live.agendapunt_on_commit(agendapunt)
    return agendapunt


@transaction.atomic
def actiepunt_add(
    *,
    ctx: AuditContext,
    agendapunt: Agendapunt,
    omschrijving: str,
    eigenaar,
    deadline: datetime.date,
) -> Actiepunt:
    """Agree an action on an item; its owner must take part in the case."""
    _require_item(ctx.user, agendapunt)
    _require_bezig(agendapunt.zorgtafel)
    casus = agendapunt.casus
    if not Deelname.objects.actief().filter(casus=casus, organisatie=eigenaar).exists():
        raise ValidationError({"eigenaar": _("Kies een organisatie die aan de casus deelneemt.")})
    actiepunt = Actiepunt(
        agendapunt=agendapunt,
        casus=casus,
        omschrijving=omschrijving,
        eigenaar=eigenaar,
        deadline=deadline,
    )
    actiepunt.full_clean()
    actiepunt.save()
    _audit(ctx, Actie.AANMAKEN, "actiepunt", actiepunt.public_id, casus=casus)
    live.agendapunt_on_commit(agendapunt)
    return actiepunt


@transaction.atomic
def actiepunt_beoordelen(
    *,
    ctx: AuditContext,
    actiepunt: Actiepunt,
    agendapunt: Agendapunt,
    status: str,
    reden: str = "",
) -> Actiepunt:
    """Review an open action of an earlier meeting: done, not done (it stays open)
    or not possible. Not done and not possible need a reason."""
    _require_item(ctx.user, agendapunt)
    _require_bezig(agendapunt.zorgtafel)
    actiepunt = Actiepunt.objects.select_for_update().get(pk=actiepunt.pk)
    if actiepunt.casus_id != agendapunt.casus_id or actiepunt.agendapunt_id == agendapunt.pk:
        raise PermissionDenied
    if not actiepunt.is_open and actiepunt.beoordeeld_in_id != agendapunt.pk:
        raise ValidationError(_("Dit actiepunt is al afgehandeld."))
    if status not in (
        Actiepunt.Status.GEDAAN,
        Actiepunt.Status.NIET_GEDAAN,
        Actiepunt.Status.NIET_MOGELIJK,
    ):
        raise ValidationError({"status": _("Kies gedaan, niet gedaan of niet mogelijk.")})
    reden = reden.strip()
    if status in Actiepunt.REDEN_VERPLICHT and not reden:
        raise ValidationError({"reden": _("Geef de reden waarom het actiepunt niet is gedaan.")})
    actiepunt.status = status
    actiepunt.reden = reden if status in Actiepunt.REDEN_VERPLICHT else ""
    actiepunt.beoordeeld_in = agendapunt
    actiepunt.beoordeeld_door = ctx.user
    actiepunt.beoordeeld_op = timezone.now()
    actiepunt.full_clean()
    actiepunt.save(
        update_fields=[
            "status",
            "reden",
            "beoordeeld_in",
            "beoordeeld_door",
            "beoordeeld_op",
            "updated_at",
        ]
    )
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "actiepunt",
        actiepunt.public_id,
        casus=actiepunt.casus,
        status=status,
    )
    live.agendapunt_on_commit(agendapunt)
    return actiepunt


@transaction.atomic
def zorgtafel_sluiten(*, ctx: AuditContext, zorgtafel: Zorgtafel) -> Zorgtafel:
    """Close the meeting: minutes, decisions and attendance are locked from now on."""
    _require_voorzitter(ctx.user, zorgtafel)
    zorgtafel = Zorgtafel.objects.select_for_update().get(pk=zorgtafel.pk)
    _require_bezig(zorgtafel)
    zorgtafel.status = Zorgtafel.Status.GESLOTEN
    zorgtafel.gesloten_op = timezone.now()
    zorgtafel.huidig_agendapunt = None
    zorgtafel.save(update_fields=["status", "gesloten_op", "huidig_agendapunt", "updated_at"])
    zorgtafel.uitnodigingen.filter(
        actief=True, aanwezigheid=Uitnodiging.Aanwezigheid.ONBEKEND
    ).update(aanwezigheid=Uitnodiging.Aanwezigheid.AFWEZIG)
    _audit(ctx, Actie.WIJZIGEN, "zorgtafel", zorgtafel.public_id, status="gesloten")
    live.algemeen_on_commit(zorgtafel, {"soort": "status", "status": zorgtafel.status})
    return zorgtafel
