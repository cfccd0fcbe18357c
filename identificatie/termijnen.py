"""The identification app's legal terms and tasks on a case, registered with
``casusoverleg.termijnen`` and ``casusoverleg.casustaken`` in ``ready()``: the
reflection period (bedenktijd) and the assessment deadline.

The assessment deadline: when the coordinator starts the process, its deadline
runs as a term of kind ``beoordelingsdeadline`` keyed by the process's public id
(``proces_start``); extending the deadline moves it (``deadline_verlengen``); the
round's closing ends it. Reminders go out on the days ``TERMIJNEN
["beoordelingsdeadline"]["herinneren"]`` names, to the organisations whose
assessment is still open; the day after the deadline the round closes or the
coordinator is asked to decide (``["bij_verlopen"]``, see
``services.proces.BIJ_VERLOPEN``). Once a process's deadline runs as a term, the
daily overdue notices of its assessment tasks (``herinneringen.taken_verlopen``)
leave it to the term: one message for one thing.
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.status import STATUS

from casusoverleg.casustaken import Soort
from casusoverleg.models import Deelname, Discipline, User
from casusoverleg.permissions import VIEW, user_can
from casusoverleg.services import casus_coordinatoren, casustaak_maken
from casusoverleg.termijnen import Regel

from .flows import IdentificatieFlow
from .herinneringen import organisatie_leden_die_mogen
from .models import IdentificatieProces, Melding, Taak
from .services import MELDING_TERMIJN, beoordelingsdeadline_verlopen, melding_indieners
from .services.bedenktijd import SOORT as BEDENKTIJD
from .services.bedenktijd import TAAK_UITKOMST


def _proces(termijn) -> IdentificatieProces | None:
    return IdentificatieProces.objects.filter(
        casus_id=termijn.casus_id, public_id=termijn.sleutel
    ).first()


def nog_niet_ingediend(termijn) -> list:
    """Who is told: for each invited organisation whose assessment task is still
    open, its holder, or (unclaimed) its members who see the case. Once the
    round closed, nobody (the closing itself reaches the coordinator as the
    conference task)."""
    taken = Taak.objects.filter(
        casus_id=termijn.casus_id,
        proces__identificatieproces__public_id=termijn.sleutel,
        task__flow_task=IdentificatieFlow.beoordelen,
        task__status__in=[STATUS.NEW, STATUS.ASSIGNED],
    ).select_related("task__owner__organisatie", "casus")
    ontvangers = []
    for taak in taken:
        owner = taak.task.owner
        if owner is not None:
            ontvangers += [owner] if user_can(owner, taak.casus, VIEW) else []
        else:
            ontvangers += organisatie_leden_die_mogen(taak.organisatie_id, taak.casus, user_can)
    return ontvangers


def _verlopen(termijn, vandaag) -> None:
    proces = _proces(termijn)
    if proces is not None:
        beoordelingsdeadline_verlopen(proces=proces, vandaag=vandaag)


def _url(termijn) -> str:
    proces = _proces(termijn)
    if proces is None:
        return reverse("casusoverleg:casus-detail", args=[termijn.casus.public_id])
    return reverse("identificatie:proces-detail", args=[termijn.casus.public_id, proces.public_id])


BEOORDELINGSDEADLINE = Regel(
    soort=IdentificatieProces.TERMIJNSOORT,
    label=_("Deadline beoordelingen"),
    uitleg=_("De uitgenodigde disciplines dienen hun beoordeling in."),
    ontvangers=nog_niet_ingediend,
    bij_verlopen=_verlopen,
    url=_url,
)

DEADLINE_VERSTREKEN = Soort(
    soort=IdentificatieProces.ESCALATIESOORT,
    titel=_("Beslis over de ronde: sluiten of deadline verlengen"),
    uitleg=_(
        "De deadline voor de beoordelingen is verstreken en niet alle disciplines hebben "
        "beoordeeld. Sluit de ronde of verleng de deadline op de pagina van het "
        "identificatieproces; de taak is dan vanzelf afgerond."
    ),
    toelichting_verplicht=True,
)


#: Who besides the coordinators is told of the reflection period's end: the
#: person's lawyer and the care that shelters them, who help the person decide.
BEDENKTIJD_DISCIPLINES = (Discipline.ADVOCATUUR, Discipline.ZORG)


def bedenktijd_ontvangers(termijn) -> list[User]:
    casus = termijn.casus
    deelnames = Deelname.objects.filter(
        casus=casus, beeindigd_op__isnull=True, organisatie__discipline__in=BEDENKTIJD_DISCIPLINES
    )
    personen = {d.persoon_id for d in deelnames if d.persoon_id}
    organisaties = {d.organisatie_id for d in deelnames if not d.persoon_id}
    anderen = User.objects.filter(
        Q(pk__in=personen) | Q(organisatie_id__in=organisaties), is_active=True
    )
    return [
        *casus_coordinatoren(casus),
        *(u for u in anderen.select_related("organisatie") if user_can(u, casus, VIEW)),
    ]


def _bedenktijd_url(termijn) -> str:
    return reverse("identificatie:bedenktijd", args=[termijn.casus.public_id])


def bedenktijd_verlopen(termijn, vandaag: datetime.date) -> None:
    """The period passed without a recorded outcome: the coordinating organisation
    records what the person decided (the residence scheme follows from it)."""
    casustaak_maken(
        casus=termijn.casus,
        soort=TAAK_UITKOMST,
        organisatie=termijn.casus.coordinerende_organisatie,
        deadline=vandaag + datetime.timedelta(days=7),
        sleutel=termijn.public_id,
    )


def _melding_ontvangers(termijn) -> list[User]:
    """Who must make the report: the coordinator and the signalling organisation
    (``melding_indieners``; the notice goes only to those who see the case)."""
    melding = Melding.objects.select_related("casus").filter(casus=termijn.casus).first()
    return melding_indieners(melding) if melding else casus_coordinatoren(termijn.casus)


def _melding_url(termijn) -> str:
    return reverse("identificatie:casus-melding", args=[termijn.casus.public_id])


REGELS = [
    Regel(
        soort=MELDING_TERMIJN,
        label=_("Melding aan CoMensha"),
        uitleg=_(
            "Dien de melding in bij CoMensha, of leg vast waarom niet (met de wettelijke "
            "grondslag)."
        ),
        ontvangers=_melding_ontvangers,
        url=_melding_url,
    ),
    Regel(
        soort=BEDENKTIJD,
        label=_("Bedenktijd"),
        uitleg=_(
            "De persoon beslist of hij of zij aangifte doet of meewerkt aan het "
            "strafrechtelijk onderzoek; leg de uitkomst vast."
        ),
        ontvangers=bedenktijd_ontvangers,
        bij_verlopen=bedenktijd_verlopen,
        url=_bedenktijd_url,
    ),
    BEOORDELINGSDEADLINE,
]

CASUSTAAKSOORTEN = [
    Soort(
        TAAK_UITKOMST,
        _("Uitkomst van de bedenktijd vastleggen"),
        _(
            "De bedenktijd is verstreken. Leg bij Bedenktijd op de casus vast wat de persoon "
            "heeft besloten; deze taak is daarmee afgerond."
        ),
    ),
    DEADLINE_VERSTREKEN,
]
