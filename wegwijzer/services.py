"""Writes of the wegwijzer: an organisation's offers, kept by its organisation
administrators (``casusoverleg.permissions.may_edit_aanbod``), or by the system
(``AuditContext.system()`` without a user: the demo data). Every service is
atomic, asks who may, validates the whole offer before saving, and leaves an
audit event with the changed field names (offers hold no personal data, but who
changed an organisation's profile is accountable all the same)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casusoverleg.audit import Actie, AuditContext, audit_log
from casusoverleg.models import Behoefte, Casus, Deelname, Meldingsoort, Organisatie
from casusoverleg.permissions import (
    deelname_refusal,
    may_answer_doorverwijzing,
    may_edit_aanbod,
    may_propose_doorverwijzing,
    may_withdraw_doorverwijzing,
)
from casusoverleg.services import (
    behoefte_update,
    deelname_add,
    melding_send,
    organisatie_leden,
    wijziging_record,
)

from .models import DOELGROEP_FIELDS, Aanbod, Doorverwijzing

#: What an organisation administrator fills in; the rest is set here.
AANBOD_FIELDS = [
    "titel",
    "soort",
    "omschrijving",
    "regio",
    *DOELGROEP_FIELDS,
    "capaciteit",
    "verwijzen",
    "contact",
]


def _require(ctx: AuditContext, organisatie: Organisatie) -> None:
    if ctx.user is None:
        return  # the system itself: a management command (``manage.py demo``)
    if not may_edit_aanbod(ctx.user, organisatie):
        raise PermissionDenied


def _lock(aanbod: Aanbod) -> Aanbod:
    return Aanbod.objects.select_for_update().select_related("organisatie").get(pk=aanbod.pk)


def _audit(ctx: AuditContext, actie: str, aanbod: Aanbod, **detail) -> None:
    audit_log(
        ctx,
        actie=actie,
        object_type="aanbod",
        object_id=aanbod.public_id,
        detail={"organisatie": aanbod.organisatie_id, **detail},
    )


@transaction.atomic
def aanbod_create(*, ctx: AuditContext, organisatie: Organisatie, data: dict) -> Aanbod:
    """A new offer of ``organisatie``, by one of its organisation administrators.
    A capacity note is dated today."""
    _require(ctx, organisatie)
    aanbod = Aanbod(organisatie=organisatie, **{k: data[k] for k in AANBOD_FIELDS if k in data})
    if aanbod.capaciteit:
        aanbod.capaciteit_bijgewerkt_op = timezone.localdate()
    aanbod.full_clean()
    aanbod.save()
    _audit(ctx, Actie.AANMAKEN, aanbod, velden=sorted(k for k in AANBOD_FIELDS if k in data))
    return aanbod


@transaction.atomic
def aanbod_update(*, ctx: AuditContext, aanbod: Aanbod, data: dict) -> Aanbod:
    """Change an offer, by an organisation administrator of its organisation. A
    changed capacity note is dated today, so readers see how fresh it is."""
    _require(ctx, aanbod.organisatie)
    aanbod = _lock(aanbod)
    _require(ctx, aanbod.organisatie)
    if "uitbuitingsvormen" in data:
        # Stored sorted (``Aanbod.clean``): the same forms in another order are no change.
        data = {**data, "uitbuitingsvormen": sorted(set(data["uitbuitingsvormen"]))}
    gewijzigd = [k for k in AANBOD_FIELDS if k in data and getattr(aanbod, k) != data[k]]
    if not gewijzigd:
        return aanbod
    for naam in gewijzigd:
        setattr(aanbod, naam, data[naam])
    velden = [*gewijzigd, "updated_at"]
    if "capaciteit" in gewijzigd:
        aanbod.capaciteit_bijgewerkt_op = timezone.localdate()
        velden.append("capaciteit_bijgewerkt_op")
    aanbod.full_clean()
    aanbod.save(update_fields=velden)
    _audit(ctx, Actie.WIJZIGEN, aanbod, velden=sorted(gewijzigd))
    return aanbod


@transaction.atomic
def aanbod_actief_change(*, ctx: AuditContext, aanbod: Aanbod, actief: bool) -> Aanbod:
    """Take an offer out of the directory (it is kept) or put it back, by an
    organisation administrator of its organisation."""
    _require(ctx, aanbod.organisatie)
    aanbod = _lock(aanbod)
    if aanbod.actief == actief:
        return aanbod
    aanbod.actief = actief
    aanbod.save(update_fields=["actief", "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, aanbod, actief={"voor": not actief, "na": actief})
    return aanbod


# Warm referrals -----------------------------------------------------------------


def _doorverwijzing_audit(ctx: AuditContext, actie: str, verwijzing: Doorverwijzing, **detail):
    audit_log(
        ctx,
        actie=actie,
        object_type=Doorverwijzing.audit_type,
        object_id=verwijzing.public_id,
        casus=verwijzing.casus,
        detail={"organisatie": verwijzing.organisatie_id, **detail},
    )


def _doorverwijzing_url(verwijzing: Doorverwijzing) -> str:
    return reverse("wegwijzer:doorverwijzing", args=[verwijzing.public_id])


def _lock_doorverwijzing(verwijzing: Doorverwijzing) -> Doorverwijzing:
    return (
        # Only the referral's own row: the need is an outer join, which PostgreSQL
        # cannot lock.
        Doorverwijzing.objects.select_for_update(of=("self",))
        .select_related("casus", "organisatie", "behoefte")
        .get(pk=verwijzing.pk)
    )


@transaction.atomic
def doorverwijzing_voorstellen(
    *,
    ctx: AuditContext,
    casus: Casus,
    organisatie: Organisatie,
    motivatie: str,
    urgentie: str = Doorverwijzing.Urgentie.NORMAAL,
    behoefte: Behoefte | None = None,
    aanbod: Aanbod | None = None,
) -> Doorverwijzing:
    """The case's coordinator refers the case to ``organisatie`` (for a need, to an
    offer). Nothing is shared yet: its members get a task and a notice with the case
    number, and see only the referral until they accept it. Refused for an inactive
    organisation, one that already takes part, or one with an open referral."""
    if not may_propose_doorverwijzing(ctx.user, casus):
        raise PermissionDenied
    refusal = deelname_refusal(organisatie=organisatie)
    if refusal:
        raise ValidationError(refusal)
    if not organisatie.actief:
        raise ValidationError(_("Deze organisatie is niet actief."))
    if Deelname.objects.actief().filter(casus=casus, organisatie=organisatie).exists():
        raise ValidationError(_("Deze organisatie neemt al deel aan de casus."))
    if Doorverwijzing.objects.filter(
        casus=casus, organisatie=organisatie, status=Doorverwijzing.Status.VOORGESTELD
    ).exists():
        raise ValidationError(_("Er staat al een doorverwijzing naar deze organisatie open."))
    if aanbod is not None and not aanbod.actief:
        raise ValidationError({"aanbod": _("Dit aanbod is niet meer beschikbaar.")})
    verwijzing = Doorverwijzing(
        casus=casus,
        organisatie=organisatie,
        behoefte=behoefte,
        aanbod=aanbod,
        urgentie=urgentie,
        motivatie=(motivatie or "").strip(),
        gevraagd_door=ctx.user,
    )
    verwijzing.full_clean()
    verwijzing.save()
    _doorverwijzing_audit(ctx, Actie.AANMAKEN, verwijzing, urgentie=urgentie)
    wijziging_record(casus=casus, door=ctx.user, onderwerp=_("Doorverwijzing voorgesteld"))
    melding_send(
        soort=Meldingsoort.DOORVERWIJZING,
        ontvangers=organisatie_leden(organisatie.pk),
        url=_doorverwijzing_url(verwijzing),
        casus=casus,
    )
    return verwijzing


@transaction.atomic
def doorverwijzing_beantwoorden(
    *,
    ctx: AuditContext,
    verwijzing: Doorverwijzing,
    akkoord: bool,
    reden: str = "",
    reden_soort: str = "",
) -> Doorverwijzing:
    """A member of the receiving organisation accepts or declines an open referral.
    Accepted, the organisation takes part in the case through the core's access
    service and owns the need it was referred for; declined (a kind of reason from
    the list and an explanation are required), nothing is shared. Only a declined
    referral has a kind of reason: it is what the figures count. Whoever referred
    is told either way."""
    verwijzing = _lock_doorverwijzing(verwijzing)
    if not may_answer_doorverwijzing(ctx.user, verwijzing):
        raise PermissionDenied
    reden = (reden or "").strip()
    reden_soort = reden_soort or ""
    fouten = {}
    if akkoord and reden_soort:
        fouten["reden_soort"] = _("Een aanvaarde doorverwijzing heeft geen reden van afwijzen.")
    if not akkoord and not reden_soort:
        fouten["reden_soort"] = _("Kies waarom u de doorverwijzing afwijst.")
    elif not akkoord and reden_soort not in Doorverwijzing.RedenSoort.values:
        fouten["reden_soort"] = _("Kies een reden uit de lijst.")
    if not akkoord and not reden:
        fouten["reden"] = _("Geef een reden waarom u de doorverwijzing afwijst.")
    if fouten:
        raise ValidationError(fouten)
    if akkoord:
        deelname_add(
            ctx=ctx,
            casus=verwijzing.casus,
            organisatie=verwijzing.organisatie,
            doorverwijzing=verwijzing,
        )
    verwijzing.status = (
        Doorverwijzing.Status.AANVAARD if akkoord else Doorverwijzing.Status.AFGEWEZEN
    )
    verwijzing.reden = reden
    verwijzing.reden_soort = reden_soort
    verwijzing.beantwoord_door = ctx.user
    verwijzing.beantwoord_op = timezone.now()
    verwijzing.full_clean()
    verwijzing.save(
        update_fields=[
            "status",
            "reden",
            "reden_soort",
            "beantwoord_door",
            "beantwoord_op",
            "updated_at",
        ]
    )
    _doorverwijzing_audit(
        ctx, Actie.WIJZIGEN, verwijzing, status=verwijzing.status, reden_soort=reden_soort
    )
    if akkoord and verwijzing.behoefte is not None:
        behoefte_update(
            ctx=ctx, behoefte=verwijzing.behoefte, data={"eigenaar": verwijzing.organisatie}
        )
    melding_send(
        soort=Meldingsoort.DOORVERWIJZING_BEANTWOORD,
        ontvangers=[verwijzing.gevraagd_door],
        url=_doorverwijzing_url(verwijzing),
        casus=verwijzing.casus,
    )
    return verwijzing


@transaction.atomic
def doorverwijzing_intrekken(*, ctx: AuditContext, verwijzing: Doorverwijzing) -> Doorverwijzing:
    """The case's coordinator withdraws an open referral; it leaves the receiving
    organisation's tasks, and its members are told (they may have started on it)."""
    verwijzing = _lock_doorverwijzing(verwijzing)
    if not may_withdraw_doorverwijzing(ctx.user, verwijzing):
        raise PermissionDenied
    verwijzing.status = Doorverwijzing.Status.INGETROKKEN
    verwijzing.save(update_fields=["status", "updated_at"])
    _doorverwijzing_audit(ctx, Actie.WIJZIGEN, verwijzing, status=verwijzing.status)
    melding_send(
        soort=Meldingsoort.DOORVERWIJZING_INGETROKKEN,
        ontvangers=organisatie_leden(verwijzing.organisatie_id),
        url=_doorverwijzing_url(verwijzing),
        casus=verwijzing.casus,
    )
    return verwijzing
