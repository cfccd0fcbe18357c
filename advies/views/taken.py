"""The advice's steps in the inbox: drafting and the four-eyes review of the
identification process (``identificatie.flows``), and the steps of a correction
(``advies.flows.CorrectieFlow``). Each node names its page (``Stap.pagina``);
the identification task page sends these here."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from viewflow.workflow.status import STATUS

from casusoverleg.audit import AuditContext, Doel
from casusoverleg.views import ConceptFormulier, apply_errors
from identificatie.flows import IdentificatieFlow, taak_refusal
from identificatie.services import melding_adoption_refusal
from identificatie.views.proces import taak_view

from .. import selectors
from ..flows import CorrectieFlow
from ..forms import AdviesForm, ReviewForm, StandpuntFormSet
from ..models import Advies
from ..services import (
    advies_draft,
    advies_for_taak,
    advies_review,
    advies_update_correction,
    aftekenen_vereist,
    niet_akkoord_uitleg,
    niet_akkoord_zonder_afwijking,
    standpunten_voorstel,
)


def _review_form(request, advies):
    """The reviewer's form and the sign-off status shown above it: per organisation
    with a view, who signed (and how) and who has not. While signatures are missing
    "Akkoord" is not offered (``advies_review`` refuses it too), only "terug"."""
    form = ReviewForm(request.POST or None)
    if advies is None or not aftekenen_vereist(advies):
        return form, {"aftekenstatus": None, "aftekeningen_ontbrekend": 0}
    status = selectors.aftekenstatus(advies)
    ontbrekend = sum(1 for s in status if s["aftekening"] is None)
    # A "niet akkoord" whose dissent the advice does not record blocks adoption
    # (``advies_review`` refuses it too); the reviewer reads why.
    bezwaar = niet_akkoord_zonder_afwijking(advies)
    geblokkeerd = niet_akkoord_uitleg(bezwaar) if bezwaar else ""
    if ontbrekend or geblokkeerd:
        veld = form.fields["besluit"]
        veld.choices = [c for c in veld.choices if c[0] != "akkoord"]
        veld.error_messages["invalid_choice"] = geblokkeerd or _(
            "Akkoord kan pas als elke discipline met een standpunt heeft afgetekend."
        )
    return form, {
        "aftekenstatus": status,
        "aftekeningen_ontbrekend": ontbrekend,
        "niet_akkoord_geblokkeerd": geblokkeerd,
    }


@taak_view
@require_http_methods(["GET", "POST"])
def advies_taak(request, taak):
    """Draft the advice, or review it, as a step of the identification process.
    Who may is the node's rule (``taak_refusal``); anyone else sees why not."""
    node = taak.task.flow_task
    if node not in (IdentificatieFlow.opstellen, IdentificatieFlow.review):
        raise Http404
    refusal = taak_refusal(request.user, taak)
    context = {
        "taak": taak,
        "casus": taak.casus,
        "proces": taak.proces.coerced,
        "refusal": refusal,
        "mine": taak.task.owner_id == request.user.pk,
        # Said before the advice is offered and where it is adopted: without the
        # report to CoMensha (or its exception) adoption is refused.
        "melding_weigering": melding_adoption_refusal(taak.casus),
    }
    if refusal or not context["mine"]:
        return render(request, "advies/taak.html", context)
    ctx = AuditContext.for_request(request)
    step = _opstellen if node == IdentificatieFlow.opstellen else _review
    return step(request, ctx, taak, context)


def _done(request, taak, message):
    messages.success(request, message)
    return redirect(
        "identificatie:proces-detail", taak.casus.public_id, taak.proces.coerced.public_id
    )


