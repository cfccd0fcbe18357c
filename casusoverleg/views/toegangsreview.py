"""The access review page (``/toegangsreview/``): an organisation's grants with
their last use, confirmed or revoked by its administrators (or, per organisation,
functional management). Case numbers only; to anyone else it does not exist."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..audit import Actie, AuditContext, Doel, audit_log_many
from ..models import Organisatie
from ..permissions import (
    may_review_toegang,
    toegang_for_review,
    toegangsreview_organisatie_or_404,
    toegangsreview_organisaties,
)
from .bevestigen import bevestiging


def _ctx(request) -> AuditContext:
    return AuditContext.for_request(request, Doel.BEHEER)


def _pagina(organisatie, request) -> str:
    url = reverse("casusoverleg:toegangsreview")
    if organisatie.pk != request.user.organisatie_id:
        url += f"?organisatie={organisatie.pk}"
    return url


@require_GET
def toegangsreview(request):
    """One organisation's grants; functional management first chooses the
    organisation (``?organisatie=``), its administrators land on their own."""
    gekozen = request.GET.get("organisatie")
    if gekozen is None and may_review_toegang(request.user, request.user.organisatie):
        gekozen = request.user.organisatie_id
    if gekozen is None:
        organisaties = toegangsreview_organisaties(Organisatie.objects.all(), user=request.user)
        if organisaties.exists():
            return _keuze(request, organisaties)
    organisatie = toegangsreview_organisatie_or_404(request, gekozen)
    toegangen = selectors.toegangen(organisatie=organisatie, user=request.user)
    laatste = organisatie.toegangsreviews.select_related("door__organisatie").first()
    # The page, and every case number it shows on that case's own trail: one INSERT.
    audit_log_many(
        _ctx(request),
        [
            {
                "actie": Actie.LEZEN,
                "object_type": selectors.TOEGANGSREVIEW_AUDIT,
                "object_id": str(organisatie.pk),
                "detail": {"toegangen": len(toegangen)},
            },
            *(
                {
                    "actie": Actie.LEZEN,
                    "object_type": selectors.TOEGANGSREVIEW_AUDIT,
                    "object_id": str(organisatie.pk),
                    "casus": toegang.casus,
                    "detail": {"weergave": "toegangsreview"},
                }
                for toegang in toegangen
            ),
        ],
    )
    return render(
        request,
        "casusoverleg/toegangsreview.html",
        {
            "organisatie": organisatie,
            "toegangen": toegangen,
            "ongebruikt": sum(t.ongebruikt for t in toegangen),
            "laatste": laatste,
            "vervaldatum": selectors.vervaldatum(
                organisatie, laatste.created_at if laatste else None
            ),
            "terug": _pagina(organisatie, request),
        },
    )


def _keuze(request, organisaties):
    organisaties = organisaties.annotate(laatste_review=Max("toegangsreviews__created_at"))
    audit_log_many(
        _ctx(request),
        [{"actie": Actie.LEZEN, "object_type": selectors.TOEGANGSREVIEW_AUDIT}],
    )
    return render(request, "casusoverleg/toegangsreview_keuze.html", {"organisaties": organisaties})


@require_POST
def toegangsreview_intrekken(request):
    """Revoke one grant (after a confirmation): access ends at once."""
    deelname = toegang_for_review(request, request.POST.get("deelname"))
    terug = _pagina(deelname.organisatie, request)
    wie = deelname.persoon or deelname.organisatie
    if bevestigen := bevestiging(
        request,
        titel=_("Toegang intrekken?"),
        tekst=_(
            "%(wie)s neemt daarna niet meer deel aan casus %(casus)s en verliest "
            "de toegang tot de casus."
        )
        % {"wie": wie, "casus": deelname.casus.nummer},
        knop=_("Ja, toegang intrekken"),
        terug=terug,
    ):
        return bevestigen
    try:
        services.toegang_intrekken(ctx=_ctx(request), deelname=deelname)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("De toegang tot casus %(casus)s is ingetrokken.") % {"casus": deelname.casus.nummer},
        )
    return redirect(terug)


@require_POST
def toegangsreview_bevestigen(request):
    """Confirm every grant that remains, and record the review."""
    organisatie = toegangsreview_organisatie_or_404(request, request.POST.get("organisatie"))
    review = services.toegangsreview_vastleggen(ctx=_ctx(request), organisatie=organisatie)
    messages.success(
        request,
        _("De review is vastgelegd: %(bevestigd)s bevestigd, %(ingetrokken)s ingetrokken.")
        % {"bevestigd": review.aantal_bevestigd, "ingetrokken": review.aantal_ingetrokken},
    )
    return redirect(_pagina(organisatie, request))
