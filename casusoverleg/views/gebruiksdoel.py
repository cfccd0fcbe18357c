"""The question why a user opens a case, asked once per session per case
(``casusoverleg.gebruiksdoel``); it shows only the case number."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .. import gebruiksdoel
from ..forms.gebruiksdoel import GebruiksdoelForm
from ..permissions import casus_view


@casus_view(doel_vragen=False)
@require_http_methods(["GET", "POST"])
def gebruiksdoel_opgeven(request, casus):
    casuspagina = reverse("casusoverleg:casus-detail", args=[casus.public_id])
    volgende = gebruiksdoel.veilige_volgende(
        request, request.POST.get("volgende") or request.GET.get("volgende", ""), casuspagina
    )
    huidig = gebruiksdoel.opgegeven(request, casus.public_id)
    form = GebruiksdoelForm(request.POST if request.method == "POST" else None, initial=huidig)
    if request.method == "POST" and form.is_valid():
        gebruiksdoel.vastleggen(
            request,
            casus,
            doel=form.cleaned_data["doel"],
            toelichting=form.cleaned_data["toelichting"],
        )
        return redirect(volgende)
    return render(
        request,
        "casusoverleg/gebruiksdoel.html",
        {"form": form, "casus": casus, "volgende": volgende, "huidig": huidig},
    )
