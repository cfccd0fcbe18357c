"""Who may receive and open a notification (``Melding``). Each kind names one of
these rules (``casusoverleg.meldingen``); it is asked when the notice is made,
after commit, and again when it is opened or mailed, so a notice never leads
anyone to what they may no longer see."""

from .casussen import VIEW, may_access_cases, may_coordinate, may_coordinate_cases, user_can
from .signalen import may_read_meldingen
from .toegangsreview import may_review_toegang

#: The notice is about a case: only while the user may see it.
CASUS = "casus"
#: About losing access (the case is no longer visible) or about a meeting (whose
#: page applies its own rule when opened): anyone who works with cases.
CASUSWERK = "casuswerk"
#: About a case that only its coordinator acts on (a request to link it).
COORDINATIE = "coordinatie"
#: CoMensha's staff do not take part in cases; they read the reports.
COMENSHA = "comensha"
#: About no case: work for an organisation's administrators (the access review).
ORGANISATIEBEHEER = "organisatiebeheer"


def may_ever_receive(user, *, regel: str) -> bool:
    """Whether notices under ``regel`` can reach ``user`` at all (whatever the case):
    the kinds their preferences page offers."""
    if regel in (CASUS, CASUSWERK):
        return may_access_cases(user)
    if regel == COORDINATIE:
        return may_coordinate_cases(user)
    if regel == COMENSHA:
        return may_read_meldingen(user)
    if regel == ORGANISATIEBEHEER:
        return may_review_toegang(user, getattr(user, "organisatie", None))
    raise ValueError(regel)


def may_receive_melding(user, *, regel: str, casus) -> bool:
    """Whether ``user`` may get (or open) a notice under ``regel`` about ``casus``."""
    if not getattr(user, "is_active", False):
        return False
    if regel == CASUS:
        return casus is not None and user_can(user, casus, VIEW)
    if regel == CASUSWERK:
        return may_access_cases(user)
    if regel == COORDINATIE:
        return casus is not None and may_coordinate(user, casus)
    if regel == COMENSHA:
        return may_read_meldingen(user)
    if regel == ORGANISATIEBEHEER:
        return casus is None and may_review_toegang(user, user.organisatie)
    raise ValueError(regel)


def gebruikersmeldingen_for_user(queryset, *, user):
    """A user's notices are their own alone (no one else's, not even a coordinator's)."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(ontvanger=user)
