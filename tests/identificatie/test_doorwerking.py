"""Issue 13, point 5: what was entered once is carried forward. The indicators of
the case's signals are ticked beforehand in a new assessment, marked as coming from
the signal; never in one already submitted, and never from a signal the assessor
may not see."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.services import deelname_add
from casusoverleg.weergave import datum, naam
from identificatie import selectors, services
from identificatie.flows import IdentificatieFlow
from identificatie.models import Beoordeling, Indicator, IndicatorLijst
from tests.advies.conftest import open_taak
from tests.factories import make_casus, make_signaal

TODAY = timezone.localdate()


def _indicator(code):
    return Indicator.objects.get(groep__lijst=IndicatorLijst.objects.actueel(), code=code)


@pytest.fixture
def proces(indicatorlijst, coordinator, politie, zorg):
    """Police record a signal and open a case from it that the municipality
    coordinates; care joins, and both are asked for an assessment."""
    signaal = make_signaal(politie, codes=("ALG-01", "ARB-01"), naam="Ana Voorbeeld")
    casus = services.casus_open_from_signaal(
        ctx=AuditContext.system(politie),
        signaal=signaal,
        coordinerende_organisatie=coordinator.organisatie,
    )
    deelname_add(ctx=AuditContext.system(coordinator), casus=casus, organisatie=zorg.organisatie)
    proces = services.proces_start(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisaties=[politie.organisatie, zorg.organisatie],
        deadline=TODAY + datetime.timedelta(days=14),
    )
    proces.signaal = signaal
    return proces


def _task_page(user, proces):
    taak = open_taak(proces, IdentificatieFlow.beoordelen, user.organisatie)
    services.taak_claim(ctx=AuditContext.system(user), taak=taak)
    client = Client()
    client.force_login(user)
    url = reverse("identificatie:taak", args=[taak.public_id])
    return client, url, client.get(url)


def _checked(html, indicator) -> bool:
    tag = re.search(rf'<input[^>]*name="indicatoren"[^>]*value="{indicator.pk}"[^>]*>', html)
    assert tag, f"no checkbox for {indicator}"
    return "checked" in tag.group(0)


def test_a_new_assessment_starts_with_the_signals_indicators_marked(proces, politie, zorg):
    _client, _url, response = _task_page(zorg, proces)
    html = response.content.decode()
    assert _checked(html, _indicator("ALG-01")) and _checked(html, _indicator("ARB-01"))
    assert not _checked(html, _indicator("ALG-02"))
    bron = f"uit het signaal van {datum(proces.signaal.waargenomen_op)} (Politie Voorbeeld)"
    assert html.count(bron) == 2
    # The organisation and the date, never who recorded it.
    assert naam(politie) not in html


def test_the_assessor_can_untick_them(proces, zorg):
    client, url, _response = _task_page(zorg, proces)
    response = client.post(
        url,
        {
            "oordeel": "enige",
            "feiten": "Feit.",
            "professioneel_oordeel": "Oordeel.",
            "onderbouwing": "Waarom.",
            "indicatoren": [_indicator("ARB-01").pk],
        },
    )
    assert response.status_code == 302
    beoordeling = Beoordeling.objects.get(organisatie=zorg.organisatie)
    assert list(beoordeling.indicatoren.values_list("code", flat=True)) == ["ARB-01"]


def test_a_submitted_assessment_is_shown_as_it_was_saved(proces, zorg):
    client, url, _response = _task_page(zorg, proces)
    client.post(
        url,
        {"oordeel": "enige", "feiten": "F.", "professioneel_oordeel": "O.", "onderbouwing": "W."},
    )
    html = client.get(
        reverse("identificatie:mijn-beoordeling", args=[proces.casus.public_id, proces.public_id])
    ).content.decode()
    assert not _checked(html, _indicator("ALG-01"))
    assert "uit het signaal" not in html


def test_only_signals_of_this_case_that_the_assessor_sees_count(
    proces, coordinator, politie, zorg, buitenstaander
):
    # A signal on another case of the same police force, and care's own waiting one.
    ander = make_casus(coordinator, deelnemers=[politie.organisatie])
    services.signaal_attach(
        ctx=AuditContext.system(politie),
        signaal=make_signaal(politie, codes=("ALG-02",)),
        casus=ander,
    )
    make_signaal(zorg, codes=("ALG-03",))
    gezien = selectors.indicatoren_uit_signalen(user=zorg, proces=proces)
    assert sorted(Indicator.objects.get(pk=pk).code for pk in gezien) == ["ALG-01", "ARB-01"]
    # Someone who may not see the case's signals learns nothing from them.
    assert selectors.indicatoren_uit_signalen(user=buitenstaander, proces=proces) == {}
