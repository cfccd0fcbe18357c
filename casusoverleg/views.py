import asyncio
import logging

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

HEALTH_TIMEOUT_SECONDS = 2.0


def home(request):
    return render(request, "casusoverleg/home.html")


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("healthz: database check failed")
        return False
    finally:
        connection.close_if_unusable_or_obsolete()


async def _channel_layer_ok() -> bool:
    try:
        layer = get_channel_layer()
        channel = await layer.new_channel("healthz.")
        await layer.send(channel, {"type": "healthz.ping"})
        message = await asyncio.wait_for(layer.receive(channel), HEALTH_TIMEOUT_SECONDS)
        return message.get("type") == "healthz.ping"
    except Exception:
        logger.exception("healthz: channel layer check failed")
        return False


@login_not_required
@require_GET
@never_cache
async def healthz(request):
    """State of the database and the channel layer: 200 when both work, else 503."""
    database = await sync_to_async(_database_ok, thread_sensitive=True)()
    channel_layer = await _channel_layer_ok()
    healthy = database and channel_layer
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": "ok" if database else "error",
            "channel_layer": "ok" if channel_layer else "error",
        },
        status=200 if healthy else 503,
    )
