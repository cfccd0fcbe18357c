"""The drafter a review task excluded becomes its first recorded editor."""

from django.db import migrations


def copy(apps, schema_editor):
    Taak = apps.get_model("identificatie", "Taak")
    for taak in Taak.objects.filter(uitgesloten__isnull=False):
        taak.bewerkers.add(taak.uitgesloten_id)


def back(apps, schema_editor):
    Taak = apps.get_model("identificatie", "Taak")
    for taak in Taak.objects.all():
        first = taak.bewerkers.order_by("pk").first()
        if first is not None:
            taak.uitgesloten_id = first.pk
            taak.save(update_fields=["uitgesloten"])


class Migration(migrations.Migration):
    dependencies = [("identificatie", "0005_taak_any_process_and_editors")]

    operations = [migrations.RunPython(copy, back)]
