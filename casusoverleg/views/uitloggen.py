"""Logging out: Django's LogoutView, which ends the session through ``logout()``
(and so fires ``user_logged_out`` for the audit trail and the sockets), plus an
instruction to the browser to forget what it kept of the session."""

from django.contrib.auth import views as auth_views

#: Cached pages, cookies and local storage of this origin are wiped by the browser.
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
