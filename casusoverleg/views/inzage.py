"""The person's right of access: the page that explains the export of a case, and
its downloads. The case's coordinator only (``casussen_inzage_for_user``); anyone
else gets the 404 of a missing case, audited by ``casus_view``."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from .. import inzage, services
from ..audit import AuditContext, Doel
from ..permissions import casus_view, casussen_inzage_for_user, perms_for

INHOUDSTYPEN = {"pdf": "application/pdf", "json": "application/json"}


@casus_view(casussen=casussen_inzage_for_user, doel=Doel.VERANTWOORDING, object_type="inzage")
@require_GET
def inzage_pagina(request, casus):
    """What the export holds, part by part (titles and numbers of records, no
    content), what it leaves out, and the two downloads."""
    delen = inzage.onderdelen(casus=casus)
    return render(
        request,
        "casusoverleg/inzage.html",
        {
            "casus": casus,
            "onderdelen": delen,
            "achtergehouden": [regel for d in delen for regel in d.achtergehouden],
            "perms": perms_for(request.user, casus),
        },
    )


@casus_view(casussen=casussen_inzage_for_user, doel=Doel.VERANTWOORDING, object_type="inzage")
@require_POST
def inzage_download(request, casus, formaat):
    """The export as PDF or JSON (``formaat``, fixed by the URL): made, audited and
    recorded by the service. A POST, since making it writes the case's history.
    Never cached; the file name holds the case number only."""
    if formaat not in INHOUDSTYPEN:
        raise Http404
    try:
        data = services.inzage_export(
            ctx=AuditContext.for_request(request, Doel.VERANTWOORDING),
            casus=casus,
            formaat=formaat,
        )
    except PermissionDenied as error:
        raise Http404 from error
    response = HttpResponse(data, content_type=INHOUDSTYPEN[formaat])
    response["Content-Disposition"] = (
        f'attachment; filename="{inzage.bestandsnaam(casus, formaat)}"'
    )
    response["Cache-Control"] = "no-store"
    return response
