"""The meeting room: confidentiality, the live page, calendar file, minutes PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casusoverleg import gebruiksdoel
from casusoverleg.audit import Actie, AuditContext, audit_log_many
from casusoverleg.permissions import (
    may_enter_room,
    may_lead,
    zichtbare_casus_ids,
)
from casusoverleg.services import concepten_ophalen
from casusoverleg.views import ConceptFormulier, bevestiging

from .. import pdf, selectors, services
from ..forms import (
    AanwezigheidForm,
    ActiepuntForm,
    AddendumForm,
    BeoordelingForm,
    BesluitForm,
    GenodigdeForm,
    NotuleForm,
)
from .common import (
    _beschrijving,
    _detail_url,
    _is_htmx,
    _punt,
    zorgtafel_view,
)

# The room ---------------------------------------------------------------------------


@zorgtafel_view()
@require_GET
def zorgtafel_detail(request, zorgtafel):
    return _room(request, zorgtafel)


def _form(form_id, form, action, knop, concept=None):
    return {"id": form_id, "form": form, "action": action, "knop": knop, "concept": concept}


def concept_sleutel(prefix: str, punt) -> str:
    """The key of a chair's draft of the minutes ("notule") or an addendum of one item."""
    return f"{prefix}:{punt.public_id}"


def _concept_form(request, zorgtafel, punt, *, prefix, form_class, url_name, knop, pick, concepten):
    """A minutes form with the chair's draft restored in it (``concepten``: the
    drafts of the whole room, read at once)."""
    fid = f"{prefix}-{punt.public_id}"
    action = reverse(url_name, args=[zorgtafel.public_id, punt.public_id])
    form = pick(fid, None)
    concept = ConceptFormulier(
        request,
        sleutel=concept_sleutel(prefix, punt),
        casus=punt.casus,
        actie=action,
        vooraf=concepten,
    )
    if form is None:
        form = form_class(prefix=fid)
        concept.verwerk(form)
    return _form(fid, form, action, knop, concept=concept)


def _item_forms(request, zorgtafel, punt, inhoud, bound, eigenaren, concepten):
    """The chair's forms of one item; a bound form with errors replaces its fresh one."""

    def pick(form_id, fresh):
        return bound[1] if bound and bound[0] == form_id else fresh

    args = [zorgtafel.public_id, punt.public_id]
    forms = []
    if zorgtafel.is_bezig:
        forms.append(
            _concept_form(
                request,
                zorgtafel,
                punt,
                prefix="notule",
                form_class=NotuleForm,
                url_name="zorgtafel:zorgtafel-notule",
                knop=_("Notulen toevoegen"),
                pick=pick,
                concepten=concepten,
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
                        "zorgtafel:zorgtafel-actiepunt-beoordelen",
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
                reverse("zorgtafel:zorgtafel-besluit", args=args),
                _("Besluit vastleggen"),
            )
        )
        fid = f"actiepunt-{punt.public_id}"
        forms.append(
            _form(
                fid,
                pick(fid, ActiepuntForm(prefix=fid, casus=punt.casus, organisaties=eigenaren)),
                reverse("zorgtafel:zorgtafel-actiepunt", args=args),
                _("Actiepunt toevoegen"),
            )
        )
    elif zorgtafel.is_gesloten:
        forms.append(
            _concept_form(
                request,
                zorgtafel,
                punt,
                prefix="addendum",
                form_class=AddendumForm,
                url_name="zorgtafel:zorgtafel-addendum",
                knop=_("Addendum toevoegen"),
                pick=pick,
                concepten=concepten,
            )
        )
    return forms


