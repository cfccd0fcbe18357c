"""A task on a case that is no process step: its page, where its organisation marks it done."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ..audit import AuditContext, Doel
from ..casustaken import soort as casustaaksoort
from ..models import Casustaak
from ..permissions import casustaken_for_user, object_or_404
from ..services import casustaak_afronden
from ..services.casustaken import TOELICHTING_MAX
from .casus import apply_errors


class CasustaakAfrondenForm(forms.Form):
    toelichting = forms.CharField(
        label=gettext_lazy("Wat is er gedaan of besloten?"),
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, verplicht: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toelichting"].required = verplicht


@require_http_methods(["GET", "POST"])
def casustaak(request, casustaak_id):
    """The task's page: what it asks, by when, and (while open) a form to mark it
    done. Only a member of its organisation who sees the case finds it; anyone
    else gets the 404 of a missing page, audited."""
    taak = object_or_404(
        request,
        casustaken_for_user(Casustaak.objects.all(), user=request.user).select_related(
            "casus", "organisatie", "afgehandeld_door__organisatie"
        ),
        casustaak_id,
        object_type="casustaak",
        doel=Doel.CASUSOVERLEG,
        casus_of=lambda t: t.casus,
    )
    soort = casustaaksoort(taak.soort)
    form = None
    if taak.is_open:
        form = CasustaakAfrondenForm(request.POST or None, verplicht=soort.toelichting_verplicht)
        if request.method == "POST" and form.is_valid():
            try:
                casustaak_afronden(
                    ctx=AuditContext.for_request(request),
                    taak=taak,
                    toelichting=form.cleaned_data["toelichting"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            except PermissionDenied:
                form.add_error(None, _("U kunt deze taak niet (meer) afronden."))
            else:
                messages.success(request, _("De taak is afgerond."))
                return redirect("casusoverleg:casustaak", taak.public_id)
    elif request.method == "POST":
        messages.error(request, _("Deze taak is al afgehandeld."))
        return redirect("casusoverleg:casustaak", taak.public_id)
    return render(
        request,
        "casusoverleg/casustaak.html",
        {"taak": taak, "soort": soort, "casus": taak.casus, "form": form},
    )
