"""The reflection period of a case: see it, start it, record its outcome."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from casusoverleg.audit import AuditContext
from casusoverleg.permissions import CHANGE, VIEW, casus_view, user_can
from casusoverleg.termijnen import regel
from casusoverleg.views import apply_errors

from .. import services
from ..forms import BedenktijdStartForm, BedenktijdUitkomstForm
from ..models import Bedenktijd
from ..services.bedenktijd import SOORT as BEDENKTIJD
from ..services.bedenktijd import nederlandse_nationaliteit


@casus_view(perm=VIEW)
@require_http_methods(["GET", "POST"])
def bedenktijd(request, casus):
    """Every reflection period of the case; whoever may change the case starts one
    (when none runs) or records the outcome of the running one."""
    may_change = user_can(request.user, casus, CHANGE)
    lopend = services.bedenktijd_lopend(casus)
    start_form = uitkomst_form = None
    # Not for a Dutch national (the service refuses it too): no form to offer.
    nederlands = nederlandse_nationaliteit(casus)
    if may_change and lopend is None and not nederlands:
        start_form = BedenktijdStartForm(
            request.POST if request.POST.get("actie") == "start" else None
        )
    if may_change and lopend is not None:
        uitkomst_form = BedenktijdUitkomstForm(
            request.POST if request.POST.get("actie") == "uitkomst" else None
        )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = start_form if request.POST.get("actie") == "start" else uitkomst_form
        if form is None:
            messages.error(request, _("De bedenktijd is intussen gewijzigd; bekijk hem opnieuw."))
            return redirect("identificatie:bedenktijd", casus.public_id)
        if form.is_valid():
            ctx = AuditContext.for_request(request)
            try:
                if form is start_form:
                    services.bedenktijd_start(
                        ctx=ctx,
                        casus=casus,
                        start=form.cleaned_data["start"],
                        einde=form.cleaned_data["einde"],
                    )
                else:
                    services.bedenktijd_uitkomst(ctx=ctx, casus=casus, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("De bedenktijd is bijgewerkt."))
                return redirect("identificatie:bedenktijd", casus.public_id)
    return render(
        request,
        "identificatie/bedenktijd.html",
        {
            "casus": casus,
            "bedenktijden": Bedenktijd.objects.filter(casus=casus).select_related(
                "vastgelegd_door__organisatie", "uitkomst_door__organisatie"
            ),
            "lopend": lopend,
            "start_form": start_form,
            "uitkomst_form": uitkomst_form,
            "dagen": regel(BEDENKTIJD).dagen,
        },
    )
