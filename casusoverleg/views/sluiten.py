"""Closing and reopening a case: its coordinator only; anyone else gets the 404
of a missing case (audited by ``casus_view`` or ``RefusalAuditMiddleware``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services, sluiten
from ..audit import AuditContext, Doel
from ..forms import CasusHeropenenForm, CasusSluitenForm
from ..models import Deelname
from ..permissions import COORDINATE, VIEW, casus_view, may_close, may_reopen
from .casus import apply_errors


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def casus_sluiten(request, casus):
    """The closing form, which is its own confirmation: it names who loses access
    and what is cancelled before the coordinator confirms."""
    if not may_close(request.user, casus):
        raise Http404
    form = CasusSluitenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.casus_sluiten(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                casus=casus,
                reden=form.cleaned_data["reden"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            raise Http404 from error
        else:
            messages.success(request, _("Casus %(nummer)s is gesloten.") % {"nummer": casus.nummer})
            return redirect("casusoverleg:casus-detail", casus.public_id)
    verliezen = (
        Deelname.objects.actief()
        .filter(casus=casus)
        .exclude(organisatie=casus.coordinerende_organisatie_id, persoon__isnull=True)
        .select_related("organisatie", "persoon")
    )
    return render(
        request,
        "casusoverleg/casus_sluiten.html",
        {
            "form": form,
            "casus": casus,
            "verliezen": verliezen,
            "geannuleerd": sluiten.overzicht(casus=casus),
        },
    )


@casus_view(perm=VIEW, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def casus_heropenen(request, casus):
    if not may_reopen(request.user, casus):
        raise Http404
    form = CasusHeropenenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.casus_heropenen(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                casus=casus,
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            raise Http404 from error
        else:
            messages.success(request, _("Casus %(nummer)s is heropend.") % {"nummer": casus.nummer})
            return redirect("casusoverleg:casus-detail", casus.public_id)
    return render(
        request,
        "casusoverleg/casus_heropenen.html",
        {"form": form, "casus": casus},
    )
