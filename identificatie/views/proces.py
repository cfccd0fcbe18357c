"""The identification process: starting it, the task inbox, each step's page."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from viewflow.workflow.status import STATUS

from casusoverleg import takenlijst
from casusoverleg.audit import Actie, AuditContext, Doel, audit_getoond
from casusoverleg.permissions import (
    COORDINATE,
    VIEW,
    casus_view,
    may_coordinate,
    object_or_404,
    perms_for,
)
from casusoverleg.views import ConceptFormulier, apply_errors, bevestiging
from casusoverleg.weergave import naam

from .. import selectors
from .. import services as proces_services
from ..flows import IdentificatieFlow, taak_refusal
from ..forms import (
    AddendumForm,
    BeoordelingForm,
    DeadlineForm,
    OverdragenForm,
    ProcesStartForm,
    RedenForm,
    UitkomstForm,
)
from ..models import Beoordeling


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_http_methods(["GET", "POST"])
def proces_start(request, casus):
    form = ProcesStartForm(request.POST or None, casus=casus)
    if request.method == "POST" and form.is_valid():
        try:
            proces = proces_services.proces_start(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                casus=casus,
                organisaties=form.cleaned_data["organisaties"],
                deadline=form.cleaned_data["deadline"],
                aftekenen_vereist=form.cleaned_data["aftekenen_vereist"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Alleen een casuscoördinator start het proces."))
        else:
            messages.success(request, _("Het identificatieproces is gestart."))
            return redirect("identificatie:proces-detail", casus.public_id, proces.public_id)
    return render(request, "identificatie/proces_start.html", {"form": form, "casus": casus})


def _proces_context(request, casus, proces, **extra):
    taken = proces.taken.select_related("task", "task__owner__organisatie", "organisatie").order_by(
        "task__created", "pk"
    )
    beoordelingen = selectors.beoordelingen_zichtbaar(user=request.user, proces=proces)
    perms = perms_for(request.user, casus)
    eigen = Beoordeling.objects.filter(
        proces=proces, organisatie=request.user.organisatie_id
    ).first()
    return {
        "casus": casus,
        "proces": proces,
        "taken": taken,
        "beoordelingen": beoordelingen.prefetch_related("addenda", "indicatoren"),
        "toon_achtergehouden": selectors.may_see_withheld(user=request.user, proces=proces),
        "perms": perms,
        "coordineert": may_coordinate(request.user, casus),
        "actief": proces.status == "NEW",
        "open_beoordelingen": [
            t
            for t in taken
            if t.task.flow_task == IdentificatieFlow.beoordelen
            and t.task.status in (STATUS.NEW, STATUS.ASSIGNED)
        ],
        "eigen": eigen,
        "uitgenodigd": proces.uitgenodigd.filter(pk=request.user.organisatie_id).exists(),
        "adviezen": proces.adviezen.select_related("vervangen_door").order_by("-versie"),
        "sluit_form": extra.pop("sluit_form", None) or RedenForm(prefix="sluiten"),
        "annuleer_form": extra.pop("annuleer_form", None) or RedenForm(prefix="annuleren"),
        "deadline_form": extra.pop("deadline_form", None)
        or DeadlineForm(prefix="deadline", initial={"deadline": proces.deadline}),
        **extra,
    }


def _proces(casus, proces_id):
    """A process of a case the user already passed the access check for."""
    proces = casus.processen.filter(public_id=proces_id).select_related("casus").first()
    if proces is None:
        raise Http404
    return proces


@casus_view(perm=VIEW)
@require_GET
def proces_detail(request, casus, proces_id):
    proces = _proces(casus, proces_id)
    return render(
        request, "identificatie/proces_detail.html", _proces_context(request, casus, proces)
    )


def _met_reden(request, casus, proces_id, *, prefix, service, gelukt, bevestigen):
    """A coordinator's action that needs a reason (closing the round, cancelling);
    ``bevestigen`` holds the confirmation page's title, sentence and button."""
    proces = _proces(casus, proces_id)
    form = RedenForm(request.POST, prefix=prefix)
    if form.is_valid():
        if pagina := bevestiging(
            request,
            **bevestigen,
            terug=reverse("identificatie:proces-detail", args=[casus.public_id, proces.public_id]),
            casus=casus,
        ):
            return pagina
        try:
            service(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                proces=proces,
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, gelukt)
            return redirect("identificatie:proces-detail", casus.public_id, proces.public_id)
    forms = {"sluit_form" if prefix == "sluiten" else "annuleer_form": form}
    return render(
        request,
        "identificatie/proces_detail.html",
        _proces_context(request, casus, proces, **forms),
    )


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_POST
def ronde_close(request, casus, proces_id):
    return _met_reden(
        request,
        casus,
        proces_id,
        prefix="sluiten",
        service=proces_services.ronde_close,
        gelukt=_("De beoordelingsronde is gesloten."),
        bevestigen={
            "titel": _("Beoordelingsronde sluiten?"),
            "tekst": _(
                "De beoordelingsronde van casus %(casus)s wordt nu gesloten. Organisaties "
                "die nog niet hebben beoordeeld, kunnen dat daarna alleen nog te laat doen."
            )
            % {"casus": casus.nummer},
            "knop": _("Ja, ronde sluiten"),
        },
    )


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_POST
def deadline_verlengen(request, casus, proces_id):
    """The coordinator gives the disciplines more time (the term moves with it)."""
    proces = _proces(casus, proces_id)
    form = DeadlineForm(request.POST, prefix="deadline")
    if form.is_valid():
        try:
            proces_services.deadline_verlengen(
                ctx=AuditContext.for_request(request, Doel.COORDINATIE),
                proces=proces,
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De deadline is verlengd."))
            return redirect("identificatie:proces-detail", casus.public_id, proces.public_id)
    return render(
        request,
        "identificatie/proces_detail.html",
        _proces_context(request, casus, proces, deadline_form=form),
    )


@casus_view(perm=COORDINATE, doel=Doel.COORDINATIE)
@require_POST
def proces_cancel(request, casus, proces_id):
    return _met_reden(
        request,
        casus,
        proces_id,
        prefix="annuleren",
        service=proces_services.proces_cancel,
        gelukt=_("Het identificatieproces is geannuleerd."),
        bevestigen={
            "titel": _("Identificatieproces annuleren?"),
            "tekst": _(
                "Het identificatieproces van casus %(casus)s wordt geannuleerd; open "
                "taken vervallen. Dit proces kan niet worden hervat."
            )
            % {"casus": casus.nummer},
            "knop": _("Ja, proces annuleren"),
        },
    )


@casus_view(perm=VIEW)
@require_http_methods(["GET", "POST"])
def mijn_beoordeling(request, casus, proces_id):
    """The organisation's own assessment outside its task: edit while the round is
    open, add an addendum after it closed, or submit late."""
    proces = _proces(casus, proces_id)
    eigen = Beoordeling.objects.filter(
        proces=proces, organisatie=request.user.organisatie_id, ingediend_op__isnull=False
    ).first()
    ctx = AuditContext.for_request(request)
    if eigen and proces.ronde_gesloten:
        modus = "addendum"
    elif eigen or proces.ronde_gesloten:
        modus = "wijzigen" if eigen else "te_laat"
    else:
        messages.info(request, _("Dien de beoordeling in via uw taak."))
        return redirect("identificatie:taken")
    concept = ConceptFormulier(
        request, sleutel=f"mijn-beoordeling:{proces.public_id}:{modus}", casus=casus
    )
    if modus == "addendum":
        form = AddendumForm(concept.data)
    else:
        form = BeoordelingForm(
            concept.data,
            instance=eigen,
            lijst=proces.indicatorlijst,
            organisatie=request.user.organisatie,
            # Only a new (late) assessment starts from the signals' indicators.
            uit_signaal=(
                selectors.indicatoren_uit_signalen(user=request.user, proces=proces)
                if eigen is None
                else None
            ),
        )
    if antwoord := concept.verwerk(form):
        return antwoord
    if concept.data is not None and form.is_valid():
        try:
            if modus == "addendum":
                proces_services.addendum_add(
                    ctx=ctx, beoordeling=eigen, tekst=form.cleaned_data["tekst"]
                )
            elif modus == "wijzigen":
                proces_services.beoordeling_update(
                    ctx=ctx,
                    beoordeling=eigen,
                    data=form.cleaned_data,
                    indicatoren=list(form.cleaned_data["indicatoren"]),
                )
            else:
                proces_services.beoordeling_late_submit(
                    ctx=ctx,
                    proces=proces,
                    data=form.cleaned_data,
                    indicatoren=list(form.cleaned_data["indicatoren"]),
                )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Uw organisatie is niet uitgenodigd voor deze ronde."))
        else:
            concept.ingediend()
            messages.success(request, _("Opgeslagen."))
            return redirect("identificatie:proces-detail", casus.public_id, proces.public_id)
    return render(
        request,
        "identificatie/mijn_beoordeling.html",
        {
            "casus": casus,
            "proces": proces,
            "form": form,
            "modus": modus,
            "eigen": eigen,
            "concept": concept,
        },
    )


# The inbox and the tasks --------------------------------------------------------------


@require_GET
def taken(request):
    """Mijn taken: own tasks and the organisation's unclaimed ones, permitted cases
    only, then every other obligation the apps register (``casusoverleg.takenlijst``:
    actions, sign-offs), each section overdue first."""
    qs = selectors.inbox(user=request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    secties = [s for s in takenlijst.secties_voor(user=request.user) if s["rijen"]]
    rijen = [rij for sectie in secties for rij in sectie["rijen"]]
    audit_getoond(
        AuditContext.for_request(request),
        [*page.object_list, *(rij.object for rij in rijen)],
        weergave="takenlijst",
        pagina={
            "actie": Actie.LEZEN,
            "object_type": "takenlijst",
            "detail": {"resultaten": page.paginator.count + len(rijen)},
        },
    )
    return render(request, "identificatie/taken.html", {"page": page, "secties": secties})


def taak_view(view):
    """Look the task up (404, audited) before anything else; only the assigned
    organisation's members who take part in the case find it."""

    @wraps(view)
    def wrapper(request, taak_id, *args, **kwargs):
        taak = object_or_404(
            request,
            selectors.taken_for_user(user=request.user).select_related(
                "task", "task__owner", "casus", "proces", "organisatie"
            ),
            taak_id,
            object_type="taak",
            doel=Doel.CASUSOVERLEG,
            casus_of=lambda t: t.casus,
        )
        return view(request, taak, *args, **kwargs)

    return wrapper


@taak_view
@require_POST
def taak_claim(request, taak):
    """Open an unclaimed task in one step: take it (POST only; the task's page
    itself changes nothing on GET) and go to it. One's own task simply opens."""
    if taak.task.owner_id == request.user.pk:
        return redirect("identificatie:taak", taak.public_id)
    try:
        proces_services.taak_claim(ctx=AuditContext.for_request(request), taak=taak)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("identificatie:taken")
    except PermissionDenied as error:
        messages.error(request, str(error) or _("U kunt deze taak niet oppakken."))
        return redirect("identificatie:taken")
    return redirect("identificatie:taak", taak.public_id)


@taak_view
@require_POST
def taak_release(request, taak):
    try:
        proces_services.taak_release(ctx=AuditContext.for_request(request), taak=taak)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De taak staat weer open voor uw organisatie."))
    return redirect("identificatie:taken")


@taak_view
@require_http_methods(["GET", "POST"])
def taak_hand_over(request, taak):
    """Overdragen aan collega: choose a named colleague of the organisation whom the
    step's node lets take the task; the service reassigns it and mails them."""
    if not proces_services.taak_may_hand_over(request.user, taak):
        messages.error(request, _("Alleen wie de taak in behandeling heeft, kan hem overdragen."))
        return redirect("identificatie:taak", taak.public_id)
    kandidaten = selectors.collegas_voor_taak(user=request.user, taak=taak)
    form = OverdragenForm(request.POST or None, kandidaten=kandidaten)
    if request.method == "POST" and form.is_valid():
        aan = form.cleaned_data["aan"]
        try:
            proces_services.taak_reassign(
                ctx=AuditContext.for_request(request), taak=taak, user=aan
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("U kunt deze taak niet (meer) overdragen."))
        else:
            messages.success(
                request,
                _("De taak is overgedragen aan %(wie)s; die krijgt daarvan bericht.")
                % {"wie": naam(aan)},
            )
            return redirect("identificatie:taken")
    return render(
        request,
        "identificatie/taak_overdragen.html",
        {"taak": taak, "casus": taak.casus, "form": form, "kandidaten": kandidaten},
    )


@taak_view
@require_http_methods(["GET", "POST"])
def taak(request, taak):
    node = taak.task.flow_task
    if node.pagina != "identificatie:taak":
        return redirect(node.pagina, taak.public_id)  # a step whose page another app serves
    refusal = taak_refusal(request.user, taak)
    context = {
        "taak": taak,
        "casus": taak.casus,
        "proces": taak.proces.coerced,
        "refusal": refusal,
        "mine": taak.task.owner_id == request.user.pk,
    }
    if refusal or not context["mine"]:
        return render(request, "identificatie/taak.html", context)
    ctx = AuditContext.for_request(request)
    handlers = {
        IdentificatieFlow.beoordelen: _stap_beoordelen,
        IdentificatieFlow.zorgtafel: _stap_zorgtafel,
    }
    return handlers[node](request, ctx, taak, context)


def _done(request, taak, message):
    messages.success(request, message)
    return redirect(
        "identificatie:proces-detail", taak.casus.public_id, taak.proces.coerced.public_id
    )


def _stap_beoordelen(request, ctx, taak, context):
    concept = ConceptFormulier(request, sleutel=f"beoordeling:{taak.public_id}", casus=taak.casus)
    proces = context["proces"]
    nieuw = not Beoordeling.objects.filter(proces=proces, organisatie=taak.organisatie).exists()
    form = BeoordelingForm(
        concept.data,
        lijst=proces.indicatorlijst,
        organisatie=taak.organisatie,
        uit_signaal=(
            selectors.indicatoren_uit_signalen(user=request.user, proces=proces) if nieuw else None
        ),
    )
    if antwoord := concept.verwerk(form):
        return antwoord
    if concept.data is not None and form.is_valid():
        try:
            proces_services.beoordeling_save(
                ctx=ctx,
                taak=taak,
                data=form.cleaned_data,
                indicatoren=list(form.cleaned_data["indicatoren"]),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            concept.ingediend()
            return _done(request, taak, _("Uw beoordeling is ingediend."))
    return render(request, "identificatie/taak.html", {**context, "form": form, "concept": concept})


def _stap_zorgtafel(request, ctx, taak, context):
    form = UitkomstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proces_services.zorgtafel_uitkomst_record(
                ctx=ctx, taak=taak, uitkomst=form.cleaned_data["uitkomst"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _done(request, taak, _("De uitkomst van de zorgtafel is vastgelegd."))
    return render(request, "identificatie/taak.html", {**context, "form": form})
