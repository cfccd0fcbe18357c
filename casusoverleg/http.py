"""Small request helpers shared by the login lockout and the audit trail."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address: the connection's, or the one the trusted proxies saw.

    X-Forwarded-For is read only when ``PROXY_COUNT`` proxies are configured, and
    then the entry that the outermost trusted proxy appended; anything a client put
    in front of it is ignored, so the header cannot be used to dodge the lockout.
    """
    count = settings.PROXY_COUNT
    if count:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "") or ""


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:500]
