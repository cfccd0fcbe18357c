"""Identification's notifications: a new assessment task is announced to the members
of its organisation who may take it; a submitted report reaches CoMensha once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.models import Melding, Meldingsoort
from identificatie import services
from identificatie.models import Taak
from tests.factories import UserFactory

TODAY = timezone.localdate()


def test_a_new_task_is_announced_to_its_organisation_only(
    casus, coordinator, politie, zorg, jeugdzorg, django_capture_on_commit_callbacks
):
    collega = UserFactory(username="politie2", organisatie=politie.organisatie)
    with django_capture_on_commit_callbacks(execute=True):
        proces = services.proces_start(
            ctx=AuditContext.system(coordinator),
            casus=casus,
            organisaties=[politie.organisatie],
            deadline=TODAY + datetime.timedelta(days=14),
        )
    nieuw = Melding.objects.filter(soort=Meldingsoort.NIEUWE_TAAK)
    assert set(nieuw.values_list("ontvanger", flat=True)) == {politie.pk, collega.pk}
    taak = Taak.objects.get(proces=proces)
    assert {m.url for m in nieuw} == {f"/taken/{taak.public_id}/"}
    assert not Melding.objects.filter(ontvanger__in=[zorg, jeugdzorg]).exists()


def test_a_submitted_report_reaches_comensha_once(
    casus, coordinator, comensha, politie, django_capture_on_commit_callbacks
):
    ctx = AuditContext.system(coordinator)
    melding = services.melding_create(casus=casus)
    with django_capture_on_commit_callbacks(execute=True):
        services.melding_submit(ctx=ctx, melding=melding)
        with pytest.raises(ValidationError):
            services.melding_submit(ctx=ctx, melding=melding)
    ontvangen = Melding.objects.filter(soort=Meldingsoort.MELDING_ONTVANGEN)
    assert list(ontvangen.values_list("ontvanger", flat=True)) == [comensha.pk]
    assert ontvangen.get().casus == casus
