from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("identificatie", "0013_melding_gemeld_wordt_geregistreerd")]

    operations = [
        migrations.AddConstraint(
            model_name='melding',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['ingediend', 'geregistreerd']), _negated=True), models.Q(('gemeld_op__isnull', False), ('gemeld_door__isnull', False)), _connector='OR'), name='melding_ingediend_compleet'),
        ),
        migrations.AddConstraint(
            model_name='melding',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'geregistreerd'), _negated=True), models.Q(models.Q(('registratienummer', ''), _negated=True), ('geregistreerd_op__isnull', False)), _connector='OR'), name='melding_geregistreerd_compleet'),
        ),
        migrations.AddConstraint(
            model_name='melding',
            constraint=models.UniqueConstraint(condition=models.Q(('registratienummer', ''), _negated=True), fields=('registratienummer',), name='melding_registratienummer_uniek'),
        ),
    ]
