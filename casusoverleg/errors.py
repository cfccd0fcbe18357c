"""Error pages that reveal nothing: no path, no object, no reason.

A case that does not exist and a case the user may not see must be
indistinguishable, so the 404 page is the same static text for both.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: the plain 403 page; the refusal is audited by
    ``RefusalAuditMiddleware`` with the reason's fixed part (never the origin sent)."""
    request.casusoverleg_weigering = "csrf: " + reason.split(" - ")[0][:80]
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: it must work when they are what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
