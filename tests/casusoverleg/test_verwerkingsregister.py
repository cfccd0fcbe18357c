"""The processing register is generated from the code and the file is current."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from casusoverleg.management.commands.verwerkingsregister import BESTAND
from casusoverleg.verwerkingsregister import markdown, verwerkingen


def test_docs_privacy_md_is_what_the_code_says():
    call_command("verwerkingsregister", "--check")


def test_a_new_field_or_setting_makes_the_file_stale(settings, monkeypatch):
    settings.BEWAARTERMIJN_JAREN = 7
    assert "7 jaar na het sluiten van de casus" in markdown()
    with pytest.raises(CommandError, match="niet actueel"):
        call_command("verwerkingsregister", "--check")


def test_every_special_category_field_named_exists():
    for verwerking in verwerkingen():
        namen = {
            f.name for label in verwerking.modellen for f in apps.get_model(label)._meta.fields
        }
        assert verwerking.bijzonder <= namen, verwerking.naam


def test_every_model_with_case_data_is_in_the_register():
    """A model that points at a case holds data about its person: it must be in
    the register (or be one of the access tables, which hold no data of their own)."""
    geregistreerd = {label.lower() for v in verwerkingen() for label in v.modellen}
    casus = apps.get_model("casusoverleg.Casus")
    ontbreekt = [
        model._meta.label_lower
        for model in apps.get_models()
        if any(getattr(f, "related_model", None) is casus for f in model._meta.fields)
        and model._meta.label_lower not in geregistreerd
        and not model._meta.label_lower.endswith("objectpermission")
    ]
    assert ontbreekt == []


def test_the_file_exists_in_docs():
    assert BESTAND.name == "privacy.md" and BESTAND.exists()
