"""Live-update plumbing: send a message to a channel-layer group after commit.

Apps above the core decide what a message holds and who may read it (through
``casusoverleg.permissions``); this module only delivers. A lost live update is
repaired by the client's catch-up on reconnect, so delivery never turns a saved
change into an error. What a socket delivers is audited through
``audit_delivery``, many sockets in one transaction.
"""

import asyncio
import logging
import weakref

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from .audit import audit_log_many

logger = logging.getLogger(__name__)


def group_send(group: str, message: dict) -> None:
    """Send ``message`` to ``group`` now; log (with the group name only) if it fails."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:
        logger.exception("live update for %s not sent", group)


# Auditing what sockets deliver -------------------------------------------------------


class _DeliveryAudit:
    """Audit rows of many sockets of one process, written together.

    Every socket in a room receives each item at the same moment, and each must
    record it before sending it on. One transaction per socket per item made the
    database the bottleneck of a full room (on SQLite every commit takes the write
    lock). Rows requested while a write is under way wait for the next one, so a
    burst costs one transaction, not one per recipient; every caller still waits
    until its rows are committed.
    """

    def __init__(self):
        self.pending: list[tuple[object, list[dict], asyncio.Future]] = []
        self.flushing = False

    async def write(self, ctx, rows: list[dict]) -> None:
        future = asyncio.get_running_loop().create_future()
        self.pending.append((ctx, rows, future))
        if not self.flushing:
            self.flushing = True
            asyncio.get_running_loop().create_task(self._flush())
        await future

    async def _flush(self):
        try:
            while self.pending:
                # Let every socket that received the same message join this write.
                await asyncio.sleep(0)
                batch, self.pending = self.pending, []
                try:
                    await database_sync_to_async(_write_rows)([(c, r) for c, r, _ in batch])
                except Exception as exc:
                    for _, _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                else:
                    for _, _, future in batch:
                        if not future.done():
                            future.set_result(None)
        finally:
            self.flushing = False


@transaction.atomic
def _write_rows(batch) -> None:
    for ctx, rows in batch:
        audit_log_many(ctx, rows)


_delivery_audits: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _DeliveryAudit]" = (
    weakref.WeakKeyDictionary()
)


async def audit_delivery(ctx, rows: list[dict]) -> None:
    """Record ``rows`` (``audit_log_many``'s) for a socket's user before it sends
    what they describe: returns once they are committed, together with those of
    the other sockets of this process that asked meanwhile."""
    if not rows:
        return
    loop = asyncio.get_running_loop()
    writer = _delivery_audits.get(loop)
    if writer is None:
        writer = _delivery_audits[loop] = _DeliveryAudit()
    await writer.write(ctx, rows)
