"""The wegwijzer's part of the case page (``casusoverleg.casuspagina``): the case's
referrals with their state, a link to refer for its coordinator, their entries in
the timeline, and the schemes the person may be entitled to. Registered in
``WegwijzerConfig.ready``."""

from django.utils.translation import gettext as _

from casusoverleg.casuspagina import Gebeurtenis, Sectie
from casusoverleg.permissions import may_propose_doorverwijzing

from .models import Doorverwijzing
from .selectors import doorverwijzing_categorieen, regelingen_voor_casus


def doorverwijzingen_sectie(*, request, casus) -> Sectie:
    """The case's referrals (one query)."""
    return Sectie(
        template="wegwijzer/_casus_doorverwijzingen.html",
        context={
            "doorverwijzingen": list(
                Doorverwijzing.objects.filter(casus=casus).select_related("organisatie", "behoefte")
            ),
            "mag_doorverwijzen": may_propose_doorverwijzing(request.user, casus),
        },
        volgorde=60,
    )


def regelingen_sectie(*, request, casus) -> Sectie:
    """The schemes whose target group fits the person's derived categories (age
    group, gender, origin, forms of exploitation; two queries), each with who is
    entitled and where to apply, for the professionals to check."""
    return Sectie(
        template="wegwijzer/_casus_regelingen.html",
        context={
            "regelingen": regelingen_voor_casus(casus),
            "categorieen": doorverwijzing_categorieen(casus),
        },
        volgorde=61,
    )


def doorverwijzingen_tijdlijn(*, user, casus):
    """Referrals proposed and answered (one query)."""
    for verwijzing in Doorverwijzing.objects.filter(casus=casus).select_related(
        "organisatie", "gevraagd_door", "beantwoord_door"
    ):
        yield Gebeurtenis(
            op=verwijzing.gevraagd_op,
            wat=_("Doorverwezen naar %(organisatie)s") % {"organisatie": verwijzing.organisatie},
            door=verwijzing.gevraagd_door,
        )
        if verwijzing.beantwoord_op:
            wat = (
                _("Doorverwijzing aanvaard door %(organisatie)s")
                if verwijzing.status == Doorverwijzing.Status.AANVAARD
                else _("Doorverwijzing afgewezen door %(organisatie)s")
            )
            yield Gebeurtenis(
                op=verwijzing.beantwoord_op,
                wat=wat % {"organisatie": verwijzing.organisatie},
                door=verwijzing.beantwoord_door,
            )
