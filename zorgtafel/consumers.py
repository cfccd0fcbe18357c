"""The live zorgtafel room: one websocket per meeting.

The consumer authenticates (the session), checks that the user is invited and
has accepted the confidentiality statement, joins the meeting's group and
forwards. Every item-bound message names who may see the item's case, decided
after commit when it was sent (``live.lezers``); anyone not named gets only
"besloten", never the content. So no message costs a query per recipient, and
the event loop only relays. The snapshot and a change of a case's participants
(``zorgtafel.toegang``) are checked against the database for this recipient.
Presence lives in the channel layer only; the one thing written is the audit
trail: every item delivered (snapshot, catch-up, push) is a read of its case.

Who is in the room, and an invitee's attendance, reach a socket with the person's
name only when its user may see who they are (``zichtbare_genodigden``: they share
an item they may both read, or the user leads the meeting); anyone else is
"a participant of another item". Each socket keeps that set, read with the
snapshot and again when the agenda or a case's participants change.

A socket lives on its session and ends with it (``casusoverleg.sessies``): it
joins its user's group, so logout, a password change and deactivation close it
at once; it re-reads the session before handling what it receives and before
forwarding (trusting a verdict for ``LIVE_SESSION_RECHECK_SECONDS``), and checks
every ``LIVE_SESSION_CHECK_SECONDS`` while the room is quiet, so idle and absolute
expiry end it too. What a client may send is bounded (rate and size).
"""

import asyncio
import logging
import time

from channels.db import database_sync_to_async
from channels.exceptions import ChannelFull
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from casusoverleg import gebruiksdoel
from casusoverleg.audit import Actie, AuditContext, Uitkomst, audit_log, audit_log_many
from casusoverleg.live import audit_delivery
from casusoverleg.permissions import (
    may_access_cases,
    may_enter_room,
    zichtbare_casus_ids,
    zichtbare_genodigden,
    zorgtafels_for_user,
)
from casusoverleg.sessies import MFA, gebruiker_group, session_fingerprint, session_problem

from . import live
from .models import Agendapunt, Zorgtafel
from .selectors import GENODIGDE_VERBORGEN

logger = logging.getLogger(__name__)

#: Close codes the client (static/js/zorgtafel.js) understands:
#: not allowed here (do not retry),
GEWEIGERD = 4403
#: the session ended: logged out, expired, password changed, deactivated (log in again),
SESSIE_BEEINDIGD = 4401
#: too many messages (reconnect after a pause),
TE_VEEL = 4429
#: a message larger than ``LIVE_MESSAGE_MAX_BYTES`` (RFC 6455 "message too big"),
TE_GROOT = 1009
#: the meeting is closed or cancelled (``Zorgtafel.is_afgelopen``): nothing live
#: any more, do not retry.
AFGELOPEN = 4410


