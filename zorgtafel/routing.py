"""Websocket routes. Each consumer authenticates, re-checks its session, checks case
access per message through the one access helper, and only forwards; it writes
nothing but the audit trail."""

from django.urls import path

from .consumers import ZorgtafelConsumer

websocket_urlpatterns: list = [
    path("ws/zorgtafels/<str:zorgtafel_id>/", ZorgtafelConsumer.as_asgi()),
]
