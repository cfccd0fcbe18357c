"""Benchmark: the case list and a case detail page at production scale.

Builds its own database - a fresh SQLite file in a temporary directory, or, when
``DATABASE_URL`` is set, a dedicated PostgreSQL database whose name must contain
"bench" (it is dropped and recreated, and dropped again at the end) - with 300
organisations, 2,000 users, 75,000 cases and about 750,000 object-permission
rows, then measures through the Django test client:

* the access query ``casussen_for_user`` on its own (time and query plan);
* the case list and a case detail page for a participant with 50 cases;
* a floor: a bare view doing one indexed query, through the same middleware;
* the list page's query count for users with 1 and with 500 cases.

Run from the repository root::

    .venv/bin/python bench/case_list.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casusoverleg_bench \\
        .venv/bin/python bench/case_list.py

The last line of output is one JSON object with the figures.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CHUNK = 5_000
BATCH = 2_000
FLOOR_PATH = "/__bench__/floor/{}/"


def say(*args):
    print(*args, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--cases", type=int, default=75_000)
    parser.add_argument("--requests", type=int, default=25, help="timed requests per page")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="run ANALYZE on SQLite too (PostgreSQL is always analyzed, as autovacuum would)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile summary of the list and detail"
    )
    return parser.parse_args()


# --- database ---------------------------------------------------------------------------


class Database:
    """The bench's own database; configured in the environment before ``django.setup()``."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="casusoverleg-bench-"))
        self.url = os.environ.get("DATABASE_URL", "")
        self.pg = None
        if self.url:
            import dj_database_url

            cfg = dj_database_url.parse(self.url)
            if cfg["ENGINE"] != "django.db.backends.postgresql":
                sys.exit(f"DATABASE_URL: only PostgreSQL is supported, not {cfg['ENGINE']}")
            if "bench" not in cfg["NAME"]:
                sys.exit(
                    f"DATABASE_URL names database {cfg['NAME']!r}; the bench drops its "
                    "database, so its name must contain 'bench' (e.g. casusoverleg_bench)."
                )
            self.pg = cfg
            self.backend = "postgresql"
        else:
            self.url = f"sqlite:///{self.tmp / 'bench.sqlite3'}"
            self.backend = "sqlite"

    def configure_environment(self):
        os.environ["VAR_DIR"] = str(self.tmp)
        os.environ["DATABASE_URL"] = self.url
        os.environ["DEBUG"] = "0"
        os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
        os.environ.pop("REDIS_URL", None)

    def _maintenance(self):
        import psycopg

        return psycopg.connect(
            host=self.pg["HOST"] or "127.0.0.1",
            port=self.pg["PORT"] or 5432,
            user=self.pg["USER"] or "postgres",
            password=self.pg["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )

    def _drop_pg(self, conn):
        from psycopg import sql

        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(self.pg["NAME"])
            )
        )

    def create(self):
        if self.pg:
            from psycopg import sql

            with self._maintenance() as conn:
                self._drop_pg(conn)
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.pg["NAME"])))

    def destroy(self):
        from django.db import connections

        connections.close_all()
        if self.pg:
            with self._maintenance() as conn:
                self._drop_pg(conn)
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- building the data ------------------------------------------------------------------


