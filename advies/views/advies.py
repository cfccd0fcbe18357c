"""The advice's own pages: its preview, its PDF and the sign-off per discipline.

Every view is case-scoped (``casus_view``): an outsider gets the same 404 as for
a case that does not exist, and the refusal is audited. A draft (concept) is
shown to those who coordinate the case only; once offered for review, every
participant may read it.
"""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from casusoverleg.audit import Actie, AuditContext, Doel, audit_log
from casusoverleg.permissions import COORDINATE, VIEW, casus_view, may_coordinate, may_read_advies
from casusoverleg.views import apply_errors, bevestiging
from identificatie.forms import RedenForm

from .. import pdf, services
from ..forms import AftekeningForm, BesluitForm, VerzendingForm
from ..models import Advies, AdviesPdf
from ..selectors import open_correctie_taak, verzendingen
from ..services import (
    aftekenen_vereist,
    aftekening_refusal,
    aftekeningen_ontbrekend,
    verzending_refusal,
)

logger = logging.getLogger(__name__)


class StoredPdfMismatch(Exception):
    """The stored PDF no longer matches the hash recorded at adoption."""


def _advies_or_404(request, casus, versie) -> Advies:
    advies = (
        casus.adviezen.filter(versie=versie)
        .select_related(
            "casus__coordinerende_organisatie",
            "opgesteld_door",
            "beoordeeld_door",
            "vervangen_door",
        )
        .first()
    )
    if advies is None:
        raise Http404
    if not may_read_advies(request.user, advies):
        raise Http404
    return advies


@casus_view(perm=VIEW)
@require_GET
def advies_detail(request, casus, versie):
    """The advice as the document will read (the PDF's template), with its
    fingerprints, the download and the state of the sign-off."""
    advies = _advies_or_404(request, casus, versie)
    vereist = aftekenen_vereist(advies)
    kan_coordineren = may_coordinate(request.user, casus)
    besluiten = list(advies.besluiten.select_related("door__organisatie"))
    verzonden = list(verzendingen(advies))
    return render(
        request,
        "advies/advies_detail.html",
        {
            **pdf.advies_context(advies),
            "casus": casus,
            "aftekenen_vereist": vereist,
            "ontbrekend": aftekeningen_ontbrekend(advies) if vereist else [],
            "kan_aftekenen": vereist and aftekening_refusal(request.user, advies) is None,
            "kan_coordineren": kan_coordineren,
            # Only the version that holds, with no correction under way, is corrected.
            "kan_corrigeren": kan_coordineren
            and advies.status == Advies.Status.VASTGESTELD
            and not hasattr(advies, "vervangen_door"),
            "kan_intrekken": kan_coordineren and advies.geldend,
            "kan_verzenden": verzending_refusal(request.user, advies) is None,
            "verzendingen": verzonden,
            "besluiten": besluiten,
            "besluit_open": kan_coordineren and bool(_besluit_open(advies, verzonden, besluiten)),
            "reden_form": RedenForm(),
            "correctie_taak": open_correctie_taak(user=request.user, advies=advies),
        },
    )


def _besluit_open(advies, verzonden, besluiten) -> list[str]:
    """The addressees the advice was sent to whose decision is not recorded yet."""
    besloten = {b.geadresseerde for b in besluiten}
    open_ = (v.geadresseerde for v in verzonden if v.geadresseerde not in besloten)
    return list(dict.fromkeys(open_))


@casus_view(perm=VIEW)
@require_GET
def advies_pdf(request, casus, versie):
    """The PDF: for an adopted version the stored file, checked against its hash
    and audited as an export; for a draft a fresh rendering with the watermark,
    audited as a print. Never cached; the file name holds no personal data.

    A superseded version is the one exception: the stored file is its record and
    never changes, so it cannot say it was superseded. Its download is a fresh
    rendering of the same template, marked "Vervangen door versie N" (banner and
    watermark) and audited as a print; it prints the content fingerprint recorded
    at adoption. The stored original, byte for byte the hash on the page, stays
    available with ``?origineel=1`` (audited as an export), for verification."""
    advies = _advies_or_404(request, casus, versie)
    origineel = request.GET.get("origineel") == "1"
    if advies.vastgesteld and (origineel or advies.vervanger is None):
        stored = AdviesPdf.objects.filter(advies=advies).first()
        if stored is None:
            raise Http404
        data = bytes(stored.inhoud)
        if not advies.pdf_sha256 or {pdf.sha256(data), stored.sha256} != {advies.pdf_sha256}:
            logger.error("Stored PDF of advice %s does not match its hash", advies.public_id)
            raise StoredPdfMismatch(advies.public_id)
        actie = Actie.EXPORTEREN
    else:
        data = pdf.advies_pdf(advies)
        actie = Actie.AFDRUKKEN
    audit_log(
        AuditContext.for_request(request, Doel.CASUSOVERLEG),
        actie=actie,
        object_type="advies",
        object_id=advies.public_id,
        casus=casus,
        detail={"versie": advies.versie, "sha256": pdf.sha256(data)},
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.bestandsnaam(advies)}"'
    response["Cache-Control"] = "no-store"
    return response


