"""Zorgtafel pages: planning, the agenda, the live room and open actions.

Every meeting-scoped view looks the meeting up through ``zorgtafel_view`` first;
an item's content is shown only when the user may see its case ("besloten
agendapunt" otherwise). Chair forms post over htmx when it is there and fall back
to a plain post-redirect-get; the live room then follows over the websocket.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors, services
from ..audit import Actie, AuditContext, Doel, audit_log
from ..forms import (
    AanwezigheidForm,
    ActiepuntForm,
    AddendumForm,
    AgendapuntForm,
    BeoordelingForm,
    BesluitForm,
    GastForm,
    NotuleForm,
    ZorgtafelForm,
)
from ..models import Actiepunt, Zorgtafel
from ..permissions import (
    casussen_for_user,
    may_access_cases,
    object_or_404,
    zichtbare_casus_ids,
    zorgtafel_view,
)
from .casus import apply_errors

FORM_PARTIAL = "casusoverleg/_zorgtafel_form.html"


def _detail_url(zorgtafel, punt=None):
    url = reverse("casusoverleg:zorgtafel-detail", args=[zorgtafel.public_id])
    return f"{url}#item-{punt.public_id}" if punt else url


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _punt(request, zorgtafel, item_id):
    """An item of this meeting whose case the user may see; else 404, audited."""
    return object_or_404(
        request,
        zorgtafel.agendapunten.filter(
            casus__in=casussen_for_user(user=request.user)
        ).select_related("casus", "zorgtafel"),
        item_id,
        object_type="agendapunt",
        doel=Doel.CASUSOVERLEG,
        casus_of=lambda punt: punt.casus,
    )


def _warn_dubbel(request, zorgtafel):
    if services.voorzitter_dubbel_geboekt(zorgtafel):
        messages.warning(
            request,
            _("Let op: de voorzitter heeft op dit tijdstip al een ander overleg."),
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
        "casusoverleg/zorgtafel_list.html",
        {"komend": komend, "eerder": eerder[:50]},
    )


@require_http_methods(["GET", "POST"])
def zorgtafel_create(request):
    if not (request.user.is_coordinator and may_access_cases(request.user)):
        raise PermissionDenied
    form = ZorgtafelForm(request.POST or None, user=request.user)
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
    return render(request, "casusoverleg/zorgtafel_form.html", {"form": form})


@zorgtafel_view(voorzitter=True, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def zorgtafel_edit(request, zorgtafel):
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
    return render(
        request, "casusoverleg/zorgtafel_form.html", {"form": form, "zorgtafel": zorgtafel}
    )


@zorgtafel_view(voorzitter=True, doel=Doel.COORDINATIE)
@require_POST
def zorgtafel_annuleren(request, zorgtafel):
    try:
        services.zorgtafel_annuleren(
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
            return redirect("casusoverleg:zorgtafel-agenda", zorgtafel.public_id)
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
    return render(
        request,
        "casusoverleg/zorgtafel_agenda.html",
        {"zorgtafel": zorgtafel, "form": form, "items": items},
        status=status,
    )


@zorgtafel_view(voorzitter=True, doel=Doel.COORDINATIE)
@require_POST
def agendapunt_wijzigen(request, zorgtafel, item_id):
    punt = _punt(request, zorgtafel, item_id)
    ctx = AuditContext.for_request(request, Doel.COORDINATIE)
    actie = request.POST.get("actie")
    try:
        if actie in ("omhoog", "omlaag"):
            services.agendapunt_verplaatsen(ctx=ctx, agendapunt=punt, omhoog=actie == "omhoog")
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
    return redirect("casusoverleg:zorgtafel-agenda", zorgtafel.public_id)


# The room ---------------------------------------------------------------------------


@zorgtafel_view()
@require_GET
def zorgtafel_detail(request, zorgtafel):
    return _room(request, zorgtafel)


def _form(form_id, form, action, knop):
    return {"id": form_id, "form": form, "action": action, "knop": knop}


def _item_forms(request, zorgtafel, punt, inhoud, bound):
    """The chair's forms of one item; a bound form with errors replaces its fresh one."""

    def pick(form_id, fresh):
        return bound[1] if bound and bound[0] == form_id else fresh

    args = [zorgtafel.public_id, punt.public_id]
    forms = []
    if zorgtafel.is_bezig:
        fid = f"notule-{punt.public_id}"
        forms.append(
            _form(
                fid,
                pick(fid, NotuleForm(prefix=fid)),
                reverse("casusoverleg:zorgtafel-notule", args=args),
                _("Notulen toevoegen"),
            )
        )
        for actiepunt in inhoud["eerdere"]:
            fid = f"beoordeling-{actiepunt.public_id}"
            initial = {"status": actiepunt.status, "reden": actiepunt.reden}
            forms.append(
                _form(
                    fid,
                    pick(fid, BeoordelingForm(prefix=fid, initial=initial)),
                    reverse(
                        "casusoverleg:zorgtafel-actiepunt-beoordelen",
                        args=[*args, actiepunt.public_id],
                    ),
                    _("Beoordeling opslaan"),
                )
                | {"actiepunt": actiepunt}
            )
        fid = f"besluit-{punt.public_id}"
        initial = {"besluit": punt.besluit, "uitkomst": punt.uitkomst}
        forms.append(
            _form(
                fid,
                pick(fid, BesluitForm(prefix=fid, initial=initial)),
                reverse("casusoverleg:zorgtafel-besluit", args=args),
                _("Besluit vastleggen"),
            )
        )
        fid = f"actiepunt-{punt.public_id}"
        forms.append(
            _form(
                fid,
                pick(fid, ActiepuntForm(prefix=fid, casus=punt.casus)),
                reverse("casusoverleg:zorgtafel-actiepunt", args=args),
                _("Actiepunt toevoegen"),
            )
        )
    elif zorgtafel.is_gesloten:
        fid = f"addendum-{punt.public_id}"
        forms.append(
            _form(
                fid,
                pick(fid, AddendumForm(prefix=fid)),
                reverse("casusoverleg:zorgtafel-addendum", args=args),
                _("Addendum toevoegen"),
            )
        )
    return forms


