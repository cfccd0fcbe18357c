"""The demo reports to CoMensha, made and updated through ``identificatie.services``."""

import datetime

from django.utils import timezone

from casusoverleg.audit import AuditContext, Doel
from casusoverleg.demo import COORDINERENDE_ORGANISATIE, demo_casus
from casusoverleg.models import Casus
from identificatie import services as identificatie
from identificatie.models import Melding

# The report to CoMensha. Every demo case gets one (pre-filled from its first
# signal); the cases below are past "te melden", the others still wait for it.
#   gemeld:       (case, acting user, days before today, CoMensha reference number)
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
    """Give every demo case its report to CoMensha and record the outcomes above;
    return how many reports changed."""
    gemeente = organisaties[COORDINERENDE_ORGANISATIE]
    for casus in Casus.objects.filter(coordinerende_organisatie=gemeente).order_by("nummer"):
        identificatie.melding_create(casus=casus)
    today = timezone.localdate()
    uitkomsten = [
        (naam, door, _gemeld(today - datetime.timedelta(days=dagen), nummer))
        for naam, door, dagen, nummer in MELDINGEN_GEMELD
    ] + [
        (
            naam,
            door,
            {
                "status": Melding.Status.NIET_GEMELD,
                "reden_niet_gemeld": reden,
                "toelichting_niet_gemeld": toelichting,
            },
        )
        for naam, door, reden, toelichting in MELDINGEN_NIET_GEMELD
    ]
    gewijzigd = 0
    for naam, door, data in uitkomsten:
        melding = Melding.objects.get(casus=demo_casus(organisaties, naam))
        if melding.status != data["status"]:
            ctx = AuditContext.system(users[door], doel=Doel.MELDING)
            identificatie.melding_update(ctx=ctx, melding=melding, data=data)
            gewijzigd += 1
    return gewijzigd


def _gemeld(op, nummer) -> dict:
    return {
        "status": Melding.Status.GEMELD,
        "gemeld_op": op,
        "referentie": f"CM-{op.year}-{nummer:04d}",
    }