def _room(request, zorgtafel, *, status=200, bound=None):
    if not may_enter_room(request.user, zorgtafel):
        return render(
            request,
            "zorgtafel/zorgtafel_geheimhouding.html",
            {"zorgtafel": zorgtafel},
            status=status,
        )
    voorzitter = may_lead(request.user, zorgtafel)
    punten = list(zorgtafel.agendapunten.select_related("casus", "zorgtafel"))
    zichtbaar = zichtbare_casus_ids(request.user, [p.casus_id for p in punten])
    # The room shows every case the user may read: why they open them, asked once.
    gebruiksdoel.eisen(request, [p.casus for p in punten if p.casus_id in zichtbaar])
    inhoud = selectors.agendapunten_inhoud(punten=[p for p in punten if p.casus_id in zichtbaar])
    # Per user, on the page only: who reads which assessment differs per person, so
    # they are never part of the item's content that is pushed to every reader.
    beoordelingen, achtergehouden = selectors.ingediende_beoordelingen(
        user=request.user, casus_ids=zichtbaar
    )
    eigenaren = (
        selectors.actiepunt_eigenaren(casus_ids=zichtbaar)
        if voorzitter and zorgtafel.is_bezig
        else {}
    )
    concepten = {}
    if voorzitter and (zorgtafel.is_bezig or zorgtafel.is_gesloten):
        prefix = "notule" if zorgtafel.is_bezig else "addendum"
        concepten = concepten_ophalen(
            ctx=AuditContext.for_request(request),
            sleutels=[concept_sleutel(prefix, p) for p in punten if p.casus_id in zichtbaar],
        )
    items = []
    for punt in punten:
        item = {"punt": punt, "zichtbaar": punt.casus_id in zichtbaar}
        if item["zichtbaar"]:
            item["inhoud"] = inhoud[punt.pk]
            item["beoordelingen"] = beoordelingen[punt.casus_id]
            item["toon_achtergehouden"] = punt.casus_id in achtergehouden
            if voorzitter:
                item["forms"] = _item_forms(
                    request,
                    zorgtafel,
                    punt,
                    item["inhoud"],
                    bound,
                    eigenaren.get(punt.casus_id),
                    concepten,
                )
        items.append(item)
    # Every item shown is a read of its case: one audit row each, in one INSERT.
    audit_log_many(
        AuditContext.for_request(request),
        [
            {
                "actie": Actie.LEZEN,
                "object_type": "agendapunt",
                "object_id": item["punt"].public_id,
                "casus": item["punt"].casus,
            }
            for item in items
            if item["zichtbaar"]
        ],
    )
    # Only the invitees whose name the reader may see; the others once, as a label.
    uitnodigingen, verborgen = selectors.genodigden_voor(user=request.user, zorgtafel=zorgtafel)
    if voorzitter and not zorgtafel.is_gesloten:
        for u in uitnodigingen:
            u.form = AanwezigheidForm(
                prefix=f"aanwezigheid-{u.pk}", initial={"aanwezigheid": u.aanwezigheid}
            )
    return render(
        request,
        "zorgtafel/zorgtafel_detail.html",
        {
            "zorgtafel": zorgtafel,
            "items": items,
            "uitnodigingen": uitnodigingen,
            "genodigde_verborgen": selectors.GENODIGDE_VERBORGEN if verborgen else None,
            "voorzitter": voorzitter,
            "afgelopen": zorgtafel.is_afgelopen,
            "dubbel": voorzitter and services.voorzitter_dubbel_geboekt(zorgtafel),
            # What keeps the meeting from closing (zorgtafel_close says the same).
            "te_beoordelen": [
                a
                for a in (
                    selectors.verlopen_onbeoordeeld(zorgtafel=zorgtafel)
                    if voorzitter and zorgtafel.is_bezig
                    else []
                )
                if a.casus_id in zichtbaar
            ],
        },
        status=status,
    )


