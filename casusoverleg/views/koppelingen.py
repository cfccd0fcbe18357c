"""Same person, several records: asking to link two cases, and answering."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import services
from ..audit import AuditContext, Doel
from ..forms import KoppelverzoekAntwoordForm
from ..koppelingen import casus_uit_token
from ..models import Koppelverzoek
from ..permissions import (
    COORDINATE,
    casus_view,
    koppelverzoeken_for_user,
    may_answer_koppelverzoek,
    may_see_mogelijke_dubbelen,
    object_or_404,
)
from .casus import apply_errors


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_POST
def koppelverzoek_create(request, casus):
    """Ask the coordinating organisation of a possible match to link. Anyone but the
    case's coordinator gets the 404 of a missing page; a token that names no current
    match says so, without telling why."""
    if not may_see_mogelijke_dubbelen(request.user, casus):
        raise Http404
    ander = casus_uit_token(request.POST.get("verzoek", ""), van_casus=casus)
    if ander is None:
        messages.error(request, _("Voor deze casus kan geen koppelverzoek worden gedaan."))
        return redirect("casusoverleg:casus-detail", casus.public_id)
    try:
        services.koppelverzoek_send(
            ctx=AuditContext.for_request(request, Doel.COORDINATIE), van_casus=casus, casus=ander
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        raise Http404 from error
    else:
        messages.success(
            request,
            _("Het verzoek is verstuurd naar %(organisatie)s.")
            % {"organisatie": ander.coordinerende_organisatie},
        )
    return redirect("casusoverleg:casus-detail", casus.public_id)


@require_http_methods(["GET", "POST"])
def koppelverzoek(request, koppelverzoek_id):
    """A request to link, for the coordinators of the case asked about: it names
    their own case and the asking organisation, nothing of the other case."""
    verzoek = object_or_404(
        request,
        koppelverzoeken_for_user(
            Koppelverzoek.objects.select_related(
                "casus", "van_casus__coordinerende_organisatie", "beantwoord_door"
            ),
            user=request.user,
        ),
        koppelverzoek_id,
        object_type=Koppelverzoek.audit_type,
        doel=Doel.COORDINATIE,
        casus_of=lambda v: v.casus,
    )
    mag_antwoorden = may_answer_koppelverzoek(request.user, verzoek)
    form = KoppelverzoekAntwoordForm(request.POST or None) if mag_antwoorden else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Dit verzoek is al beantwoord."))
            return redirect("casusoverleg:koppelverzoek", verzoek.public_id)
        if form.is_valid():
            akkoord = form.cleaned_data["besluit"] == form.AKKOORD
            try:
                services.koppelverzoek_answer(
                    ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                    verzoek=verzoek,
                    akkoord=akkoord,
                    reden=form.cleaned_data["reden"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            except PermissionDenied as error:
                raise Http404 from error
            else:
                messages.success(
                    request,
                    _("De casussen zijn gekoppeld.")
                    if akkoord
                    else _("Het verzoek is afgewezen; het wordt niet opnieuw voorgesteld."),
                )
                return redirect("casusoverleg:casus-detail", verzoek.casus.public_id)
    return render(
        request,
        "casusoverleg/koppelverzoek.html",
        {"verzoek": verzoek, "casus": verzoek.casus, "form": form},
    )
