# The meeting models, moved from casusoverleg (its 0004 created the tables):
# taken over as they are, rows included; 0002 gives the tables this app's names.

import casusoverleg.models.casus
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('casusoverleg', '0005_move_zorgtafel_to_its_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Agendapunt',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd')),
                    ('public_id', models.CharField(default=casusoverleg.models.casus.new_public_id, editable=False, max_length=32, unique=True)),
                    ('volgorde', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                    ('besluit', models.TextField(blank=True, verbose_name='besluit')),
                    ('uitkomst', models.CharField(blank=True, choices=[('vervolg', 'Vervolgafspraken gemaakt'), ('advies_opstellen', 'Advies opstellen'), ('aanhouden', 'Aanhouden: meer informatie nodig'), ('afgerond', 'Afgerond: geen verdere bespreking nodig')], max_length=30, verbose_name='uitkomst')),
                    ('besluit_op', models.DateTimeField(blank=True, null=True, verbose_name='besluit vastgelegd op')),
                    ('besluit_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('casus', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='agendapunten', to='casusoverleg.casus', verbose_name='casus')),
                    ('extra_genodigden', models.ManyToManyField(blank=True, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='extra genodigden')),
                ],
                options={
                    'verbose_name': 'agendapunt',
                    'verbose_name_plural': 'agendapunten',
                    'db_table': 'casusoverleg_agendapunt',
                    'ordering': ['zorgtafel', 'volgorde', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='Notule',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd')),
                    ('tekst', models.TextField(verbose_name='notulen')),
                    ('addendum', models.BooleanField(default=False, verbose_name='addendum')),
                    ('agendapunt', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notulen', to='zorgtafel.agendapunt')),
                    ('auteur', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='auteur')),
                ],
                options={
                    'verbose_name': 'notule',
                    'verbose_name_plural': 'notulen',
                    'db_table': 'casusoverleg_notule',
                    'ordering': ['agendapunt', 'created_at', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='Zorgtafel',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd')),
                    ('public_id', models.CharField(default=casusoverleg.models.casus.new_public_id, editable=False, max_length=32, unique=True)),
                    ('type', models.CharField(choices=[('minderjarigen', 'Zorgtafel minderjarigen'), ('identificatie_advies', 'Identificatie-advies'), ('overig', 'Overig overleg')], max_length=30, verbose_name='soort overleg')),
                    ('begint_op', models.DateTimeField(db_index=True, verbose_name='begint op')),
                    ('duur_minuten', models.PositiveSmallIntegerField(default=90, validators=[django.core.validators.MinValueValidator(15), django.core.validators.MaxValueValidator(480)], verbose_name='duur (minuten)')),
                    ('plaats', models.CharField(blank=True, max_length=200, verbose_name='plaats')),
                    ('videolink', models.URLField(blank=True, verbose_name='videolink')),
                    ('status', models.CharField(choices=[('gepland', 'Gepland'), ('gestart', 'Bezig'), ('gesloten', 'Gesloten'), ('geannuleerd', 'Geannuleerd')], db_index=True, default='gepland', max_length=20, verbose_name='status')),
                    ('gesloten_op', models.DateTimeField(blank=True, null=True, verbose_name='gesloten op')),
                    ('ics_sequence', models.PositiveIntegerField(default=0, editable=False)),
                    ('aangemaakt_door', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('huidig_agendapunt', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='zorgtafel.agendapunt')),
                    ('voorzitter', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='voorgezeten_zorgtafels', to=settings.AUTH_USER_MODEL, verbose_name='voorzitter')),
                ],
                options={
                    'verbose_name': 'zorgtafel',
                    'verbose_name_plural': 'zorgtafels',
                    'db_table': 'casusoverleg_zorgtafel',
                    'ordering': ['-begint_op'],
                },
            ),
            migrations.CreateModel(
                name='Uitnodiging',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd')),
                    ('actief', models.BooleanField(default=True, verbose_name='uitgenodigd')),
                    ('aanwezigheid', models.CharField(choices=[('onbekend', 'Nog niet bekend'), ('aanwezig', 'Aanwezig'), ('afgemeld', 'Afgemeld'), ('afwezig', 'Afwezig')], default='onbekend', max_length=20, verbose_name='aanwezigheid')),
                    ('vertrouwelijkheid_bevestigd_op', models.DateTimeField(blank=True, null=True, verbose_name='geheimhouding bevestigd op')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='zorgtafel_uitnodigingen', to=settings.AUTH_USER_MODEL, verbose_name='genodigde')),
                    ('zorgtafel', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='uitnodigingen', to='zorgtafel.zorgtafel')),
                ],
                options={
                    'verbose_name': 'uitnodiging',
                    'verbose_name_plural': 'uitnodigingen',
                    'db_table': 'casusoverleg_uitnodiging',
                    'ordering': ['zorgtafel', 'user__username'],
                },
            ),
            migrations.AddField(
                model_name='agendapunt',
                name='zorgtafel',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agendapunten', to='zorgtafel.zorgtafel'),
            ),
            migrations.CreateModel(
                name='Actiepunt',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd')),
                    ('public_id', models.CharField(default=casusoverleg.models.casus.new_public_id, editable=False, max_length=32, unique=True)),
                    ('omschrijving', models.TextField(verbose_name='actie')),
                    ('deadline', models.DateField(verbose_name='uiterlijk op')),
                    ('status', models.CharField(choices=[('open', 'Open'), ('gedaan', 'Gedaan'), ('niet_gedaan', 'Niet gedaan'), ('niet_mogelijk', 'Niet mogelijk')], db_index=True, default='open', max_length=20, verbose_name='status')),
                    ('reden', models.TextField(blank=True, verbose_name='reden')),
                    ('beoordeeld_op', models.DateTimeField(blank=True, null=True)),
                    ('beoordeeld_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('casus', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actiepunten', to='casusoverleg.casus')),
                    ('eigenaar', models.ForeignKey(help_text='De organisatie die de actie uitvoert; zij neemt deel aan de casus.', on_delete=django.db.models.deletion.PROTECT, related_name='actiepunten', to='casusoverleg.organisatie', verbose_name='eigenaar')),
                    ('agendapunt', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actiepunten', to='zorgtafel.agendapunt')),
                    ('beoordeeld_in', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='beoordelingen', to='zorgtafel.agendapunt')),
                ],
                options={
                    'verbose_name': 'actiepunt',
                    'verbose_name_plural': 'actiepunten',
                    'db_table': 'casusoverleg_actiepunt',
                    'ordering': ['deadline', 'pk'],
                    'indexes': [models.Index(fields=['eigenaar', 'status', 'deadline'], name='casusoverle_eigenaa_9c6717_idx')],
                    'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['open', 'gedaan']), models.Q(('reden', ''), _negated=True), _connector='OR'), name='actiepunt_reden_verplicht')],
                },
            ),
            migrations.AddConstraint(
                model_name='zorgtafel',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('plaats', ''), _negated=True), models.Q(('videolink', ''), _negated=True), _connector='OR'), name='zorgtafel_plaats_of_videolink'),
            ),
            migrations.AddConstraint(
                model_name='zorgtafel',
                constraint=models.CheckConstraint(condition=models.Q(('duur_minuten__gte', 15), ('duur_minuten__lte', 480)), name='zorgtafel_duur_redelijk'),
            ),
            migrations.AddConstraint(
                model_name='uitnodiging',
                constraint=models.UniqueConstraint(fields=('zorgtafel', 'user'), name='uitnodiging_eenmaal'),
            ),
            migrations.AddConstraint(
                model_name='agendapunt',
                constraint=models.UniqueConstraint(fields=('zorgtafel', 'casus'), name='agendapunt_casus_eenmaal'),
            ),
            ],
            database_operations=[],
        ),
    ]
