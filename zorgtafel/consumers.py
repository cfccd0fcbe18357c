"""The live zorgtafel room: one websocket per meeting.

The consumer authenticates (the session), checks that the user is invited and
has accepted the confidentiality statement, joins the meeting's group and
forwards. Every item-bound message names who may see the item's case, decided
after commit when it was sent (``live.lezers``); anyone not named gets only
"besloten", never the content. So no message costs a query per recipient, and
the event loop only relays. The snapshot and a change of a case's participants
(``zorgtafel.toegang``) are checked against the database for this recipient.
It never writes to the database; presence lives in the channel layer only.
"""

import logging

from channels.db import database_sync_to_async
from channels.exceptions import ChannelFull
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from casusoverleg.audit import Actie, AuditContext, Doel, Uitkomst, audit_log
from casusoverleg.mfa import session_mfa_ok
from casusoverleg.permissions import (
    may_access_cases,
    may_enter_room,
    zichtbare_casus_ids,
    zorgtafels_for_user,
)

from . import live
from .models import Agendapunt, Zorgtafel

logger = logging.getLogger(__name__)

#: Close codes the client understands: not allowed (do not retry) and gone.
GEWEIGERD = 4403


def _scope_header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return ""


class ZorgtafelConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.user = self.scope.get("user")
        self.zorgtafel_id = self.scope["url_route"]["kwargs"]["zorgtafel_id"]
        self.present = {}
        # A session that has not passed its second factor opens no room.
        if not await database_sync_to_async(session_mfa_ok)(self.scope.get("session"), self.user):
            await self.close(code=GEWEIGERD)
            return
        zorgtafel = await self._zorgtafel_or_none(audit=True)
        if zorgtafel is None:
            await self.close(code=GEWEIGERD)
            return
        self.zorgtafel_pk = zorgtafel.pk
        self.group = live.group_name(self.zorgtafel_id)
        await self.accept()
        # Join first, then take the snapshot: whatever is committed after joining
        # arrives after the snapshot (the client replaces by id, so a double is harmless).
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send_snapshot()
        await self.channel_layer.group_send(
            self.group,
            {
                "type": "presence.join",
                "channel": self.channel_name,
                "user": self.user.pk,
                "naam": self.naam,
            },
        )

    async def disconnect(self, code):
        group = getattr(self, "group", None)
        if group:
            await self.channel_layer.group_send(
                group, {"type": "presence.leave", "channel": self.channel_name}
            )
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The client only asks to catch up; every request is checked again.
        if not isinstance(content, dict) or content.get("soort") != "sync":
            return
        if await self._zorgtafel_or_none(audit=False) is None:
            await self.close(code=GEWEIGERD)
            return
        await self.send_snapshot()

    # Access -------------------------------------------------------------------------

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
            ctx = AuditContext(
                user=user,
                doel=Doel.CASUSOVERLEG,
                ip=(self.scope.get("client") or [None])[0],
                user_agent=_scope_header(self.scope, b"user-agent"),
            )
            audit_log(
                ctx,
                actie=Actie.LEZEN,
                uitkomst=Uitkomst.TOEGESTAAN if bevestigd else Uitkomst.GEWEIGERD,
                object_type="zorgtafel-live",
                object_id=self.zorgtafel_id,
                detail={"geheimhouding": bevestigd} if zorgtafel else {},
            )
        return zorgtafel if bevestigd else None

    @database_sync_to_async
    def _may_see(self, casus_pk) -> bool:
        # Only when a case's participants change; item messages carry their readers.
        return bool(may_access_cases(self.user)) and bool(
            zichtbare_casus_ids(self.user, [casus_pk])
        )

    @database_sync_to_async
    def _snapshot(self) -> list[dict]:
        zorgtafel = Zorgtafel.objects.select_related("huidig_agendapunt").get(pk=self.zorgtafel_pk)
        punten = list(
            Agendapunt.objects.filter(zorgtafel=zorgtafel)
            .select_related("zorgtafel", "casus")
            .order_by("volgorde", "pk")
        )
        zichtbaar = zichtbare_casus_ids(self.user, [p.casus_id for p in punten])
        events = [{"soort": "status", "status": zorgtafel.status}]
        for punt in punten:
            if punt.casus_id in zichtbaar:
                events.append(
                    {"soort": "item", "item": punt.public_id, "html": live.agendapunt_html(punt)}
                )
            else:
                events.append({"soort": "besloten", "item": punt.public_id})
        if zorgtafel.huidig_agendapunt:
            events.append({"soort": "huidig", "item": zorgtafel.huidig_agendapunt.public_id})
        return events

    async def send_snapshot(self):
        for event in await self._snapshot():
            await self.send_json(event)
        await self.send_json({"soort": "bijgewerkt"})

    @database_sync_to_async
    def _item_html(self, item_public_id):
        punt = (
            Agendapunt.objects.select_related("zorgtafel", "casus")
            .filter(zorgtafel_id=self.zorgtafel_pk, public_id=item_public_id)
            .first()
        )
        return live.agendapunt_html(punt) if punt else None

    @database_sync_to_async
    def _still_invited(self) -> bool:
        return (
            zorgtafels_for_user(Zorgtafel.objects.all(), user=self.user)
            .filter(pk=self.zorgtafel_pk)
            .exists()
        )

    # Group messages -----------------------------------------------------------------

    async def zorgtafel_algemeen(self, message):
        await self.send_json(message["event"])

    async def zorgtafel_item(self, message):
        # Decided after the change was committed; a message without readers is closed.
        if self.user.pk in message.get("lezers", ()):
            await self.send_json(message["event"])
        else:
            await self.send_json({"soort": "besloten", "item": message["item"]})

    async def zorgtafel_toegang(self, message):
        """Participants of an item's case changed: show or close the item for this
        recipient now, and leave the room if no longer invited at all."""
        if not await self._still_invited():
            await self.send_json({"soort": "besloten", "item": message["item"]})
            await self.close(code=GEWEIGERD)
            return
        if await self._may_see(message["casus"]):
            html = await self._item_html(message["item"])
            if html is not None:
                await self.send_json({"soort": "item", "item": message["item"], "html": html})
        else:
            await self.send_json({"soort": "besloten", "item": message["item"]})

    async def presence_join(self, message):
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
        self.present[message["channel"]] = {"user": message["user"], "naam": message["naam"]}
        await self._send_presence()

    async def presence_leave(self, message):
        if self.present.pop(message["channel"], None) is not None:
            await self._send_presence()

    async def _send_presence(self):
        namen = sorted({p["naam"] for p in self.present.values()})
        await self.send_json({"soort": "aanwezig", "namen": namen})
