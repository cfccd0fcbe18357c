"""The zorgtafel app's part of the case page (``casusoverleg.casuspagina``): the
case's meetings, decisions and actions, a button to plan a meeting about it, and
their entries in the timeline. Registered in ``ZorgtafelConfig.ready``."""

from django.utils.translation import gettext as _

from casusoverleg.casuspagina import Gebeurtenis, Sectie
from casusoverleg.permissions import COORDINATE, may_plan_meetings, user_can, zorgtafels_for_user
from casusoverleg.weergave import datum

from .models import Actiepunt, Agendapunt, Zorgtafel


def overleggen_sectie(*, request, casus) -> Sectie:
    """Meetings (linked when the reader may open them), decisions and actions of the
    case, in four queries whatever their number."""
    user = request.user
    punten = list(
        Agendapunt.objects.filter(casus=casus)
        .select_related("zorgtafel", "besluit_door__organisatie")
        .order_by("-zorgtafel__begint_op", "-pk")
    )
    te_openen = set(
        zorgtafels_for_user(
            Zorgtafel.objects.filter(pk__in=[p.zorgtafel_id for p in punten]), user=user
        ).values_list("pk", flat=True)
    )
    for punt in punten:
        punt.te_openen = punt.zorgtafel_id in te_openen
    actiepunten = list(
        Actiepunt.objects.filter(casus=casus)
        .select_related("eigenaar", "agendapunt__zorgtafel")
        .order_by("deadline", "pk")
    )
    return Sectie(
        template="zorgtafel/_casus_overleggen.html",
        context={
            "punten": punten,
            "besluiten": [p for p in punten if p.uitkomst],
            "actiepunten": actiepunten,
            # The plan page offers the cases the user coordinates (``ZorgtafelForm``).
            "mag_plannen": may_plan_meetings(user) and user_can(user, casus, COORDINATE),
        },
        volgorde=50,
    )


def overleggen_tijdlijn(*, user, casus):
    """Meetings about the case, their decisions, actions agreed and reviewed (two queries)."""
    punten = Agendapunt.objects.filter(casus=casus).select_related(
        "zorgtafel", "besluit_door__organisatie"
    )
    for punt in punten:
        zorgtafel = punt.zorgtafel
        soort = zorgtafel.get_type_display()
        if zorgtafel.status == Zorgtafel.Status.GEANNULEERD:
            wat = _("Overleg geannuleerd: %(soort)s") % {"soort": soort}
        elif zorgtafel.status == Zorgtafel.Status.GEPLAND:
            wat = _("Op de agenda van een gepland overleg: %(soort)s") % {"soort": soort}
        else:
            wat = _("Besproken in overleg: %(soort)s") % {"soort": soort}
        yield Gebeurtenis(op=zorgtafel.begint_op, wat=wat)
        if punt.besluit_op:
            yield Gebeurtenis(
                op=punt.besluit_op,
                wat=_("Besluit vastgelegd: %(uitkomst)s")
                % {"uitkomst": punt.get_uitkomst_display()},
                door=punt.besluit_door,
            )
    actiepunten = Actiepunt.objects.filter(casus=casus).select_related(
        "eigenaar", "beoordeeld_door__organisatie"
    )
    for actiepunt in actiepunten:
        yield Gebeurtenis(
            op=actiepunt.created_at,
            wat=_("Actiepunt afgesproken voor %(eigenaar)s, uiterlijk %(deadline)s")
            % {"eigenaar": actiepunt.eigenaar, "deadline": datum(actiepunt.deadline)},
        )
        if actiepunt.beoordeeld_op:
            yield Gebeurtenis(
                op=actiepunt.beoordeeld_op,
                wat=_("Actiepunt beoordeeld: %(status)s")
                % {"status": actiepunt.get_status_display().lower()},
                door=actiepunt.beoordeeld_door,
            )
