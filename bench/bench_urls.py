"""The application's URLs plus a "floor" view: one indexed query, no template.

Used only by the benchmarks (``ROOT_URLCONF`` is pointed here), so the floor runs
through the very same middleware (session, auth, CSRF, security headers) as the
pages it is compared with.
"""

from django.http import HttpResponse
from django.urls import path

from casusoverleg import urls as app_urls
from casusoverleg.models import Casus


def floor(request, public_id):
    nummer = Casus.objects.filter(public_id=public_id).values_list("nummer", flat=True).first()
    return HttpResponse(nummer or "", content_type="text/plain; charset=utf-8")


urlpatterns = [
    *app_urls.urlpatterns,
    path("__bench__/floor/<str:public_id>/", floor, name="bench-floor"),
]

handler400 = app_urls.handler400
handler403 = app_urls.handler403
handler404 = app_urls.handler404
handler500 = app_urls.handler500
