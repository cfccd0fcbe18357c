"""Websocket routes. Each consumer authenticates, checks case access per message
through the one access helper, and only forwards; it never writes."""

websocket_urlpatterns: list = []