@contextmanager
def explicit_timestamps(*models):
    """Let bulk_create store the created_at/updated_at we give (spread over years)."""
    saved = []
    for model in models:
        for name in ("created_at", "updated_at"):
            field = model._meta.get_field(name)
            saved.append((field, field.auto_now, field.auto_now_add))
            field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Builder:
    def __init__(self, args):
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        from casusoverleg.models import Casus
        from casusoverleg.permissions import CHANGE, COORDINATE, VIEW

        self.args = args
        self.rng = random.Random(args.seed)
        ct = ContentType.objects.get_for_model(Casus)
        self.perm_ids = dict(
            Permission.objects.filter(
                content_type=ct, codename__in=[VIEW, CHANGE, COORDINATE]
            ).values_list("codename", "pk")
        )
        assert len(self.perm_ids) == 3, self.perm_ids
        self.counts = {}

    # organisations and users

    def organisations(self):
        from django.db import transaction

        from casusoverleg.models import DISCIPLINES_WITHOUT_CASE_ACCESS, Discipline, Organisatie

        allowed = [d for d in Discipline if d not in DISCIPLINES_WITHOUT_CASE_ACCESS]
        # Roughly the landscape: many municipalities, care providers, police units
        # and law firms; few national bodies.
        weights = {
            Discipline.GEMEENTE: 8,
            Discipline.ZORG: 8,
            Discipline.POLITIE: 5,
            Discipline.ADVOCATUUR: 5,
            Discipline.JEUGDZORG: 4,
            Discipline.SLACHTOFFERHULP: 2,
        }
        n_random = self.args.organisations - 3
        disciplines = self.rng.choices(allowed, [weights.get(d, 1) for d in allowed], k=n_random)
        # Every discipline at least once.
        disciplines[: len(allowed)] = allowed
        orgs = []
        with transaction.atomic():
            for i, discipline in enumerate(disciplines):
                org = Organisatie(naam=f"{discipline.label} {i:03d}", discipline=discipline)
                org.save()  # creates its group
                orgs.append(org)
            self.dedicated = {}
            for n in (1, 50, 500):
                org = Organisatie(naam=f"Bench {n} casussen", discipline=Discipline.ZORG)
                org.save()
                self.dedicated[n] = org
        self.orgs = orgs
        self.org_weight = {o.pk: self.rng.lognormvariate(0, 0.8) for o in orgs}
        self.lawfirms = [o for o in orgs if o.discipline == Discipline.ADVOCATUUR]
        self.case_orgs = [o for o in orgs if o.discipline != Discipline.ADVOCATUUR]
        self.counts["organisations"] = Organisatie.objects.count()

    def users(self):
        from django.contrib.auth.hashers import make_password
        from django.db import transaction

        from casusoverleg.models import User

        password = make_password("bench-wachtwoord")
        n_random = self.args.users - 3
        owners = list(self.orgs)  # one each, then the rest weighted
        owners += self.rng.choices(
            self.orgs, [self.org_weight[o.pk] for o in self.orgs], k=n_random - len(owners)
        )
        users = []
        seen = set()
        for i, org in enumerate(owners):
            first = org.pk not in seen
            seen.add(org.pk)
            users.append(
                User(
                    username=f"user{i:05d}",
                    email=f"user{i:05d}@example.org",
                    first_name="Gebruiker",
                    last_name=f"{i:05d}",
                    password=password,
                    organisatie=org,
                    is_coordinator=first or self.rng.random() < 0.15,
                    is_reviewer=self.rng.random() < 0.1,
                )
            )
        for n, org in self.dedicated.items():
            users.append(
                User(
                    username=f"bench{n}",
                    email=f"bench{n}@example.org",
                    first_name="Bench",
                    last_name=f"{n} casussen",
                    password=password,
                    organisatie=org,
                )
            )
        with transaction.atomic():
            User.objects.bulk_create(users, batch_size=BATCH)
            if users[0].pk is None:  # backends without RETURNING
                by_name = dict(User.objects.values_list("username", "pk"))
                for u in users:
                    u.pk = by_name[u.username]
            groep = {o.pk: o.groep_id for o in [*self.orgs, *self.dedicated.values()]}
            through = User.groups.through
            through.objects.bulk_create(
                [through(user_id=u.pk, group_id=groep[u.organisatie_id]) for u in users],
                batch_size=BATCH,
            )
        self.coordinators = {}
        self.lawyers = []
        lawfirm_ids = {o.pk for o in self.lawfirms}
        for u in users:
            if u.is_coordinator:
                self.coordinators.setdefault(u.organisatie_id, []).append(u)
            if u.organisatie_id in lawfirm_ids:
                self.lawyers.append(u)
        self.bench_users = {n: u for n, u in zip((1, 50, 500), users[-3:], strict=True)}
        self.counts["users"] = User.objects.count()

    # cases

    def cases(self):
        from django.db import transaction
        from django.utils import timezone

        from casusoverleg.models import Behoefte, Casus, Deelname

        n = self.args.cases
        end = timezone.now() - datetime.timedelta(hours=1)
        start = end - datetime.timedelta(days=5 * 365)
        step = (end - start) / n
        self.year_counter = {}
        coord_orgs = [o for o in self.case_orgs if o.pk in self.coordinators]
        self.coord_orgs = coord_orgs
        coord_weights = [self.org_weight[o.pk] for o in coord_orgs]
        part_weights = [self.org_weight[o.pk] for o in self.case_orgs]
        self.case_ids = []
        with explicit_timestamps(Casus, Deelname, Behoefte):
            for chunk_start in range(0, n, CHUNK):
                chunk = range(chunk_start, min(n, chunk_start + CHUNK))
                with transaction.atomic():
                    self._chunk(chunk, start, step, end, coord_orgs, coord_weights, part_weights)
                say(f"  cases {chunk.stop:>7,}/{n:,}")
        self._volgnummers()

    def _casus(self, i, start, step, end, coord_orgs, coord_weights):
        from casusoverleg.models import Casus
        from casusoverleg.models.casus import new_public_id

        rng = self.rng
        created = start + step * i + datetime.timedelta(seconds=rng.uniform(0, 60))
        year = created.year
        self.year_counter[year] = self.year_counter.get(year, 0) + 1
        org = rng.choices(coord_orgs, coord_weights)[0]
        geboortedatum = geschat = None
        if rng.random() < 0.7:
            geboortedatum = datetime.date(rng.randint(1970, 2010), rng.randint(1, 12), 15)
        elif rng.random() < 0.6:
            geschat = rng.randint(1975, 2012)
        return Casus(
            nummer=f"NVM-{year}-{self.year_counter[year]:06d}",
            public_id=new_public_id(),
            # Older cases are mostly closed, recent ones mostly open.
            status=rng.choices(
                [s for s, _ in Casus.Status.choices],
                [1, 1, 2, 6] if i < 0.7 * self.args.cases else [4, 4, 2, 1],
            )[0],
            coordinerende_organisatie=org,
            coordinator=rng.choice(self.coordinators[org.pk]),
            naam=f"Persoon {i:06d}",
            aliassen="" if rng.random() < 0.7 else f"Alias {i}\nAnder {i}",
            geboortedatum=geboortedatum,
            geschat_geboortejaar=geschat,
            geslacht=rng.choice([g for g, _ in Casus.Geslacht.choices]),
            nationaliteit=rng.choice(["NL", "RO", "BG", "NG", "VN", "UA", "PL", "ER", "MA", ""]),
            talen=rng.choice(["", "Engels", "Roemeens, Engels", "Vietnamees", "Nederlands"]),
            veilig_contact="" if rng.random() < 0.5 else "Alleen via de begeleider bellen.",
            datum_eerste_signaal=(created - datetime.timedelta(days=rng.randint(0, 60))).date(),
            created_at=created,
            updated_at=min(end, created + datetime.timedelta(days=rng.uniform(0, 120))),
        )

    def _chunk(self, chunk, start, step, end, coord_orgs, coord_weights, part_weights):
        from casusoverleg.models import (
            Behoefte,
            Casus,
            CasusGroupObjectPermission,
            CasusUitbuiting,
            CasusUserObjectPermission,
            Deelname,
            Uitbuitingsvorm,
        )
        from casusoverleg.permissions import ROL_PERMISSIONS

        rng = self.rng
        cases = [self._casus(i, start, step, end, coord_orgs, coord_weights) for i in chunk]
        Casus.objects.bulk_create(cases, batch_size=BATCH)
        if cases[0].pk is None:
            by_nummer = dict(
                Casus.objects.filter(nummer__in=[c.nummer for c in cases]).values_list(
                    "nummer", "pk"
                )
            )
            for c in cases:
                c.pk = by_nummer[c.nummer]
        self.case_ids.extend(c.pk for c in cases)

        vormen = [v for v, _ in Uitbuitingsvorm.choices]
        vorm_weights = [5, 4, 3, 1, 0.2, 1]
        behoefte_types = [t for t, _ in Behoefte.Type.choices]
        uitbuitingen, behoeften, deelnames, gperms, uperms = [], [], [], [], []
        for c in cases:
            k = 1 if rng.random() < 0.6 else 2
            picked = set()
            while len(picked) < k:
                picked.add(rng.choices(vormen, vorm_weights)[0])
            uitbuitingen += [CasusUitbuiting(casus_id=c.pk, vorm=v) for v in sorted(picked)]

            participants = [(c.coordinerende_organisatie, Deelname.Rol.COORDINATOR)]
            others = set()
            want = rng.choice([3, 4, 4, 4])
            while len(others) < want:
                o = rng.choices(self.case_orgs, part_weights)[0]
                if o.pk != c.coordinerende_organisatie_id:
                    others.add(o)
            for o in sorted(others, key=lambda o: o.pk):
                rol = Deelname.Rol.DEELNEMER if rng.random() < 0.75 else Deelname.Rol.WAARNEMER
                participants.append((o, rol))
            for o, rol in participants:
                deelnames.append(
                    Deelname(
                        casus_id=c.pk,
                        organisatie=o,
                        rol=rol,
                        toegevoegd_door_id=c.coordinator_id,
                        created_at=c.created_at,
                        updated_at=c.created_at,
                    )
                )
                gperms += [
                    CasusGroupObjectPermission(
                        group_id=o.groep_id, permission_id=self.perm_ids[p], content_object_id=c.pk
                    )
                    for p in ROL_PERMISSIONS[rol]
                ]
            if rng.random() < 0.3 and self.lawyers:
                lawyer = rng.choice(self.lawyers)
                deelnames.append(
                    Deelname(
                        casus_id=c.pk,
                        organisatie_id=lawyer.organisatie_id,
                        persoon_id=lawyer.pk,
                        rol=Deelname.Rol.DEELNEMER,
                        toegevoegd_door_id=c.coordinator_id,
                        created_at=c.created_at,
                        updated_at=c.created_at,
                    )
                )
                uperms += [
                    CasusUserObjectPermission(
                        user_id=lawyer.pk, permission_id=self.perm_ids[p], content_object_id=c.pk
                    )
                    for p in ROL_PERMISSIONS[Deelname.Rol.DEELNEMER]
                ]
            if rng.random() < 0.05:  # an ended participation: a row, no permissions
                o = rng.choice(self.case_orgs)
                ended = min(end, c.created_at + datetime.timedelta(days=30))
                deelnames.append(
                    Deelname(
                        casus_id=c.pk,
                        organisatie=o,
                        rol=Deelname.Rol.WAARNEMER,
                        toegevoegd_door_id=c.coordinator_id,
                        beeindigd_op=ended,
                        beeindigd_door_id=c.coordinator_id,
                        created_at=c.created_at,
                        updated_at=ended,
                    )
                )
            for _ in range(rng.choice([0, 1, 1, 1, 2])):
                status = rng.choice(["open", "in_behandeling", "geregeld", "niet_mogelijk"])
                behoeften.append(
                    Behoefte(
                        casus_id=c.pk,
                        type=rng.choice(behoefte_types),
                        eigenaar=rng.choice(participants)[0],
                        status=status,
                        reden_niet_mogelijk="Geen plek." if status == "niet_mogelijk" else "",
                        created_at=c.created_at,
                        updated_at=c.updated_at,
                    )
                )
        CasusUitbuiting.objects.bulk_create(uitbuitingen, batch_size=BATCH)
        Behoefte.objects.bulk_create(behoeften, batch_size=BATCH)
        Deelname.objects.bulk_create(deelnames, batch_size=BATCH)
        CasusGroupObjectPermission.objects.bulk_create(gperms, batch_size=BATCH)
        CasusUserObjectPermission.objects.bulk_create(uperms, batch_size=BATCH)

    def _volgnummers(self):
        from casusoverleg.models import Volgnummer

        Volgnummer.objects.bulk_create(
            [Volgnummer(jaar=y, laatste=n) for y, n in sorted(self.year_counter.items())]
        )

    def dedicated_participation(self):
        """The bench users' organisations take part (view + change) in exactly n cases."""
        from django.db import transaction

        from casusoverleg.models import Casus, CasusGroupObjectPermission, Deelname
        from casusoverleg.permissions import ROL_PERMISSIONS

        self.bench_cases = {}
        with transaction.atomic():
            for n, org in self.dedicated.items():
                ids = sorted(self.rng.sample(self.case_ids, n))
                self.bench_cases[n] = ids
                rows = Casus.objects.filter(pk__in=ids).values_list("pk", "coordinator_id")
                Deelname.objects.bulk_create(
                    [
                        Deelname(
                            casus_id=pk,
                            organisatie=org,
                            rol=Deelname.Rol.DEELNEMER,
                            toegevoegd_door_id=coordinator_id,
                        )
                        for pk, coordinator_id in rows
                    ],
                    batch_size=BATCH,
                )
                CasusGroupObjectPermission.objects.bulk_create(
                    [
                        CasusGroupObjectPermission(
                            group_id=org.groep_id,
                            permission_id=self.perm_ids[p],
                            content_object_id=pk,
                        )
                        for pk in ids
                        for p in ROL_PERMISSIONS[Deelname.Rol.DEELNEMER]
                    ],
                    batch_size=BATCH,
                )

    def count(self):
        from casusoverleg.models import (
            Behoefte,
            Casus,
            CasusGroupObjectPermission,
            CasusUitbuiting,
            CasusUserObjectPermission,
            Deelname,
        )

        g = CasusGroupObjectPermission.objects.count()
        u = CasusUserObjectPermission.objects.count()
        self.counts.update(
            cases=Casus.objects.count(),
            uitbuitingen=CasusUitbuiting.objects.count(),
            behoeften=Behoefte.objects.count(),
            deelnames=Deelname.objects.count(),
            group_permission_rows=g,
            user_permission_rows=u,
            permission_rows=g + u,
        )
        return self.counts


