"""Same person, several records: who learns that another record of the person may
exist, and who links two cases.

Only the coordinator of the newer case (or, for a signal not yet on a case, whoever
handles it) learns of a possible match, and then only the other case's
coordinating organisation. The request goes to the coordinators of the older case;
answering it, or linking, gives nobody access to the other case's content.
"""

from ..models import Discipline
from .casussen import COORDINATE, casuscoordinatoren, casussen_for_user, may_coordinate
from .signalen import may_handle_signaal


def may_see_mogelijke_dubbelen(user, casus) -> bool:
    """The hint "possibly the same person" and the request to link: the case's
    coordinator (by role, holding the coordinating permission) alone."""
    return may_coordinate(user, casus)


def may_see_koppelingen(user, casus) -> bool:
    """The linked cases (number, coordinating organisation, which came first): the
    coordinators who asked and answered, not every participant."""
    return may_coordinate(user, casus)


def may_see_signaal_dubbelen(user, signaal) -> bool:
    """The hint on a signal that waits: whoever may handle it. On a case, the case's
    hint applies instead."""
    return signaal.casus_id is None and may_handle_signaal(user, signaal)


def koppelverzoeken_for_user(queryset, *, user):
    """The link requests about the cases ``user`` coordinates (the recipient side)."""
    if not getattr(user, "is_coordinator", False):
        return queryset.none()
    return queryset.filter(casus__in=casussen_for_user(user=user, perm=COORDINATE))


def may_answer_koppelverzoek(user, verzoek) -> bool:
    """The coordinator of the case asked about answers, while the request is open."""
    return verzoek.status == verzoek.Status.OPEN and may_coordinate(user, verzoek.casus)


def koppelverzoek_ontvangers(queryset, *, casus):
    """Who is told of a request about ``casus``: the coordinators by role of its
    coordinating organisation (the notice's rule checks each still coordinates it)."""
    return casuscoordinatoren(queryset, organisatie=casus.coordinerende_organisatie)


def signalen_voor_dubbelhint(queryset):
    """The waiting signals whose existence a case's coordinator may learn of (by
    organisation only): not a lawyer's unshared signal, which is privileged."""
    return queryset.filter(casus__isnull=True, status="nieuw").exclude(
        organisatie__discipline=Discipline.ADVOCATUUR, gedeeld_op__isnull=True
    )
