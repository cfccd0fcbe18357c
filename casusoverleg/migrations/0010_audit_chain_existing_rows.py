"""Link the audit rows that exist before the chain, in the order they were written
(time, then id), so ``audit_verify`` covers them too."""

from django.db import migrations

from casusoverleg import audit_chain

BATCH = 2_000
FIELDS = ["volgnummer", "vorige_hash", "hash"]


def link_existing_rows(apps, schema_editor):
    AuditEvent = apps.get_model("casusoverleg", "AuditEvent")
    volgnummer, vorige = 0, audit_chain.GENESIS_HASH
    batch = []
    for event in AuditEvent.objects.order_by("op", "pk").iterator(chunk_size=BATCH):
        audit_chain.link([event], after_volgnummer=volgnummer, after_hash=vorige)
        volgnummer, vorige = event.volgnummer, event.hash
        batch.append(event)
        if len(batch) == BATCH:
            AuditEvent.objects.bulk_update(batch, FIELDS)
            batch = []
    AuditEvent.objects.bulk_update(batch, FIELDS)


def unlink(apps, schema_editor):
    AuditEvent = apps.get_model("casusoverleg", "AuditEvent")
    AuditEvent.objects.update(volgnummer=None, vorige_hash="", hash="")


class Migration(migrations.Migration):
    dependencies = [("casusoverleg", "0009_audit_chain_fields")]

    operations = [migrations.RunPython(link_existing_rows, unlink)]
