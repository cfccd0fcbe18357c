"""The demo reports to CoMensha, made and updated through ``identificatie.services``."""

import datetime

from django.utils import timezone

from casusoverleg.audit import AuditContext, Doel
from casusoverleg.demo import COORDINERENDE_ORGANISATIE, demo_casus
from casusoverleg.models import Casus
from casusoverleg.permissions import may_submit_melding
from identificatie import services as identificatie
from identificatie.models import Melding

# The report to CoMensha. Every demo case gets one (pre-filled from its first
# signal); the cases below are past "te melden", the others still wait for it.
#   gemeld:       (case, submitting user, days before today, CoMensha registration number)
#   niet gemeld:  (case, acting user, reason, explanation)
MELDINGEN_GEMELD = [
    ("Alina Voorbeeld", "politie", 70, 412),
    ("Dawit Demo", "nidos", 150, 188),
    ("Bogdan Fictief", "zorg", 200, 131),
    ("Marek Verzonnen", "coordinator2", 320, 57),
    ("Mei Fictief", "coordinator2", 110, 233),
    ("Alex Demo", "coordinator", 395, 19),
]
MELDINGEN_NIET_GEMELD = [
    (
        "Youssef Verzonnen",
        "coordinator2",
        Melding.RedenNietGemeld.AL_GEMELD,
        "De politie meldde hem bij CoMensha na de aanhouding, voor deze casus bestond.",
    ),
]


def meldingen_update(*, organisaties, users) -> int:
    """Give every demo case its report to CoMensha and record the outcomes above:
    submitted by the acting user and registered by CoMensha under its number, or the
    exception recorded; return how many reports changed."""
    gemeente = organisaties[COORDINERENDE_ORGANISATIE]
    for casus in Casus.objects.filter(coordinerende_organisatie=gemeente).order_by("nummer"):
        identificatie.melding_create(casus=casus)
    today = timezone.localdate()
    gewijzigd = 0
    for naam, door, dagen, nummer in MELDINGEN_GEMELD:
        melding = Melding.objects.get(casus=demo_casus(organisaties, naam))
        if melding.status != Melding.Status.TE_MELDEN:
            continue
        op = today - datetime.timedelta(days=dagen)
        melding = identificatie.melding_submit(
            ctx=AuditContext.system(_indiener(melding, users[door]), doel=Doel.MELDING),
            melding=melding,
        )
        identificatie.melding_register(
            ctx=AuditContext.system(users["comensha"], doel=Doel.MELDING),
            melding=melding,
            registratienummer=f"CM-{op.year}-{nummer:04d}",
        )
        # The demo's history: the report was submitted back then, not today.
        Melding.objects.filter(pk=melding.pk).update(gemeld_op=op)
        gewijzigd += 1
    for naam, door, reden, toelichting in MELDINGEN_NIET_GEMELD:
        melding = Melding.objects.get(casus=demo_casus(organisaties, naam))
        if melding.status != Melding.Status.TE_MELDEN:
            continue
        identificatie.melding_decline(
            ctx=AuditContext.system(_indiener(melding, users[door]), doel=Doel.MELDING),
            melding=melding,
            reden=reden,
            toelichting=toelichting,
        )
        gewijzigd += 1
    return gewijzigd


def _indiener(melding, user):
    """``user`` when they may submit the report (the coordinator, the signalling
    organisation); else the case's coordinator, who always may."""
    if may_submit_melding(user, melding):
        return user
    return melding.casus.coordinator
