"""The case page as the hub: sections and timeline entries that apps add.

The case page lives in the core, which never imports the apps built on it. Each
app registers in ``AppConfig.ready`` (the pattern of ``casusoverleg.herinneringen``):

- a section: ``functie(*, request, casus) -> Sectie | None``, a block of the case
  page (the meetings, decisions and actions of the zorgtafel app, say);
- a timeline provider: ``functie(*, user, casus) -> iterable of Gebeurtenis``,
  what happened to the case that the app knows of.

Both are called only for a reader who may see the case (the view's
``casus_view``); each filters further by what that reader may see (signals
through ``signalen_for_user``, never withheld information, never a draft) and
runs a fixed number of queries, whatever the case holds, so the case page costs
the same for one meeting as for twenty. Timeline entries say what happened in
fixed words, with the date and who (a professional's name is fine inside a case
the reader may see); they never carry the person's data or written content.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .casustaken import titel as casustaaktitel
from .models import Casus, Casustaak, Deelname, Sluiting, Termijn
from .permissions import may_do_casustaak
from .termijnen import REGELS
from .weergave import datum

#: How many timeline entries the case page itself shows; the rest on its own page.
TIJDLIJN_OP_CASUSPAGINA = 10


@dataclass(frozen=True)
class Gebeurtenis:
    """One entry of a case's timeline. ``op`` is a date-time, or a date when only
    the day is known (``alleen_datum``); ``door`` a user or ``None``, and then
    ``organisatie`` names who."""

    op: datetime.datetime | datetime.date
    wat: str
    door: object = None
    organisatie: str = ""

    @property
    def alleen_datum(self) -> bool:
        return not isinstance(self.op, datetime.datetime)

    @property
    def moment(self) -> datetime.datetime:
        """The sort key: a date counts as the start of that day."""
        if self.alleen_datum:
            return timezone.make_aware(datetime.datetime.combine(self.op, datetime.time.min))
        return self.op


@dataclass(frozen=True)
class Sectie:
    """A block of the case page: a template and its context; lower ``volgorde`` first."""

    template: str
    context: dict = field(default_factory=dict)
    volgorde: int = 100


#: Every section function and timeline provider, in the order of registration.
SECTIES: list[Callable] = []
TIJDLIJN: list[Callable] = []


def register_sectie(functie):
    """Add a section of the case page (idempotent, so a second ``ready()`` adds nothing)."""
    if functie not in SECTIES:
        SECTIES.append(functie)
    return functie


def register_tijdlijn(functie):
    """Add a timeline provider (idempotent)."""
    if functie not in TIJDLIJN:
        TIJDLIJN.append(functie)
    return functie


def secties_html(*, request, casus: Casus) -> list[str]:
    """The registered sections of the case page, rendered, in their order."""
    secties = [s for functie in SECTIES if (s := functie(request=request, casus=casus))]
    secties.sort(key=lambda s: s.volgorde)
    return [
        render_to_string(s.template, {"casus": casus, **s.context}, request=request)
        for s in secties
    ]


def tijdlijn(*, user, casus: Casus, aantal: int | None = None) -> list[Gebeurtenis]:
    """Everything that happened to ``casus`` as ``user`` may see it, newest first
    (the ``aantal`` newest when given)."""
    gebeurtenissen: list[Gebeurtenis] = []
    for functie in TIJDLIJN:
        gebeurtenissen.extend(functie(user=user, casus=casus))
    gebeurtenissen.sort(key=lambda g: g.moment, reverse=True)
    return gebeurtenissen[:aantal] if aantal is not None else gebeurtenissen


# The core's own entries -----------------------------------------------------------------


@register_tijdlijn
def casus_gebeurtenissen(*, user, casus: Casus) -> Iterable[Gebeurtenis]:
    """The case opened, every organisation (or lawyer) added or taken off, and every
    closing and reopening (two queries)."""
    yield Gebeurtenis(
        op=casus.created_at,
        wat=_("Casus geopend"),
        organisatie=str(casus.coordinerende_organisatie),
    )
    deelnames = Deelname.objects.filter(casus=casus).select_related(
        "organisatie", "persoon", "toegevoegd_door__organisatie", "beeindigd_door__organisatie"
    )
    for deelname in deelnames:
        wie = (
            f"{deelname.persoon} ({deelname.organisatie})"
            if deelname.persoon
            else str(deelname.organisatie)
        )
        yield Gebeurtenis(
            op=deelname.created_at,
            wat=_("Deelnemer toegevoegd: %(wie)s, %(rol)s")
            % {"wie": wie, "rol": deelname.get_rol_display().lower()},
            door=deelname.toegevoegd_door,
        )
        if deelname.beeindigd_op:
            yield Gebeurtenis(
                op=deelname.beeindigd_op,
                wat=_("Deelname beëindigd: %(wie)s") % {"wie": wie},
                door=deelname.beeindigd_door,
            )
    for sluiting in Sluiting.objects.filter(casus=casus).select_related("door__organisatie"):
        if sluiting.soort == Sluiting.Soort.GESLOTEN:
            wat = _("Casus gesloten: %(reden)s") % {"reden": sluiting.get_reden_display()}
        else:
            wat = _("Casus heropend")
        yield Gebeurtenis(op=sluiting.op, wat=wat, door=sluiting.door)


def termijnen_sectie(*, request, casus: Casus) -> Sectie:
    """The case's running legal terms, each with its end and the days left, and its
    open tasks that are no process step (each linked for whoever may do it). Two
    queries, whatever their number."""
    termijnen = list(Termijn.objects.filter(casus=casus).lopend().order_by("einde", "pk"))
    for termijn in termijnen:
        r = REGELS.get(termijn.soort)
        termijn.label = r.label if r else termijn.soort
        termijn.uitleg = r.uitleg if r else ""
    taken = list(
        Casustaak.objects.filter(casus=casus)
        .open()
        .select_related("organisatie", "casus")
        .order_by("deadline", "pk")
    )
    for taak in taken:
        taak.titel = casustaaktitel(taak.soort)
        taak.te_openen = may_do_casustaak(request.user, taak)
    return Sectie(
        template="casusoverleg/_casus_termijnen.html",
        context={"termijnen": termijnen, "casustaken": taken},
        volgorde=5,
    )


register_sectie(termijnen_sectie)


@register_tijdlijn
def termijnen_tijdlijn(*, user, casus: Casus) -> Iterable[Gebeurtenis]:
    """Terms started and ended, tasks made and done or lapsed (two queries). Fixed
    words: what, never a written result."""
    for termijn in Termijn.objects.filter(casus=casus):
        r = REGELS.get(termijn.soort)
        label = r.label if r else termijn.soort
        yield Gebeurtenis(
            op=termijn.created_at,
            wat=_("Termijn gestart: %(termijn)s, tot en met %(einde)s")
            % {"termijn": label, "einde": datum(termijn.einde)},
        )
        if termijn.beeindigd_op:
            yield Gebeurtenis(
                op=termijn.beeindigd_op,
                wat=_("Termijn %(status)s: %(termijn)s")
                % {"status": termijn.get_status_display().lower(), "termijn": label},
            )
    for taak in Casustaak.objects.filter(casus=casus).select_related(
        "organisatie", "afgehandeld_door__organisatie"
    ):
        titel = casustaaktitel(taak.soort)
        yield Gebeurtenis(
            op=taak.created_at,
            wat=_("Taak voor %(organisatie)s: %(taak)s")
            % {"organisatie": taak.organisatie, "taak": titel},
        )
        if taak.afgehandeld_op:
            yield Gebeurtenis(
                op=taak.afgehandeld_op,
                wat=_("Taak %(status)s: %(taak)s")
                % {"status": taak.get_status_display().lower(), "taak": titel},
                door=taak.afgehandeld_door,
                organisatie="" if taak.afgehandeld_door else str(taak.organisatie),
            )
