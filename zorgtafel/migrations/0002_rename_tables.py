# The moved meeting tables get this app's names; content types (and with them the
# model permissions) follow, so nothing refers to casusoverleg's old models.

from django.db import migrations


MODELS = ["zorgtafel", "agendapunt", "uitnodiging", "notule", "actiepunt"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="casusoverleg", model__in=MODELS).update(
        app_label="zorgtafel"
    )


def back_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="zorgtafel", model__in=MODELS).update(
        app_label="casusoverleg"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('zorgtafel', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(move_content_types, back_content_types),
        migrations.RenameIndex(
            model_name='actiepunt',
            new_name='zorgtafel_a_eigenaa_2b0d60_idx',
            old_name='casusoverle_eigenaa_9c6717_idx',
        ),
        migrations.AlterModelTable(
            name='actiepunt',
            table=None,
        ),
        migrations.AlterModelTable(
            name='agendapunt',
            table=None,
        ),
        migrations.AlterModelTable(
            name='notule',
            table=None,
        ),
        migrations.AlterModelTable(
            name='uitnodiging',
            table=None,
        ),
        migrations.AlterModelTable(
            name='zorgtafel',
            table=None,
        ),
    ]
