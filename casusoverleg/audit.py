"""Writing the audit trail. Every read, change, export and refusal of case data
goes through ``audit_log``; views build the context once with ``AuditContext.for_request``.

Every row is linked into the hash chain (``audit_chain``) as it is written: the
writer takes the chain's lock, reads the last row's number and hash, and inserts
after it. The lock is held until the surrounding transaction commits, so audit
writers queue behind a long transaction that has written an audit row.
"""

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction

from . import audit_chain
from .http import client_ip, scope_client_ip, scope_user_agent, user_agent
from .models import AuditEvent, Casus

Actie = AuditEvent.Actie
Uitkomst = AuditEvent.Uitkomst
Doel = AuditEvent.Doel
Gebruiksdoel = AuditEvent.Gebruiksdoel

#: The session key of the purposes of use a user stated, by case public id:
#: ``{public_id: {"doel": code, "toelichting": text}}`` (``casusoverleg.gebruiksdoel``).
GEBRUIKSDOELEN_SESSIE = "gebruiksdoelen"


@dataclass(frozen=True)
class AuditContext:
    """Who acts, from where, and for which purpose of use."""

    user: object
    doel: str
    ip: str | None = None
    user_agent: str = ""
    #: The purposes the user stated in this session, by case public id
    #: (``casusoverleg.gebruiksdoel``): each row about one of those cases records it.
    gebruiksdoelen: Mapping = field(default_factory=dict, compare=False)

    @classmethod
    def for_request(cls, request, doel: str = Doel.CASUSOVERLEG) -> "AuditContext":
        session = getattr(request, "session", None)
        return cls(
            user=request.user,
            doel=doel,
            ip=client_ip(request) or None,
            user_agent=user_agent(request),
            gebruiksdoelen=(session.get(GEBRUIKSDOELEN_SESSIE) or {}) if session else {},
        )

    @classmethod
    def for_scope(cls, scope, user, doel: str = Doel.CASUSOVERLEG) -> "AuditContext":
        """For a websocket connection: the address by the same rule as HTTP
        (``PROXY_COUNT``), so a proxy's address is never recorded as the client's."""
        session = scope.get("session")
        return cls(
            user=user,
            doel=doel,
            ip=scope_client_ip(scope) or None,
            user_agent=scope_user_agent(scope),
            gebruiksdoelen=(session.get(GEBRUIKSDOELEN_SESSIE) or {}) if session else {},
        )

    @classmethod
    def system(cls, user=None, doel: str = Doel.BEHEER) -> "AuditContext":
        """For management commands and other work without a request; without a
        user, the work is the system's own (a management command, a test factory)."""
        return cls(user=user, doel=doel, ip=None, user_agent="system")


