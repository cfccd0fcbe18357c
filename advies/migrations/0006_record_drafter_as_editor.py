"""Every existing version's recorded drafter becomes its first recorded editor."""

from django.db import migrations


def copy(apps, schema_editor):
    Advies = apps.get_model("advies", "Advies")
    for advies in Advies.objects.all():
        advies.bewerkers.add(advies.opgesteld_door_id)


class Migration(migrations.Migration):
    dependencies = [("advies", "0005_add_editors_and_correction_process")]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
