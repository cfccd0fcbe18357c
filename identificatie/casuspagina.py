"""The identificatie app's entries in a case's timeline (``casusoverleg.casuspagina``):
signals, the report to CoMensha, the identification process and its steps; and
its block of the case page (a waiting signal of possibly the same person).
Registered in ``IdentificatieConfig.ready``. What was written (observations,
assessments, withheld information) never appears: only that it happened, when,
and who."""

from django.utils.translation import gettext as _
from viewflow.workflow.status import PROCESS, STATUS

from casusoverleg.casuspagina import Gebeurtenis, Sectie
from casusoverleg.permissions import (
    CHANGE,
    may_see_mogelijke_dubbelen,
    signalen_for_user,
    signalen_voor_dubbelhint,
    user_can,
)

from .models import Bedenktijd, IdentificatieProces, Melding, Signaal, Taak
from .services.bedenktijd import nederlandse_nationaliteit


def identificatie_tijdlijn(*, user, casus):
    """Four queries, whatever the number of signals, processes and steps."""
    signalen = signalen_for_user(Signaal.objects.filter(casus=casus), user=user).select_related(
        "gemeld_door__organisatie"
    )
    for signaal in signalen:
        yield Gebeurtenis(
            op=signaal.created_at, wat=_("Signaal vastgelegd"), door=signaal.gemeld_door
        )
    melding = (
        Melding.objects.filter(casus=casus)
        .select_related("gemeld_door__organisatie", "geregistreerd_door__organisatie")
        .first()
    )
    if melding is not None and melding.status in Melding.BIJ_COMENSHA and melding.gemeld_op:
        yield Gebeurtenis(
            op=melding.gemeld_op, wat=_("Ingediend bij CoMensha"), door=melding.gemeld_door
        )
    if melding is not None and melding.status == Melding.Status.GEREGISTREERD:
        yield Gebeurtenis(
            op=melding.geregistreerd_op,
            wat=_("Geregistreerd door CoMensha onder %(nummer)s")
            % {"nummer": melding.registratienummer},
            door=melding.geregistreerd_door,
        )
    elif melding is not None and melding.status == Melding.Status.NIET_GEMELD:
        yield Gebeurtenis(
            op=melding.updated_at,
            wat=_("Niet gemeld bij CoMensha: %(reden)s")
            % {"reden": melding.get_reden_niet_gemeld_display()},
            door=melding.gemeld_door,
        )
    processen = IdentificatieProces.objects.filter(casus=casus).select_related(
        "gestart_door__organisatie"
    )
    for proces in processen:
        yield Gebeurtenis(
            op=proces.created, wat=_("Identificatieproces gestart"), door=proces.gestart_door
        )
        if proces.ronde_gesloten_op and (
            proces.ronde_gesloten_wegens == IdentificatieProces.Sluitwijze.DEADLINE
        ):
            yield Gebeurtenis(
                op=proces.ronde_gesloten_op, wat=_("Ronde gesloten: deadline verstreken")
            )
        elif proces.ronde_gesloten_op:
            yield Gebeurtenis(op=proces.ronde_gesloten_op, wat=_("Beoordelingsronde gesloten"))
        if proces.finished and proces.status == PROCESS.DONE:
            yield Gebeurtenis(op=proces.finished, wat=_("Identificatieproces afgerond"))
        elif proces.finished and proces.status == PROCESS.CANCELED:
            yield Gebeurtenis(op=proces.finished, wat=_("Identificatieproces geannuleerd"))
    taken = Taak.objects.filter(
        casus=casus, task__status=STATUS.DONE, task__finished__isnull=False
    ).select_related("task__owner__organisatie", "organisatie")
    for taak in taken:
        if (taak.task.data or {}).get("deadline_verstreken"):
            continue  # not done by anyone: the round's closing says what happened
        yield Gebeurtenis(
            op=taak.task.finished,
            wat=_("Stap afgerond: %(stap)s") % {"stap": taak.task.flow_task.task_title},
            door=taak.task.owner,
            organisatie=str(taak.organisatie),
        )


def bedenktijd_sectie(*, request, casus) -> Sectie | None:
    """A link to the reflection period: its state, or the offer to record one (for
    a person who is not Dutch, to whoever may change the case). One query."""
    laatste = Bedenktijd.objects.filter(casus=casus).order_by("-start", "-pk").first()
    may_change = user_can(request.user, casus, CHANGE)
    nederlands = nederlandse_nationaliteit(casus)
    if laatste is None and (nederlands or not may_change):
        return None
    return Sectie(
        template="identificatie/_casus_bedenktijd.html",
        context={"bedenktijd": laatste},
        volgorde=6,
    )


def signaal_dubbelen_sectie(*, request, casus):
    """The case page's hint of a waiting signal, recorded before the case, of
    possibly the same person: for the case's coordinator alone, naming only the
    signalling organisation (never a lawyer's unshared signal). Two queries."""
    if not may_see_mogelijke_dubbelen(request.user, casus):
        return None
    sleutels = list(casus.persoonssleutels.values_list("sleutel", flat=True))
    if not sleutels:
        return None
    organisaties = sorted(
        {
            signaal.organisatie.naam
            for signaal in signalen_voor_dubbelhint(
                Signaal.objects.filter(
                    persoonssleutel__in=sleutels, created_at__lt=casus.created_at
                )
            ).select_related("organisatie")
        }
    )
    if not organisaties:
        return None
    return Sectie(
        template="identificatie/_signaal_dubbelen.html",
        context={"organisaties": organisaties},
        volgorde=4,  # beside the case-to-case hint (casusoverleg.koppelingen)
    )
