"""The wegwijzer's pages: the directory with its search, for every professional,
and an organisation's own offers, for its organisation administrators.

The directory holds no case data. Its search term is posted, never put in a URL
(``casusoverleg.zoeken``: a term could still be a name), and each search is
audited by its keyed fingerprint. To anyone but its organisation's administrators
an offer's edit page does not exist (``aanbod_for_edit``: 404, audited).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casusoverleg import zoeken
from casusoverleg.audit import (
    Actie,
    AuditContext,
    Doel,
    Uitkomst,
    audit_log,
    mark_refusal_audited,
    search_fingerprint,
)
from casusoverleg.permissions import (
    COORDINATE,
    aanbod_for_edit,
    casus_view,
    doorverwijzingen_for_user,
    may_answer_doorverwijzing,
    may_edit_aanbod,
    may_propose_doorverwijzing,
    may_read_wegwijzer,
    may_withdraw_doorverwijzing,
    object_or_404,
)
from casusoverleg.views import apply_errors

from . import selectors, services
from .forms import AanbodForm, DoorverwijzingAntwoordForm, DoorverwijzingForm, ZoekForm
from .models import Aanbod, Doorverwijzing

PAGE_SIZE = 20


def _ctx(request) -> AuditContext:
    return AuditContext.for_request(request, Doel.CASUSOVERLEG)


def _zoek_url(request, cleaned: dict) -> str:
    """The directory URL for a posted search: the filters as they are, the term as
    an opaque token."""
    params = QueryDict(mutable=True)
    for naam in ("soort", "regio"):
        if cleaned.get(naam):
            params[naam] = cleaned[naam]
    if term := (cleaned.get("q") or "").strip():
        params[zoeken.TOKEN_PARAM] = zoeken.zoekterm_bewaren(request, term)
    url = reverse("wegwijzer:index")
    return f"{url}?{params.urlencode()}" if params else url


@require_http_methods(["GET", "POST"])
def index(request):
    """The directory: offers and schemes, searched and filtered."""
    if not may_read_wegwijzer(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = ZoekForm(request.POST)
        if form.is_valid():
            return redirect(_zoek_url(request, form.cleaned_data))
        filters = {}
    else:
        data = request.GET.copy()
        data.pop("q", None)  # a term in the URL is never used
        token = data.get(zoeken.TOKEN_PARAM)
        term = zoeken.zoekterm(request, token)
        if token and term is None:
            messages.info(request, _("Deze zoekopdracht is verlopen; zoek opnieuw."))
        if term:
            data["q"] = term
        form = ZoekForm(data or None)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    term = filters.get("q") or ""
    aanbod = selectors.aanbod_zoeken(
        term=term, soort=filters.get("soort") or "", regio=filters.get("regio") or ""
    )
    page = Paginator(aanbod, PAGE_SIZE).get_page(request.GET.get("pagina"))
    regelingen = list(selectors.regelingen_zoeken(term=term, soort=filters.get("soort") or ""))
    if any(filters.values()):
        audit_log(
            _ctx(request),
            actie=Actie.ZOEKEN,
            object_type="wegwijzer",
            detail={
                "filters": sorted(k for k, v in filters.items() if v and k != "q"),
                "zoekterm": search_fingerprint(term) if term else "",
                "resultaten": page.paginator.count,
            },
        )
    query = request.GET.copy()
    query.pop("pagina", None)
    query.pop("q", None)
    return render(
        request,
        "wegwijzer/index.html",
        {
            "form": form,
            "page": page,
            "regelingen": regelingen,
            "query": query.urlencode(),
            "gezocht": any(filters.values()),
            "mag_aanbod_beheren": may_edit_aanbod(request.user, request.user.organisatie),
        },
        status=400 if request.method == "POST" else 200,
    )


def _eigen_organisatie(request):
    """The user's organisation, when they keep its offers; else the 404 of a page
    that does not exist, audited."""
    organisatie = request.user.organisatie
    if not may_edit_aanbod(request.user, organisatie):
        audit_log(
            _ctx(request),
            actie=Actie.LEZEN if request.method in ("GET", "HEAD") else Actie.WIJZIGEN,
            uitkomst=Uitkomst.GEWEIGERD,
            object_type="aanbod",
            detail={"method": request.method, "pagina": request.resolver_match.url_name},
        )
        mark_refusal_audited(request)
        raise Http404
    return organisatie


@require_http_methods(["GET"])
def mijn_aanbod(request):
    organisatie = _eigen_organisatie(request)
    return render(
        request,
        "wegwijzer/mijn_aanbod.html",
        {
            "organisatie": organisatie,
            "aanbod": selectors.aanbod_van_organisatie(organisatie=organisatie),
        },
    )


@require_http_methods(["GET", "POST"])
def aanbod_create(request):
    organisatie = _eigen_organisatie(request)
    form = AanbodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.aanbod_create(
                ctx=_ctx(request), organisatie=organisatie, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het aanbod staat in de wegwijzer."))
            return redirect("wegwijzer:mijn-aanbod")
    return render(request, "wegwijzer/aanbod_form.html", {"form": form, "organisatie": organisatie})


@require_http_methods(["GET", "POST"])
def aanbod_update(request, aanbod_id):
    aanbod = aanbod_for_edit(request, Aanbod.objects.select_related("organisatie"), aanbod_id)
    form = AanbodForm(request.POST or None, instance=aanbod)
    if request.method == "POST" and form.is_valid():
        try:
            services.aanbod_update(ctx=_ctx(request), aanbod=aanbod, data=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het aanbod is bijgewerkt."))
            return redirect("wegwijzer:mijn-aanbod")
    return render(
        request,
        "wegwijzer/aanbod_form.html",
        {"form": form, "organisatie": aanbod.organisatie, "aanbod": aanbod},
    )


@require_POST
def aanbod_actief(request, aanbod_id):
    """Take an offer out of the directory, or put it back (``actief`` posted)."""
    aanbod = aanbod_for_edit(request, Aanbod.objects.select_related("organisatie"), aanbod_id)
    actief = request.POST.get("actief") == "1"
    services.aanbod_actief_change(ctx=_ctx(request), aanbod=aanbod, actief=actief)
    if actief:
        messages.success(request, _("Het aanbod staat weer in de wegwijzer."))
    else:
        messages.success(request, _("Het aanbod is uit de wegwijzer gehaald; het blijft bewaard."))
    return redirect("wegwijzer:mijn-aanbod")


# Warm referrals -----------------------------------------------------------------


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def doorverwijzing_create(request, casus):
    """The coordinator refers the case to another organisation. Anyone but the
    case's coordinator gets the 404 of a missing page."""
    if not may_propose_doorverwijzing(request.user, casus):
        raise Http404
    # A fitting offer's link fills in its need, offer and organisation (they are
    # only choices: the form still offers what it offers, and checks them on sending).
    initial = {k: request.GET[k] for k in ("behoefte", "aanbod", "organisatie") if k in request.GET}
    form = DoorverwijzingForm(request.POST or None, casus=casus, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.doorverwijzing_voorstellen(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                casus=casus,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            raise Http404 from error
        else:
            messages.success(
                request,
                _("De doorverwijzing is verstuurd naar %(organisatie)s.")
                % {"organisatie": form.cleaned_data["organisatie"]},
            )
            return redirect("casusoverleg:casus-detail", casus.public_id)
    return render(
        request,
        "wegwijzer/doorverwijzing_form.html",
        {"casus": casus, "form": form, "passend": selectors.passend_aanbod(casus)},
    )


def _doorverwijzing_or_404(request, doorverwijzing_id) -> Doorverwijzing:
    return object_or_404(
        request,
        doorverwijzingen_for_user(
            Doorverwijzing.objects.select_related(
                "casus", "behoefte", "organisatie", "gevraagd_door", "beantwoord_door"
            ),
            user=request.user,
        ),
        doorverwijzing_id,
        object_type=Doorverwijzing.audit_type,
        doel=Doel.CASUSOVERLEG,
        casus_of=lambda v: v.casus,
    )


@require_http_methods(["GET", "POST"])
def doorverwijzing(request, doorverwijzing_id):
    """A referral: for the receiving organisation, the minimal referral (case
    number, need, derived categories, urgency, motivation) and the answer; for the
    case's side, its state. Never the person's name or any other case content."""
    verwijzing = _doorverwijzing_or_404(request, doorverwijzing_id)
    mag_antwoorden = may_answer_doorverwijzing(request.user, verwijzing)
    form = DoorverwijzingAntwoordForm(request.POST or None) if mag_antwoorden else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Deze doorverwijzing is al beantwoord."))
            return redirect("wegwijzer:doorverwijzing", verwijzing.public_id)
        if form.is_valid():
            akkoord = form.cleaned_data["besluit"] == form.AKKOORD
            try:
                services.doorverwijzing_beantwoorden(
                    ctx=_ctx(request),
                    verwijzing=verwijzing,
                    akkoord=akkoord,
                    reden=form.cleaned_data["reden"],
                    reden_soort=form.cleaned_data["reden_soort"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            except PermissionDenied as error:
                raise Http404 from error
            else:
                if akkoord:
                    messages.success(request, _("U neemt nu deel aan de casus."))
                    return redirect("casusoverleg:casus-detail", verwijzing.casus.public_id)
                messages.success(request, _("De doorverwijzing is afgewezen."))
                return redirect("wegwijzer:doorverwijzing", verwijzing.public_id)
    return render(
        request,
        "wegwijzer/doorverwijzing.html",
        {
            "verwijzing": verwijzing,
            "categorieen": selectors.doorverwijzing_categorieen(verwijzing.casus),
            "form": form,
            "mag_intrekken": may_withdraw_doorverwijzing(request.user, verwijzing),
        },
    )


@require_POST
def doorverwijzing_intrekken(request, doorverwijzing_id):
    verwijzing = _doorverwijzing_or_404(request, doorverwijzing_id)
    try:
        services.doorverwijzing_intrekken(ctx=_ctx(request), verwijzing=verwijzing)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("De doorverwijzing is ingetrokken."))
    return redirect("casusoverleg:casus-detail", verwijzing.casus.public_id)