@casus_view(perm=VIEW)
@require_http_methods(["GET", "POST"])
def advies_sign_off(request, casus, versie):
    """A discipline signs off the advice under review, for its organisation."""
    advies = _advies_or_404(request, casus, versie)
    refusal = (
        aftekening_refusal(request.user, advies)
        if aftekenen_vereist(advies)
        else _("Voor dit advies is geen aftekening per discipline gevraagd.")
    )
    if refusal:
        messages.error(request, refusal)
        return redirect("advies:advies-detail", casus.public_id, advies.versie)
    bestaand = advies.aftekeningen.filter(organisatie_id=request.user.organisatie_id).first()
    form = AftekeningForm(
        request.POST or None,
        initial={"oordeel": bestaand.oordeel, "toelichting": bestaand.toelichting}
        if bestaand
        else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.advies_sign_off(
                ctx=AuditContext.for_request(request, Doel.CASUSOVERLEG),
                advies=advies,
                oordeel=form.cleaned_data["oordeel"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("U kunt dit advies niet aftekenen."))
        else:
            messages.success(request, _("Uw aftekening is vastgelegd."))
            return redirect("advies:advies-detail", casus.public_id, advies.versie)
    return render(
        request,
        "advies/aftekenen.html",
        {"casus": casus, "advies": advies, "form": form, "bestaand": bestaand},
    )


# Withdrawal and correction of an adopted advice --------------------------------------


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["POST"])
def advies_withdraw(request, casus, versie):
    advies = _advies_or_404(request, casus, versie)
    form = RedenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Geef de reden van de intrekking."))
        if bevestigen := bevestiging(
            request,
            titel=_("Advies intrekken?"),
            tekst=_(
                "Versie %(versie)s van het advies in casus %(casus)s wordt ingetrokken. "
                "De deelnemers krijgen hiervan bericht; een nieuw advies is een nieuwe versie."
            )
            % {"versie": advies.versie, "casus": casus.nummer},
            knop=_("Ja, advies intrekken"),
            terug=reverse("advies:advies-detail", args=[casus.public_id, advies.versie]),
            casus=casus,
        ):
            return bevestigen
        services.advies_withdraw(
            ctx=AuditContext.for_request(request, Doel.COORDINATIE),
            advies=advies,
            reden=form.cleaned_data["reden"],
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Het advies is ingetrokken."))
    return redirect("advies:advies-detail", casus.public_id, advies.versie)


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["POST"])
def advies_correct(request, casus, versie):
    advies = _advies_or_404(request, casus, versie)
    try:
        nieuw = services.advies_correct(
            ctx=AuditContext.for_request(request, Doel.COORDINATIE), advies=advies
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("advies:advies-detail", casus.public_id, advies.versie)
    messages.success(request, _("Versie %(v)s is aangemaakt als concept.") % {"v": nieuw.versie})
    return redirect("advies:correctie-taak", nieuw.correctie.taken.get().public_id)


# After adoption: sending and the addressee's decision -----------------------------


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def advies_verzenden(request, casus, versie):
    """The coordinator records a sending of the version that holds."""
    advies = _advies_or_404(request, casus, versie)
    if refusal := verzending_refusal(request.user, advies):
        messages.error(request, refusal)
        return redirect("advies:advies-detail", casus.public_id, advies.versie)
    form = VerzendingForm(
        request.POST or None,
        initial={
            "geadresseerde": advies.geadresseerde,
            "geadresseerde_toelichting": advies.geadresseerde_toelichting,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.advies_verzending_record(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                advies=advies,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De verzending is vastgelegd."))
            return redirect("advies:advies-detail", casus.public_id, advies.versie)
    return render(
        request, "advies/verzenden.html", {"casus": casus, "advies": advies, "form": form}
    )


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def advies_besluit(request, casus, versie):
    """The coordinator records the decision of an addressee the advice was sent to."""
    advies = _advies_or_404(request, casus, versie)
    open_ = _besluit_open(advies, list(verzendingen(advies)), list(advies.besluiten.all()))
    if not open_:
        messages.error(request, _("Er is geen besluit om vast te leggen."))
        return redirect("advies:advies-detail", casus.public_id, advies.versie)
    form = BesluitForm(request.POST or None, geadresseerden=open_)
    if request.method == "POST" and form.is_valid():
        try:
            services.advies_besluit_record(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                advies=advies,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect("advies:advies-detail", casus.public_id, advies.versie)
    return render(request, "advies/besluit.html", {"casus": casus, "advies": advies, "form": form})
