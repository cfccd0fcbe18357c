"""The question why a user opens a case, asked once per session per case
(``casusoverleg.gebruiksdoel``): for one case, or at once for the cases of a
meeting's agenda. It shows the case numbers only."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import gebruiksdoel
from ..forms.gebruiksdoel import GebruiksdoelForm
from ..permissions import casus_view, casussen_or_404


def _vragen(request, casussen, standaard: str):
    volgende = gebruiksdoel.veilige_volgende(
        request, request.POST.get("volgende") or request.GET.get("volgende", ""), standaard
    )
    huidig = gebruiksdoel.opgegeven(request, casussen[0].public_id) if len(casussen) == 1 else None
    form = GebruiksdoelForm(request.POST if request.method == "POST" else None, initial=huidig)
    if len(casussen) > 1:
        form.fields["doel"].label = _("Waarvoor opent u deze casussen?")
    if request.method == "POST" and form.is_valid():
        gebruiksdoel.vastleggen(
            request,
            casussen,
            doel=form.cleaned_data["doel"],
            toelichting=form.cleaned_data["toelichting"],
        )
        return redirect(volgende)
    return render(
        request,
        "casusoverleg/gebruiksdoel.html",
        {"form": form, "casussen": casussen, "volgende": volgende, "huidig": huidig},
    )


@casus_view(doel_vragen=False)
@require_http_methods(["GET", "POST"])
def gebruiksdoel_opgeven(request, casus):
    return _vragen(request, [casus], reverse("casusoverleg:casus-detail", args=[casus.public_id]))


@require_http_methods(["GET", "POST"])
def gebruiksdoel_meerdere(request):
    """One answer for the cases of a page about several (a meeting): each must be
    one the user may read, or the whole page is the 404 of a missing case."""
    ids = (request.POST if request.method == "POST" else request.GET).getlist("casus")
    if len(ids) > gebruiksdoel.MAX_CASUSSEN:
        raise Http404
    casussen = casussen_or_404(request, ids)
    return _vragen(request, casussen, reverse("casusoverleg:home"))