def _room(request, zorgtafel, *, status=200, bound=None):
    uitnodiging = zorgtafel.uitnodigingen.filter(user=request.user).first()
    if uitnodiging is None or uitnodiging.vertrouwelijkheid_bevestigd_op is None:
        return render(
            request,
            "casusoverleg/zorgtafel_geheimhouding.html",
            {"zorgtafel": zorgtafel},
            status=status,
        )
    voorzitter = zorgtafel.is_voorzitter(request.user)
    punten = list(zorgtafel.agendapunten.select_related("casus", "zorgtafel"))
    zichtbaar = zichtbare_casus_ids(request.user, [p.casus_id for p in punten])
    ctx = AuditContext.for_request(request)
    items = []
    for punt in punten:
        item = {"punt": punt, "zichtbaar": punt.casus_id in zichtbaar}
        if item["zichtbaar"]:
            item["inhoud"] = selectors.agendapunt_inhoud(agendapunt=punt)
            audit_log(
                ctx,
                actie=Actie.LEZEN,
                object_type="agendapunt",
                object_id=punt.public_id,
                casus=punt.casus,
            )
            if voorzitter:
                item["forms"] = _item_forms(request, zorgtafel, punt, item["inhoud"], bound)
        items.append(item)
    uitnodigingen = list(
        zorgtafel.uitnodigingen.filter(actief=True).select_related("user__organisatie")
    )
    if voorzitter and not zorgtafel.is_gesloten:
        for u in uitnodigingen:
            u.form = AanwezigheidForm(
                prefix=f"aanwezigheid-{u.pk}", initial={"aanwezigheid": u.aanwezigheid}
            )
    return render(
        request,
        "casusoverleg/zorgtafel_detail.html",
        {
            "zorgtafel": zorgtafel,
            "items": items,
            "uitnodigingen": uitnodigingen,
            "voorzitter": voorzitter,
            "dubbel": voorzitter and services.voorzitter_dubbel_geboekt(zorgtafel),
        },
        status=status,
    )


