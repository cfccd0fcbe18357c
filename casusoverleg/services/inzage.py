"""The person's right of access: making the export of a case, recorded."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import inzage
from ..audit import Actie, AuditContext, audit_log
from ..models import Casus
from ..pdf import sha256
from ..permissions import may_export_inzage
from .casus import wijziging_record

#: The formats of the export and how each is made.
FORMATEN = {"pdf": inzage.inzage_pdf, "json": inzage.inzage_json}


@transaction.atomic
def inzage_export(*, ctx: AuditContext, casus: Casus, formaat: str) -> bytes:
    """The subject-access export of ``casus`` as ``formaat`` (``pdf`` or ``json``).

    Only the case's coordinator may make it (``may_export_inzage``). Every export is
    audited (an export, with the format, the parts and the file's hash, never its
    content) and recorded in the case's history (who and when), so that the
    participants see that the file was made."""
    if not may_export_inzage(ctx.user, casus):
        raise PermissionDenied
    maak = FORMATEN[formaat]
    data = maak(casus=casus, gemaakt_op=timezone.now())
    audit_log(
        ctx,
        actie=Actie.EXPORTEREN,
        object_type="inzage",
        object_id=casus.public_id,
        casus=casus,
        detail={"formaat": formaat, "sha256": sha256(data)},
    )
    wijziging_record(
        casus=casus,
        door=ctx.user,
        onderwerp=_("Inzage-export gemaakt (%(formaat)s)") % {"formaat": formaat.upper()},
    )
    return data