def _rol(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return "anoniem"
    return f"{user.organisatie.discipline}/{'+'.join(user.roles)}"


def audit_log(ctx: AuditContext, *, actie: str, object_type: str, **fields) -> AuditEvent:
    """Append one event. Identifiers only: never a name or other case content.
    ``fields``: ``object_id``, ``casus`` (or ``casus_public_id``), ``uitkomst``, ``detail``."""
    event = _event(ctx, actie=actie, object_type=object_type, **fields)
    _append([event])
    return event


def audit_object(
    ctx: AuditContext, actie: str, obj, *, object_type=None, object_id=None, **detail
) -> AuditEvent:
    """One event about ``obj`` on its case (``obj.casus``): the type defaults to the
    model's ``audit_type`` or name, the id to its public id; ``detail`` as keywords."""
    return audit_log(
        ctx,
        actie=actie,
        object_type=object_type or getattr(obj, "audit_type", obj._meta.model_name),
        object_id=object_id or obj.public_id,
        casus=obj.casus,
        detail=detail,
    )


def _tekst(value) -> str:
    """A value for a text column: PostgreSQL refuses NUL, which anyone can send."""
    return str(value).replace("\x00", "")


def _zonder_nul(value):
    """``detail`` without NUL in any string (PostgreSQL's jsonb refuses it too)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_zonder_nul(k): _zonder_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_zonder_nul(v) for v in value]
    return value


def _event(
    ctx: AuditContext,
    *,
    actie: str,
    object_type: str,
    object_id: str = "",
    casus=None,
    casus_public_id: str = "",
    uitkomst: str = Uitkomst.TOEGESTAAN,
    detail: dict | None = None,
) -> AuditEvent:
    user = ctx.user if getattr(ctx.user, "is_authenticated", False) else None
    casus_public_id = _tekst(casus.public_id if casus is not None else casus_public_id)[:64]
    gebruiksdoel = ctx.gebruiksdoelen.get(casus_public_id) if casus_public_id else None
    return AuditEvent(
        actie=actie,
        uitkomst=uitkomst,
        gebruiker=user,
        gebruikersnaam=user.username if user else "",
        organisatie_id=user.organisatie_id if user else None,
        rol=_rol(ctx.user),
        doel=ctx.doel,
        object_type=object_type,
        object_id=_tekst(object_id)[:64],
        casus_public_id=casus_public_id,
        gebruiksdoel=gebruiksdoel["doel"] if gebruiksdoel else "",
        gebruiksdoel_toelichting=gebruiksdoel.get("toelichting", "")[:200] if gebruiksdoel else "",
        ip=ctx.ip,
        user_agent=_tekst(ctx.user_agent)[:500],
        detail=_zonder_nul(detail or {}),
    )


def audit_log_many(ctx: AuditContext, events: list[dict]) -> list[AuditEvent]:
    """Append several events of one request at once (a page that shows many items):
    one INSERT. Each dict holds ``audit_log``'s keyword arguments but ``ctx``."""
    return _append([_event(ctx, **event) for event in events])


# A key of PostgreSQL's advisory lock space for the chain's head (any bigint;
# this one spells "AUDIT" and is used for nothing else in this database).
CHAIN_LOCK_KEY = 0x4155444954
# The table name is the model's own, never input (bandit B608).
HEAD_SQL = (
    f"SELECT volgnummer, hash FROM {AuditEvent._meta.db_table} "  # noqa: S608  # nosec B608
    "ORDER BY volgnummer DESC LIMIT 1"
)


# No savepoint: a failed audit insert must fail the surrounding work, not be
# rolled back on its own (and a savepoint would cost two queries per event).
@transaction.atomic(savepoint=False)
def _append(events: list[AuditEvent]) -> list[AuditEvent]:
    """Insert ``events`` at the head of the chain, one writer at a time.

    PostgreSQL: a transaction-level advisory lock, which any role may take, so the
    application role needs nothing beyond INSERT and SELECT on the table (a head
    row locked FOR UPDATE would need UPDATE on a table of its own). Reading the
    last row after the lock is granted sees every earlier holder's commit (READ
    COMMITTED takes a new snapshot per statement). SQLite: the settings open every
    transaction with BEGIN IMMEDIATE, so this atomic block already holds the one
    write lock. The number is taken from the last committed row, not from a
    sequence, so a rolled-back writer leaves no gap.
    """
    if not events:
        return events
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        # Read on every audit write: plain SQL on the unique index costs a fraction
        # of the ORM's query compilation (bench/audit_chain.py).
        cursor.execute(HEAD_SQL)
        head = cursor.fetchone()
    volgnummer, vorige = head or (0, audit_chain.GENESIS_HASH)
    audit_chain.link(events, after_volgnummer=volgnummer, after_hash=vorige)
    if len(events) == 1:
        events[0].save()
        return events
    return AuditEvent.objects.bulk_create(events)


#: Set on a request whose refusal is already in the audit trail (by the access
#: helper, with the object it refused), so that ``RefusalAuditMiddleware`` does not
#: write it a second time.
REFUSAL_AUDITED = "_casusoverleg_weigering_geaudit"


def mark_refusal_audited(request) -> None:
    setattr(request, REFUSAL_AUDITED, True)


def refusal_audited(request) -> bool:
    return getattr(request, REFUSAL_AUDITED, False)


def audit_getoond(
    ctx: AuditContext, objecten, *, weergave: str, pagina: dict | None = None
) -> list[AuditEvent]:
    """A list or picker page: one row per case or case item shown (its public id and
    its case, so that the case's own audit trail shows who saw it in a list), and
    ``pagina`` (``audit_log``'s keywords) for the page itself; all in one INSERT.

    ``objecten`` are cases, or objects with ``public_id`` and ``casus`` (possibly
    None, as for a signal not yet attached); ``weergave`` names the page or picker.
    """
    events = [pagina] if pagina else []
    for obj in objecten:
        casus = obj if isinstance(obj, Casus) else obj.casus
        events.append(
            {
                "actie": Actie.LEZEN,
                "object_type": getattr(obj, "audit_type", obj._meta.model_name),
                "object_id": obj.public_id,
                "casus": casus,
                "detail": {"weergave": weergave},
            }
        )
    return audit_log_many(ctx, events) if events else []


def search_fingerprint(term: str) -> str:
    """A keyed hash of a search term: equal searches can be matched, none can be read."""
    normalised = " ".join(term.lower().split())
    return hmac.new(settings.SECRET_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()[
        :32
    ]


def audit_chain_verify() -> audit_chain.Result:
    """Recompute the whole chain from what the database holds; the first break, if any."""
    rows = AuditEvent.objects.order_by("volgnummer").iterator(chunk_size=2_000)
    return audit_chain.verify(rows)


def audit_chain_hash_at(volgnummer: int) -> str | None:
    """The stored hash of row ``volgnummer`` (to compare with an anchor kept elsewhere)."""
    return AuditEvent.objects.filter(volgnummer=volgnummer).values_list("hash", flat=True).first()


# The triggers of migration 0009 (casusoverleg_auditevent).
AUDIT_TRIGGERS = {
    "postgresql": ("casusoverleg_auditevent_append_only", "casusoverleg_auditevent_no_truncate"),
    "sqlite": ("casusoverleg_auditevent_no_update", "casusoverleg_auditevent_no_delete"),
}


def audit_triggers_missing() -> list[str]:
    """The append-only triggers that are not there or not enabled. SQLite loses a
    table's triggers when a migration rebuilds the table; an owner can disable them."""
    expected = AUDIT_TRIGGERS.get(connection.vendor, ())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND tgenabled <> 'D'",
                [AuditEvent._meta.db_table],
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [AuditEvent._meta.db_table],
            )
        else:
            return []
        present = {name for (name,) in cursor.fetchall()}
    return [name for name in expected if name not in present]
