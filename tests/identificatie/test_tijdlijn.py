"""The identification process and its advice in the case's timeline
(``identificatie/casuspagina.py``, ``advies/casuspagina.py``): steps, the round,
adopted and withdrawn advices; never a draft, never what anyone wrote."""

import pytest
from django.urls import reverse

from advies.services import advies_withdraw
from tests.identificatie.test_proces import BEOORDELING, beoordeel, ctx, draft, review, zorgtafel

pytestmark = pytest.mark.usefixtures("indicatorlijst")


def _wat(client, user, casus) -> tuple[list[str], str]:
    client.force_login(user)
    response = client.get(reverse("casusoverleg:tijdlijn", args=[casus.public_id]))
    assert response.status_code == 200
    return [g.wat for g in response.context["page"].object_list], response.content.decode()


def test_the_process_and_its_advice_in_the_timeline(
    client, proces, casus, coordinator, coordinator2, politie, zorg
):
    beoordeel(politie, proces)
    beoordeel(zorg, proces)
    zorgtafel(coordinator, proces)
    draft(coordinator, proces)

    wat, html = _wat(client, politie, casus)
    assert "Identificatieproces gestart" in wat
    assert "Beoordelingsronde gesloten" in wat
    assert wat.count("Stap afgerond: Beoordeling indienen") == 2
    assert "Stap afgerond: Uitkomst zorgtafel vastleggen" in wat
    assert "Stap afgerond: Advies opstellen" in wat
    # The draft under review is nobody's business but the coordinator's.
    assert not any(w.startswith("Advies") for w in wat)
    assert BEOORDELING["feiten"] not in html

    review(coordinator2, proces, akkoord=True)
    advies = proces.adviezen.get(status="vastgesteld")
    wat, _ = _wat(client, politie, casus)
    assert "Advies versie 1 vastgesteld" in wat
    assert "Identificatieproces afgerond" in wat

    advies_withdraw(ctx=ctx(coordinator), advies=advies, reden="Nieuwe feiten.")
    wat, html = _wat(client, zorg, casus)
    assert "Advies versie 1 ingetrokken" in wat
    assert "Nieuwe feiten." not in html
