"""What every meeting service checks first, and how it audits."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from casusoverleg.audit import audit_log
from casusoverleg.models import User
from casusoverleg.permissions import casussen_for_user, may_act_on_item, may_chair, may_lead

from ..models import Agendapunt, Zorgtafel

ZORGTAFEL_FIELDS = ["type", "begint_op", "duur_minuten", "plaats", "videolink", "voorzitter"]
# A change of one of these sends everyone a new calendar invitation.
AGENDA_FIELDS = ["begint_op", "duur_minuten", "plaats", "videolink", "voorzitter"]


def _require_voorzitter(user, zorgtafel: Zorgtafel):
    if not may_lead(user, zorgtafel):
        raise PermissionDenied


def _require_item(user, agendapunt: Agendapunt):
    """The chair acts on an item only while they may see its case."""
    if not may_act_on_item(user, agendapunt):
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
    if not may_chair(voorzitter):
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
