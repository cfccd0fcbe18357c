"""Referrals nobody answers, registered with ``casusoverleg.herinneringen``
(``manage.py herinneringen``): the receiving organisation is reminded once after
``DOORVERWIJZING_HERINNERING_DAGEN`` days, the case's coordinators are told once
after ``DOORVERWIJZING_ESCALATIE_DAGEN``. The core's record of sent reminders
keeps each to one; the referral keeps when it happened."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casusoverleg.herinneringen import Te
from casusoverleg.models import Meldingsoort, User
from casusoverleg.permissions import casuscoordinatoren
from casusoverleg.services import organisatie_leden

from .models import Doorverwijzing


def _open_sinds(vandaag: datetime.date, dagen: int):
    return Doorverwijzing.objects.filter(
        status=Doorverwijzing.Status.VOORGESTELD,
        gevraagd_op__date__lte=vandaag - datetime.timedelta(days=dagen),
    ).select_related("casus__coordinerende_organisatie")


def doorverwijzingen_onbeantwoord(*, vandaag):
    for verwijzing in _open_sinds(vandaag, settings.DOORVERWIJZING_HERINNERING_DAGEN).filter(
        herinnerd_op__isnull=True
    ):
        yield Te(
            soort="doorverwijzing_herinnering",
            sleutel=verwijzing.public_id,
            ontvangers=organisatie_leden(verwijzing.organisatie_id),
            melding=Meldingsoort.DOORVERWIJZING,
            url=reverse("wegwijzer:doorverwijzing", args=[verwijzing.public_id]),
            casus=verwijzing.casus,
        )
        Doorverwijzing.objects.filter(pk=verwijzing.pk, herinnerd_op__isnull=True).update(
            herinnerd_op=timezone.now()
        )
    for verwijzing in _open_sinds(vandaag, settings.DOORVERWIJZING_ESCALATIE_DAGEN).filter(
        geescaleerd_op__isnull=True
    ):
        yield Te(
            soort="doorverwijzing_escalatie",
            sleutel=verwijzing.public_id,
            ontvangers=list(
                casuscoordinatoren(
                    User.objects, organisatie=verwijzing.casus.coordinerende_organisatie
                )
            ),
            melding=Meldingsoort.DOORVERWIJZING_OPEN,
            url=reverse("wegwijzer:doorverwijzing", args=[verwijzing.public_id]),
            casus=verwijzing.casus,
        )
        Doorverwijzing.objects.filter(pk=verwijzing.pk, geescaleerd_op__isnull=True).update(
            geescaleerd_op=timezone.now()
        )
