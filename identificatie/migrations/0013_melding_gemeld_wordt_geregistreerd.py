"""Reports marked "gemeld" with a reference obtained outside the application become
"geregistreerd", the reference their registration number (stripped; a number used
twice keeps the first report's, later ones get their case number appended so the
unique constraint of the next migration holds)."""

from django.db import migrations


def gemeld_naar_geregistreerd(apps, schema_editor):
    Melding = apps.get_model("identificatie", "Melding")
    gezien = set()
    for melding in Melding.objects.filter(status="gemeld").select_related("casus").order_by("pk"):
        nummer = (melding.registratienummer or "").strip() or melding.casus.nummer
        if nummer in gezien:
            nummer = f"{nummer}/{melding.casus.nummer}"
        gezien.add(nummer)
        melding.status = "geregistreerd"
        melding.registratienummer = nummer
        melding.geregistreerd_op = melding.updated_at
        melding.save(update_fields=["status", "registratienummer", "geregistreerd_op"])


def geregistreerd_naar_gemeld(apps, schema_editor):
    Melding = apps.get_model("identificatie", "Melding")
    Melding.objects.filter(status="geregistreerd").update(status="gemeld")
    # A report only submitted had no counterpart: it is still to be reported.
    Melding.objects.filter(status="ingediend").update(
        status="te_melden", gemeld_op=None, gemeld_door=None
    )


class Migration(migrations.Migration):
    dependencies = [("identificatie", "0012_melding_indienen_registreren")]

    operations = [migrations.RunPython(gemeld_naar_geregistreerd, geregistreerd_naar_gemeld)]
