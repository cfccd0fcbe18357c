"""The chair's forms on one agenda item (minutes, addendum, decision, actions)."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casusoverleg.audit import AuditContext
from casusoverleg.views import apply_errors

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
from .room import _form, _room


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
