"""The pilot's figures: who sees which organisations' cases counted.

The figures never show a person (``statistiek.onderdrukking``), but a coordinator
still sees only their own organisation's: another organisation's small numbers
are not theirs to follow. Seeing figures gives no access to any case.
"""

from casusoverleg.models import Discipline

from .casussen import may_coordinate_cases

#: The project group's scope: every coordinating organisation.
ALLE_ORGANISATIES = "alle"


def statistiek_bereik(user) -> str | int | None:
    """Whose cases ``user`` sees counted: ``ALLE_ORGANISATIES`` (the project group),
    their organisation's id (a coordinator: the cases it coordinates), or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    organisatie = getattr(user, "organisatie", None)
    if organisatie is None or not organisatie.actief:
        return None
    if organisatie.discipline == Discipline.PROJECTGROEP:
        return ALLE_ORGANISATIES
    if may_coordinate_cases(user):
        return organisatie.pk
    return None


def may_read_statistiek(user) -> bool:
    return statistiek_bereik(user) is not None
