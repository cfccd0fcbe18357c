"""The audit reports: per user and per organisation (functional management for
everyone, an organisation's administrators for their own people), and the
signals functional management should look at. Case numbers only, never case
content; every look and every CSV download is itself audited."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import selectors, weergave
from ..audit import Actie, AuditContext, Doel, audit_log_many
from ..exports import SafeDictWriter
from ..forms import AuditOrganisatieForm, AuditRapportForm, AuditSignalenForm
from ..models import Organisatie, User
from ..permissions import (
    audit_rapport_gebruikers,
    audit_rapport_organisaties,
    may_read_audit_report,
    may_read_audit_signalen,
)

AUDIT_RAPPORT_PAGE_SIZE = 100

CSV_VELDEN = [
    "op",
    "gebruiker",
    "organisatie",
    "actie",
    "uitkomst",
    "soort_gegeven",
    "kenmerk",
    "casusnummer",
    "soort_werk",
    "gebruiksdoel",
    "ip",
]


def _csv_koppen() -> dict[str, str]:
    return {
        "op": _("Tijdstip"),
        "gebruiker": _("Gebruiker"),
        "organisatie": _("Organisatie"),
        "actie": _("Actie"),
        "uitkomst": _("Uitkomst"),
        "soort_gegeven": _("Soort gegeven"),
        "kenmerk": _("Kenmerk"),
        "casusnummer": _("Casusnummer"),
        "soort_werk": _("Soort werk"),
        "gebruiksdoel": _("Opgegeven doel"),
        "ip": _("IP-adres"),
    }


def _waarde_tekst(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def audit_detail_regels(detail) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """An audit row's ``detail`` for the report: the changed fields with their
    values before and after (the admin's ``velden``/``voor``/``na``, or a field
    given as ``{"voor", "na"}`` by a service), and the other keys. Secrets are
    already hidden when the row is written (``admin_waarden``)."""
    detail = detail if isinstance(detail, dict) else {}
    wijzigingen, overig = [], []
    voor, na = detail.get("voor"), detail.get("na")
    if isinstance(voor, dict) and isinstance(na, dict):
        for naam in detail.get("velden") or sorted({*voor, *na}):
            wijzigingen.append((naam, _waarde_tekst(voor.get(naam)), _waarde_tekst(na.get(naam))))
        detail = {k: v for k, v in detail.items() if k not in ("velden", "voor", "na")}
    for naam, value in detail.items():
        if isinstance(value, dict) and set(value) == {"voor", "na"}:
            wijzigingen.append((naam, _waarde_tekst(value["voor"]), _waarde_tekst(value["na"])))
        else:
            overig.append((naam, _waarde_tekst(value)))
    return wijzigingen, overig


def _gebruiksdoel(event) -> str:
    if not event.gebruiksdoel:
        return ""
    tekst = event.get_gebruiksdoel_display()
    return f"{tekst}: {event.gebruiksdoel_toelichting}" if event.gebruiksdoel_toelichting else tekst


def _csv(events, nummers, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = SafeDictWriter(response, fieldnames=CSV_VELDEN, koppen=_csv_koppen())
    writer.writeheader()
    for e in events:
        writer.writerow(
            {
                "op": timezone.localtime(e.op).isoformat(timespec="seconds"),
                "gebruiker": e.gebruikersnaam,
                "organisatie": str(e.organisatie or ""),
                "actie": e.get_actie_display(),
                "uitkomst": e.get_uitkomst_display(),
                "soort_gegeven": e.object_type,
                "kenmerk": "" if e.casus_public_id else e.object_id,
                "casusnummer": nummers.get(e.casus_public_id, ""),
                "soort_werk": e.get_doel_display(),
                "gebruiksdoel": _gebruiksdoel(e),
                "ip": e.ip or "",
            }
        )
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def _rapport(request, form, *, onderwerp: dict, object_id: str, titel: str, uitleg: str):
    """The report of a valid ``form`` (``onderwerp``: ``gebruiker=`` or
    ``organisatie=``), as a page or, with ``?csv=1``, the whole period as CSV;
    audited, with every case number it shows as a read of that case."""
    page = events = None
    query = ""
    export = False
    if form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("van", "tot", "soort")}
        qs = selectors.audit_report(**onderwerp, **data)
        export = request.GET.get("csv") == "1"
        if export:
            events = list(qs)
        else:
            page = Paginator(qs, AUDIT_RAPPORT_PAGE_SIZE).get_page(request.GET.get("pagina"))
            events = page.object_list = list(page.object_list)
        nummers = selectors.casusnummers({e.casus_public_id for e in events if e.casus_public_id})
        gebruiker = onderwerp.get("gebruiker")
        for event in events:
            event.casus_nummer = nummers.get(event.casus_public_id, "")
            if gebruiker and event.gebruiker_id is None and event.object_id == str(gebruiker.pk):
                event.account = weergave.persoon(gebruiker)
            if not event.casus_public_id:
                event.wijzigingen, event.gegevens = audit_detail_regels(event.detail)
        params = request.GET.copy()
        params.pop("pagina", None)
        params.pop("csv", None)
        query = params.urlencode()
        getoond = sorted({e.casus_public_id for e in events if e.casus_nummer})
        audit_log_many(
            AuditContext.for_request(request, Doel.VERANTWOORDING),
            [
                {
                    "actie": Actie.EXPORTEREN if export else Actie.LEZEN,
                    "object_type": "auditrapport",
                    "object_id": object_id,
                    "detail": {
                        **{k: str(v) for k, v in data.items()},
                        **({"pagina": page.number} if page else {"rijen": len(events)}),
                    },
                },
                *(
                    {
                        "actie": Actie.EXPORTEREN if export else Actie.LEZEN,
                        "object_type": "casus",
                        "object_id": public_id,
                        "casus_public_id": public_id,
                        "detail": {"weergave": "auditrapport"},
                    }
                    for public_id in getoond
                ),
            ],
        )
        if export:
            return _csv(events, nummers, f"audit-{object_id}-{data['van']}-{data['tot']}")
    context = {
        "form": form,
        "events": events,
        "page": page,
        "query": query,
        "titel": titel,
        "uitleg": uitleg,
        "mag_signalen": may_read_audit_signalen(request.user),
    }
    return render(request, "casusoverleg/audit_rapport.html", context)


@require_GET
def audit_rapport(request):
    """Everything one user did in a period, and what was done to their account."""
    if not may_read_audit_report(request.user):
        raise PermissionDenied
    form = AuditRapportForm(
        request.GET or None,
        gebruikers=audit_rapport_gebruikers(User.objects.all(), user=request.user),
    )
    gebruiker = form.cleaned_data["gebruiker"] if form.is_valid() else None
    return _rapport(
        request,
        form,
        onderwerp={"gebruiker": gebruiker},
        object_id=str(gebruiker.pk) if gebruiker else "",
        titel=_("Auditrapport per gebruiker"),
        uitleg=_(
            "Alles wat een gebruiker in een periode deed, en wat er met het account "
            "gebeurde: casussen ingezien of gewijzigd, inloggen, weigeringen, tweede factor "
            "en beheer. Van casussen alleen het casusnummer; geen inhoud."
        ),
    )


@require_GET
def audit_rapport_organisatie(request):
    """Everything the users of one organisation did in a period."""
    if not may_read_audit_report(request.user):
        raise PermissionDenied
    form = AuditOrganisatieForm(
        request.GET or None,
        organisaties=audit_rapport_organisaties(Organisatie.objects.all(), user=request.user),
    )
    organisatie = form.cleaned_data["organisatie"] if form.is_valid() else None
    return _rapport(
        request,
        form,
        onderwerp={"organisatie": organisatie},
        object_id=f"organisatie-{organisatie.pk}" if organisatie else "",
        titel=_("Auditrapport per organisatie"),
        uitleg=_(
            "Alles wat de medewerkers van een organisatie in een periode deden, weigeringen "
            "met of zonder casus inbegrepen, en wat er met hun accounts gebeurde. Van "
            "casussen alleen het casusnummer; geen inhoud."
        ),
    )


@require_GET
def audit_signalen(request):
    """For functional management: who opened many cases new to them in a day, who
    worked outside office hours, and who (or which address) was refused often."""
    if not may_read_audit_signalen(request.user):
        raise PermissionDenied
    form = AuditSignalenForm(request.GET or {"dag": timezone.localdate().isoformat()})
    signalen = selectors.audit_signalen(dag=form.cleaned_data["dag"]) if form.is_valid() else None
    audit_log_many(
        AuditContext.for_request(request, Doel.VERANTWOORDING),
        [
            {
                "actie": Actie.LEZEN,
                "object_type": "auditsignalen",
                "detail": {"dag": str(form.cleaned_data["dag"]) if form.is_valid() else ""},
            }
        ],
    )
    return render(
        request,
        "casusoverleg/audit_signalen.html",
        {"form": form, "signalen": signalen, "mag_signalen": True},
    )