@zorgtafel_view()
@require_POST
def vertrouwelijkheid_confirm(request, zorgtafel):
    if request.POST.get("akkoord") != "ja":
        messages.error(request, _("Bevestig de geheimhoudingsverklaring om verder te gaan."))
        return _room(request, zorgtafel, status=400)
    services.vertrouwelijkheid_confirm(ctx=AuditContext.for_request(request), zorgtafel=zorgtafel)
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
    if not zorgtafel.is_gesloten:
        raise Http404
    if not may_enter_room(request.user, zorgtafel):
        return redirect(_detail_url(zorgtafel))
    punten = list(zorgtafel.agendapunten.select_related("casus", "zorgtafel"))
    zichtbaar = zichtbare_casus_ids(request.user, [p.casus_id for p in punten])
    gebruiksdoel.eisen(request, [p.casus for p in punten if p.casus_id in zichtbaar])
    items = [selectors.agendapunt_inhoud(agendapunt=p) for p in punten if p.casus_id in zichtbaar]
    data = pdf.zorgtafel_notulen_pdf(zorgtafel=zorgtafel, items=items)
    audit_log_many(
        AuditContext.for_request(request),
        [
            *(
                {
                    "actie": Actie.EXPORTEREN,
                    "object_type": "agendapunt",
                    "object_id": inhoud["agendapunt"].public_id,
                    "casus": inhoud["casus"],
                }
                for inhoud in items
            ),
            {
                "actie": Actie.EXPORTEREN,
                "object_type": "zorgtafel",
                "object_id": zorgtafel.public_id,
            },
        ],
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{pdf.notulen_bestandsnaam(zorgtafel)}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_start(request, zorgtafel):
    try:
        services.zorgtafel_start(ctx=AuditContext.for_request(request), zorgtafel=zorgtafel)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_detail_url(zorgtafel))


@zorgtafel_view(voorzitter=True)
@require_POST
def zorgtafel_close(request, zorgtafel):
    if bevestigen := bevestiging(
        request,
        titel=_("Overleg sluiten?"),
        tekst=_(
            "Het overleg %(overleg)s wordt gesloten. De notulen liggen daarna vast: "
            "wijzigen kan alleen nog met een addendum."
        )
        % {"overleg": _beschrijving(zorgtafel)},
        knop=_("Ja, overleg sluiten"),
        terug=_detail_url(zorgtafel),
    ):
        return bevestigen
    try:
        services.zorgtafel_close(ctx=AuditContext.for_request(request), zorgtafel=zorgtafel)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het overleg is gesloten; de notulen liggen vast."))
    return redirect(_detail_url(zorgtafel))


@zorgtafel_view(voorzitter=True)
@require_POST
def aanwezigheid_record(request, zorgtafel):
    genodigde = GenodigdeForm(request.POST, zorgtafel=zorgtafel)
    if not genodigde.is_valid():
        return _aanwezigheid_refused(request, zorgtafel, genodigde.errors["uitnodiging"][0])
    uitnodiging = genodigde.cleaned_data["uitnodiging"]
    form = AanwezigheidForm(request.POST, prefix=f"aanwezigheid-{uitnodiging.pk}")
    if not form.is_valid():
        return _aanwezigheid_refused(request, zorgtafel, _("Kies een geldige aanwezigheid."))
    try:
        services.aanwezigheid_record(
            ctx=AuditContext.for_request(request),
            uitnodiging=uitnodiging,
            aanwezigheid=form.cleaned_data["aanwezigheid"],
        )
    except ValidationError as error:
        return _aanwezigheid_refused(request, zorgtafel, " ".join(error.messages))
    if _is_htmx(request):
        return HttpResponse(status=204)
    return redirect(_detail_url(zorgtafel))


def _aanwezigheid_refused(request, zorgtafel, bericht):
    """Bad input answers 400 with the reason: the room with the message, or for htmx
    the message alone."""
    if _is_htmx(request):
        return HttpResponse(bericht, status=400, content_type="text/plain; charset=utf-8")
    messages.error(request, bericht)
    return _room(request, zorgtafel, status=400)


@zorgtafel_view(voorzitter=True)
@require_POST
def huidig_agendapunt_set(request, zorgtafel, item_id):
    punt = _punt(request, zorgtafel, item_id)
    try:
        services.huidig_agendapunt_set(ctx=AuditContext.for_request(request), agendapunt=punt)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if _is_htmx(request):
        return HttpResponse(status=204)
    return redirect(_detail_url(zorgtafel, punt))
