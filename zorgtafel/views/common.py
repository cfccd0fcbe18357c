"""Zorgtafel pages: planning, the agenda, the live room and open actions.

Every meeting-scoped view looks the meeting up through ``zorgtafel_view`` first;
an item's content is shown only when the user may see its case ("besloten
agendapunt" otherwise). Chair forms post over htmx when it is there and fall back
to a plain post-redirect-get; the live room then follows over the websocket.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from casusoverleg import permissions, weergave
from casusoverleg.audit import Doel
from casusoverleg.permissions import (
    casussen_for_user,
    object_or_404,
)

from .. import services
from ..models import Zorgtafel


def zorgtafel_view(**kwargs):
    """The access module's meeting lookup (``permissions.zorgtafel_view``) for our model."""
    return permissions.zorgtafel_view(Zorgtafel.objects.all, **kwargs)


FORM_PARTIAL = "zorgtafel/_zorgtafel_form.html"


def _detail_url(zorgtafel, punt=None):
    url = reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id])
    return f"{url}#item-{punt.public_id}" if punt else url


def _beschrijving(zorgtafel) -> str:
    """The meeting as the confirmation page names it: its kind and when."""
    op = weergave.datumtijd(zorgtafel.begint_op)
    return f"{zorgtafel.get_type_display()} {op}"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _punt(request, zorgtafel, item_id):
    """An item of this meeting whose case the user may see; else 404, audited."""
    return object_or_404(
        request,
        zorgtafel.agendapunten.filter(
            casus__in=casussen_for_user(user=request.user)
        ).select_related("casus", "zorgtafel"),
        item_id,
        object_type="agendapunt",
        doel=Doel.CASUSOVERLEG,
        casus_of=lambda punt: punt.casus,
    )


def _warn_dubbel(request, zorgtafel):
    if services.voorzitter_dubbel_geboekt(zorgtafel):
        messages.warning(
            request,
            _("Let op: de voorzitter heeft op dit tijdstip al een ander overleg."),
        )
