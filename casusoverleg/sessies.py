"""Sessions and the sockets that live on them.

A websocket is opened on a session and must end with it. Every consumer joins
its user's group (``gebruiker_group``); whatever ends a user's sessions (logout,
password change, deactivation) calls ``sockets_close`` so those sockets close at
once, without waiting for their next message.
"""

from django.db import transaction

from .live import group_send


def gebruiker_group(user_id: int) -> str:
    """The channel-layer group that holds every socket of one user."""
    return f"gebruiker-{user_id}"


def sockets_close(*, user_id: int) -> None:
    """Close every open socket of the user, after the current transaction commits
    (a change that rolls back ends nothing)."""
    transaction.on_commit(lambda: group_send(gebruiker_group(user_id), {"type": "sessie.einde"}))
