"""Data: the first national indicator list (identificatie/data/indicatoren_v1.json), published."""

from django.db import migrations
from django.utils import timezone

from identificatie import indicatoren


def forwards(apps, schema_editor):
    IndicatorLijst = apps.get_model("identificatie", "IndicatorLijst")
    data = indicatoren.read(indicatoren.EERSTE_LIJST)
    if IndicatorLijst.objects.filter(versie=data["versie"]).exists():
        return
    indicatoren.load(
        data,
        IndicatorLijst=IndicatorLijst,
        IndicatorGroep=apps.get_model("identificatie", "IndicatorGroep"),
        Indicator=apps.get_model("identificatie", "Indicator"),
        gepubliceerd_op=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [("identificatie", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
