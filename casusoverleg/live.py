"""Live-update plumbing: send a message to a channel-layer group after commit.

Apps above the core decide what a message holds and who may read it (through
``casusoverleg.permissions``); this module only delivers. A lost live update is
repaired by the client's catch-up on reconnect, so delivery never turns a saved
change into an error.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

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
