"""Benchmark: the project group's dashboard at 7,500 and at 75,000 cases over two years.

Builds its own database (a fresh SQLite file, or with ``DATABASE_URL`` a dedicated
PostgreSQL database whose name contains "bench", dropped again at the end; see
``bench/case_list.py``), loads the demo and then the fictional background cases of
``statistiek.fictief`` (the ones ``manage.py fictieve_casussen`` makes), and measures
``/cijfers/`` for the project group through the Django test client:

* **cold**: the median of ``--requests`` requests with the cache cleared before each,
  so every request counts in the database and suppresses every table again;
* **warm**: the median with the cache kept: a look within ``STATISTIEK_VERVERSEN``
  (15 minutes), which reads the counted snapshot and the suppressed tables from
  the cache and renders the page;
* **floor**: the median of the start page for the same user, through the same
  middleware (a fair floor in the same run);
* the query count of one cold request.

First at 7,500 cases, then after adding 67,500 more at 75,000; the growth ratio is the
cold median at 75,000 over that at 7,500 (ten times the cases).

Run from the repository root::

    .venv/bin/python bench/dashboard.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casusoverleg_bench \\
        .venv/bin/python bench/dashboard.py

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

from bench.case_list import Database, analyze, say  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=75_000)
    parser.add_argument("--small", type=int, default=7_500, help="the first, smaller size")
    parser.add_argument("--requests", type=int, default=10, help="timed requests per figure")
    parser.add_argument("--seed", type=int, default=20261201)
    return parser.parse_args()


def median_ms(client, url, n, *, before=None):
    times = []
    for _ in range(n):
        if before:
            before()
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def measure(client, n):
    from django.core.cache import cache
    from django.db import connection
    from django.urls import reverse

    url = reverse("statistiek:dashboard")
    cache.clear()
    # Counted by a wrapper, not CaptureQueriesContext: the request's start empties
    # the query log, which is full (9,000) after building the cases, so the context
    # compared a full log with a fresh one and counted nothing.
    queries = []
    with connection.execute_wrapper(lambda run, sql, *rest: queries.append(sql) or run(sql, *rest)):
        response = client.get(url)
    assert response.status_code == 200
    # The main table's caption is there only when the table is published.
    assert b'id="casussen-bijschrift"' in response.content, "the main table must be published"
    figures = {
        "cold_ms": median_ms(client, url, n, before=cache.clear),
        "warm_ms": median_ms(client, url, n),
        "floor_ms": median_ms(client, reverse("casusoverleg:home"), n),
        "queries": len(queries),
    }
    say(
        "  dashboard: cold {cold_ms:.0f} ms, warm {warm_ms:.0f} ms, start page (floor) "
        "{floor_ms:.0f} ms, {queries} queries".format(**figures)
    )
    return figures


def main():
    args = parse_args()
    db = Database()
    db.configure_environment()
    db.create()

    import django

    django.setup()

    from django.core.management import call_command
    from django.test import Client, override_settings

    result = {"bench": "dashboard", "backend": db.backend, "cases": None}
    try:
        say(f"backend: {db.backend}")
        call_command("migrate", verbosity=0, interactive=False)
        static = {}
        try:
            # The production storage (hashed names from a manifest) needs collectstatic.
            call_command("collectstatic", verbosity=0, interactive=False)
        except Exception as exc:  # a broken asset must not stop the bench
            say(f"  WARNING: collectstatic failed ({type(exc).__name__}); plain storage")
            from django.conf import settings

            static["STORAGES"] = {
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
        # The production setting (tests.settings turns the snapshot off): "warm" is
        # then a look within the snapshot's time, "cold" one right after it expired.
        override_settings(**static, STATISTIEK_VERVERSEN=900).enable()
        with override_settings(
            DEBUG=True, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ):
            call_command("demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115

        from django.utils import timezone

        from casusoverleg.models import Casus, User
        from statistiek.fictief import fictieve_casussen_maken

        tot = timezone.localdate()
        client = Client()
        client.force_login(User.objects.get(username="projectgroep"))

        t = time.perf_counter()
        fictieve_casussen_maken(args.small, tot=tot, seed=args.seed)
        analyze(db.backend)
        klein = Casus.objects.count()
        say(f"{klein:,} cases built in {time.perf_counter() - t:.0f} s")
        kleine_meting = measure(client, args.requests)

        t = time.perf_counter()
        fictieve_casussen_maken(args.cases - args.small, tot=tot, seed=args.seed + 1)
        analyze(db.backend)
        groot = Casus.objects.count()
        say(f"{groot:,} cases built in {time.perf_counter() - t:.0f} s")
        meting = measure(client, args.requests)

        result.update(
            cases=groot,
            ms=round(meting["cold_ms"], 1),
            warm_ms=round(meting["warm_ms"], 1),
            floor_ms=round(meting["floor_ms"], 1),
            queries=meting["queries"],
            cases_small=klein,
            ms_small=round(kleine_meting["cold_ms"], 1),
            growth_ratio=round(meting["cold_ms"] / kleine_meting["cold_ms"], 2),
            ratio_to_floor=round(meting["cold_ms"] / meting["floor_ms"], 1),
        )
    finally:
        db.destroy()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
