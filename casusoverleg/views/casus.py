import asyncio
import logging

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import casuspagina, gebruiksdoel, selectors, services, startpagina, zoeken
from ..audit import (
    Actie,
    AuditContext,
    Doel,
    Gebruiksdoel,
    audit_getoond,
    search_fingerprint,
)
from ..forms import (
    BehoefteForm,
    CasusEditForm,
    CasusFilterForm,
    CasusForm,
    CoordinatorForm,
    DeelnameForm,
)
from ..models import Sluiting
from ..permissions import (
    CHANGE,
    COORDINATE,
    casus_view,
    casussen_audit_for_user,
    may_access_cases,
    may_change_coordinator,
    may_close,
    may_coordinate_cases,
    may_reopen,
    perms_for,
)
from .bevestigen import bevestiging

logger = logging.getLogger(__name__)

HEALTH_TIMEOUT_SECONDS = 2.0
PAGE_SIZE = 25


def home(request):
    """The start page: the sections registered for this user
    (``casusoverleg.startpagina``), every case item shown audited in one INSERT."""
    blokken = startpagina.startpagina(user=request.user)
    getoond = [obj for blok in blokken if blok.resultaat for obj in blok.resultaat.getoond]
    if getoond:
        audit_getoond(AuditContext.for_request(request), getoond, weergave="startpagina")
    return render(
        request,
        "casusoverleg/home.html",
        {"blokken": blokken, "ziet_casussen": may_access_cases(request.user)},
    )


