"""The case and the identification process most tests of this app start from: a case
coordinated by the municipality with police and care taking part, and a process that
invites those two with a deadline two weeks from today (a test file may override
``casus`` with its own participants)."""

import datetime

import pytest
from django.utils import timezone

from casusoverleg.audit import AuditContext
from identificatie import services
from tests.factories import make_casus


@pytest.fixture
def casus(coordinator, politie, zorg):
    return make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])


@pytest.fixture
def proces(casus, coordinator, politie, zorg):
    return services.proces_start(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisaties=[politie.organisatie, zorg.organisatie],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
