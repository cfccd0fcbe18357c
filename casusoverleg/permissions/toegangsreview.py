"""The access review: who reviews which organisation's access to cases.

An organisation's administrators (``is_organisatiebeheerder``) review their own
organisation's grants; functional management reviews any organisation that can
take part in cases. The review shows case numbers, never case content, and gives
no access to a case: the reviewer need not (and often does not) take part. To
anyone else the page does not exist (404, audited), as "mijn aanbod".
"""

from django.http import Http404

from ..audit import Actie, AuditContext, Doel, Uitkomst, audit_log, mark_refusal_audited
from ..models import Deelname, Organisatie
from .beheer import may_administer_users
from .casussen import deelname_organisaties
from .wegwijzer import may_be_organisatiebeheerder, may_edit_aanbod


def may_review_toegang(user, organisatie) -> bool:
    """Whether ``user`` reviews (confirms or revokes) the access of ``organisatie``:
    its own active organisation administrators (the rule of ``may_edit_aanbod``),
    or functional management (``may_administer_users``), for an organisation that
    can take part in cases."""
    if organisatie is None or not organisatie.may_access_cases:
        return False
    return may_administer_users(user) or may_edit_aanbod(user, organisatie)


def may_open_toegangsreview(user) -> bool:
    """Whether the access review is in ``user``'s menu: functional management, and
    the administrators of an organisation that can take part in cases."""
    return may_administer_users(user) or may_review_toegang(
        user, getattr(user, "organisatie", None)
    )


def toegangsreview_organisaties(queryset, *, user):
    """The organisations in ``queryset`` whose access ``user`` reviews."""
    if may_administer_users(user):
        return deelname_organisaties(queryset)
    organisatie = getattr(user, "organisatie", None)
    if not may_review_toegang(user, organisatie):
        return queryset.none()
    return queryset.filter(pk=organisatie.pk)


def toegangsreviewers(queryset, *, organisatie):
    """The people in ``queryset`` who are asked to review ``organisatie``'s access
    (the yearly reminder, Mijn taken): its active organisation administrators."""
    if not organisatie.may_access_cases:
        return queryset.none()
    kandidaten = queryset.filter(
        organisatie=organisatie.pk, is_organisatiebeheerder=True, is_active=True
    ).select_related("organisatie")
    return [u for u in kandidaten if may_be_organisatiebeheerder(u) and u.organisatie.actief]


def _weigeren(request, object_id: str):
    audit_log(
        AuditContext.for_request(request, Doel.BEHEER),
        actie=Actie.LEZEN if request.method in ("GET", "HEAD") else Actie.WIJZIGEN,
        uitkomst=Uitkomst.GEWEIGERD,
        object_type="toegangsreview",
        object_id=object_id,
        detail={"method": request.method},
    )
    mark_refusal_audited(request)
    raise Http404


def toegangsreview_organisatie_or_404(request, organisatie_id) -> Organisatie:
    """The organisation ``organisatie_id`` if the user reviews its access; else 404
    for "not yours" and "does not exist" alike, audited."""
    organisatie = None
    if str(organisatie_id or "").isdigit():
        organisatie = (
            toegangsreview_organisaties(Organisatie.objects.all(), user=request.user)
            .filter(pk=int(organisatie_id))
            .first()
        )
    if organisatie is None:
        _weigeren(request, str(organisatie_id or "")[:64])
    return organisatie


def toegang_for_review(request, deelname_id) -> Deelname:
    """An active participation (a grant) of an organisation whose access the user
    reviews; else 404, audited. The allowed change is audited by its service."""
    deelname = None
    if str(deelname_id or "").isdigit():
        organisaties = toegangsreview_organisaties(Organisatie.objects.all(), user=request.user)
        deelname = (
            Deelname.objects.actief()
            .filter(pk=int(deelname_id), organisatie__in=organisaties)
            .select_related("casus", "organisatie", "persoon")
            .first()
        )
    if deelname is None:
        _weigeren(request, str(deelname_id or "")[:64])
    return deelname


def may_revoke_toegang(user, deelname) -> bool:
    """Whether ``user`` may end ``deelname`` in an access review: a reviewer of its
    organisation, while it is active; never the coordinating organisation's own
    participation (as on the participants page: the case needs its coordinator)."""
    return bool(
        deelname.actief
        and not (
            deelname.rol == Deelname.Rol.COORDINATOR
            and deelname.organisatie_id == deelname.casus.coordinerende_organisatie_id
        )
        and may_review_toegang(user, deelname.organisatie)
    )
