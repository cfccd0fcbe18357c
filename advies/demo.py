"""Fictional demo data of the advice: drafted, reviewed and adopted through
``advies.services``.

``manage.py demo`` calls ``load()`` after identification's demo data. The
processes whose assessments are all in wait at their conference step; this
records the meeting's outcome there, drafts the advice and submits it for
review, and for one of them the second coordinator adopts it. A process that
no longer waits at that step is left alone.
"""

from django.utils import timezone

from advies.services import advies_draft, advies_review, standpunten_voorstel
from casusoverleg.audit import AuditContext
from casusoverleg.demo import demo_casus, demo_organisaties, demo_users
from identificatie import services as proces_services
from identificatie.flows import IdentificatieFlow
from identificatie.models import IdentificatieProces, Taak

__all__ = ["load"]

# (case, whether the reviewer adopts the advice; otherwise it waits in review)
ADVIEZEN = [
    ("Dawit Demo", False),
    ("Mei Fictief", True),
]

DEMO_ADVIES = {
    "doel": "Onderbouwing voor de aanvraag van een verblijfsvergunning (B8).",
    "geadresseerde": "ind",
    "geadresseerde_toelichting": "",
    "vraag": "Zijn er aanwijzingen voor slachtofferschap van mensenhandel?",
    "moment_fase": "Aanvraag verblijfsvergunning slachtoffer mensenhandel",
    "conclusie": "aannemelijk",
    "onderbouwing": "Politie en zorg zien onafhankelijk van elkaar duidelijke aanwijzingen: "
    "schuld, ingenomen documenten en controle over de persoon.",
    "aanbevelingen": "Opvang in de categorale opvang voortzetten; begeleiding door SHN.",
    "effect_strafzaak": (
        "Volgens de politie schaadt dit advies de medewerking aan het strafproces niet."
    ),
}


def load() -> list[str]:
    """Bring the demo processes that wait at their conference step to their advice;
    nothing to report."""
    organisaties, users = demo_organisaties(), demo_users()
    today = timezone.localdate()
    for naam, vaststellen in ADVIEZEN:
        proces = IdentificatieProces.objects.get(casus=demo_casus(organisaties, naam))
        if _open_taak(proces, IdentificatieFlow.zorgtafel) is None:
            continue
        _advies(proces, users, today, vaststellen=vaststellen)
    return []


def _open_taak(proces, node) -> Taak | None:
    return Taak.objects.filter(proces=proces, task__flow_task=node, task__status="NEW").first()


def _advies(proces, users, today, *, vaststellen):
    drafter, reviewer = users["coordinator"], users["coordinator2"]
    flow = IdentificatieFlow

    def step(node, user):
        taak = Taak.objects.get(proces=proces, task__flow_task=node, task__status="NEW")
        proces_services.taak_claim(ctx=AuditContext.system(user), taak=taak)
        return taak

    taak = step(flow.zorgtafel, drafter)
    proces_services.zorgtafel_uitkomst_record(
        ctx=AuditContext.system(drafter),
        taak=taak,
        uitkomst=(
            "Alle disciplines zien aanwijzingen; advies aan de IND: slachtofferschap aannemelijk."
        ),
    )
    taak = step(flow.opstellen, drafter)
    advies_draft(
        ctx=AuditContext.system(drafter),
        taak=taak,
        data={**DEMO_ADVIES, "moment_datum": today},
        standpunten=standpunten_voorstel(proces),
        indienen=True,
    )
    if vaststellen:
        taak = step(flow.review, reviewer)
        advies_review(
            ctx=AuditContext.system(reviewer),
            taak=taak,
            advies=proces.adviezen.get(),
            akkoord=True,
            opmerkingen="",
        )
