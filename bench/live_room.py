"""Benchmark: the live zorgtafel room over channels-redis.

50 websocket clients sit in one meeting, split over two worker processes (so
messages cross processes through Redis, as with several daphne workers); the
chair posts 200 minute entries through the service, which sends each after
commit. Every client checks access per message, as in production. The clients
are channels' ``WebsocketCommunicator`` against the real ASGI application (the
session cookie, origin check, consumer and channel layer are all real; only the
TCP socket is left out).

Builds its own database: a SQLite file in a temporary directory, or the
PostgreSQL database in ``DATABASE_URL`` (its name must contain "bench"; it is
dropped and recreated). Redis: ``REDIS_URL`` (default redis://127.0.0.1:6379/13).

    .venv/bin/python bench/live_room.py [--clients 50] [--entries 200]

The last line of output is one JSON object: p50 and p95 delivery latency in ms
(from just before the chair's save until a client has the entry) and the number
of lost messages.
"""

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"bench-regel (\d+)\b")
CONNECT_BATCH = 10


def say(*args):
    print(*args, flush=True)


def configure(tmp: str):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="casusoverleg.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-" + "b" * 50,
        PERSOON_SLEUTEL="bench-only-persoon-" + "p" * 40,
        ALLOWED_HOSTS="testserver,127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        VAR_DIR=tmp,
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import django

    django.setup()


def build(clients: int):
    """Users, a case they all take part in (plus one they do not), a running meeting."""
    import datetime

    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from casusoverleg import services
    from casusoverleg.audit import AuditContext
    from casusoverleg.middleware import SESSION_LOGIN_AT
    from casusoverleg.models import Discipline, Organisatie
    from zorgtafel import services as zorgtafel_services

    url = os.environ["DATABASE_URL"]
    if url.startswith("postgres"):
        _recreate_pg(url)
    call_command("migrate", verbosity=0)
    systeem = AuditContext.system()
    gemeente = Organisatie.objects.create(naam="Gemeente Bench", discipline=Discipline.GEMEENTE)
    chair = services.gebruiker_create(
        ctx=systeem, username="chair", organisatie=gemeente, password="x", is_coordinator=True
    )
    orgs = [
        Organisatie.objects.create(naam=f"Zorg Bench {n}", discipline=Discipline.ZORG)
        for n in range(5)
    ]
    users = [
        services.gebruiker_create(
            ctx=systeem, username=f"deelnemer{n}", organisatie=orgs[n % len(orgs)], password="x"
        )
        for n in range(clients)
    ]
    ctx = AuditContext.system(chair)
    casus = services.casus_open(ctx=ctx, data={"naam": "Bench Persoon"}, vormen=["arbeid"])
    ander = services.casus_open(ctx=ctx, data={"naam": "Besloten Persoon"}, vormen=["arbeid"])
    for org in orgs:
        services.deelname_add(ctx=ctx, casus=casus, organisatie=org)
    services.deelname_add(ctx=ctx, casus=ander, organisatie=orgs[0])
    zorgtafel = zorgtafel_services.zorgtafel_plan(
        ctx=ctx,
        data={
            "type": "overig",
            "begint_op": timezone.now() + datetime.timedelta(hours=1),
            "duur_minuten": 90,
            "plaats": "Bench",
            "voorzitter": chair,
        },
        casussen=[casus, ander],
    )
    cookies = []
    for user in users:
        zorgtafel_services.vertrouwelijkheid_confirm(
            ctx=AuditContext.system(user), zorgtafel=zorgtafel
        )
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        # The start of the absolute session limit, as a login records it.
        session[SESSION_LOGIN_AT] = time.time()
        session.create()
        cookies.append(session.session_key)
    zorgtafel = zorgtafel_services.zorgtafel_start(ctx=ctx, zorgtafel=zorgtafel)
    return chair, zorgtafel, cookies


