"""Benchmark: what the audit trail's hash chain costs a writer.

On its own database (a fresh SQLite file, or with ``DATABASE_URL`` a dedicated
PostgreSQL database whose name contains "bench", as ``bench/case_list.py``), in
alternating rounds so both sides see the same table size:

* single: ``audit_log`` (lock, read the head, hash, INSERT; one transaction per row)
  against a floor that inserts the same row, built the same way, in its own
  transaction without the chain;
* batch: ``audit_log_many`` of 25 rows (one INSERT) against ``bulk_create`` of the
  same 25 rows;
* verify: ``audit_verify``'s work (read every row, recompute its hash), per 1,000 rows.

The floor's rows take the next numbers too (counted here, not read under a lock),
with dummy hashes, so the table and its unique index grow the same on both sides.

Run from the repository root::

    .venv/bin/python bench/audit_chain.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casusoverleg_bench \\
        .venv/bin/python bench/audit_chain.py

The last line of output is one JSON object with the figures.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.case_list import Database  # noqa: E402

BATCH = 25


def say(*args):
    print(*args, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--rows", type=int, default=200, help="single rows per round and side")
    parser.add_argument("--batches", type=int, default=10, help="batches per round and side")
    return parser.parse_args()


def main():
    args = parse_args()
    db = Database()
    db.configure_environment()
    db.create()

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import transaction

    from casusoverleg import audit_chain
    from casusoverleg.audit import AuditContext, _event, audit_log, audit_log_many
    from casusoverleg.models import AuditEvent
    from tests.factories import UserFactory

    result = {"bench": "audit_chain", "backend": db.backend}
    try:
        say(f"backend: {db.backend}")
        call_command("migrate", verbosity=0, interactive=False)
        ctx = AuditContext(
            user=UserFactory(username="bench"),
            doel="casusoverleg",
            ip="2001:db8::7",
            user_agent="Mozilla/5.0 (bench) " + "x" * 80,
        )
        row = {
            "actie": "lezen",
            "object_type": "casus",
            "object_id": "0f3c9a8e2b7d4c1a",
            "casus_public_id": "0f3c9a8e2b7d4c1a",
            "detail": {"pagina": "detail", "ids": list(range(5))},
        }

        def floor_rows(n):
            head = AuditEvent.objects.order_by("-volgnummer").values_list("volgnummer", flat=True)
            number = floor_rows.next or head.first() or 0
            events = [_event(ctx, **row) for _ in range(n)]
            for event in events:
                number += 1
                event.volgnummer, event.vorige_hash, event.hash = number, "0" * 64, "0" * 64
            floor_rows.next = number
            return events

        floor_rows.next = None

        single = {"chain": [], "floor": []}
        batch = {"chain": [], "floor": []}
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            for _ in range(args.rows):
                audit_log(ctx, **row)
            floor_rows.next = None
            single["chain"].append((time.perf_counter() - t0) / args.rows)

            t0 = time.perf_counter()
            for _ in range(args.rows):
                (event,) = floor_rows(1)
                with transaction.atomic():
                    event.save()
            single["floor"].append((time.perf_counter() - t0) / args.rows)

            t0 = time.perf_counter()
            for _ in range(args.batches):
                audit_log_many(ctx, [row] * BATCH)
            floor_rows.next = None
            batch["chain"].append((time.perf_counter() - t0) / args.batches)

            t0 = time.perf_counter()
            for _ in range(args.batches):
                with transaction.atomic():
                    AuditEvent.objects.bulk_create(floor_rows(BATCH))
            batch["floor"].append((time.perf_counter() - t0) / args.batches)

        t0 = time.perf_counter()
        total = 0
        for event in AuditEvent.objects.order_by("volgnummer").iterator(chunk_size=2_000):
            volgnummer, vorige = event.volgnummer, event.vorige_hash
            audit_chain.event_hash(event, volgnummer=volgnummer, vorige_hash=vorige)
            total += 1
        verify_s = time.perf_counter() - t0

        def ms(values):
            return round(statistics.median(values) * 1000, 3)

        result.update(
            {
                "rows": total,
                "single_chain_ms": ms(single["chain"]),
                "single_floor_ms": ms(single["floor"]),
                "batch_chain_ms": ms(batch["chain"]),
                "batch_floor_ms": ms(batch["floor"]),
                "verify_ms_per_1000": round(verify_s * 1000 / total * 1000, 2),
            }
        )
        result["single_ratio"] = round(result["single_chain_ms"] / result["single_floor_ms"], 2)
        result["batch_ratio"] = round(result["batch_chain_ms"] / result["batch_floor_ms"], 2)
        say(
            f"single row: chain {result['single_chain_ms']} ms, floor "
            f"{result['single_floor_ms']} ms (x{result['single_ratio']})"
        )
        say(
            f"batch of {BATCH}: chain {result['batch_chain_ms']} ms, floor "
            f"{result['batch_floor_ms']} ms (x{result['batch_ratio']})"
        )
        say(f"verify: {result['verify_ms_per_1000']} ms per 1,000 rows ({total} rows)")
    finally:
        db.destroy()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
