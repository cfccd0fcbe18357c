"""Search terms that never appear in a URL or a log line.

A search box posts its term; the term is kept in the user's session under a
random token, and the browser is redirected to the list URL carrying only that
token (``?zoek=<token>``). The list stays an ordinary GET page: paging, filters,
reloading and the back button work, while access logs (daphne's, a proxy's,
``django.server``) see nothing but an opaque token. The token is random, not
derived from the term, so it cannot be guessed back; it means nothing outside
the session it was made in.
"""

import secrets

SESSION_KEY = "casusoverleg_zoekopdrachten"
# A query parameter name, not a secret (bandit B105 reads "token" as a password).
TOKEN_PARAM = "zoek"  # noqa: S105  # nosec B105
#: How many searches one session remembers (older ones are forgotten, their
#: URLs then show the list without the search).
MAX_ZOEKOPDRACHTEN = 20


def zoekterm_bewaren(request, term: str) -> str:
    """Keep ``term`` in the session and return the opaque token that stands for it."""
    opgeslagen = dict(request.session.get(SESSION_KEY, {}))
    for token, bestaand in opgeslagen.items():
        if bestaand == term:
            return token
    token = secrets.token_urlsafe(9)
    opgeslagen[token] = term
    # Dicts keep insertion order: the oldest searches go first.
    while len(opgeslagen) > MAX_ZOEKOPDRACHTEN:
        opgeslagen.pop(next(iter(opgeslagen)))
    request.session[SESSION_KEY] = opgeslagen
    return token


def zoekterm(request, token: str | None) -> str | None:
    """The term behind ``token`` in this session; None for no token or an unknown one."""
    if not token:
        return None
    return request.session.get(SESSION_KEY, {}).get(token)