class ZorgtafelConsumer(AsyncJsonWebsocketConsumer):
    async def __call__(self, scope, receive, send):
        # The session watch must end with the consumer however it ends (a close,
        # a crash, or the server cancelling it).
        try:
            await super().__call__(scope, receive, send)
        finally:
            watch = getattr(self, "_watch", None)
            if watch is not None:
                watch.cancel()

    async def connect(self):
        self.user = self.scope.get("user")
        self.zorgtafel_id = self.scope["url_route"]["kwargs"]["zorgtafel_id"]
        self.present = {}
        # The people whose name this socket may show (``zichtbare_genodigden``).
        self.zichtbaar = set()
        self._namen_gestuurd = None
        self.closed = False
        self._checked_at = float("-inf")
        self._last_sync = None
        self._tokens = float(settings.LIVE_MESSAGES_PER_MINUTE)
        self._tokens_at = time.monotonic()
        session = self.scope.get("session")
        self.session_key = getattr(session, "session_key", None)
        if not getattr(self.user, "is_authenticated", False) or not self.session_key:
            await self._refuse_session("geen-sessie")
            return
        self.user_group = gebruiker_group(self.user.pk)
        self.fingerprint = session_fingerprint(self.session_key)
        # Join the user's group before checking the session: a logout between the
        # check and the join would otherwise go unseen.
        await self.channel_layer.group_add(self.user_group, self.channel_name)
        started = time.monotonic()
        if problem := await self._session_problem():
            await self._refuse_session(problem)
            return
        self._checked_at = started
        zorgtafel = await self._zorgtafel_or_none(audit=True)
        if zorgtafel is None:
            await self.close(code=GEWEIGERD)
            return
        if zorgtafel.is_afgelopen:
            # Accepted only to say why and close with a code the browser sees: a
            # closed meeting's minutes are fixed, nobody is "in" it any more.
            await self.accept()
            await self.send_json({"soort": "gesloten", "status": zorgtafel.status})
            await self._close(AFGELOPEN)
            return
        if await self._doel_ontbreekt(zorgtafel):
            # The room's page asks why first; a socket opened without it is refused.
            await self.close(code=GEWEIGERD)
            return
        self.zorgtafel_pk = zorgtafel.pk
        self.group = live.group_name(self.zorgtafel_id)
        await self.accept()
        # Join first, then take the snapshot: whatever is committed after joining
        # arrives after the snapshot (the client replaces by id, so a double is harmless).
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send_snapshot(bericht="snapshot")
        await self.channel_layer.group_send(
            self.group,
            {
                "type": "presence.join",
                "channel": self.channel_name,
                "user": self.user.pk,
                "naam": self.naam,
            },
        )
        self._watch = asyncio.create_task(self._watch_session())

    async def disconnect(self, code):
        self.closed = True
        group = getattr(self, "group", None)
        if group:
            await self.channel_layer.group_send(
                group, {"type": "presence.leave", "channel": self.channel_name}
            )
            await self.channel_layer.group_discard(group, self.channel_name)
        user_group = getattr(self, "user_group", None)
        if user_group:
            await self.channel_layer.group_discard(user_group, self.channel_name)

    # What the client sends ----------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # Bounded before anything is decoded or read: the size, then the rate, then
        # the session. A catch-up costs a snapshot; a flood of them slowed everyone.
        if self.closed:
            return
        if len(text_data or bytes_data or "") > settings.LIVE_MESSAGE_MAX_BYTES:
            await self._close_for_abuse(TE_GROOT, "te-groot")
            return
        if not self._take_token():
            await self._close_for_abuse(TE_VEEL, "te-veel-berichten")
            return
        started = time.monotonic()
        if problem := await self._session_problem():
            await self._end_session(problem)
            return
        self._checked_at = started
        try:
            content = await self.decode_json(text_data or "")
        except ValueError:
            return
        await self.receive_json(content, **kwargs)

    async def receive_json(self, content, **kwargs):
        # The client only asks to catch up; every request is checked again.
        if not isinstance(content, dict) or content.get("soort") != "sync":
            return
        now = time.monotonic()
        if self._last_sync is not None and (
            now - self._last_sync < settings.LIVE_SYNC_INTERVAL_SECONDS
        ):
            await self._close_for_abuse(TE_VEEL, "te-vaak-sync")
            return
        self._last_sync = now
        if await self._zorgtafel_or_none(audit=False) is None:
            await self._close(GEWEIGERD)
            return
        await self.send_snapshot(bericht="sync")

    def _take_token(self) -> bool:
        """A token bucket: ``LIVE_MESSAGES_PER_MINUTE`` at once, refilled at that rate."""
        rate = settings.LIVE_MESSAGES_PER_MINUTE
        now = time.monotonic()
        self._tokens = min(float(rate), self._tokens + (now - self._tokens_at) * rate / 60)
        self._tokens_at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True

    # The session --------------------------------------------------------------------

    @database_sync_to_async
    def _session_problem(self) -> str | None:
        return session_problem(session_key=self.session_key, user_id=self.user.pk)

    async def _may_forward(self, audit_rows: list[dict] | None = None) -> bool:
        """Whether this socket may still receive a message, after the session is
        checked (or was within ``LIVE_SESSION_RECHECK_SECONDS``); ``audit_rows`` are
        committed first (with those of the other sockets of the process that
        receive the same message, in one transaction) when it may."""
        if self.closed:
            return False
        started = time.monotonic()
        if started - self._checked_at >= settings.LIVE_SESSION_RECHECK_SECONDS:
            if problem := await self._session_problem():
                await self._end_session(problem)
                return False
            self._checked_at = started
        if audit_rows:
            await audit_delivery(self._audit_context(), audit_rows)
        return not self.closed

    async def _watch_session(self):
        """Close a quiet socket when its session expires (idle or absolute)."""
        while not self.closed:
            await asyncio.sleep(settings.LIVE_SESSION_CHECK_SECONDS)
            if self.closed:
                return
            started = time.monotonic()
            if problem := await self._session_problem():
                await self._end_session(problem)
                return
            self._checked_at = max(self._checked_at, started)

    async def sessie_einde(self, message):
        """The user's sessions ended (``casusoverleg.sessies.sockets_close``); a
        message naming one session (a logout) ends only the sockets opened on it."""
        if message.get("sessie") not in (None, self.fingerprint):
            return
        await self._end_session("beeindigd")

    async def _refuse_session(self, reason: str):
        # Accept, then close with a code the browser sees: a close before accepting
        # reaches it as 1006, and it would keep reconnecting.
        await self.accept()
        await self._end_session(reason)

    async def _end_session(self, reason: str):
        logger.info(
            "live socket closed, session ended (%s), zorgtafel %s", reason, self.zorgtafel_id
        )
        # Without a second factor the session is not ended but refused: no retry.
        await self._close(GEWEIGERD if reason == MFA else SESSIE_BEEINDIGD)

    async def _close_for_abuse(self, code: int, reason: str):
        # Ids only: never a name in a log line.
        logger.warning(
            "live socket closed: %s, user %s, zorgtafel %s",
            reason,
            self.user.pk,
            self.zorgtafel_id,
        )
        await self._close(code)

    async def _close(self, code: int):
        if self.closed:
            return
        self.closed = True
        await self.close(code=code)

    # Access -------------------------------------------------------------------------

    def _audit_context(self) -> AuditContext:
        return AuditContext.for_scope(self.scope, self.user)

    @database_sync_to_async
    def _zorgtafel_or_none(self, *, audit: bool):
        """The meeting if the user is invited and has accepted the confidentiality
        statement; a refusal of a signed-in user is audited like a page's 404."""
        user = self.user
        if not getattr(user, "is_authenticated", False):
            return None
        zorgtafel = (
            zorgtafels_for_user(Zorgtafel.objects.all(), user=user)
            .filter(public_id=self.zorgtafel_id)
            .first()
        )
        bevestigd = zorgtafel is not None and may_enter_room(user, zorgtafel)
        if bevestigd:
            self.naam = f"{user} ({user.organisatie})"
        if audit:
            audit_log(
                self._audit_context(),
                actie=Actie.LEZEN,
                uitkomst=Uitkomst.TOEGESTAAN if bevestigd else Uitkomst.GEWEIGERD,
                object_type="zorgtafel-live",
                object_id=self.zorgtafel_id,
                detail={"geheimhouding": bevestigd} if zorgtafel else {},
            )
        return zorgtafel if bevestigd else None

    @database_sync_to_async
    def _doel_ontbreekt(self, zorgtafel) -> bool:
        """Whether a case on the agenda that the user may read has no purpose of use
        stated in this session (``casusoverleg.gebruiksdoel``)."""
        punten = list(zorgtafel.agendapunten.select_related("casus"))
        zichtbaar = zichtbare_casus_ids(self.user, [p.casus_id for p in punten])
        return bool(
            gebruiksdoel.ontbrekend(
                self.scope.get("session"),
                [p.casus.public_id for p in punten if p.casus_id in zichtbaar],
            )
        )

    @database_sync_to_async
    def _may_see(self, casus_pk) -> bool:
        # Only when a case's participants change; item messages carry their readers.
        return bool(may_access_cases(self.user)) and bool(
            zichtbare_casus_ids(self.user, [casus_pk])
        )

    @staticmethod
    def _audit_row(*, item: str, casus_public_id: str, bericht: str) -> dict:
        """One delivered item: a read of its case, over the websocket."""
        return {
            "actie": Actie.LEZEN,
            "object_type": "agendapunt",
            "object_id": item,
            "casus_public_id": casus_public_id,
            "detail": {"kanaal": "websocket", "bericht": bericht},
        }

    @database_sync_to_async
    def _snapshot(self, bericht: str) -> list[dict]:
        """The room as this user may see it; every item shown is audited (one INSERT)."""
        zorgtafel = Zorgtafel.objects.select_related("huidig_agendapunt").get(pk=self.zorgtafel_pk)
        punten = list(
            Agendapunt.objects.filter(zorgtafel=zorgtafel)
            .select_related("zorgtafel", "casus")
            .order_by("volgorde", "pk")
        )
        zichtbaar = zichtbare_casus_ids(self.user, [p.casus_id for p in punten])
        self.zichtbaar = zichtbare_genodigden(self.user, zorgtafel)
        events = [{"soort": "status", "status": zorgtafel.status}]
        rows = []
        for punt in punten:
            if punt.casus_id in zichtbaar:
                events.append(
                    {"soort": "item", "item": punt.public_id, "html": live.agendapunt_html(punt)}
                )
                rows.append(
                    self._audit_row(
                        item=punt.public_id, casus_public_id=punt.casus.public_id, bericht=bericht
                    )
                )
            else:
                events.append({"soort": "besloten", "item": punt.public_id})
        if zorgtafel.huidig_agendapunt:
            events.append({"soort": "huidig", "item": zorgtafel.huidig_agendapunt.public_id})
        audit_log_many(self._audit_context(), rows)
        return events

    async def send_snapshot(self, *, bericht: str):
        for event in await self._snapshot(bericht):
            await self.send_json(event)
        await self.send_json({"soort": "bijgewerkt"})

    @database_sync_to_async
    def _item_html(self, item_public_id):
        """An item's content for this recipient, audited as delivered."""
        punt = (
            Agendapunt.objects.select_related("zorgtafel", "casus")
            .filter(zorgtafel_id=self.zorgtafel_pk, public_id=item_public_id)
            .first()
        )
        if punt is None:
            return None
        html = live.agendapunt_html(punt)
        audit_log_many(
            self._audit_context(),
            [
                self._audit_row(
                    item=punt.public_id, casus_public_id=punt.casus.public_id, bericht="toegang"
                )
            ],
        )
        return html

    async def _refresh_zichtbaar(self) -> None:
        """Read again whose name this socket may show (the agenda or a case's
        participants changed, and with them who shares an item with whom), and
        show who is in the room again if that changes what it shows."""
        self.zichtbaar = await self._zichtbare_genodigden()
        if self.present:
            await self._send_presence()

    @database_sync_to_async
    def _zichtbare_genodigden(self) -> set[int]:
        return zichtbare_genodigden(self.user, Zorgtafel.objects.get(pk=self.zorgtafel_pk))

    @database_sync_to_async
    def _still_invited(self) -> bool:
        return (
            zorgtafels_for_user(Zorgtafel.objects.all(), user=self.user)
            .filter(pk=self.zorgtafel_pk)
            .exists()
        )

    # Group messages: each forwarded only while the session holds ----------------------

    async def zorgtafel_algemeen(self, message):
        if not await self._may_forward():
            return
        if message["event"].get("soort") == "agenda":
            # Who shares an item with whom may have changed with the agenda.
            await self._refresh_zichtbaar()
        await self.send_json(message["event"])

    async def zorgtafel_aanwezigheid(self, message):
        """An invitee's attendance (``live.aanwezigheid_on_commit``): only to a
        socket whose user may see who the invitee is."""
        if message["genodigde"] in self.zichtbaar and await self._may_forward():
            await self.send_json(message["event"])

    async def zorgtafel_einde(self, message):
        """The meeting closed or was cancelled (``live.einde_on_commit``): the new
        status, a last "gesloten", and the socket closes; no presence, no updates."""
        if not await self._may_forward():
            return
        await self.send_json({"soort": "status", "status": message["status"]})
        await self.send_json({"soort": "gesloten", "status": message["status"]})
        await self._close(AFGELOPEN)

    async def zorgtafel_item(self, message):
        # Decided after the change was committed; a message without readers is closed.
        if self.user.pk in message.get("lezers", ()):
            row = self._audit_row(
                item=message["item"],
                casus_public_id=message.get("casus_public_id", ""),
                bericht=message["event"].get("soort", "item"),
            )
            if await self._may_forward(audit_rows=[row]):
                await self.send_json(message["event"])
        elif await self._may_forward():
            await self.send_json({"soort": "besloten", "item": message["item"]})

    async def zorgtafel_toegang(self, message):
        """Participants of an item's case changed: show or close the item for this
        recipient now, and leave the room if no longer invited at all."""
        if not await self._may_forward():
            return
        if not await self._still_invited():
            await self.send_json({"soort": "besloten", "item": message["item"]})
            await self._close(GEWEIGERD)
            return
        await self._refresh_zichtbaar()
        if await self._may_see(message["casus"]):
            html = await self._item_html(message["item"])
            if html is not None:
                await self.send_json({"soort": "item", "item": message["item"], "html": html})
        else:
            await self.send_json({"soort": "besloten", "item": message["item"]})

    async def presence_join(self, message):
        if not await self._may_forward():
            return
        self.present[message["channel"]] = {"user": message["user"], "naam": message["naam"]}
        if message["channel"] != self.channel_name:
            # Introduce ourselves to the newcomer only. Presence is best effort: a
            # newcomer swamped by a crowd arriving at once must not end this socket.
            try:
                await self.channel_layer.send(
                    message["channel"],
                    {
                        "type": "presence.here",
                        "channel": self.channel_name,
                        "user": self.user.pk,
                        "naam": self.naam,
                    },
                )
            except ChannelFull:
                logger.info("presence for zorgtafel %s not delivered", self.zorgtafel_id)
        await self._send_presence()

    async def presence_here(self, message):
        if not await self._may_forward():
            return
        self.present[message["channel"]] = {"user": message["user"], "naam": message["naam"]}
        await self._send_presence()

    async def presence_leave(self, message):
        if self.present.pop(message["channel"], None) is not None and await self._may_forward():
            await self._send_presence()

    def _namen(self) -> list[str]:
        """Who is in the room, as this socket's user may see them: a name only for
        whom they may see (and themselves); everyone else as one label, never counted."""
        return sorted(
            {
                p["naam"]
                if p["user"] == self.user.pk or p["user"] in self.zichtbaar
                else str(GENODIGDE_VERBORGEN)
                for p in self.present.values()
            }
        )

    async def _send_presence(self):
        # Only a change: someone coming or going whom the user may not see, while
        # another such is there, must not show as a message of its own.
        namen = self._namen()
        if namen != self._namen_gestuurd:
            self._namen_gestuurd = namen
            await self.send_json({"soort": "aanwezig", "namen": namen})
