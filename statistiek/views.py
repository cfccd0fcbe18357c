"""The dashboard, its CSV files and its PDF report: the same figures, suppressed once.

Who sees what is the access module's answer (``statistiek_bereik``): the project
group every coordinating organisation, a coordinator their own; anyone else gets
the 404 of a page that does not exist, audited. Every look is audited (reading),
every download too (exporting), with the filter used; no case is named in any.
"""

import csv

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from casusoverleg.audit import Actie, AuditContext, Doel, Uitkomst, audit_log, mark_refusal_audited
from casusoverleg.exports import csv_cell
from casusoverleg.pdf import render_template_pdf
from casusoverleg.permissions import ALLE_ORGANISATIES, statistiek_bereik

from . import cijfers
from .dashboard import TABELLEN, beschikbare_kwartalen, dashboard, periode_standaard
from .forms import FilterForm
from .grafieken import cellen, staafdiagram


def _ctx(request) -> AuditContext:
    return AuditContext.for_request(request, Doel.EVALUATIE)


def _bereik_of_404(request, *, actie=Actie.LEZEN, object_id="dashboard"):
    bereik = statistiek_bereik(request.user)
    if bereik is None:
        audit_log(
            _ctx(request),
            actie=actie,
            uitkomst=Uitkomst.GEWEIGERD,
            object_type="statistiek",
            object_id=object_id,
        )
        mark_refusal_audited(request)
        raise Http404
    return bereik


def _figuren(request, bereik):
    """The filter form and the dashboard it asks for (the default where it is invalid)."""
    vandaag = timezone.localdate()
    beschikbaar = beschikbare_kwartalen(vandaag)
    alle = bereik == ALLE_ORGANISATIES
    form = FilterForm(
        request.GET or None,
        beschikbaar=beschikbaar,
        organisaties=cijfers.coordinerende_organisaties() if alle else None,
    )
    periode, organisatie_id = periode_standaard(beschikbaar), None if alle else bereik
    if form.is_bound and form.is_valid() and "periode_keuze" in form.cleaned_data:
        periode = form.cleaned_data["periode_keuze"]
        if alle:
            organisatie_id = form.cleaned_data.get("organisatie")
    uitkomst = dashboard(periode=periode, organisatie_id=organisatie_id, vandaag=vandaag)
    return form, uitkomst


def _filter_detail(uitkomst) -> dict:
    return {
        "periode": uitkomst.periode.label if uitkomst.periode else "",
        "organisatie": uitkomst.organisatie[0] if uitkomst.organisatie else "alle",
    }


def grafieken_tekenen(uitkomst) -> None:
    """Each table's chart (its row totals), and the chart of the times to advice."""
    for t in uitkomst.tabellen:
        if t.tabel is not None:
            t.grafiek = staafdiagram(t.titel, cellen(t.rijtotalen(), uitkomst.drempel))
    if uitkomst.tijden:
        uitkomst.tijdgrafiek = staafdiagram(
            _("Mediaan dagen van eerste signaal tot advies"),
            [
                (r.label, r.waarden[2].mediaan if r.waarden[2] else None, r.teksten()[4])
                for r in uitkomst.tijden
            ],
        )


@require_GET
def dashboard_view(request):
    bereik = _bereik_of_404(request)
    form, uitkomst = _figuren(request, bereik)
    grafieken_tekenen(uitkomst)
    audit_log(
        _ctx(request),
        actie=Actie.LEZEN,
        object_type="statistiek",
        object_id="dashboard",
        detail=_filter_detail(uitkomst),
    )
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "statistiek/dashboard.html",
        {
            "form": form,
            "d": uitkomst,
            "doorlooptijden": [str(label) for _k, label in cijfers.DOORLOOPTIJDEN],
            "query": query,
            "alle_organisaties": bereik == ALLE_ORGANISATIES,
            "filter_ongeldig": form.is_bound and not form.is_valid(),
        },
    )


def _bestandsnaam(uitkomst, naam: str, extensie: str) -> str:
    delen = [naam, slugify(uitkomst.periode.label) if uitkomst.periode else ""]
    if uitkomst.organisatie:
        delen.append(f"organisatie-{uitkomst.organisatie[0]}")
    return "-".join(d for d in delen if d) + f".{extensie}"


def _export(request, *, object_id: str, formaat: str):
    """The figures a download asks for, its export audited; or the answer instead
    (404 for who may not see figures, 400 for a filter that is not valid)."""
    bereik = _bereik_of_404(request, actie=Actie.EXPORTEREN, object_id=object_id)
    form, uitkomst = _figuren(request, bereik)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(_("Dit filter is ongeldig; kies het opnieuw op de pagina."))
    if uitkomst.periode is None:
        raise Http404
    audit_log(
        _ctx(request),
        actie=Actie.EXPORTEREN,
        object_type="statistiek",
        object_id=object_id,
        detail={**_filter_detail(uitkomst), "formaat": formaat},
    )
    return uitkomst


@require_GET
def tabel_csv(request, sleutel):
    if sleutel not in {t.sleutel for t in TABELLEN} | {"doorlooptijden"}:
        _bereik_of_404(request, actie=Actie.EXPORTEREN, object_id=sleutel)
        raise Http404
    uitkomst = _export(request, object_id=sleutel, formaat="csv")
    if isinstance(uitkomst, HttpResponse):
        return uitkomst
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    for regel in csv_regels(uitkomst, sleutel):
        writer.writerow([csv_cell(c) for c in regel])
    response["Content-Disposition"] = (
        f'attachment; filename="{_bestandsnaam(uitkomst, sleutel, "csv")}"'
    )
    response["Cache-Control"] = "no-store"
    return response


def csv_regels(uitkomst, sleutel: str) -> list[list[str]]:
    """One table as CSV rows: header, rows, totals, exactly as the page reads them."""
    if sleutel == "doorlooptijden":
        kop = [_("Kwartaal")]
        for label in cijfers.DOORLOOPTIJDEN:
            kop += [f"{label[1]} – {_('mediaan dagen')}", f"{label[1]} – {_('p90 dagen')}"]
        return [kop, *([r.label, *r.teksten()] for r in uitkomst.tijden)]
    tabel = uitkomst.tabel(sleutel)
    een = len(tabel.kolommen) == 1  # one column: its total would repeat it
    kop = ["", *tabel.kolommen, *([] if een else [_("Totaal")]), *tabel.extra_kolommen]
    if tabel.tabel is None:
        return [
            kop,
            [_("Te weinig gevallen om deze tabel te tonen zonder dat iemand herkenbaar wordt.")],
        ]
    regels = [kop]
    for index, regel in enumerate(tabel.regels()):
        extra = list(tabel.extra[index]) if tabel.extra else []
        regels.append([regel.label, *regel.cellen, *([] if een else [regel.totaal]), *extra])
    totaal = tabel.totaalregel()
    regels.append(
        [totaal.label, *totaal.cellen, *([] if een else [totaal.totaal]), *tabel.extra_totaal]
    )
    return regels


@require_GET
def rapport_pdf(request):
    uitkomst = _export(request, object_id="rapport", formaat="pdf")
    if isinstance(uitkomst, HttpResponse):
        return uitkomst
    grafieken_tekenen(uitkomst)
    pdf = render_template_pdf(
        "statistiek/rapport_pdf.html",
        {
            "d": uitkomst,
            "doorlooptijden": [str(label) for _k, label in cijfers.DOORLOOPTIJDEN],
            "gemaakt_op": timezone.now(),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{_bestandsnaam(uitkomst, "cijfers", "pdf")}"'
    )
    response["Cache-Control"] = "no-store"
    return response
