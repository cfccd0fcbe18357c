from django.conf import settings
from django.db import migrations

from casusoverleg.persoonssleutel import persoonssleutels


def backfill(apps, schema_editor):
    """Keys for the cases recorded before person keys existed, with the key in the
    settings now (``PERSOON_SLEUTEL``)."""
    Casus = apps.get_model("casusoverleg", "Casus")
    Persoonssleutel = apps.get_model("casusoverleg", "Persoonssleutel")
    nieuw = []
    for casus in Casus.objects.filter(geboortedatum__isnull=False).iterator():
        for sleutel in sorted(
            persoonssleutels(
                casus.naam, casus.aliassen, casus.geboortedatum, sleutel=settings.PERSOON_SLEUTEL
            )
        ):
            nieuw.append(Persoonssleutel(casus_id=casus.pk, sleutel=sleutel))
    Persoonssleutel.objects.bulk_create(nieuw, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("casusoverleg", "0020_add_persoonssleutel_koppelverzoek")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
