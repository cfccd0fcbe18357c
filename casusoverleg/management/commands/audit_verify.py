"""Recompute the audit trail's hash chain and name the first row where it breaks.

Exit status 0 when the chain holds and the append-only triggers are in place (the
last sequence number and hash are printed: keep them elsewhere, see README "Audit
trail"), 1 at the first break, a mismatching anchor or a missing trigger.
"""

import re

from django.core.management.base import BaseCommand, CommandError

from casusoverleg.audit import audit_chain_hash_at, audit_chain_verify, audit_triggers_missing

ANCHOR = re.compile(r"^(?P<volgnummer>[1-9][0-9]*):(?P<hash>[0-9a-f]{64})$")


def anchor(value: str) -> tuple[int, str]:
    match = ANCHOR.match(value.strip().lower())
    if not match:
        raise ValueError(value)
    return int(match["volgnummer"]), match["hash"]


class Command(BaseCommand):
    help = (
        "Controleer de hashketen van de audittrail; noemt de eerste regel waar de keten "
        "breekt en eindigt dan met status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            action="append",
            type=anchor,
            default=[],
            metavar="VOLGNUMMER:HASH",
            help="a sequence number and hash recorded earlier (repeatable): the row must "
            "still be there with that hash, which also catches removed rows at the end",
        )

    def handle(self, *args, anchor, **options):
        result = audit_chain_verify()
        if not result.valid:
            intact = result.last_volgnummer
            raise CommandError(
                f"Audit chain broken at {result.first_break}."
                + (f" Rows 1-{intact} are intact." if intact else "")
            )
        for volgnummer, expected in anchor:
            stored = audit_chain_hash_at(volgnummer)
            if stored is None:
                raise CommandError(
                    f"Anchor {volgnummer}: row volgnummer {volgnummer} is missing "
                    f"(the chain now ends at {result.last_volgnummer})."
                )
            if stored != expected:
                raise CommandError(
                    f"Anchor {volgnummer}: row volgnummer {volgnummer} has hash {stored}, "
                    f"not the recorded {expected}: the chain was rewritten from there or before."
                )
        missing = audit_triggers_missing()
        if missing:
            raise CommandError(
                f"Audit chain valid, but the append-only triggers {', '.join(missing)} are "
                "missing or disabled: restore them (migration 0009) and find out why."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Audit chain valid: {result.rows} rows.")
            + f"\nlast volgnummer: {result.last_volgnummer}\nlast hash: {result.last_hash}"
        )