def analyze(backend):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(f"  ANALYZE done ({backend})")


# --- measuring --------------------------------------------------------------------------


def timed(fn, n=20, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def access_query_report(user, backend):
    from casusoverleg.permissions import casussen_for_user

    def page():
        return list(casussen_for_user(user=user).order_by("-created_at")[:25])

    qs = casussen_for_user(user=user).order_by("-created_at")[:25]
    ms = timed(page)
    count_ms = timed(lambda: casussen_for_user(user=user).count(), n=10)
    say(f"  access query, first page of 25 for {user.username}: {ms:.2f} ms (median)")
    say(f"  access query, count(): {count_ms:.2f} ms -> {casussen_for_user(user=user).count()}")
    say("  SQL: " + str(qs.query))
    plan = qs.explain() if backend == "sqlite" else qs.explain(analyze=True)
    say("  plan:")
    for line in plan.splitlines():
        say("    " + line)

    # For comparison: the same two subqueries as one IN (... UNION ...), which lets
    # PostgreSQL plan a semi-join instead of a scan of every case with two hashed
    # subplans (an OR of two IN subqueries cannot be turned into a join).
    union = union_access_query(user)
    union_ms = timed(lambda: list(union.order_by("-created_at")[:25]))
    union_count_ms = timed(union.count, n=10)
    assert union.count() == casussen_for_user(user=user).count()
    say(
        f"  for comparison, as IN (... UNION ...): first page {union_ms:.2f} ms, "
        f"count() {union_count_ms:.2f} ms"
    )
    return ms, plan


def union_access_query(user):
    from casusoverleg.models import Casus, CasusGroupObjectPermission, CasusUserObjectPermission
    from casusoverleg.permissions import VIEW

    via_persoon = CasusUserObjectPermission.objects.filter(
        user=user, permission__codename=VIEW, permission__content_type__app_label="casusoverleg"
    ).values("content_object_id")
    via_organisatie = CasusGroupObjectPermission.objects.filter(
        group__user=user,
        permission__codename=VIEW,
        permission__content_type__app_label="casusoverleg",
    ).values("content_object_id")
    return Casus.objects.filter(pk__in=via_persoon.union(via_organisatie))


class QueryTimer:
    """An execute wrapper: each statement with its time at perf_counter resolution."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append({"sql": sql, "ms": (time.perf_counter() - t) * 1000})


def page_queries(client, url):
    """The queries of one request: counted by CaptureQueriesContext, timed by QueryTimer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timer = QueryTimer()
    with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(timer):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return ctx.captured_queries, timer.queries


def profile(client, url, n=20, limit=25):
    import cProfile
    import io
    import pstats

    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(n):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    say(f"  profile of {n} requests to {url}:")
    say(out.getvalue())


def measure_pages(urls, client, n):
    """Median wall time per URL; the URLs are interleaved so drift hits all alike."""
    for _ in range(2):
        for url in urls.values():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
    times = {name: [] for name in urls}
    for _ in range(n):
        for name, url in urls.items():
            t = time.perf_counter()
            response = client.get(url)
            times[name].append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return {name: statistics.median(values) for name, values in times.items()}


def show_queries(title, captured, limit=None):
    """The statements of one request in execution order (or the ``limit`` slowest)."""
    counted, timed_queries = captured
    total = sum(q["ms"] for q in timed_queries)
    say(f"  {title}: {len(counted)} queries, {total:.2f} ms executing them")
    shown = timed_queries
    if limit is not None:
        shown = sorted(timed_queries, key=lambda q: -q["ms"])[:limit]
    for q in shown:
        sql = " ".join(q["sql"].split())
        say(f"    {q['ms']:7.2f} ms  {sql[:160]}")


def main():
    args = parse_args()
    db = Database()
    db.configure_environment()
    db.create()

    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.urls import NoReverseMatch, reverse

    result = {
        "bench": "case_list",
        "backend": db.backend,
        "cases": None,
        "users": None,
        "organisations": None,
        "permission_rows": None,
        "list_ms": None,
        "detail_ms": None,
        "floor_ms": None,
        "list_ratio": None,
        "detail_ratio": None,
        "queries_list": None,
        "queries_detail": None,
        "queries_1": None,
        "queries_500": None,
        "build_s": None,
    }
    try:
        say(f"backend: {db.backend} ({db.tmp if db.backend == 'sqlite' else db.pg['NAME']})")
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        static_override = {}
        try:
            # The production storage (hashed names from a manifest) needs collectstatic.
            call_command("collectstatic", verbosity=0, interactive=False)
        except Exception as exc:  # a broken asset must not stop the bench
            say(
                f"  WARNING: collectstatic failed ({type(exc).__name__}: "
                f"{str(exc).splitlines()[0]}); measuring with StaticFilesStorage instead"
            )
            static_override["STORAGES"] = {
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
        say(f"  migrate + collectstatic: {time.perf_counter() - t0:.1f} s")

        t_build = time.perf_counter()
        builder = Builder(args)
        builder.organisations()
        builder.users()
        builder.cases()
        builder.dedicated_participation()
        if db.backend == "postgresql" or args.analyze:
            analyze(db.backend)
        build_s = time.perf_counter() - t_build
        counts = builder.count()
        say(f"built in {build_s:.1f} s: " + ", ".join(f"{k}={v:,}" for k, v in counts.items()))
        result.update(
            cases=counts["cases"],
            users=counts["users"],
            organisations=counts["organisations"],
            permission_rows=counts["permission_rows"],
            build_s=round(build_s, 1),
        )

        from casusoverleg.models import Casus
        from casusoverleg.permissions import casussen_for_user

        users = builder.bench_users
        for n, user in users.items():
            got = casussen_for_user(user=user).count()
            assert got == n, (user.username, got, n)

        say("\naccess query (casussen_for_user):")
        access_query_report(users[50], db.backend)
        # An ordinary user of the busiest organisation: thousands of cases.
        busiest_org = max(builder.coord_orgs, key=lambda o: builder.org_weight[o.pk])
        busiest = builder.coordinators[busiest_org.pk][0]
        access_query_report(busiest, db.backend)

        with override_settings(ROOT_URLCONF="bench.bench_urls", **static_override):
            try:
                list_url = reverse("casusoverleg:casus-list")
                public_id = (
                    Casus.objects.filter(pk__in=builder.bench_cases[50])
                    .order_by("-created_at")
                    .values_list("public_id", flat=True)
                    .first()
                )
                detail_url = reverse("casusoverleg:casus-detail", args=[public_id])
            except NoReverseMatch as exc:
                say(f"\npages not measured: {exc}")
                return result
            floor_url = FLOOR_PATH.format(public_id)

            clients = {}
            for n, user in users.items():
                clients[n] = Client()
                clients[n].force_login(user)

            say(f"\npages for {users[50].username} (50 cases), {args.requests} requests each:")
            home_url = reverse("casusoverleg:home")
            medians = measure_pages(
                {"floor": floor_url, "home": home_url, "list": list_url, "detail": detail_url},
                clients[50],
                args.requests,
            )
            q_floor = page_queries(clients[50], floor_url)
            q_list = page_queries(clients[50], list_url)
            q_detail = page_queries(clients[50], detail_url)
            q_1 = page_queries(clients[1], list_url)
            q_500 = page_queries(clients[500], list_url)
            for name, ms in medians.items():
                say(f"  {name:<7} {ms:7.2f} ms (median)")
            show_queries("floor", q_floor)
            show_queries("list (50 cases)", q_list)
            show_queries("detail", q_detail)
            show_queries("list (1 case)", q_1, limit=0)
            show_queries("list (500 cases)", q_500, limit=0)
            if args.profile:
                profile(clients[50], list_url)
                profile(clients[50], detail_url)
            # The list for other users: 1 and 500 cases, and an ordinary member of the
            # busiest organisation (thousands of cases, hundreds of coordinators).
            busy = Client()
            busy.force_login(busiest)
            busy_count = casussen_for_user(user=busiest).count()
            extra = {
                "1 case": measure_pages({"x": list_url}, clients[1], 10)["x"],
                "500 cases": measure_pages({"x": list_url}, clients[500], 10)["x"],
                f"{busy_count} cases": measure_pages({"x": list_url}, busy, 10)["x"],
            }
            for label, ms in extra.items():
                say(f"  list for {label}: {ms:.2f} ms (median of 10)")
            show_queries(
                f"list ({busy_count} cases, {busiest.username})", page_queries(busy, list_url), 4
            )

            result.update(
                list_ms=round(medians["list"], 2),
                detail_ms=round(medians["detail"], 2),
                floor_ms=round(medians["floor"], 2),
                list_ratio=round(medians["list"] / medians["floor"], 2),
                detail_ratio=round(medians["detail"] / medians["floor"], 2),
                queries_list=len(q_list[0]),
                queries_detail=len(q_detail[0]),
                queries_1=len(q_1[0]),
                queries_500=len(q_500[0]),
            )
        return result
    finally:
        if args.keep:
            say(f"\nkept: {db.url}")
        else:
            db.destroy()


def targets(figures):
    def at_most_3(key):
        return figures[key] is not None and figures[key] <= 3

    same = figures["queries_1"] is not None and figures["queries_1"] == figures["queries_500"]
    return (
        f"targets: list_ratio <= 3: {at_most_3('list_ratio')}, "
        f"detail_ratio <= 3: {at_most_3('detail_ratio')}, queries_1 == queries_500: {same}"
    )


if __name__ == "__main__":
    figures = main()
    say("")
    say(targets(figures))
    print(json.dumps(figures), flush=True)
