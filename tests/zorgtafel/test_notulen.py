"""The minutes of a closed zorgtafel as PDF: only the items the reader may see."""

import io

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, start
from zorgtafel.services import notule_add, zorgtafel_close


def test_the_minutes_of_a_closed_meeting_hold_only_what_the_reader_may_see(
    coordinator, politie, zorg, buitenstaander
):
    eigen = make_casus(coordinator, deelnemers=[politie.organisatie])
    ander = make_casus(coordinator, deelnemers=[zorg.organisatie])
    zorgtafel = start(plan(coordinator, [eigen, ander]), coordinator)
    for punt in zorgtafel.agendapunten.select_related("casus"):
        notule_add(
            ctx=AuditContext.system(coordinator),
            agendapunt=punt,
            tekst=f"Besproken <b>{punt.casus.nummer}</b>",
        )
    bevestig(zorgtafel, politie)
    url = reverse("zorgtafel:zorgtafel-notulen-pdf", args=[zorgtafel.public_id])
    client = Client()
    client.force_login(politie)
    assert client.get(url).status_code == 404  # not before the meeting is closed

    zorgtafel_close(ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="notulen-zorgtafel-')
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert f"Besproken <b>{eigen.nummer}</b>" in text and "VERTROUWELIJK" in text
    assert ander.nummer not in text and eigen.naam not in text
    exported = AuditEvent.objects.filter(actie="exporteren", object_type="agendapunt")
    assert list(exported.values_list("casus_public_id", flat=True)) == [eigen.public_id]

    client.force_login(buitenstaander)
    assert client.get(url).status_code == 404
