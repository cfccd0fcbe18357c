"""Writes of the wegwijzer: an organisation's offers, kept by its organisation
administrators (``casusoverleg.permissions.may_edit_aanbod``), or by the system
(``AuditContext.system()`` without a user: the demo data). Every service is
atomic, asks who may, validates the whole offer before saving, and leaves an
audit event with the changed field names (offers hold no personal data, but who
changed an organisation's profile is accountable all the same)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from casusoverleg.audit import Actie, AuditContext, audit_log
from casusoverleg.models import Organisatie
from casusoverleg.permissions import may_edit_aanbod

from .models import DOELGROEP_FIELDS, Aanbod

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
