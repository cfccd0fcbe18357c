"""The demo's reflection periods (bedenktijd), recorded through ``identificatie.services``."""

import datetime

from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.demo import demo_casus
from identificatie import services as identificatie
from identificatie.models import Bedenktijd

#: (case, recorded by, started this many days ago): one near its end, one halfway.
BEDENKTIJDEN = [
    ("Joy Voorbeeld", "politie", 80),
    ("Thanh Demo", "zorg", 40),
]


def bedenktijden_create(*, organisaties, users) -> int:
    """Record the periods above once; return how many were new."""
    today = timezone.localdate()
    nieuw = 0
    for naam, door, dagen in BEDENKTIJDEN:
        casus = demo_casus(organisaties, naam)
        if Bedenktijd.objects.filter(casus=casus).exists():
            continue
        identificatie.bedenktijd_start(
            ctx=AuditContext.system(users[door]),
            casus=casus,
            start=today - datetime.timedelta(days=dagen),
        )
        nieuw += 1
    return nieuw