@zorgtafel_view()
@require_POST
def zorgtafel_bevestigen(request, zorgtafel):
    if request.POST.get("akkoord") != "ja":
        messages.error(request, _("Bevestig de geheimhoudingsverklaring om verder te gaan."))
        return _room(request, zorgtafel, status=400)
    services.zorgtafel_vertrouwelijkheid_bevestigen(
        ctx=AuditContext.for_request(request), zorgtafel=zorgtafel
    )
    return redirect(_detail_url(zorgtafel))


@zorgtafel_view()
@require_GET
def zorgtafel_ics(request, zorgtafel):
    response = HttpResponse(
        services.zorgtafel_ics(zorgtafel, user=request.user),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="zorgtafel.ics"'
    return response


@zorgtafel_view()
@require_GET
def zorgtafel_notulen_pdf(request, zorgtafel):
    """The minutes of a closed meeting as PDF, with only the items on cases the
    reader takes part in; each exported item is audited on its case."""
    from advies.pdf import notulen_bestandsnaam, zorgtafel_notulen_pdf

    if not zorgtafel.is_gesloten:
        raise Http404
    uitnodiging = zorgtafel.uitnodigingen.filter(user=request.user).first()
    if uitnodiging is None or uitnodiging.vertrouwelijkheid_bevestigd_op is None:
        return redirect(_detail_url(zorgtafel))
    punten = list(zorgtafel.agendapunten.select_related("casus", "zorgtafel"))
    zichtbaar = zichtbare_casus_ids(request.user, [p.casus_id for p in punten])
    items = [selectors.agendapunt_inhoud(agendapunt=p) for p in punten if p.casus_id in zichtbaar]
    data = zorgtafel_notulen_pdf(zorgtafel=zorgtafel, items=items)
    ctx = AuditContext.for_request(request)
    for inhoud in items:
        audit_log(
            ctx,
            actie=Actie.EXPORTEREN,
            object_type="agendapunt",
            object_id=inhoud["agendapunt"].public_id,
            casus=inhoud["casus"],
        )
    audit_log(ctx, actie=Actie.EXPORTEREN, object_type="zorgtafel", object_id=zorgtafel.public_id)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{notulen_bestandsnaam(zorgtafel)}"'
    response["Cache-Control"] = "no-store"
    return response


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_starten(request, zorgtafel):
    try:
        services.zorgtafel_starten(ctx=AuditContext.for_request(request), zorgtafel=zorgtafel)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_detail_url(zorgtafel))


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_sluiten(request, zorgtafel):
    try:
        services.zorgtafel_sluiten(ctx=AuditContext.for_request(request), zorgtafel=zorgtafel)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het overleg is gesloten; de notulen liggen vast."))
    return redirect(_detail_url(zorgtafel))


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_aanwezigheid(request, zorgtafel):
    uitnodiging = get_object_or_404(
        zorgtafel.uitnodigingen.filter(actief=True), pk=request.POST.get("uitnodiging") or 0
    )
    form = AanwezigheidForm(request.POST, prefix=f"aanwezigheid-{uitnodiging.pk}")
    if form.is_valid():
        try:
            services.aanwezigheid_vastleggen(
                ctx=AuditContext.for_request(request),
                uitnodiging=uitnodiging,
                aanwezigheid=form.cleaned_data["aanwezigheid"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Kies een geldige aanwezigheid."))
    if _is_htmx(request):
        return HttpResponse(status=204)
    return redirect(_detail_url(zorgtafel))


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_huidig(request, zorgtafel, item_id):
    punt = _punt(request, zorgtafel, item_id)
    try:
        services.zorgtafel_huidig_agendapunt(ctx=AuditContext.for_request(request), agendapunt=punt)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if _is_htmx(request):
        return HttpResponse(status=204)
    return redirect(_detail_url(zorgtafel, punt))


def _item_post(request, zorgtafel, punt, *, form_id, form, knop, fresh, call):
    """Validate a chair form of one item, call its service, answer htmx or redirect."""
    action = request.path
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if _is_htmx(request):
                return render(request, FORM_PARTIAL, {"f": _form(form_id, fresh(), action, knop)})
            return redirect(_detail_url(zorgtafel, punt))
    if _is_htmx(request):
        return render(request, FORM_PARTIAL, {"f": _form(form_id, form, action, knop)})
    return _room(request, zorgtafel, status=400, bound=(form_id, form))


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_notule(request, zorgtafel, item_id):
    punt = _punt(request, zorgtafel, item_id)
    fid = f"notule-{punt.public_id}"
    return _item_post(
        request,
        zorgtafel,
        punt,
        form_id=fid,
        form=NotuleForm(request.POST, prefix=fid),
        knop=_("Notulen toevoegen"),
        fresh=lambda: NotuleForm(prefix=fid),
        call=lambda data: services.notule_add(
            ctx=AuditContext.for_request(request), agendapunt=punt, tekst=data["tekst"]
        ),
    )


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_addendum(request, zorgtafel, item_id):
    punt = _punt(request, zorgtafel, item_id)
    fid = f"addendum-{punt.public_id}"
    return _item_post(
        request,
        zorgtafel,
        punt,
        form_id=fid,
        form=AddendumForm(request.POST, prefix=fid),
        knop=_("Addendum toevoegen"),
        fresh=lambda: AddendumForm(prefix=fid),
        call=lambda data: services.addendum_add(
            ctx=AuditContext.for_request(request), agendapunt=punt, tekst=data["tekst"]
        ),
    )


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_besluit(request, zorgtafel, item_id):
    punt = _punt(request, zorgtafel, item_id)
    fid = f"besluit-{punt.public_id}"
    form = BesluitForm(request.POST, prefix=fid)
    return _item_post(
        request,
        zorgtafel,
        punt,
        form_id=fid,
        form=form,
        knop=_("Besluit vastleggen"),
        fresh=lambda: BesluitForm(prefix=fid, initial=form.cleaned_data),
        call=lambda data: services.agendapunt_besluit_vastleggen(
            ctx=AuditContext.for_request(request),
            agendapunt=punt,
            besluit=data["besluit"],
            uitkomst=data["uitkomst"],
        ),
    )


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_actiepunt(request, zorgtafel, item_id):
    punt = _punt(request, zorgtafel, item_id)
    fid = f"actiepunt-{punt.public_id}"
    return _item_post(
        request,
        zorgtafel,
        punt,
        form_id=fid,
        form=ActiepuntForm(request.POST, prefix=fid, casus=punt.casus),
        knop=_("Actiepunt toevoegen"),
        fresh=lambda: ActiepuntForm(prefix=fid, casus=punt.casus),
        call=lambda data: services.actiepunt_add(
            ctx=AuditContext.for_request(request), agendapunt=punt, **data
        ),
    )


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_actiepunt_beoordelen(request, zorgtafel, item_id, actiepunt_id):
    punt = _punt(request, zorgtafel, item_id)
    actiepunt = get_object_or_404(
        Actiepunt.objects.filter(casus=punt.casus).exclude(agendapunt=punt),
        public_id=actiepunt_id,
    )
    fid = f"beoordeling-{actiepunt.public_id}"
    form = BeoordelingForm(request.POST, prefix=fid)
    return _item_post(
        request,
        zorgtafel,
        punt,
        form_id=fid,
        form=form,
        knop=_("Beoordeling opslaan"),
        fresh=lambda: BeoordelingForm(prefix=fid, initial=form.cleaned_data),
        call=lambda data: services.actiepunt_beoordelen(
            ctx=AuditContext.for_request(request),
            actiepunt=actiepunt,
            agendapunt=punt,
            status=data["status"],
            reden=data["reden"],
        ),
    )


# Open actions -----------------------------------------------------------------------


@require_GET
def actiepunten(request):
    """Open actions of the user's organisation, overdue ones marked."""
    if not may_access_cases(request.user):
        raise PermissionDenied
    rows = list(selectors.open_actiepunten(user=request.user))
    audit_log(
        AuditContext.for_request(request),
        actie=Actie.LEZEN,
        object_type="actiepuntenlijst",
        detail={"resultaten": len(rows), "casussen": sorted({a.casus.public_id for a in rows})},
    )
    return render(request, "casusoverleg/zorgtafel_actiepunten.html", {"actiepunten": rows})
