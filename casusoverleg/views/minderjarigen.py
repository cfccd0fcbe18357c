"""The coordinator's page for a minor's case: the guardian and what happens at 18."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..audit import AuditContext, Doel
from ..forms import MinderjarigheidForm
from ..models import Discipline, Organisatie
from ..permissions import COORDINATE, casus_view
from .casus import apply_errors


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def casus_minderjarigheid(request, casus):
    """Record the guardian and the outcome at 18. Anyone but the case's coordinators
    gets the 404 of a missing case (``casus_view``)."""
    initial = {}
    if casus.amv and not casus.voogd_organisatie_id:
        # Propose the Nidos organisation taking part: it holds the guardianship.
        initial["voogd_organisatie"] = (
            Organisatie.objects.filter(
                deelnames__casus=casus,
                deelnames__beeindigd_op__isnull=True,
                deelnames__persoon__isnull=True,
                discipline=Discipline.NIDOS,
            )
            .values_list("pk", flat=True)
            .first()
        )
    form = MinderjarigheidForm(request.POST or None, instance=casus, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.casus_minderjarigheid_update(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                casus=casus,
                data=form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            raise Http404 from error
        else:
            messages.success(request, _("De gegevens over de minderjarigheid zijn opgeslagen."))
            return redirect("casusoverleg:casus-detail", casus.public_id)
    return render(
        request,
        "casusoverleg/minderjarigheid_form.html",
        {"form": form, "casus": casus},
    )
