import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from viewflow.workflow.status import STATUS

from advies.models import Advies
from identificatie.flows import IdentificatieFlow
from identificatie.models import IdentificatieProces, Taak


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_has_processes_in_every_state_and_is_idempotent():
    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())
    assert IdentificatieProces.objects.count() == 4
    open_ = Taak.objects.filter(task__status__in=[STATUS.NEW, STATUS.ASSIGNED])
    assert open_.filter(task__flow_task=IdentificatieFlow.beoordelen).exists()
    assert open_.filter(deadline__lt=timezone.localdate()).exists()
    assert open_.filter(task__flow_task=IdentificatieFlow.review).exists()
    assert Advies.objects.filter(status="vastgesteld").count() == 1
    assert Advies.objects.filter(status="in_review").count() == 1
