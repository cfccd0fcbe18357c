"""The identification app's legal terms and tasks on a case, registered with
``casusoverleg.termijnen`` and ``casusoverleg.casustaken`` in ``ready()``."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casusoverleg.casustaken import Soort
from casusoverleg.models import Deelname, Discipline, User
from casusoverleg.permissions import VIEW, user_can
from casusoverleg.services import casus_coordinatoren, casustaak_maken
from casusoverleg.termijnen import Regel

from .models import Melding
from .services import MELDING_TERMIJN, melding_indieners
from .services.bedenktijd import SOORT as BEDENKTIJD
from .services.bedenktijd import TAAK_UITKOMST

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
]
