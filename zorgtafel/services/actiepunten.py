"""An action's owner reports on it between meetings: progress, done, not possible."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casusoverleg.audit import Actie, AuditContext
from casusoverleg.permissions import may_update_actiepunt

from ..models import Actiepunt, ActiepuntVoortgang
from .common import _audit

#: What an owner may set an action to; an empty status is a progress note only.
EIGENAAR_STATUSSEN = ("", Actiepunt.Status.GEDAAN, Actiepunt.Status.NIET_MOGELIJK)


@transaction.atomic
def actiepunt_update(
    *, ctx: AuditContext, actiepunt: Actiepunt, tekst: str = "", status: str = ""
) -> Actiepunt:
    """A member of the owning organisation updates an open action: a progress note
    (no ``status``), done (a note is optional) or not possible ("kan niet", the
    note is the required reason). Every update is kept in its history
    (``ActiepuntVoortgang``); a later meeting still reviews what is left open."""
    if not may_update_actiepunt(ctx.user, actiepunt):
        raise PermissionDenied
    actiepunt = Actiepunt.objects.select_for_update().get(pk=actiepunt.pk)
    if not actiepunt.is_open:
        raise ValidationError(_("Dit actiepunt is al afgehandeld."))
    if status not in EIGENAAR_STATUSSEN:
        raise ValidationError({"status": _("Kies voortgang, gedaan of kan niet.")})
    tekst = (tekst or "").strip()
    if status == Actiepunt.Status.NIET_MOGELIJK and not tekst:
        raise ValidationError({"tekst": _("Geef de reden waarom het actiepunt niet kan.")})
    if not status and not tekst:
        raise ValidationError({"tekst": _("Beschrijf de voortgang.")})
    if len(tekst) > settings.NOTULE_MAX_TEKENS:
        raise ValidationError(
            {
                "tekst": _("Schrijf ten hoogste %(max)s tekens; dit zijn er %(aantal)s.")
                % {"max": settings.NOTULE_MAX_TEKENS, "aantal": len(tekst)}
            }
        )
    voortgang = ActiepuntVoortgang(actiepunt=actiepunt, tekst=tekst, status=status, door=ctx.user)
    voortgang.full_clean()
    voortgang.save()
    if status:
        actiepunt.status = status
        actiepunt.reden = tekst if status == Actiepunt.Status.NIET_MOGELIJK else ""
        actiepunt.full_clean()
        actiepunt.save(update_fields=["status", "reden", "updated_at"])
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "actiepunt",
        actiepunt.public_id,
        casus=actiepunt.casus,
        voortgang=status or "notitie",
    )
    return actiepunt
