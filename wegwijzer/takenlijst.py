"""Referrals waiting for the user's organisation in Mijn taken, registered with
``casusoverleg.takenlijst``. The receiving organisation does not see the case yet:
a row names the case number only and links to the referral."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casusoverleg.permissions import ontvangen_doorverwijzingen
from casusoverleg.takenlijst import Rij

from .models import Doorverwijzing


def doorverwijzing_taken(*, user) -> list[Rij]:
    """The open referrals to the user's organisation, in one query; the answer is
    due when the reminder goes out."""
    dagen = datetime.timedelta(days=settings.DOORVERWIJZING_HERINNERING_DAGEN)
    return [
        Rij(
            casus=verwijzing.casus,
            wat=_("Doorverwijzing beantwoorden (urgentie: %(urgentie)s)")
            % {"urgentie": verwijzing.get_urgentie_display()},
            deadline=timezone.localdate(verwijzing.gevraagd_op + dagen),
            link=reverse("wegwijzer:doorverwijzing", args=[verwijzing.public_id]),
            status=verwijzing.get_status_display(),
            object=verwijzing,
        )
        for verwijzing in ontvangen_doorverwijzingen(
            Doorverwijzing.objects.filter(status=Doorverwijzing.Status.VOORGESTELD),
            user=user,
        )
        .select_related("casus")
        .order_by("gevraagd_op", "pk")
    ]
