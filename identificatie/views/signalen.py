import json
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casusoverleg import gebruiksdoel, weergave
from casusoverleg.audit import (
    Actie,
    AuditContext,
    Doel,
    Gebruiksdoel,
    audit_getoond,
    audit_log_many,
)
from casusoverleg.exports import SafeDictWriter
from casusoverleg.koppelingen import organisaties_met_casus
from casusoverleg.permissions import (
    CHANGE,
    VIEW,
    casus_view,
    casussen_for_user,
    may_handle_signaal,
    may_read_meldingen,
    may_record_signals,
    may_register_melding,
    may_see_signaal_dubbelen,
    may_share_signaal,
    may_submit_melding,
    object_or_404,
)
from casusoverleg.views import ConceptFormulier, apply_errors, bevestiging

from .. import services
from ..forms import (
    AfsluitenForm,
    KoppelForm,
    MeldingUitzonderingForm,
    NieuweCasusForm,
    RegistratieForm,
    SignaalForm,
)
from ..models import Indicator, IndicatorLijst, Signaal
from ..permissions import meldingen_for_comensha, signalen_for_user


def _signaal_or_404(request, signaal_id):
    """The signal if the user may see it (its case's rules, or its own organisation's)."""
    return object_or_404(
        request,
        signalen_for_user(user=request.user).select_related(
            "lijst", "organisatie", "gemeld_door", "casus"
        ),
        signaal_id,
        object_type="signaal",
        doel=Doel.CASUSOVERLEG,
        casus_of=lambda s: s.casus,
    )


def signaal_view(view):
    """Look the signal up (404, audited) before anything else runs, the method check included."""

    @wraps(view)
    def wrapper(request, signaal_id, *args, **kwargs):
        return view(request, _signaal_or_404(request, signaal_id), *args, **kwargs)

    return wrapper


def _instructies(signaal_or_indicatoren, *, acuut: bool, lijst):
    """Handling instructions, most urgent first; the emergency instruction leads when
    there is acute danger."""
    order = {Indicator.Urgentie.ACUUT: 0, Indicator.Urgentie.HOOG: 1, Indicator.Urgentie.NORMAAL: 2}
    items = sorted(
        signaal_or_indicatoren, key=lambda i: (order[i.urgentie], i.groep.volgorde, i.volgorde)
    )
    acuut = acuut or any(i.urgentie == Indicator.Urgentie.ACUUT for i in items)
    return {"nood": lijst.noodinstructie if (acuut and lijst) else "", "items": items}


