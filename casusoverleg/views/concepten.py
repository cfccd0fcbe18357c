"""Drafts in the long forms' views, and the idle warning's keep-alive.

A form view that keeps drafts makes one ``ConceptFormulier`` before its form and
lets it handle what is not a real submit: the "Concept opslaan" button and the
page's automatic save (both post the form with ``concept``; nothing is
validated and nothing reaches the real models), and "Concept weggooien". On a
GET it fills the form from the user's draft. The view's own access check runs
first, so the draft's URL is the form's URL: the same 404 for an object without
access as for a missing one.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
    BaseFormSet,
)
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..audit import AuditContext
from ..services import concept_ophalen, concept_opslaan, concept_verwijderen
from ..services.concepten import INGEDIEND, WEGGEGOOID

#: The value of ``concept`` that the page's script posts (the button posts another).
AUTOMATISCH = "auto"
_NIET_OPGEHAALD = object()


def _tijd(moment) -> str:
    return formats.time_format(timezone.localtime(moment), "H:i")


def _namen(form) -> list[str]:
    return [form.add_prefix(name) for name in form.fields]


def concept_velden(data: QueryDict, *forms) -> dict[str, list[str]]:
    """What a draft keeps of a post: the values of the forms' own fields (a
    formset's management form and its forms' fields too), never anything else
    (the CSRF token, which button was pressed)."""
    exact, patronen = set(), []
    for form in forms:
        if isinstance(form, BaseFormSet):
            exact.update(
                form.add_prefix(n)
                for n in (
                    TOTAL_FORM_COUNT,
                    INITIAL_FORM_COUNT,
                    MIN_NUM_FORM_COUNT,
                    MAX_NUM_FORM_COUNT,
                )
            )
            velden = "|".join(re.escape(n) for n in form.empty_form.fields)
            patronen.append(re.compile(rf"{re.escape(form.prefix)}-\d+-(?:{velden})(?:_\d+)?"))
        else:
            namen = _namen(form)
            exact.update(namen)
            # A MultiWidget posts name_0, name_1...
            patronen.extend(re.compile(rf"{re.escape(n)}_\d+") for n in namen)
    return {
        key: data.getlist(key)
        for key in data
        if key in exact or any(p.fullmatch(key) for p in patronen)
    }


def _querydict(gegevens: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in gegevens.items():
        data.setlist(key, values)
    return data


def _initial(form, data: QueryDict) -> dict:
    """The values a widget would read from ``data``, as the unbound form's initial
    values: the form shows them without being validated."""
    initial = {}
    for name, field in form.fields.items():
        html_name = form.add_prefix(name)
        if field.disabled or field.widget.value_omitted_from_data(data, {}, html_name):
            continue
        initial[name] = field.widget.value_from_datadict(data, {}, html_name)
    return initial


def formulier_vullen(data: QueryDict, *forms) -> None:
    """Show ``data`` (a draft, or a post saved as one) in unbound forms and formsets."""
    for form in forms:
        if form.is_bound:
            continue
        for f in form.forms if isinstance(form, BaseFormSet) else [form]:
            f.initial = {**f.initial, **_initial(f, data)}


class ConceptFormulier:
    """The draft of one form in its view (see the module's docstring).

    ``sleutel`` names the form and its object ("beoordeling:<task id>"); ``casus``
    binds the draft to its case; ``actie`` is where the page posts the form (the
    request's own URL by default) and ``pagina`` where to go after discarding.
    Templates read ``teruggezet`` (a draft restored on GET), ``opgeslagen`` (just
    saved by the button), ``fout`` (a refused save), ``interval`` and ``actie``.
    """

    def __init__(
        self, request, *, sleutel, casus=None, actie=None, pagina=None, vooraf=_NIET_OPGEHAALD
    ):
        self.request = request
        self.sleutel = sleutel
        self.casus = casus
        self.actie = actie or request.get_full_path()
        self.pagina = pagina or self.actie
        self.interval = settings.CONCEPT_AUTOSAVE_SECONDS
        self.teruggezet = None
        self.opgeslagen = None
        self.fout = ""
        self._vooraf = vooraf
        post = request.POST if request.method == "POST" else None
        self.bewaren = post is not None and "concept" in post
        self.weggooien = post is not None and "concept_weggooien" in post
        self.automatisch = self.bewaren and post.get("concept") == AUTOMATISCH
        #: The form's data for a real submit; None when the form only shows a draft.
        self.data = None if post is None or self.bewaren or self.weggooien else post

    @property
    def ctx(self) -> AuditContext:
        return AuditContext.for_request(self.request)

    def verwerk(self, *forms) -> HttpResponse | None:
        """Handle what is not a real submit; a response to return at once, or None
        (then render the page with the forms as filled here)."""
        if self.weggooien:
            concept_verwijderen(ctx=self.ctx, sleutel=self.sleutel, reden=WEGGEGOOID)
            messages.info(self.request, _("Het concept is weggegooid."))
            return redirect(self.pagina)
        if self.bewaren:
            return self._opslaan(forms)
        if self.data is None:
            if self._vooraf is _NIET_OPGEHAALD:
                self.teruggezet = concept_ophalen(ctx=self.ctx, sleutel=self.sleutel)
            else:
                self.teruggezet = self._vooraf.get(self.sleutel)
            if self.teruggezet:
                formulier_vullen(_querydict(self.teruggezet.gegevens), *forms)
        return None

    def _opslaan(self, forms) -> HttpResponse | None:
        try:
            self.opgeslagen = concept_opslaan(
                ctx=self.ctx,
                sleutel=self.sleutel,
                gegevens=concept_velden(self.request.POST, *forms),
                casus=self.casus,
                automatisch=self.automatisch,
            )
        except ValidationError as error:
            self.fout = " ".join(error.messages)
            if self.automatisch:
                return JsonResponse({"bericht": self.fout}, status=413)
        if self.automatisch:
            tijd = _tijd(self.opgeslagen.updated_at)
            return JsonResponse(
                {"bericht": _("Concept automatisch opgeslagen om %(tijd)s") % {"tijd": tijd}}
            )
        # The button: the page again, with what was typed (saved or not).
        formulier_vullen(self.request.POST, *forms)
        return None

    @property
    def opgeslagen_om(self) -> str:
        return _tijd(self.opgeslagen.updated_at) if self.opgeslagen else ""

    @property
    def teruggezet_van(self) -> str:
        if not self.teruggezet:
            return ""
        moment = timezone.localtime(self.teruggezet.updated_at)
        return formats.date_format(moment, "j F Y, H:i")

    def ingediend(self) -> None:
        """The form was submitted and saved: its draft is no longer needed."""
        concept_verwijderen(ctx=self.ctx, sleutel=self.sleutel, reden=INGEDIEND)


@require_POST
def sessie_verlengen(request):
    """The idle warning's "Blijf ingelogd": a signed-in request like any other (it
    passes login and MFA), which renews the session (``SESSION_SAVE_EVERY_REQUEST``)."""
    return HttpResponse(status=204)
