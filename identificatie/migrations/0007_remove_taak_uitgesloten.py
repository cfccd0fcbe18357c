from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("identificatie", "0006_copy_drafter_to_editors")]

    operations = [migrations.RemoveField(model_name="taak", name="uitgesloten")]
