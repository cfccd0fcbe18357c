"""The demo identification processes and their assessments, through
``identificatie.services``. A case that already has a process is left alone."""

import datetime

from django.utils import timezone

from casusoverleg.audit import AuditContext, Doel
from casusoverleg.demo import DEELNEMERS, demo_casus
from casusoverleg.models import Termijn
from identificatie import services as proces_services
from identificatie.models import IdentificatieProces, Taak

# Identification processes in several states. Assessments are written by the demo
# user of the organisation ("" when an organisation has no demo user: its task stays open).
#   (case, coordinator who starts, invited, who submits, state)
# The states: "ronde" (assessments still coming in), "te_laat" (the same, with the
# deadline passed) and "zorgtafel" (all assessed: the conference step waits; the
# advice demo, ``advies.demo``, takes these further).
PROCESSEN = [
    ("Alina Voorbeeld", "coordinator", ["politie", "zorg", "advocaat"], ["politie"], "ronde"),
    ("Joy Voorbeeld", "coordinator", ["kmar", "politie", "zorg"], ["zorg"], "te_laat"),
    (
        "Dawit Demo",
        "coordinator2",
        ["nidos", "jeugdzorg", "zorg"],
        ["nidos", "jeugdzorg", "zorg"],
        "zorgtafel",
    ),
    (
        "Mei Fictief",
        "coordinator2",
        ["politie", "zorg", "comensha"],
        ["politie", "zorg", "comensha"],
        "zorgtafel",
    ),
]

DEMO_BEOORDELING = {
    "politie": (
        "duidelijk",
        "Verklaring afgelegd over afgepakte paspoort en schuld van 4.000 euro.",
        "Passend bij uitbuiting: dwang via schuld en documenten.",
        "ILO-indicatoren 7 en 9.",
    ),
    "zorg": (
        "duidelijk",
        "Slaapt op de werkplek, geen eigen geld, angstig bij telefoontjes.",
        "Beeld van afhankelijkheid en controle.",
        "Waarnemingen in de opvang, drie weken.",
    ),
    "advocaat": (
        "enige",
        "Cliënt wil aangifte doen als de veiligheid geregeld is.",
        "Aanwijzingen, nog niet alles verklaard.",
        "Gesprekken met cliënt.",
    ),
    "nidos": (
        "duidelijk",
        "Alleenstaande minderjarige, reisschuld bij smokkelaar.",
        "Kwetsbaar en afhankelijk; risico op verdwijning.",
        "Voogdijgesprekken.",
    ),
    "jeugdzorg": (
        "enige",
        "Verzuimt school, komt 's nachts laat thuis in vreemde auto's.",
        "Aanwijzingen voor criminele uitbuiting.",
        "Signalen van school en woongroep.",
    ),
    "comensha": (
        "kan_niet",
        "Melding ontvangen, geen eigen waarneming.",
        "Geen eigen oordeel mogelijk.",
        "CoMensha registreert, beoordeelt niet.",
    ),
}

#: Needs the assessments name, proposed on the case's needs ("Voorgesteld uit beoordelingen").
DEMO_BEHOEFTEN = {
    "politie": "Veilige opvang buiten de regio van de werkgever.\nBegeleiding bij de aangifte.",
    "zorg": "Traumabehandeling.\nHulp bij het aanvragen van een uitkering.",
}


def processen_create(*, organisaties, users) -> int:
    """Start the demo processes that do not exist yet and bring each to its state."""
    today = timezone.localdate()
    nieuw = 0
    for naam, starter, uitgenodigd, indieners, staat in PROCESSEN:
        casus = demo_casus(organisaties, naam)
        if IdentificatieProces.objects.filter(casus=casus).exists():
            continue
        coordinator = users[starter]
        proces = proces_services.proces_start(
            ctx=AuditContext.system(coordinator, doel=Doel.COORDINATIE),
            casus=casus,
            organisaties=[organisaties[DEELNEMERS[w][0]] for w in uitgenodigd],
            deadline=today + datetime.timedelta(days=10),
        )
        for wie in indieners:
            user = users[DEELNEMERS[wie][1] or wie]
            taak = Taak.objects.get(proces=proces, organisatie=user.organisatie)
            ctx = AuditContext.system(user)
            proces_services.taak_claim(ctx=ctx, taak=taak)
            oordeel, feiten, professioneel, onderbouwing = DEMO_BEOORDELING[wie]
            data = {
                "oordeel": oordeel,
                "feiten": feiten,
                "professioneel_oordeel": professioneel,
                "onderbouwing": onderbouwing,
                "strafzaak": "nee" if wie == "politie" else "",
                "behoeften": DEMO_BEHOEFTEN.get(wie, ""),
            }
            proces_services.beoordeling_save(ctx=ctx, taak=taak, data=data, indicatoren=[])
        if staat == "te_laat":
            # Shown as overdue: the round's deadline has passed.
            verleden = today - datetime.timedelta(days=3)
            IdentificatieProces.objects.filter(pk=proces.pk).update(deadline=verleden)
            Taak.objects.filter(proces=proces).update(deadline=verleden)
            # Its term too, or the case would show two deadlines (the daily run then
            # closes the round, as the setting says).
            Termijn.objects.filter(
                casus=casus, soort=IdentificatieProces.TERMIJNSOORT, sleutel=proces.public_id
            ).update(start=verleden - datetime.timedelta(days=10), einde=verleden)
        nieuw += 1
    return nieuw
