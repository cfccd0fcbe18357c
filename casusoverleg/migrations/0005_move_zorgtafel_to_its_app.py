# The meeting models moved to the zorgtafel app. Only Django's picture of the
# models changes here; the tables and their rows stay (zorgtafel 0001 takes them
# over, zorgtafel 0002 renames them).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('casusoverleg', '0004_add_zorgtafel'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='agendapunt',
                name='besluit_door',
            ),
            migrations.RemoveField(
                model_name='agendapunt',
                name='casus',
            ),
            migrations.RemoveField(
                model_name='agendapunt',
                name='extra_genodigden',
            ),
            migrations.RemoveField(
                model_name='agendapunt',
                name='zorgtafel',
            ),
            migrations.RemoveField(
                model_name='zorgtafel',
                name='huidig_agendapunt',
            ),
            migrations.RemoveField(
                model_name='notule',
                name='agendapunt',
            ),
            migrations.RemoveField(
                model_name='notule',
                name='auteur',
            ),
            migrations.RemoveField(
                model_name='uitnodiging',
                name='user',
            ),
            migrations.RemoveField(
                model_name='uitnodiging',
                name='zorgtafel',
            ),
            migrations.RemoveField(
                model_name='zorgtafel',
                name='aangemaakt_door',
            ),
            migrations.RemoveField(
                model_name='zorgtafel',
                name='voorzitter',
            ),
            migrations.DeleteModel(
                name='Actiepunt',
            ),
            migrations.DeleteModel(
                name='Agendapunt',
            ),
            migrations.DeleteModel(
                name='Notule',
            ),
            migrations.DeleteModel(
                name='Uitnodiging',
            ),
            migrations.DeleteModel(
                name='Zorgtafel',
            ),
            ],
            database_operations=[],
        ),
    ]
