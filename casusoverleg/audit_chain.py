"""The hash chain over the audit trail: each row's SHA-256 covers its own content,
its sequence number (``volgnummer``) and the previous row's hash, so a changed,
removed or reordered row breaks the chain at that row.

The hash is computed from a canonical form of the row that is the same whether it
is built from the event about to be inserted or from what the database returns:
sorted-key JSON, the time as UTC with microseconds, the IP address as its 128-bit
value (PostgreSQL's ``inet`` and Django's IPv6 cleaning may spell an address
differently), and ``detail`` as JSON after one round trip (tuples become lists,
keys become strings, as the database stores them). ``CHAIN_VERSION`` is part of
every hash: a later change of the canonical form is a new version, and this one
stays to verify the rows written under it.

This module reads attributes only, so the data migration can use it on its
historical model.
"""

import datetime
import functools
import hashlib
import ipaddress
import json
from dataclasses import dataclass

CHAIN_VERSION = 1
GENESIS_HASH = "0" * 64

# Every column that says what happened; the chain's own columns (volgnummer,
# vorige_hash) are added separately, the hash itself and the surrogate key are not.
CONTENT_FIELDS = (
    "op",
    "actie",
    "uitkomst",
    "gebruiker_id",
    "gebruikersnaam",
    "organisatie_id",
    "rol",
    "doel",
    "object_type",
    "object_id",
    "casus_public_id",
    "ip",
    "user_agent",
    "detail",
)
#: Columns added after the chain began: part of a row's content only when set, so
#: every row written before they existed keeps its hash.
LATER_FIELDS = ("gebruiksdoel", "gebruiksdoel_toelichting")


@functools.lru_cache(maxsize=1024)
def canonical_ip(value) -> str | None:
    if not value:
        return None
    try:
        address = ipaddress.ip_address(str(value))
    except ValueError:
        return str(value)
    if address.version == 4:
        return str(address)
    # The full 32-digit form: ``str()`` of IPv4-mapped addresses differs between
    # Python versions, and the chain must verify on the next one too.
    digits = f"{int(address):032x}"
    return ":".join(digits[i : i + 4] for i in range(0, 32, 4))


def canonical_time(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalise_detail(detail):
    """``detail`` as the database gives it back (a JSON round trip)."""
    return json.loads(json.dumps(detail if detail is not None else {}))


def canonical_content(event) -> dict:
    content = {name: getattr(event, name) for name in CONTENT_FIELDS}
    content["op"] = canonical_time(event.op)
    content["ip"] = canonical_ip(event.ip)
    content["detail"] = normalise_detail(event.detail)
    for name in LATER_FIELDS:
        # Absent on the historical model of a migration older than the column.
        if value := getattr(event, name, ""):
            content[name] = value
    return content


def event_hash(event, *, volgnummer: int, vorige_hash: str) -> str:
    payload = {
        "v": CHAIN_VERSION,
        "volgnummer": volgnummer,
        "vorige_hash": vorige_hash,
        **canonical_content(event),
    }
    serialised = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(serialised.encode("ascii")).hexdigest()


def link(events, *, after_volgnummer: int, after_hash: str) -> None:
    """Give ``events`` (not yet saved, in order) the next sequence numbers and hashes."""
    volgnummer, vorige = after_volgnummer, after_hash
    for event in events:
        volgnummer += 1
        event.detail = normalise_detail(event.detail)
        event.volgnummer = volgnummer
        event.vorige_hash = vorige
        event.hash = vorige = event_hash(event, volgnummer=volgnummer, vorige_hash=vorige)


@dataclass(frozen=True)
class Break:
    """The first row where the chain does not hold, and why."""

    volgnummer: int
    pk: int | None
    reden: str

    def __str__(self):
        return f"row volgnummer {self.volgnummer} (id {self.pk}): {self.reden}"


@dataclass(frozen=True)
class Result:
    rows: int
    last_volgnummer: int
    last_hash: str
    first_break: Break | None

    @property
    def valid(self) -> bool:
        return self.first_break is None


def verify(rows) -> Result:
    """Walk ``rows`` in volgnummer order and return the first break, if any.

    Checked per row, in this order: the sequence number follows the previous one
    (else a row is missing), ``vorige_hash`` is the previous row's hash (else the
    chain link is broken: a row before it was replaced or removed and the rest
    renumbered), and the hash recomputed from the row's content matches (else the
    content changed).
    """
    expected, vorige, count = 1, GENESIS_HASH, 0
    for row in rows:
        count += 1
        if row.volgnummer != expected:
            reden = (
                f"row missing: expected volgnummer {expected}, found {row.volgnummer}"
                if row.volgnummer > expected
                else f"out of order: volgnummer {row.volgnummer} after {expected - 1}"
            )
            return Result(count, expected - 1, vorige, Break(row.volgnummer, row.pk, reden))
        if row.vorige_hash != vorige:
            reden = (
                f"chain link broken: vorige_hash {row.vorige_hash[:16]}… is not the hash "
                f"of row {expected - 1} ({vorige[:16]}…)"
            )
            return Result(count, expected - 1, vorige, Break(row.volgnummer, row.pk, reden))
        recomputed = event_hash(row, volgnummer=row.volgnummer, vorige_hash=row.vorige_hash)
        if recomputed != row.hash:
            reden = "content changed: the stored hash does not match the row's content"
            return Result(count, expected - 1, vorige, Break(row.volgnummer, row.pk, reden))
        expected, vorige = expected + 1, row.hash
    return Result(count, expected - 1, vorige, None)
