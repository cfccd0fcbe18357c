"""Planning a meeting and its agenda, and the open actions of an organisation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casusoverleg.audit import Actie, AuditContext, Doel, audit_getoond, audit_log
from casusoverleg.permissions import (
    may_access_cases,
    may_coordinate_cases,
    may_plan_meetings,
    zichtbare_casus_ids,
)
from casusoverleg.views import apply_errors, bevestiging

from .. import selectors, services
from ..forms import (
    AgendapuntForm,
    GastForm,
    ZorgtafelForm,
)
from ..models import Zorgtafel
from .common import (
    _beschrijving,
    _detail_url,
    _punt,
    _warn_dubbel,
    zorgtafel_view,
)

# Planning ---------------------------------------------------------------------------


@require_GET
def zorgtafel_list(request):
    if not may_access_cases(request.user):
        raise PermissionDenied
    komend, eerder = selectors.zorgtafels_lijst(user=request.user)
    audit_log(AuditContext.for_request(request), actie=Actie.LEZEN, object_type="zorgtafellijst")
    return render(
        request,
        "zorgtafel/zorgtafel_list.html",
        {"komend": komend, "eerder": eerder[:50], "mag_plannen": may_plan_meetings(request.user)},
    )


@require_http_methods(["GET", "POST"])
def zorgtafel_plan(request):
    if not may_plan_meetings(request.user):
        raise PermissionDenied
    form = ZorgtafelForm(request.POST or None, user=request.user)
    if request.method == "GET" and (casus_id := request.GET.get("casus")):
        # Planned from a case page: that case on the agenda, if it is one the user
        # may put there (the form's choices, from the access module); any other id
        # is ignored, so the page tells nothing about it.
        casussen = form.fields["casussen"].queryset.filter(public_id=casus_id)
        form.initial["casussen"] = list(casussen.values_list("pk", flat=True))
    if request.method == "POST" and form.is_valid():
        try:
            zorgtafel = services.zorgtafel_plan(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                data=form.service_data(),
                casussen=list(form.cleaned_data["casussen"]),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Het overleg is gepland en de uitnodigingen zijn verstuurd.")
            )
            _warn_dubbel(request, zorgtafel)
            return redirect(_detail_url(zorgtafel))
    # The picker shows the number and name of every case the user coordinates.
    audit_getoond(
        AuditContext.for_request(request, Doel.COORDINATIE),
        list(form.fields["casussen"].queryset),
        weergave="zorgtafel-plannen",
    )
    return render(request, "zorgtafel/zorgtafel_form.html", {"form": form})


@zorgtafel_view(voorzitter=True, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def zorgtafel_update(request, zorgtafel):
    form = ZorgtafelForm(request.POST or None, instance=zorgtafel, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            zorgtafel = services.zorgtafel_update(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                zorgtafel=Zorgtafel.objects.get(pk=zorgtafel.pk),
                data=form.service_data(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het overleg is gewijzigd; de genodigden zijn bericht."))
            _warn_dubbel(request, zorgtafel)
            return redirect(_detail_url(zorgtafel))
    return render(request, "zorgtafel/zorgtafel_form.html", {"form": form, "zorgtafel": zorgtafel})


@zorgtafel_view(voorzitter=True, doel=Doel.COORDINATIE)
@require_POST
def zorgtafel_cancel(request, zorgtafel):
    if bevestigen := bevestiging(
        request,
        titel=_("Overleg annuleren?"),
        tekst=_(
            "Het overleg %(overleg)s wordt geannuleerd. Alle genodigden krijgen hiervan bericht."
        )
        % {"overleg": _beschrijving(zorgtafel)},
        knop=_("Ja, overleg annuleren"),
        terug=_detail_url(zorgtafel),
    ):
        return bevestigen
    try:
        services.zorgtafel_cancel(
            ctx=AuditContext.for_request(request, Doel.COORDINATIE), zorgtafel=zorgtafel
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het overleg is geannuleerd; de genodigden zijn bericht."))
    return redirect(_detail_url(zorgtafel))


@zorgtafel_view(voorzitter=True, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def zorgtafel_agenda(request, zorgtafel):
    """Manage the agenda: add a case, reorder, remove, invite someone for an item."""
    form = AgendapuntForm(request.POST or None, user=request.user, zorgtafel=zorgtafel)
    if request.method == "POST" and form.is_valid():
        try:
            services.agendapunt_add(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                zorgtafel=zorgtafel,
                casus=form.cleaned_data["casus"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De casus staat op de agenda."))
            return redirect("zorgtafel:zorgtafel-agenda", zorgtafel.public_id)
    return _agenda_page(request, zorgtafel, form=form)


def _agenda_page(request, zorgtafel, *, form, gast=None, status=200):
    punten = list(
        zorgtafel.agendapunten.select_related("casus").prefetch_related(
            "extra_genodigden__organisatie"
        )
    )
    zichtbaar = zichtbare_casus_ids(request.user, [p.casus_id for p in punten])
    items = []
    for punt in punten:
        gast_form = gast[1] if gast and gast[0] == punt.pk else GastForm(prefix=punt.public_id)
        items.append({"punt": punt, "zichtbaar": punt.casus_id in zichtbaar, "gast": gast_form})
    # The items whose case the user sees, and the picker of cases to add, show
    # case numbers and names: each is a read of its case.
    audit_getoond(
        AuditContext.for_request(request, Doel.COORDINATIE),
        [punt for punt in punten if punt.casus_id in zichtbaar]
        + list(form.fields["casus"].queryset),
        weergave="agenda",
    )
    return render(
        request,
        "zorgtafel/zorgtafel_agenda.html",
        {"zorgtafel": zorgtafel, "form": form, "items": items},
        status=status,
    )


@zorgtafel_view(voorzitter=True, doel=Doel.COORDINATIE)
@require_POST
def agenda_update(request, zorgtafel, item_id):
    punt = _punt(request, zorgtafel, item_id)
    ctx = AuditContext.for_request(request, Doel.COORDINATIE)
    actie = request.POST.get("actie")
    try:
        if actie in ("omhoog", "omlaag"):
            services.agendapunt_move(ctx=ctx, agendapunt=punt, omhoog=actie == "omhoog")
        elif actie == "verwijderen":
            services.agendapunt_remove(ctx=ctx, agendapunt=punt)
            messages.success(request, _("Het agendapunt is verwijderd."))
        elif actie == "gast":
            gast = GastForm(request.POST, prefix=punt.public_id)
            if not gast.is_valid():
                return _agenda_page(
                    request,
                    zorgtafel,
                    form=AgendapuntForm(user=request.user, zorgtafel=zorgtafel),
                    gast=(punt.pk, gast),
                    status=400,
                )
            services.agendapunt_gast_add(ctx=ctx, agendapunt=punt, user=gast.cleaned_data["user"])
            messages.success(request, _("De extra genodigde is uitgenodigd."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("zorgtafel:zorgtafel-agenda", zorgtafel.public_id)


# Open actions -----------------------------------------------------------------------


@require_GET
def actiepunten(request):
    """Open actions of the user's organisation and, for a coordinator, of the cases
    they coordinate (whoever owns them), overdue ones marked."""
    if not may_access_cases(request.user):
        raise PermissionDenied
    rows = list(selectors.open_actiepunten(user=request.user))
    audit_getoond(
        AuditContext.for_request(request),
        rows,
        weergave="actiepuntenlijst",
        pagina={
            "actie": Actie.LEZEN,
            "object_type": "actiepuntenlijst",
            "detail": {"resultaten": len(rows)},
        },
    )
    return render(
        request,
        "zorgtafel/zorgtafel_actiepunten.html",
        {"actiepunten": rows, "coordineert": may_coordinate_cases(request.user)},
    )