@require_http_methods(["GET", "POST"])
def signaal_record(request):
    if not may_record_signals(request.user):
        raise PermissionDenied
    concept = ConceptFormulier(request, sleutel="signaal:nieuw")
    form = SignaalForm(concept.data, user=request.user)
    if form.lijst is None:
        messages.error(request, _("Er is geen gepubliceerde indicatorenlijst."))
        return redirect("casusoverleg:home")
    if antwoord := concept.verwerk(form):
        return antwoord
    if concept.data is not None and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "indicatoren"}
        try:
            signaal = services.signaal_record(
                ctx=AuditContext.for_request(request),
                data=data,
                indicatoren=list(form.cleaned_data["indicatoren"]),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            concept.ingediend()
            messages.success(request, _("Het signaal is vastgelegd. Lees wat u nu moet doen."))
            return redirect("identificatie:signaal-detail", signaal.public_id)
    return render(
        request,
        "identificatie/signaal_form.html",
        {"form": form, "lijst": form.lijst, "concept": concept},
    )


@require_GET
def indicator_instructie(request, pk):
    """htmx: the handling instruction of one indicator while it is ticked (list data,
    no case data)."""
    indicator = get_object_or_404(Indicator.objects.select_related("groep"), pk=pk)
    ticked = str(pk) in request.GET.getlist("indicatoren")
    return render(
        request, "identificatie/_instructie.html", {"indicator": indicator, "ticked": ticked}
    )


@require_GET
def noodinstructie(request):
    """htmx: the emergency instruction, shown first as soon as acute danger is chosen."""
    lijst = IndicatorLijst.objects.actueel()
    acuut = request.GET.get("urgentie") == Signaal.Urgentie.ACUUT
    return render(
        request,
        "identificatie/_noodinstructie.html",
        {"nood": lijst.noodinstructie if (acuut and lijst) else ""},
    )


@require_GET
def signaal_list(request):
    if not may_record_signals(request.user):
        raise PermissionDenied
    status = request.GET.get("status", Signaal.Status.NIEUW)
    if status not in Signaal.Status.values:
        status = Signaal.Status.NIEUW
    qs = (
        signalen_for_user(user=request.user)
        .filter(status=status)
        .select_related("organisatie", "gemeld_door", "casus")
        .order_by("-waargenomen_op", "-pk")
    )
    page = Paginator(qs, 25).get_page(request.GET.get("pagina"))
    audit_getoond(
        AuditContext.for_request(request),
        page.object_list,
        weergave="signalenlijst",
        pagina={
            "actie": Actie.LEZEN,
            "object_type": "signalenlijst",
            "detail": {"status": status, "resultaten": page.paginator.count},
        },
    )
    return render(
        request,
        "identificatie/signaal_list.html",
        {
            "page": page,
            "status": status,
            "statussen": Signaal.Status.choices,
            "query": f"status={status}",
        },
    )


def _detail(request, signaal, *, status=200, **forms):
    eigen_open = signaal.status == Signaal.Status.NIEUW and may_handle_signaal(
        request.user, signaal
    )
    casussen = casussen_for_user(user=request.user, perm=CHANGE).order_by("-created_at")
    koppel_form = forms.get("koppel_form") or KoppelForm(casussen=casussen)
    if eigen_open:
        # The picker shows the number of every case the user may attach to.
        audit_getoond(
            AuditContext.for_request(request),
            list(koppel_form.fields["casus"].queryset),
            weergave="signaal-koppelen",
        )
    context = {
        "signaal": signaal,
        "instructies": _instructies(
            signaal.indicatoren.select_related("groep"),
            acuut=signaal.urgentie == Signaal.Urgentie.ACUUT,
            lijst=signaal.lijst,
        ),
        "eigen_open": eigen_open,
        # A case of possibly the same person elsewhere: its organisation, nothing else.
        "dubbel_organisaties": (
            organisaties_met_casus(signaal.persoonssleutel)
            if may_see_signaal_dubbelen(request.user, signaal)
            else []
        ),
        "may_share": may_share_signaal(request.user, signaal),
        "koppel_form": koppel_form,
        "nieuw_form": forms.get("nieuw_form") or NieuweCasusForm(user=request.user),
        "afsluiten_form": forms.get("afsluiten_form") or AfsluitenForm(),
    }
    return render(request, "identificatie/signaal_detail.html", context, status=status)


@signaal_view
@require_GET
def signaal_detail(request, signaal):
    return _detail(request, signaal)


@signaal_view
@require_POST
def signaal_attach(request, signaal):
    form = KoppelForm(request.POST, casussen=casussen_for_user(user=request.user, perm=CHANGE))
    if form.is_valid():
        try:
            services.signaal_attach(
                ctx=AuditContext.for_request(request),
                signaal=signaal,
                casus=form.cleaned_data["casus"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het signaal is aan de casus gekoppeld."))
            return redirect("casusoverleg:casus-detail", form.cleaned_data["casus"].public_id)
    return _detail(request, signaal, koppel_form=form)


@signaal_view
@require_POST
def casus_open_from_signaal(request, signaal):
    form = NieuweCasusForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            casus = services.casus_open_from_signaal(
                ctx=AuditContext.for_request(request),
                signaal=signaal,
                coordinerende_organisatie=form.cleaned_data["coordinerende_organisatie"],
                coordinator=form.cleaned_data["coordinator"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            # Who opens a case has said why by doing so.
            gebruiksdoel.vastleggen(request, casus, doel=Gebruiksdoel.COORDINATIE)
            messages.success(request, _("Casus %(nummer)s is geopend.") % {"nummer": casus.nummer})
            return redirect("casusoverleg:casus-detail", casus.public_id)
    return _detail(request, signaal, nieuw_form=form)


@signaal_view
@require_POST
def signaal_close(request, signaal):
    form = AfsluitenForm(request.POST)
    if form.is_valid():
        if bevestigen := bevestiging(
            request,
            titel=_("Signaal afsluiten?"),
            tekst=_(
                "Het signaal van %(op)s wordt afgesloten zonder vervolg: er komt geen "
                "casus en het signaal kan daarna niet meer worden gekoppeld of gedeeld."
            )
            % {"op": weergave.datum(signaal.waargenomen_op)},
            knop=_("Ja, signaal afsluiten"),
            terug=reverse("identificatie:signaal-detail", args=[signaal.public_id]),
        ):
            return bevestigen
        try:
            services.signaal_close(
                ctx=AuditContext.for_request(request),
                signaal=signaal,
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het signaal is afgesloten zonder vervolg."))
            return redirect("identificatie:signaal-list")
    return _detail(request, signaal, afsluiten_form=form)


@signaal_view
@require_POST
def signaal_share(request, signaal):
    """The recording lawyer shares a waiting signal with their firm, or takes the
    sharing back (``delen`` is "ja" or "nee")."""
    delen = request.POST.get("delen")
    if delen not in ("ja", "nee"):
        messages.error(request, _("Kies of u het signaal wel of niet wilt delen."))
        return _detail(request, signaal, status=400)
    service = services.signaal_share if delen == "ja" else services.signaal_unshare
    service(ctx=AuditContext.for_request(request), signaal=signaal)
    if delen == "ja":
        messages.success(request, _("Het signaal is gedeeld met uw organisatie."))
    else:
        messages.success(request, _("Het signaal is weer alleen voor u zichtbaar."))
    return redirect("identificatie:signaal-detail", signaal.public_id)


# The report to CoMensha ------------------------------------------------------------------


@casus_view(perm=VIEW, doel=Doel.MELDING)
@require_http_methods(["GET", "POST"])
def casus_melding(request, casus):
    """The case's report: what CoMensha receives, and for whoever may submit it
    (``may_submit_melding``) the buttons to submit it or to record the exception."""
    melding = services.melding_prefill(casus=casus)
    may_submit = may_submit_melding(request.user, melding)
    actie = request.POST.get("actie") if request.method == "POST" else None
    uitzondering = MeldingUitzonderingForm(request.POST if actie == "uitzondering" else None)
    status = 200
    if request.method == "POST":
        if not may_submit:
            raise PermissionDenied
        ctx = AuditContext.for_request(request, Doel.MELDING)
        try:
            if actie == "indienen":
                services.melding_submit(ctx=ctx, melding=melding)
                messages.success(request, _("De melding is ingediend bij CoMensha."))
                return redirect("identificatie:casus-melding", casus.public_id)
            if actie == "uitzondering" and uitzondering.is_valid():
                services.melding_decline(
                    ctx=ctx,
                    melding=melding,
                    reden=uitzondering.cleaned_data["reden_niet_gemeld"],
                    toelichting=uitzondering.cleaned_data["toelichting_niet_gemeld"],
                )
                messages.success(request, _("Vastgelegd waarom de casus niet wordt gemeld."))
                return redirect("identificatie:casus-melding", casus.public_id)
            if actie not in ("indienen", "uitzondering"):
                messages.error(request, _("Kies: indienen, of vastleggen waarom niet."))
        except ValidationError as error:
            if actie == "uitzondering":
                apply_errors(uitzondering, error)
            else:
                messages.error(request, " ".join(error.messages))
        status = 400
        melding = services.melding_prefill(casus=casus)
    return render(
        request,
        "identificatie/melding.html",
        {
            "casus": casus,
            "melding": melding,
            "uitzondering": uitzondering,
            "may_submit": may_submit and melding.status not in melding.BIJ_COMENSHA,
            "row": services.melding_export_row(melding),
        },
        status=status,
    )


def _export(request, rows, *, fmt, filename, meldingen, casus=None):
    """The reports as one download: every exported report audited on its case, one
    row each (one INSERT); an empty export still leaves one row."""
    detail = {"formaat": fmt, "aantal": len(rows)}
    audit_log_many(
        AuditContext.for_request(request, Doel.MELDING),
        [
            {
                "actie": Actie.EXPORTEREN,
                "object_type": "melding",
                # A report not yet saved (the pre-filled one) has no id to name.
                "object_id": melding.public_id if melding.pk else "",
                "casus": melding.casus,
                "detail": detail,
            }
            for melding in meldingen
        ]
        or [{"actie": Actie.EXPORTEREN, "object_type": "melding", "detail": detail}],
    )
    if fmt == "json":
        response = HttpResponse(
            json.dumps(rows if casus is None else rows[0], ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = SafeDictWriter(
            response, fieldnames=services.EXPORT_FIELDS, koppen=services.EXPORT_KOPPEN
        )
        writer.writeheader()
        for row in rows:
            writer.writerow(services.melding_csv_row(row))
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@casus_view(perm=VIEW, doel=Doel.MELDING)
@require_GET
def casus_melding_export(request, casus, fmt):
    melding = services.melding_prefill(casus=casus)
    return _export(
        request,
        [services.melding_export_row(melding)],
        fmt=fmt,
        filename=f"melding-{casus.nummer}",
        meldingen=[melding],
        casus=casus,
    )


@require_GET
def comensha_meldingen(request):
    """CoMensha: the reports addressed to it, with only the registered fields."""
    if not may_read_meldingen(request.user):
        raise PermissionDenied
    qs = (
        meldingen_for_comensha(user=request.user)
        .select_related("casus", "meldende_organisatie")
        .order_by("-gemeld_op", "-pk")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    audit_getoond(
        AuditContext.for_request(request, Doel.MELDING),
        page.object_list,
        weergave="meldingenlijst",
        pagina={
            "actie": Actie.LEZEN,
            "object_type": "meldingenlijst",
            "detail": {"resultaten": page.paginator.count},
        },
    )
    rows = [(m, services.melding_export_row(m)) for m in page.object_list]
    return render(request, "identificatie/comensha_meldingen.html", {"page": page, "rows": rows})


@require_GET
def comensha_meldingen_export(request, fmt):
    if not may_read_meldingen(request.user):
        raise PermissionDenied
    meldingen = list(
        meldingen_for_comensha(user=request.user)
        .select_related("casus", "meldende_organisatie")
        .order_by("gemeld_op", "pk")
    )
    return _export(
        request,
        [services.melding_export_row(m) for m in meldingen],
        fmt=fmt,
        filename="meldingen-comensha",
        meldingen=meldingen,
    )


def comensha_melding(request, melding_id):
    """CoMensha: one submitted report, and while it waits the form to register it
    under CoMensha's registration number (``melding_register``)."""
    melding = object_or_404(
        request,
        meldingen_for_comensha(user=request.user).select_related("casus", "meldende_organisatie"),
        melding_id,
        object_type="melding",
        doel=Doel.MELDING,
        casus_of=lambda m: m.casus,
    )
    # The lookup comes first: an outsider's request of any method is an audited 404.
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    may_register = (
        may_register_melding(request.user, melding) and melding.status == melding.Status.INGEDIEND
    )
    form = RegistratieForm(request.POST or None)
    if request.method == "POST":
        if not may_register:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.melding_register(
                    ctx=AuditContext.for_request(request, Doel.MELDING),
                    melding=melding,
                    registratienummer=form.cleaned_data["registratienummer"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("De melding is geregistreerd."))
                return redirect("identificatie:comensha-melding", melding.public_id)
    return render(
        request,
        "identificatie/comensha_melding.html",
        {
            "melding": melding,
            "row": services.melding_export_row(melding),
            "form": form,
            "may_register": may_register,
        },
        status=400 if form.errors else 200,
    )
