"""Needs named in assessments, taken over into the case's needs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casusoverleg.audit import AuditContext
from casusoverleg.permissions import CHANGE, casus_view

from .. import selectors, services


@casus_view(perm=CHANGE)
@require_POST
def behoefte_overnemen(request, casus, beoordeling_id):
    """ "Overnemen" of a proposed need: an assessment the user may not read, or one
    of another case, gives the 404 of a missing one."""
    beoordeling = next(
        (
            b
            for b in selectors.beoordelingen_met_behoeften(user=request.user, casus=casus)
            if b.pk == beoordeling_id
        ),
        None,
    )
    if beoordeling is None:
        raise Http404
    try:
        behoefte = services.behoefte_overnemen(
            ctx=AuditContext.for_request(request), casus=casus, beoordeling=beoordeling
        )
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("casusoverleg:casus-detail", casus.public_id)
    messages.success(
        request,
        _(
            "De behoefte is overgenomen als soort 'Overig'. Kies hier de soort die past en "
            "controleer de eigenaar; noemt de tekst meer behoeften, voeg die dan apart toe."
        ),
    )
    return redirect("casusoverleg:behoefte-edit", casus.public_id, behoefte.pk)
