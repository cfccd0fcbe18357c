import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper


@pytest.mark.django_db(transaction=True)
def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "ok"}
    assert response.headers["Content-Type"] == "application/json"


@pytest.mark.django_db(transaction=True)
def test_healthz_needs_no_login_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.django_db(transaction=True)
def test_broken_database_gives_503(client, monkeypatch):
    def broken_cursor(self, *args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "channel_layer": "ok"}


@pytest.mark.django_db(transaction=True)
def test_broken_channel_layer_gives_503(client, monkeypatch):
    from channels.layers import InMemoryChannelLayer

    from casusoverleg.views import casus as views

    class Broken(InMemoryChannelLayer):
        async def send(self, channel, message):
            raise ConnectionError("layer is down")

    monkeypatch.setattr(views, "get_channel_layer", lambda: Broken())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["channel_layer"] == "error"
