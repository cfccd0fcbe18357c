from django.conf import settings
from django.db import migrations

from casusoverleg.persoonssleutel import persoonssleutel


def backfill(apps, schema_editor):
    """Keys for the signals recorded before person keys existed, with the key in the
    settings now (``PERSOON_SLEUTEL``); none without a name and an exact birth date."""
    Signaal = apps.get_model("identificatie", "Signaal")
    for signaal in Signaal.objects.filter(geboortedatum__isnull=False).exclude(naam="").iterator():
        sleutel = persoonssleutel(
            signaal.naam, signaal.geboortedatum, sleutel=settings.PERSOON_SLEUTEL
        )
        if sleutel:
            Signaal.objects.filter(pk=signaal.pk).update(persoonssleutel=sleutel)


class Migration(migrations.Migration):
    dependencies = [("identificatie", "0015_signaal_persoonssleutel")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
