"""The notification centre: the user's own notices, opened, marked read; and the
preferences for their e-mail. Someone else's notice is a 404 like a missing one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors, services
from ..audit import (
    Actie,
    AuditContext,
    Doel,
    Uitkomst,
    audit_getoond,
    audit_log,
    mark_refusal_audited,
)
from ..forms import MeldingVoorkeurenForm
from ..meldingen import SOORTEN, frequentie
from ..models import MeldingVoorkeur
from ..permissions import may_access_cases, may_receive_melding
from .casus import apply_errors

PAGE_SIZE = 25


def _ctx(request) -> AuditContext:
    return AuditContext.for_request(request, Doel.CASUSOVERLEG)


def _melding_or_404(request, melding_id):
    """One of the user's own notices; else 404, the refusal audited."""
    melding = selectors.meldingen_for_user(user=request.user).filter(public_id=melding_id).first()
    if melding is None:
        audit_log(
            _ctx(request),
            actie=Actie.LEZEN if request.method in ("GET", "HEAD") else Actie.WIJZIGEN,
            uitkomst=Uitkomst.GEWEIGERD,
            object_type="gebruikersmelding",
            object_id=melding_id,
        )
        mark_refusal_audited(request)
        raise Http404
    return melding


@require_GET
def melding_list(request):
    """Mijn meldingen: newest first, unread marked; every notice shown is audited on its case."""
    page = Paginator(selectors.meldingen_for_user(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    audit_getoond(
        _ctx(request),
        page.object_list,
        weergave="meldingen",
        pagina={
            "actie": Actie.LEZEN,
            "object_type": "meldingenlijst",
            "detail": {"resultaten": page.paginator.count, "pagina": page.number},
        },
    )
    return render(request, "casusoverleg/meldingen.html", {"page": page})


def melding_openen(request, melding_id):
    """Open a notice: marked read, then on to its page only while the user may still
    see what it is about; else 404 (audited), the same as for someone else's notice.
    As on case pages, the lookup comes before the method check."""
    melding = _melding_or_404(request, melding_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    ctx = _ctx(request)
    services.melding_read(ctx=ctx, melding=melding)
    if not may_receive_melding(
        request.user, regel=SOORTEN[melding.soort].regel, casus=melding.casus
    ) or not url_has_allowed_host_and_scheme(melding.url, allowed_hosts=None):
        audit_log(
            ctx,
            actie=Actie.LEZEN,
            uitkomst=Uitkomst.GEWEIGERD,
            object_type="gebruikersmelding",
            object_id=melding.public_id,
            casus=melding.casus,
        )
        mark_refusal_audited(request)
        raise Http404
    audit_log(
        ctx,
        actie=Actie.LEZEN,
        object_type="gebruikersmelding",
        object_id=melding.public_id,
        casus=melding.casus,
    )
    return redirect(melding.url)


def melding_gelezen(request, melding_id):
    melding = _melding_or_404(request, melding_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.melding_read(ctx=_ctx(request), melding=melding)
    return redirect(_terug(request))


@require_POST
def meldingen_gelezen(request):
    aantal = services.meldingen_all_read(ctx=_ctx(request))
    if aantal:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return redirect(_terug(request))


def _terug(request) -> str:
    """Back to the page of the centre the form was on."""
    url = reverse("casusoverleg:meldingen")
    pagina = request.POST.get("pagina", "")
    return f"{url}?pagina={pagina}" if pagina.isdigit() else url


@require_http_methods(["GET", "POST"])
def melding_voorkeuren(request):
    huidig = dict(
        MeldingVoorkeur.objects.filter(gebruiker=request.user).values_list("soort", "frequentie")
    )
    huidig = {code: frequentie(code, huidig.get(code)) for code in SOORTEN}
    form = MeldingVoorkeurenForm(request.POST or None, huidig=huidig, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.meldingvoorkeuren_change(
                ctx=AuditContext.for_request(request, Doel.TOEGANG),
                gebruiker=request.user,
                keuzes=form.keuzes(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw voorkeuren voor meldingen zijn opgeslagen."))
            return redirect("casusoverleg:melding-voorkeuren")
    return render(
        request,
        "casusoverleg/melding_voorkeuren.html",
        {"form": form, "mag_overleggen": may_access_cases(request.user)},
    )
