"""The chair's forms on one agenda item (minutes, addendum, decision, actions)."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casusoverleg.audit import AuditContext
from casusoverleg.views import ConceptFormulier, apply_errors

from .. import services
from ..forms import (
    ActiepuntForm,
    AddendumForm,
    BeoordelingForm,
    BesluitForm,
    NotuleForm,
)
from ..models import Actiepunt
from .common import (
    FORM_PARTIAL,
    _detail_url,
    _is_htmx,
    _punt,
    zorgtafel_view,
)
from .room import _form, _room, concept_sleutel


def _item_post(request, zorgtafel, punt, *, form_id, form, knop, fresh, call, concept=None):
    """Validate a chair form of one item, call its service, answer htmx or redirect."""
    action = request.path
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if concept:
                concept.ingediend()
            if _is_htmx(request):
                f = _form(form_id, fresh(), action, knop, concept=concept and _leeg(concept))
                return render(request, FORM_PARTIAL, {"f": f})
            return redirect(_detail_url(zorgtafel, punt))
    if _is_htmx(request):
        return render(
            request, FORM_PARTIAL, {"f": _form(form_id, form, action, knop, concept=concept)}
        )
    return _room(request, zorgtafel, status=400, bound=(form_id, form))


def _leeg(concept):
    """The draft state of a form that was just submitted: nothing restored or saved."""
    concept.teruggezet = concept.opgeslagen = None
    return concept


def _item_concept(request, zorgtafel, punt, *, form_id, form_class, knop, sleutel):
    """A minutes form's "Concept opslaan", automatic save or "Concept weggooien"
    (``ConceptFormulier``); None for a real submit."""
    concept = ConceptFormulier(
        request,
        sleutel=sleutel,
        casus=punt.casus,
        pagina=_detail_url(zorgtafel, punt),
    )
    if concept.data is not None:
        return None, concept
    form = form_class(prefix=form_id)
    if antwoord := concept.verwerk(form):
        return antwoord, concept
    if _is_htmx(request):
        f = _form(form_id, form, request.path, knop, concept=concept)
        return render(request, FORM_PARTIAL, {"f": f}), concept
    return redirect(_detail_url(zorgtafel, punt)), concept


def item_form_view(
    *, form_class, prefix, knop, service, keep_values=False, for_case=False, concept=False
):
    """A chair's form on one agenda item: validate ``form_class``, call ``service`` with
    the item and the form's data, answer the htmx fragment or redirect to the room.

    ``keep_values`` shows the saved values again (a decision can be refined);
    ``for_case`` gives the form the item's case (an action's owner must take part);
    ``concept`` keeps the chair's draft of it (``concept_sleutel``).
    """

    @zorgtafel_view(voorzitter=True)
    @require_POST
    def view(request, zorgtafel, item_id):
        punt = _punt(request, zorgtafel, item_id)
        fid = f"{prefix}-{punt.public_id}"
        concept_state = None
        if concept:
            antwoord, concept_state = _item_concept(
                request,
                zorgtafel,
                punt,
                form_id=fid,
                form_class=form_class,
                knop=knop,
                sleutel=concept_sleutel(prefix, punt),
            )
            if antwoord:
                return antwoord
        extra = {"casus": punt.casus} if for_case else {}
        form = form_class(request.POST, prefix=fid, **extra)
        return _item_post(
            request,
            zorgtafel,
            punt,
            form_id=fid,
            form=form,
            knop=knop,
            fresh=lambda: form_class(
                prefix=fid, initial=form.cleaned_data if keep_values else None, **extra
            ),
            call=lambda data: service(
                ctx=AuditContext.for_request(request), agendapunt=punt, **data
            ),
            concept=concept_state,
        )

    return view


notule_add = item_form_view(
    form_class=NotuleForm,
    prefix="notule",
    knop=gettext_lazy("Notulen toevoegen"),
    service=services.notule_add,
    concept=True,
)
addendum_add = item_form_view(
    form_class=AddendumForm,
    prefix="addendum",
    knop=gettext_lazy("Addendum toevoegen"),
    service=services.addendum_add,
    concept=True,
)
besluit_record = item_form_view(
    form_class=BesluitForm,
    prefix="besluit",
    knop=gettext_lazy("Besluit vastleggen"),
    service=services.besluit_record,
    keep_values=True,
)
actiepunt_add = item_form_view(
    form_class=ActiepuntForm,
    prefix="actiepunt",
    knop=gettext_lazy("Actiepunt toevoegen"),
    service=services.actiepunt_add,
    for_case=True,
)


@zorgtafel_view(voorzitter=True)
@require_POST
def actiepunt_review(request, zorgtafel, item_id, actiepunt_id):
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
        call=lambda data: services.actiepunt_review(
            ctx=AuditContext.for_request(request),
            actiepunt=actiepunt,
            agendapunt=punt,
            status=data["status"],
            reden=data["reden"],
        ),
    )
