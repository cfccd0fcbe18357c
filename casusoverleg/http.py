"""Small request helpers shared by the login lockout and the audit trail, for
HTTP requests and websocket connections alike."""

from django.conf import settings


def forwarded_client_ip(remote_addr: str, x_forwarded_for: str) -> str:
    """The client's address: the connection's, or the one the trusted proxies saw.

    X-Forwarded-For is read only when ``PROXY_COUNT`` proxies are configured, and
    then the entry that the outermost trusted proxy appended; anything a client put
    in front of it is ignored, so the header cannot be used to dodge the lockout.
    """
    count = settings.PROXY_COUNT
    if count:
        forwarded = [p.strip() for p in (x_forwarded_for or "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= count:
            return forwarded[-count]
    return remote_addr or ""


def client_ip(request) -> str:
    """The client's address of an HTTP request (``forwarded_client_ip``)."""
    return forwarded_client_ip(
        request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", "")
    )


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:500]


def scope_header(scope, name: str) -> str:
    """One header of an ASGI connection; repeated headers are joined with commas,
    as HTTP joins them into ``request.META``."""
    wanted = name.lower().encode("latin-1")
    values = [value.decode("latin-1") for key, value in scope.get("headers", []) if key == wanted]
    return ",".join(values)


def scope_client_ip(scope) -> str:
    """The client's address of a websocket connection, by the same rule as HTTP."""
    client = scope.get("client") or ("", 0)
    return forwarded_client_ip(client[0] or "", scope_header(scope, "x-forwarded-for"))


def scope_user_agent(scope) -> str:
    return scope_header(scope, "user-agent")[:500]