def apply_errors(form, error: ValidationError):
    """Put a service's validation error on the form, on the field it names if any."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Cases ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def casus_list(request):
    """Mijn casussen: the cases the user takes part in, with filters and search.

    The search term is posted, never sent in the URL: it is kept in the session
    and the list URL carries an opaque token (``casusoverleg.zoeken``), so that
    paging, filters and the back button work while no log line holds a name.
    Every case shown is audited on that case.
    """
    if not may_access_cases(request.user):
        raise PermissionDenied
    coordinators = selectors.coordinators_for_user(user=request.user)
    if request.method == "POST":
        form = CasusFilterForm(request.POST, coordinators=coordinators)
        if form.is_valid():
            return redirect(_list_url(request, form.cleaned_data))
        filters, term = {}, None
    else:
        data = request.GET.copy()
        # A term in the URL is never used, so that no link or bookmark carries one.
        data.pop("q", None)
        token = data.get(zoeken.TOKEN_PARAM)
        term = zoeken.zoekterm(request, token)
        if token and term is None:
            messages.info(request, _("Deze zoekopdracht is verlopen; zoek opnieuw."))
        if term:
            data["q"] = term
        form = CasusFilterForm(data or None, coordinators=coordinators)
        filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.casus_list(user=request.user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    searched = {k: v for k, v in filters.items() if v}
    audit_getoond(
        AuditContext.for_request(request),
        page.object_list,
        weergave="casuslijst",
        pagina={
            "actie": Actie.ZOEKEN if searched else Actie.LEZEN,
            "object_type": "casuslijst",
            "detail": {
                "filters": sorted(k for k in searched if k != "q"),
                "zoekterm": search_fingerprint(filters["q"]) if filters.get("q") else "",
                "resultaten": page.paginator.count,
                "pagina": page.number,
            },
        },
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    query.pop("q", None)
    return render(
        request,
        "casusoverleg/casus_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "mag_openen": may_coordinate_cases(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


def _list_url(request, cleaned: dict) -> str:
    """The list URL for a posted search: the filters as they are, the term as a token."""
    params = QueryDict(mutable=True)
    for name, value in cleaned.items():
        if name == "q" or value in (None, ""):
            continue
        params[name] = value.pk if hasattr(value, "pk") else value
    if term := (cleaned.get("q") or "").strip():
        params[zoeken.TOKEN_PARAM] = zoeken.zoekterm_bewaren(request, term)
    url = reverse("casusoverleg:casus-list")
    return f"{url}?{params.urlencode()}" if params else url


@require_http_methods(["GET", "POST"])
def casus_open(request):
    if not may_coordinate_cases(request.user):
        raise PermissionDenied
    form = CasusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "vormen"}
        try:
            casus = services.casus_open(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                data=data,
                vormen=form.cleaned_data["vormen"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            # Who opens a case has said why by doing so.
            gebruiksdoel.vastleggen(request, casus, doel=Gebruiksdoel.COORDINATIE)
            messages.success(request, _("Casus %(nummer)s is geopend.") % {"nummer": casus.nummer})
            return redirect("casusoverleg:casus-detail", casus.public_id)
    return render(request, "casusoverleg/casus_form.html", {"form": form})


@casus_view()
@require_GET
def casus_detail(request, casus):
    context = selectors.casus_detail(casus)
    context.update(
        casus=casus,
        perms=perms_for(request.user, casus),
        mag_coordinator_wijzigen=may_change_coordinator(request.user, casus),
        mag_sluiten=may_close(request.user, casus),
        mag_heropenen=may_reopen(request.user, casus),
        sluiting=casus.sluitingen.filter(soort=Sluiting.Soort.GESLOTEN).first()
        if casus.is_gesloten
        else None,
        secties=casuspagina.secties_html(request=request, casus=casus),
        # A minor's case (or one that was: the outcome at 18, a guardian, amv).
        toon_minderjarigheid=bool(
            casus.is_minderjarig()
            or casus.amv
            or casus.voogd_organisatie_id
            or casus.achttien_uitkomst
        ),
        afbakening=services.afbakening_organisatie(casus),
        nidos_neemt_deel=casus.amv and services.nidos_neemt_deel(casus),
    )
    # The newest entries here; one more tells whether the whole timeline has more.
    aantal = casuspagina.TIJDLIJN_OP_CASUSPAGINA
    tijdlijn = casuspagina.tijdlijn(user=request.user, casus=casus, aantal=aantal + 1)
    context.update(tijdlijn=tijdlijn[:aantal], tijdlijn_meer=len(tijdlijn) > aantal)
    return render(request, "casusoverleg/casus_detail.html", context)


@casus_view()
@require_GET
def tijdlijn(request, casus):
    """Everything that happened to the case, as the reader may see it, newest first."""
    page = Paginator(casuspagina.tijdlijn(user=request.user, casus=casus), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "casusoverleg/tijdlijn.html",
        {"casus": casus, "page": page, "perms": perms_for(request.user, casus)},
    )


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def casus_update(request, casus):
    form = CasusEditForm(request.POST or None, instance=casus)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "vormen"}
        try:
            services.casus_update(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                casus=casus,
                data=data,
                vormen=form.cleaned_data["vormen"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De casusgegevens zijn opgeslagen."))
            return redirect("casusoverleg:casus-detail", casus.public_id)
    return render(request, "casusoverleg/casus_form.html", {"form": form, "casus": casus})


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def casus_coordinator(request, casus):
    """Name or change the case's coordinator. Anyone but a coordinator of the
    coordinating organisation gets the 404 of a missing case (audited by
    ``RefusalAuditMiddleware``)."""
    if not may_change_coordinator(request.user, casus):
        raise Http404
    form = CoordinatorForm(
        request.POST or None,
        organisatie=casus.coordinerende_organisatie,
        initial={"coordinator": casus.coordinator_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.casus_coordinator_change(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                casus=casus,
                coordinator=form.cleaned_data["coordinator"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            raise Http404 from error
        else:
            messages.success(request, _("De coördinator is vastgelegd."))
            return redirect("casusoverleg:casus-detail", casus.public_id)
    return render(request, "casusoverleg/coordinator_form.html", {"form": form, "casus": casus})


# Needs --------------------------------------------------------------------------


@casus_view(perm=CHANGE)
@require_http_methods(["GET", "POST"])
def behoefte_add(request, casus):
    form = BehoefteForm(request.POST or None, casus=casus)
    if request.method == "POST" and form.is_valid():
        try:
            services.behoefte_add(
                ctx=AuditContext.for_request(request), casus=casus, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De behoefte is toegevoegd."))
            return redirect("casusoverleg:casus-detail", casus.public_id)
    return render(request, "casusoverleg/behoefte_form.html", {"form": form, "casus": casus})


@casus_view(perm=CHANGE)
@require_http_methods(["GET", "POST"])
def behoefte_update(request, casus, pk):
    behoefte = get_object_or_404(casus.behoeften, pk=pk)
    form = BehoefteForm(request.POST or None, instance=behoefte, casus=casus)
    if request.method == "POST" and form.is_valid():
        try:
            services.behoefte_update(
                ctx=AuditContext.for_request(request), behoefte=behoefte, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De behoefte is bijgewerkt."))
            return redirect("casusoverleg:casus-detail", casus.public_id)
    return render(
        request,
        "casusoverleg/behoefte_form.html",
        {"form": form, "casus": casus, "behoefte": behoefte},
    )


# Participants -------------------------------------------------------------------


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def deelnemers(request, casus):
    form = DeelnameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            deelname = services.deelname_add(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                casus=casus,
                organisatie=form.cleaned_data["organisatie"],
                persoon=form.cleaned_data["persoon"],
                rol=form.cleaned_data["rol"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(wie)s neemt nu deel.") % {"wie": deelname})
            return redirect("casusoverleg:deelnemers", casus.public_id)
    deelnames = casus.deelnames.select_related(
        "organisatie", "persoon", "toegevoegd_door", "beeindigd_door"
    )
    return render(
        request,
        "casusoverleg/deelnemers.html",
        {
            "form": form,
            "casus": casus,
            "deelnames": deelnames,
            "perms": perms_for(request.user, casus),
        },
    )


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_POST
def deelname_remove(request, casus, pk):
    deelname = get_object_or_404(
        casus.deelnames.select_related("casus", "organisatie", "persoon"), pk=pk
    )
    if bevestigen := bevestiging(
        request,
        titel=_("Deelname beëindigen?"),
        tekst=_(
            "%(wie)s neemt daarna niet meer deel aan casus %(casus)s en verliest "
            "de toegang tot de casus."
        )
        % {"wie": deelname, "casus": casus.nummer},
        knop=_("Ja, deelname beëindigen"),
        terug=reverse("casusoverleg:deelnemers", args=[casus.public_id]),
        casus=casus,
    ):
        return bevestigen
    try:
        services.deelname_remove(
            ctx=AuditContext.for_request(request, Doel.COORDINATIE), deelname=deelname
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(wie)s neemt niet meer deel.") % {"wie": deelname})
    return redirect("casusoverleg:deelnemers", casus.public_id)


# History and audit --------------------------------------------------------------


@casus_view()
@require_GET
def geschiedenis(request, casus):
    page = Paginator(selectors.wijzigingen_for_casus(casus), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "casusoverleg/geschiedenis.html",
        {"casus": casus, "page": page, "perms": perms_for(request.user, casus)},
    )


@casus_view(casussen=casussen_audit_for_user, doel=Doel.VERANTWOORDING, object_type="audittrail")
@require_GET
def casus_audit(request, casus):
    page = Paginator(selectors.audit_for_casus(casus), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "casusoverleg/casus_audit.html",
        {"casus": casus, "page": page, "perms": perms_for(request.user, casus)},
    )


# Health -------------------------------------------------------------------------


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        # A broken connection is closed by Django when the request finishes
        # (close_old_connections), not here: inside a transaction (a test's) that
        # would close the connection under it.
        logger.exception("healthz: database check failed")
        return False


async def _channel_layer_ok() -> bool:
    try:
        layer = get_channel_layer()
        channel = await layer.new_channel("healthz.")
        await layer.send(channel, {"type": "healthz.ping"})
        message = await asyncio.wait_for(layer.receive(channel), HEALTH_TIMEOUT_SECONDS)
        return message.get("type") == "healthz.ping"
    except Exception:
        logger.exception("healthz: channel layer check failed")
        return False


@login_not_required
@require_GET
def favicon(request):
    """The icon, where browsers look for it without being told (PDFs, the admin)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@login_not_required
@require_GET
@never_cache
async def healthz(request):
    """State of the database and the channel layer: 200 when both work, else 503."""
    database = await sync_to_async(_database_ok, thread_sensitive=True)()
    channel_layer = await _channel_layer_ok()
    healthy = database and channel_layer
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": "ok" if database else "error",
            "channel_layer": "ok" if channel_layer else "error",
        },
        status=200 if healthy else 503,
    )
