"""The demo meetings: planned through the services, and left alone the second time."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from zorgtafel.models import Zorgtafel


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_plans_a_past_and_a_coming_meeting_once():
    call_command("demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "0 zorgtafels gepland." in out.getvalue()
    vorige, komend = Zorgtafel.objects.order_by("begint_op")
    assert vorige.status == Zorgtafel.Status.GESLOTEN
    assert komend.status == Zorgtafel.Status.GEPLAND
