"""The demo's adopted advice has its stored PDF (it is adopted through the services)."""

import hashlib

import pytest
from django.core.management import call_command
from django.test import override_settings

from advies.models import Advies


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_the_adopted_demo_advice_has_its_pdf():
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    adopted = Advies.objects.filter(status="vastgesteld")
    assert adopted.exists()
    for advies in adopted:
        assert hashlib.sha256(bytes(advies.pdf.inhoud)).hexdigest() == advies.pdf_sha256
