"""The wegwijzer: who reads the directory of offers and schemes, and who keeps an
organisation's offers.

The directory holds no case data, so every active professional of an active
organisation reads it. An organisation's offers are kept by its organisation
administrators only (a role functional management grants); to anyone else an
offer's edit page does not exist (404, audited), like a case to an outsider.
The rules about the wegwijzer's models take the queryset they judge, since the
core never imports the apps built on it.
"""

from django.db.models import Q
from django.http import Http404

from ..audit import Actie, AuditContext, Doel, Uitkomst, audit_log, mark_refusal_audited
from ..models import DISCIPLINES_WITHOUT_CASE_ACCESS
from .casussen import casussen_for_user, may_access_cases, may_coordinate


def _actieve_medewerker(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    organisatie = getattr(user, "organisatie", None)
    return organisatie is not None and organisatie.actief


def may_read_wegwijzer(user) -> bool:
    """Every active professional of an active organisation: no case data in it."""
    return _actieve_medewerker(user)


def may_be_organisatiebeheerder(gebruiker) -> bool:
    """Who can hold the organisation-administrator role: an active member of an
    active organisation that offers help (not functional management, not the
    project group, which never see cases)."""
    return (
        gebruiker.is_active
        and gebruiker.organisatie.actief
        and gebruiker.organisatie.discipline not in DISCIPLINES_WITHOUT_CASE_ACCESS
    )


def may_edit_aanbod(user, organisatie) -> bool:
    """The offers of ``organisatie``: its own organisation administrators, while
    they and the organisation are active."""
    return bool(
        _actieve_medewerker(user)
        and user.is_organisatiebeheerder
        and organisatie is not None
        and user.organisatie_id == organisatie.pk
        and may_be_organisatiebeheerder(user)
    )


def aanbod_beheerbaar(queryset, *, user):
    """The offers in ``queryset`` that ``user`` may edit (none for anyone else)."""
    if not may_edit_aanbod(user, getattr(user, "organisatie", None)):
        return queryset.none()
    return queryset.filter(organisatie_id=user.organisatie_id)


def aanbod_for_edit(request, queryset, public_id: str):
    """The offer ``public_id`` of ``queryset`` for its editor, or 404 for "not yours"
    and "does not exist" alike. A refusal is audited; the allowed change is audited
    by the service that makes it."""
    aanbod = aanbod_beheerbaar(queryset, user=request.user).filter(public_id=public_id).first()
    if aanbod is None:
        audit_log(
            AuditContext.for_request(request, Doel.CASUSOVERLEG),
            actie=Actie.LEZEN if request.method in ("GET", "HEAD") else Actie.WIJZIGEN,
            uitkomst=Uitkomst.GEWEIGERD,
            object_type="aanbod",
            object_id=public_id,
            detail={"method": request.method},
        )
        mark_refusal_audited(request)
        raise Http404
    return aanbod


# Warm referrals. The sender side is the case's coordinator; the receiving side is
# every active member of the receiving organisation, who sees the referral (never
# the case) until it is accepted and the organisation takes part.


def may_propose_doorverwijzing(user, casus) -> bool:
    """Referring brings another organisation into the case, which is the
    coordinator's call (as adding a participant is): the case's coordinator, while
    the case is not closed."""
    return may_coordinate(user, casus) and not casus.is_gesloten


def _ontvanger(user, doorverwijzing) -> bool:
    return bool(
        may_access_cases(user)
        and user.organisatie.actief
        and user.organisatie_id == doorverwijzing.organisatie_id
    )


def doorverwijzingen_for_user(queryset, *, user):
    """The referrals ``user`` may read: those to their own organisation (the
    receiving side) and those on the cases they see (the sending side)."""
    if not may_access_cases(user) or not user.organisatie.actief:
        return queryset.none()
    return queryset.filter(
        Q(organisatie_id=user.organisatie_id) | Q(casus__in=casussen_for_user(user=user))
    )


def ontvangen_doorverwijzingen(queryset, *, user):
    """The referrals to ``user``'s organisation (its task list)."""
    if not may_access_cases(user) or not user.organisatie.actief:
        return queryset.none()
    return queryset.filter(organisatie_id=user.organisatie_id)


def may_answer_doorverwijzing(user, doorverwijzing) -> bool:
    """An open referral is answered by a member of the receiving organisation."""
    return doorverwijzing.status == "voorgesteld" and _ontvanger(user, doorverwijzing)


def may_withdraw_doorverwijzing(user, doorverwijzing) -> bool:
    """An open referral is withdrawn by the case's coordinator."""
    return doorverwijzing.status == "voorgesteld" and may_coordinate(user, doorverwijzing.casus)
