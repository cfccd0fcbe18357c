"""Reads of the advice, narrowed by casusoverleg.permissions."""

from identificatie.selectors import taken_for_user

from .models import Advies


def open_correctie_taak(*, user, advies: Advies):
    """The open task of the correction ``advies`` is, if it is one the user's
    organisation has on a case they take part in (else None)."""
    if advies.vervangt_id is None or advies.vastgesteld:
        return None
    return taken_for_user(user=user).filter(proces__correctieproces__advies=advies).first()
