"""The purpose of use (NEN 7513, GDPR purpose limitation): the first time in a
session that a user opens a case, they say why, and every audit row of that
session about that case records it.

The access module asks ``vereist`` once the user has been found to have access
(``permissions.object_or_404``): an outsider still gets the 404 of a case that
does not exist, never a question that would confirm it does. Without a stated
purpose the lookup raises ``GebruiksdoelNodig`` before the read is audited or
the page runs, and ``GebruiksdoelMiddleware`` answers with the question, then
sends the user on to where they were going. The purposes live in the session
(``GEBRUIKSDOELEN_SESSIE``), so they end with it; ``AuditContext`` reads them
from there for every row. A purpose can be changed at any time; each statement
is an audit row of its own.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .audit import GEBRUIKSDOELEN_SESSIE, Actie, AuditContext, Gebruiksdoel, audit_log_many

#: The longest explanation kept (it is stored on every audit row of the session).
TOELICHTING_MAX = 200


#: The most cases one question covers (a meeting's agenda).
MAX_CASUSSEN = 50


class GebruiksdoelNodig(Exception):
    """The user may open the cases ``public_ids`` (one, or those of a meeting's
    agenda) but has not said why in this session."""

    def __init__(self, public_ids):
        self.public_ids = list(public_ids)
        super().__init__(*self.public_ids)


def opgegeven(request, public_id: str) -> dict | None:
    """The purpose the user stated for case ``public_id`` in this session, if any:
    ``{"doel": code, "toelichting": text}``."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    return (session.get(GEBRUIKSDOELEN_SESSIE) or {}).get(public_id)


def label(gekozen: dict) -> str:
    """A stated purpose in words."""
    tekst = str(Gebruiksdoel(gekozen["doel"]).label)
    if gekozen.get("toelichting"):
        tekst = f"{tekst}: {gekozen['toelichting']}"
    return tekst


def vereist(request, public_id: str) -> bool:
    """Whether the user must state a purpose before opening case ``public_id``."""
    return bool(
        settings.GEBRUIKSDOEL_VRAGEN
        and getattr(request.user, "is_authenticated", False)
        and opgegeven(request, public_id) is None
    )


def ontbrekend(session, public_ids) -> list[str]:
    """Those of ``public_ids`` without a stated purpose in ``session`` (a request's
    or a websocket's), when the question is asked at all."""
    if not settings.GEBRUIKSDOEL_VRAGEN:
        return []
    gekozen = (session.get(GEBRUIKSDOELEN_SESSIE) or {}) if session is not None else {}
    return [p for p in public_ids if p not in gekozen]


def eisen(request, casussen) -> None:
    """For a page about several cases (a meeting): raise ``GebruiksdoelNodig`` for
    those of ``casussen`` (each one the user may read) without a stated purpose."""
    ontbreekt = [c.public_id for c in casussen if vereist(request, c.public_id)]
    if ontbreekt:
        raise GebruiksdoelNodig(ontbreekt)


def vastleggen(request, casus, *, doel: str, toelichting: str = "") -> None:
    """Keep the purpose for ``casus`` (a case, or a list of them) in this session
    and audit the statement, one row per case (each carries the new purpose, as
    every later row of this session and case will)."""
    casussen = casus if isinstance(casus, list | tuple) else [casus]
    toelichting = (toelichting or "").strip()[:TOELICHTING_MAX]
    gekozen = dict(request.session.get(GEBRUIKSDOELEN_SESSIE) or {})
    for c in casussen:
        gekozen[c.public_id] = {"doel": Gebruiksdoel(doel).value, "toelichting": toelichting}
    request.session[GEBRUIKSDOELEN_SESSIE] = gekozen
    audit_log_many(
        AuditContext.for_request(request),
        [
            {
                "actie": Actie.DOEL_OPGEGEVEN,
                "object_type": "casus",
                "object_id": c.public_id,
                "casus": c,
            }
            for c in casussen
        ],
    )


def veilige_volgende(request, volgende: str, standaard: str) -> str:
    """``volgende`` when it is a path on this site, else ``standaard``."""
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return standaard


class GebruiksdoelMiddleware:
    """Answers ``GebruiksdoelNodig`` with the question. A page is asked for again
    after it; a form sent without a purpose (its page was opened in another
    session) is not carried out, and the user is told so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, GebruiksdoelNodig):
            return None
        if len(exception.public_ids) == 1:
            vraag = reverse("casusoverleg:gebruiksdoel", args=exception.public_ids)
        else:
            ids = exception.public_ids[:MAX_CASUSSEN]
            vraag = reverse("casusoverleg:gebruiksdoel-meerdere")
            vraag = f"{vraag}?{urlencode([('casus', i) for i in ids])}"
        if request.method in ("GET", "HEAD") and not request.headers.get("HX-Request"):
            volgende = request.get_full_path()
        else:
            volgende = request.headers.get("HX-Current-URL") or request.headers.get("Referer", "")
            if request.method not in ("GET", "HEAD"):
                messages.warning(
                    request,
                    _(
                        "Geef eerst aan waarvoor u deze casus opent. "
                        "Uw wijziging is niet opgeslagen."
                    ),
                )
        url = vraag
        volgende = veilige_volgende(request, volgende, "")
        if volgende:
            url = f"{vraag}{'&' if '?' in vraag else '?'}{urlencode({'volgende': volgende})}"
        if request.headers.get("HX-Request"):
            # htmx swaps a fragment: the whole page goes to the question instead.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url, status=303 if request.method == "POST" else 302)
