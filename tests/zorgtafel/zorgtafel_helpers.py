"""Meetings made through the services, as a coordinator would make them."""

import datetime

from django.utils import timezone

from casusoverleg.audit import AuditContext
from zorgtafel.models import Zorgtafel


def plan(coordinator, casussen, *, dagen=7, **data):
    from zorgtafel.services import zorgtafel_plan

    fields = {
        "type": Zorgtafel.Type.IDENTIFICATIE,
        "begint_op": timezone.now().replace(microsecond=0) + datetime.timedelta(days=dagen),
        "duur_minuten": 90,
        "plaats": "Stadskantoor, kamer 3",
        "voorzitter": coordinator,
        **data,
    }
    return zorgtafel_plan(ctx=AuditContext.system(coordinator), data=fields, casussen=casussen)


def bevestig(zorgtafel, *users):
    from zorgtafel.services import vertrouwelijkheid_confirm

    for user in users:
        vertrouwelijkheid_confirm(ctx=AuditContext.system(user), zorgtafel=zorgtafel)


def start(zorgtafel, coordinator):
    from zorgtafel.services import zorgtafel_start

    return zorgtafel_start(ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel)
