"""An action's own page, for the members of the organisation that owns it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from casusoverleg.audit import AuditContext, Doel
from casusoverleg.permissions import object_or_404
from casusoverleg.views import apply_errors

from .. import selectors, services
from ..forms import ActiepuntUpdateForm


@require_http_methods(["GET", "POST"])
def actiepunt_detail(request, actiepunt_id):
    """Report on an action: progress, done or "kan niet". Only a member of the
    owning organisation who may see the case finds it; anyone else gets 404, audited."""
    actiepunt = object_or_404(
        request,
        selectors.eigen_actiepunten(user=request.user).select_related(
            "casus", "eigenaar", "agendapunt__zorgtafel"
        ),
        actiepunt_id,
        object_type="actiepunt",
        doel=Doel.CASUSOVERLEG,
        casus_of=lambda a: a.casus,
    )
    form = None
    if actiepunt.is_open:
        form = ActiepuntUpdateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.actiepunt_update(
                    ctx=AuditContext.for_request(request),
                    actiepunt=actiepunt,
                    tekst=form.cleaned_data["tekst"],
                    status=form.nieuwe_status,
                )
            except ValidationError as error:
                apply_errors(form, error)
            except PermissionDenied:
                form.add_error(None, _("U kunt dit actiepunt niet (meer) bijwerken."))
            else:
                messages.success(request, _("Het actiepunt is bijgewerkt."))
                return redirect("zorgtafel:actiepunt-detail", actiepunt.public_id)
    elif request.method == "POST":
        messages.error(request, _("Dit actiepunt is al afgehandeld."))
        return redirect("zorgtafel:actiepunt-detail", actiepunt.public_id)
    return render(
        request,
        "zorgtafel/actiepunt_detail.html",
        {
            "actiepunt": actiepunt,
            "casus": actiepunt.casus,
            "voortgang": selectors.voortgang(actiepunt=actiepunt),
            "form": form,
        },
    )
