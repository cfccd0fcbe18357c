"""Writes of the core: a user's own preferences (for now the language of the
screens). Only the user sets them, for their own account; a change is audited
like every other account change, with the value before and after.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..audit import Actie, AuditContext, audit_log
from ..models import User


@transaction.atomic
def gebruiker_taal_change(*, ctx: AuditContext, gebruiker: User, taal: str) -> User:
    """Store the language a user chose with the language switch, so that it is
    activated at their next login in any browser. Only their own account; a
    language not in ``LANGUAGES`` is refused by the field's own check (ValidationError)."""
    if getattr(ctx.user, "pk", None) != gebruiker.pk:
        raise PermissionDenied
    gebruiker = User.objects.select_for_update().get(pk=gebruiker.pk)
    taal = User._meta.get_field("taal").clean(taal, gebruiker)
    voor = gebruiker.taal
    gebruiker.taal = taal
    if voor == taal:
        return gebruiker
    gebruiker.save(update_fields=["taal"])
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="gebruiker",
        object_id=str(gebruiker.pk),
        detail={"taal": {"voor": voor, "na": taal}},
    )
    return gebruiker