def _opstellen(request, ctx, taak, context):
    proces = context["proces"]
    advies = proces.adviezen.filter(status=Advies.Status.CONCEPT).first()
    voorstel = standpunten_voorstel(proces)
    if advies:
        bestaand = {s.organisatie_id: s for s in advies.standpunten.all()}
        for item in voorstel:
            s = bestaand.get(item["organisatie"].pk)
            if s:
                item.update(
                    samenvatting=s.samenvatting,
                    afwijkend=s.afwijkend,
                    toelichting_afwijking=s.toelichting_afwijking,
                )
    initial = [
        {
            "organisatie_id": i["organisatie"].pk,
            "samenvatting": i["samenvatting"],
            "afwijkend": i["afwijkend"],
            "toelichting_afwijking": i["toelichting_afwijking"],
        }
        for i in voorstel
    ]
    concept = ConceptFormulier(request, sleutel=f"advies:{taak.public_id}", casus=taak.casus)
    form = AdviesForm(
        concept.data,
        instance=advies,
        initial=None if advies else {"moment_datum": proces.casus.created_at.date()},
    )
    formset = StandpuntFormSet(concept.data, initial=initial, prefix="standpunt")
    if antwoord := concept.verwerk(form, formset):
        return antwoord
    if concept.data is not None and form.is_valid() and formset.is_valid():
        per_org = {f.cleaned_data["organisatie_id"]: f.cleaned_data for f in formset.forms}
        for item in voorstel:
            item.update(
                {
                    k: v
                    for k, v in per_org.get(item["organisatie"].pk, {}).items()
                    if k != "organisatie_id"
                }
            )
        try:
            advies_draft(
                ctx=ctx,
                taak=taak,
                data=form.cleaned_data,
                standpunten=voorstel,
                indienen="indienen" in request.POST,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            concept.ingediend()
            if "indienen" in request.POST:
                return _done(request, taak, _("Het advies is ter beoordeling aangeboden."))
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect("advies:advies-taak", taak.public_id)
    return render(
        request,
        "advies/taak.html",
        {
            **context,
            "form": form,
            "formset": formset,
            "standpunten": list(zip(voorstel, formset.forms, strict=False)),
            "advies": advies,
            "concept": concept,
        },
    )


def _review(request, ctx, taak, context):
    advies = (
        context["proces"]
        .adviezen.filter(status=Advies.Status.IN_REVIEW)
        .select_related("opgesteld_door")
        .first()
    )
    form, aftekenen = _review_form(request, advies)
    if request.method == "POST" and form.is_valid():
        akkoord = form.cleaned_data["besluit"] == "akkoord"
        try:
            advies_review(
                ctx=ctx,
                taak=taak,
                advies=advies,
                akkoord=akkoord,
                opmerkingen=form.cleaned_data["opmerkingen"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            return _done(
                request,
                taak,
                _("Het advies is vastgesteld.")
                if akkoord
                else _("Het advies is teruggestuurd naar het concept."),
            )
    return render(
        request,
        "advies/taak.html",
        {
            **context,
            "form": form,
            "advies": advies,
            "standpunten": advies.standpunten.select_related("organisatie") if advies else [],
            **aftekenen,
        },
    )


@taak_view
@require_http_methods(["GET", "POST"])
def correctie_taak(request, taak):
    """A task of a correction (advies.flows.CorrectieFlow): edit the new version and
    offer it for review, or review it. Who may do which is the node's rule; the
    task is looked up as every task is (404 for anyone it is not for)."""
    node = taak.task.flow_task
    if node.flow_class is not CorrectieFlow:
        raise Http404
    advies = advies_for_taak(taak)
    casus = taak.casus
    refusal = taak_refusal(request.user, taak)
    context = {
        "casus": casus,
        "advies": advies,
        "taak": taak,
        "refusal": refusal,
        "mine": taak.task.owner_id == request.user.pk,
    }
    if refusal or not context["mine"] or taak.task.status != STATUS.ASSIGNED:
        return render(request, "advies/correctie.html", context)
    ctx = AuditContext.for_request(request, Doel.COORDINATIE)
    if node == CorrectieFlow.opstellen:
        concept = ConceptFormulier(request, sleutel=f"correctie:{taak.public_id}", casus=casus)
        form = AdviesForm(concept.data, instance=advies)
        if antwoord := concept.verwerk(form):
            return antwoord
        context["concept"] = concept
        if concept.data is not None and form.is_valid():
            try:
                advies_update_correction(
                    ctx=ctx,
                    taak=taak,
                    data=form.cleaned_data,
                    indienen="indienen" in request.POST,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                concept.ingediend()
                messages.success(request, _("De correctie is opgeslagen."))
                return redirect("advies:advies-detail", casus.public_id, advies.versie)
        modus = "bewerken"
    else:
        form, aftekenen = _review_form(request, advies)
        context.update(aftekenen)
        if request.method == "POST" and form.is_valid():
            try:
                advies_review(
                    ctx=ctx,
                    taak=taak,
                    advies=advies,
                    akkoord=form.cleaned_data["besluit"] == "akkoord",
                    opmerkingen=form.cleaned_data["opmerkingen"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error) or _("U kunt deze correctie niet beoordelen."))
            else:
                messages.success(request, _("Uw oordeel is vastgelegd."))
                return redirect("advies:advies-detail", casus.public_id, advies.versie)
        modus = "review"
    return render(request, "advies/correctie.html", {**context, "form": form, "modus": modus})