def _recreate_pg(url):
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    if "bench" not in cfg["NAME"]:
        raise SystemExit("DATABASE_URL must name a database containing 'bench'.")
    admin = psycopg.connect(
        host=cfg["HOST"],
        port=cfg["PORT"] or 5432,
        user=cfg["USER"],
        dbname="postgres",
        password=cfg["PASSWORD"] or None,
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
    admin.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    admin.close()


# Worker processes: the clients --------------------------------------------------------


def worker(tmp, zorgtafel_id, cookies, entries, ready, results):
    configure(tmp)
    results.put(asyncio.run(_clients(zorgtafel_id, cookies, entries, ready)))


async def _clients(zorgtafel_id, cookies, entries, ready):
    from channels.testing import WebsocketCommunicator

    from casusoverleg.asgi import application

    async def connect(cookie):
        communicator = WebsocketCommunicator(
            application,
            f"/ws/zorgtafels/{zorgtafel_id}/",
            headers=[
                (b"origin", b"http://testserver"),
                (b"cookie", f"sessionid={cookie}".encode()),
            ],
        )
        connected, _ = await communicator.connect(timeout=30)
        if not connected:
            raise SystemExit("a bench client was refused")
        return communicator

    # Arrive in small batches, as people do, not one by one nor all in one instant.
    communicators = []
    for start in range(0, len(cookies), CONNECT_BATCH):
        batch = cookies[start : start + CONNECT_BATCH]
        communicators += await asyncio.gather(*(connect(cookie) for cookie in batch))

    # Let the snapshots and presence messages settle before the chair starts: every
    # client reads concurrently until the room has been quiet for a moment.
    async def settle(communicator):
        while not await communicator.receive_nothing(timeout=1.0, interval=0.05):
            await communicator.receive_output()

    await asyncio.gather(*(settle(c) for c in communicators))
    ready.put(len(communicators))

    async def listen(communicator):
        # Wait on the client's queue (no polling interval added to the latency);
        # a timeout on receive_output ends the application, so only at the deadline.
        seen = {}
        deadline = time.monotonic() + 60 + entries * 0.2
        while len(seen) < entries:
            try:
                message = await communicator.receive_output(
                    timeout=max(deadline - time.monotonic(), 0.001)
                )
            except TimeoutError:
                break
            received = time.time()
            if message.get("type") != "websocket.send":
                continue
            event = json.loads(message["text"])
            if event.get("soort") == "notule":
                match = MARKER.search(event["html"])
                if match:
                    seen.setdefault(int(match.group(1)), received)
        return seen

    seen = await asyncio.gather(*(listen(c) for c in communicators))
    for communicator in communicators:
        if not communicator.future.done():
            await communicator.disconnect()
    return seen


# The chair --------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--interval-ms", type=float, default=0, help="pause between entries (0: back to back)"
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="casusoverleg-bench-live-")
    configure(tmp)
    from django.conf import settings

    say(f"channel layer: {settings.CHANNEL_LAYERS['default']['BACKEND']}")
    say(f"database: {settings.DATABASES['default']['ENGINE']}")
    chair, zorgtafel, cookies = build(args.clients)
    punt = zorgtafel.agendapunten.order_by("volgorde").first()

    spawn = mp.get_context("spawn")
    ready, results = spawn.Queue(), spawn.Queue()
    shares = [cookies[i :: args.processes] for i in range(args.processes)]
    procs = [
        spawn.Process(
            target=worker, args=(tmp, zorgtafel.public_id, share, args.entries, ready, results)
        )
        for share in shares
    ]
    for proc in procs:
        proc.start()
    connected = sum(ready.get(timeout=300) for _ in procs)
    say(f"{connected} clients connected over {args.processes} processes")

    from casusoverleg.audit import AuditContext
    from zorgtafel import services as zorgtafel_services

    ctx = AuditContext.system(chair)
    sent = {}
    started = time.monotonic()
    for n in range(args.entries):
        sent[n] = time.time()
        zorgtafel_services.notule_add(
            ctx=ctx, agendapunt=punt, tekst=f"bench-regel {n} van de voorzitter."
        )
        if args.interval_ms:
            time.sleep(args.interval_ms / 1000)
    posting = time.monotonic() - started
    seen = [s for _ in procs for s in results.get(timeout=600)]
    for proc in procs:
        proc.join(timeout=60)

    latencies = [(t - sent[n]) * 1000 for client in seen for n, t in client.items() if n in sent]
    expected = args.clients * args.entries
    lost = expected - len(latencies)
    latencies.sort()
    p50 = statistics.median(latencies) if latencies else None
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else None
    say(f"entries posted: {args.entries} in {posting:.2f} s ({args.entries / posting:.0f}/s)")
    say(f"deliveries: {len(latencies)} of {expected}, lost {lost}")
    if latencies:
        say(f"latency ms: p50 {p50:.1f}, p95 {p95:.1f}, max {latencies[-1]:.1f}")
    print(
        json.dumps(
            {
                "clients": args.clients,
                "entries": args.entries,
                "processes": args.processes,
                "p50_ms": round(p50, 1) if p50 is not None else None,
                "p95_ms": round(p95, 1) if p95 is not None else None,
                "lost": lost,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
