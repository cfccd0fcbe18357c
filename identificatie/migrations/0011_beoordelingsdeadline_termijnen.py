"""Processes whose round is open get their assessment deadline as a term
(identificatie.termijnen), as ``proces_start`` now starts it: without one, a
running round would never close or escalate at its deadline."""

from django.db import migrations

from casusoverleg.models.casus import new_public_id


def termijnen_zetten(apps, schema_editor):
    IdentificatieProces = apps.get_model("identificatie", "IdentificatieProces")
    Termijn = apps.get_model("casusoverleg", "Termijn")
    open_rondes = IdentificatieProces.objects.filter(status="NEW", ronde_gesloten_op__isnull=True)
    for proces in open_rondes.iterator():
        if Termijn.objects.filter(
            casus_id=proces.casus_id, soort="beoordelingsdeadline", sleutel=proces.public_id
        ).exists():
            continue
        Termijn.objects.create(
            public_id=new_public_id(),
            casus_id=proces.casus_id,
            soort="beoordelingsdeadline",
            sleutel=proces.public_id,
            start=min(proces.created.date(), proces.deadline),
            einde=proces.deadline,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("casusoverleg", "0016_termijn_casustaak"),
        ("identificatie", "0010_proces_ronde_gesloten_wegens"),
    ]

    operations = [migrations.RunPython(termijnen_zetten, migrations.RunPython.noop)]
