"""Fictional demo data of the meetings: planned, run and closed through
``zorgtafel.services``.

``manage.py demo`` calls ``load()`` last, after the demo data of the apps below,
whose cases and accounts it finds again through ``casusoverleg.demo``.
"""

import datetime

from django.utils import timezone

from casusoverleg.audit import AuditContext, Doel
from casusoverleg.demo import DEELNEMERS, demo_casus, demo_organisaties, demo_users
from zorgtafel import services as zorgtafel_services
from zorgtafel.models import Zorgtafel

__all__ = ["load"]

# Zorgtafels: a closed meeting two weeks ago (locked minutes, decisions, actions,
# one of them overdue) and a coming one, chaired by "coordinator". In the coming
# one the police take part in two of the three cases: the third is "besloten"
# for them. A meeting is recognised by its type and chair; one that exists is
# left alone. The meetings are planned after the identification processes: the
# past meeting's cases are still in their assessment round, so its decisions
# complete no process step (``besluit_record`` would otherwise).
#   items: (case, minute entries, (outcome, decision), actions)
#   actions: (owner, description, deadline in days from today)
ZORGTAFEL_VORIGE = {
    "type": "identificatie_advies",
    "dagen": -14,
    "uur": 10,
    "plaats": "Stadskantoor Voorbeeldstad, vergaderzaal 2",
    "aanwezig": ["coordinator", "politie", "zorg", "advocaat"],
    "afgemeld": ["comensha"],
    "items": [
        (
            "Alina Voorbeeld",
            [
                "Zorg: mevrouw is stabiel in de categorale opvang en wil aangifte overwegen.",
                "Politie: een verhoor door een vrouwelijke rechercheur is mogelijk.",
            ],
            ("vervolg", "Eerst bedenktijd en verhoor voorbereiden; over vier weken opnieuw."),
            [
                ("politie", "Verhoor door een vrouwelijke rechercheur inplannen.", -3),
                ("zorg", "Traumabehandeling aanvragen bij de GGZ.", 10),
            ],
        ),
        (
            "Joy Voorbeeld",
            ["Advocaat: aanvraag verblijf voor slachtoffers is ingediend."],
            ("advies_opstellen", "De coördinator stelt het multidisciplinaire advies op."),
            [("advocaat", "Stukken van de verblijfsaanvraag delen met de coördinator.", 7)],
        ),
    ],
}
ZORGTAFEL_KOMEND = {
    "type": "minderjarigen",
    "dagen": 3,
    "uur": 14,
    "plaats": "Stadskantoor Voorbeeldstad, vergaderzaal 2",
    "videolink": "https://video.voorbeeldstad.example/zorgtafel",
    "casussen": ["Sanne Fictief", "Dawit Demo", "Alina Voorbeeld"],
}


def zorgtafels_create(*, organisaties, users) -> int:
    """Plan the demo meetings that do not exist yet; return how many were planned."""
    coordinator = users["coordinator"]
    bestaand = set(Zorgtafel.objects.filter(voorzitter=coordinator).values_list("type", flat=True))
    nieuw = 0
    if ZORGTAFEL_VORIGE["type"] not in bestaand:
        _zorgtafel_vorige(organisaties, users)
        nieuw += 1
    if ZORGTAFEL_KOMEND["type"] not in bestaand:
        spec = ZORGTAFEL_KOMEND
        zorgtafel_services.zorgtafel_plan(
            ctx=AuditContext.system(coordinator, doel=Doel.COORDINATIE),
            data=_zorgtafel_data(spec, coordinator, videolink=spec["videolink"]),
            casussen=[demo_casus(organisaties, naam) for naam in spec["casussen"]],
        )
        nieuw += 1
    return nieuw


def _zorgtafel_data(spec, voorzitter, **extra) -> dict:
    dag = timezone.localdate() + datetime.timedelta(days=spec["dagen"])
    begint_op = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(spec["uur"])))
    return {
        "type": spec["type"],
        "begint_op": begint_op,
        "duur_minuten": 90,
        "plaats": spec["plaats"],
        "voorzitter": voorzitter,
        **extra,
    }


def _zorgtafel_vorige(organisaties, users):
    """The past meeting, run start to end through the services, then closed."""
    spec = ZORGTAFEL_VORIGE
    coordinator = users["coordinator"]
    ctx = AuditContext.system(coordinator, doel=Doel.COORDINATIE)
    casussen = [demo_casus(organisaties, item[0]) for item in spec["items"]]
    zorgtafel = zorgtafel_services.zorgtafel_plan(
        ctx=ctx, data=_zorgtafel_data(spec, coordinator), casussen=casussen
    )
    for username in spec["aanwezig"]:
        zorgtafel_services.vertrouwelijkheid_confirm(
            ctx=AuditContext.system(users[username]), zorgtafel=zorgtafel
        )
    zorgtafel = zorgtafel_services.zorgtafel_start(ctx=ctx, zorgtafel=zorgtafel)
    for uitnodiging in zorgtafel.uitnodigingen.filter(actief=True).select_related("user"):
        status = (
            "aanwezig"
            if uitnodiging.user.username in spec["aanwezig"]
            else "afgemeld"
            if uitnodiging.user.username in spec["afgemeld"]
            else "afwezig"
        )
        zorgtafel_services.aanwezigheid_record(
            ctx=ctx, uitnodiging=uitnodiging, aanwezigheid=status
        )
    today = timezone.localdate()
    for (_naam, notulen, (uitkomst, besluit), acties), casus in zip(
        spec["items"], casussen, strict=True
    ):
        punt = zorgtafel.agendapunten.get(casus=casus)
        zorgtafel_services.huidig_agendapunt_set(ctx=ctx, agendapunt=punt)
        for tekst in notulen:
            zorgtafel_services.notule_add(ctx=ctx, agendapunt=punt, tekst=tekst)
        zorgtafel_services.besluit_record(
            ctx=ctx, agendapunt=punt, besluit=besluit, uitkomst=uitkomst
        )
        for eigenaar, omschrijving, dagen in acties:
            zorgtafel_services.actiepunt_add(
                ctx=ctx,
                agendapunt=punt,
                omschrijving=omschrijving,
                eigenaar=organisaties[DEELNEMERS[eigenaar][0]],
                deadline=today + datetime.timedelta(days=dagen),
            )
    zorgtafel_services.zorgtafel_close(ctx=ctx, zorgtafel=zorgtafel)


def load() -> list[str]:
    """Plan the demo meetings; return the line to report."""
    zorgtafels = zorgtafels_create(organisaties=demo_organisaties(), users=demo_users())
    return [f"{zorgtafels} zorgtafels gepland."]
