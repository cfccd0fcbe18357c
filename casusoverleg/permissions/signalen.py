"""Signals, CoMensha reports, assessments and advice drafts (the identificatie and
advies apps): built on the case rules.

The core does not import those apps' models: these rules take the queryset or
object they judge.
"""

from django.db.models import Q

from ..models import Casus, Discipline
from .casussen import (
    COORDINATE,
    VIEW,
    casussen_for_user,
    may_access_cases,
    may_coordinate,
    may_coordinate_cases,
)


def _wachtend_zichtbaar(user) -> Q:
    """The signals not attached to a case that ``user`` sees: those of their own
    organisation; a lawyer's only their own, and the ones a colleague shared.

    A lawyer's unattached signal is covered by professional privilege: it holds a
    client's name and circumstances before any case exists, and the firm's other
    lawyers act for other clients, so it is the recording lawyer's alone until they
    share it on purpose (``signaal_share``)."""
    eigen_organisatie = Q(casus__isnull=True, organisatie=user.organisatie_id)
    if user.organisatie.discipline != Discipline.ADVOCATUUR:
        return eigen_organisatie
    return eigen_organisatie & (Q(gemeld_door=user) | Q(gedeeld_op__isnull=False))


def signalen_for_user(queryset, *, user, perm: str = VIEW):
    """The signals in ``queryset`` that ``user`` sees.

    A signal attached to a case is case data and follows the case (``perm`` on it);
    before that only the organisation that recorded it sees it, and a lawyer's
    signal only the lawyer who recorded it, unless shared (``_wachtend_zichtbaar``).
    """
    if not may_access_cases(user):
        return queryset.none()
    return queryset.filter(
        Q(casus__in=casussen_for_user(user=user, perm=perm).values("pk"))
        | _wachtend_zichtbaar(user)
    )


def may_handle_signaal(user, signaal) -> bool:
    """A waiting signal is attached, turned into a case or closed by whoever sees it
    while it waits: its organisation, or for a lawyer's unshared signal the lawyer
    alone. Whether it still waits is the service's rule, not an access rule."""
    if not may_access_cases(user) or signaal.organisatie_id != user.organisatie_id:
        return False
    if user.organisatie.discipline != Discipline.ADVOCATUUR:
        return True
    return signaal.gemeld_door_id == user.pk or signaal.gedeeld_op is not None


def may_share_signaal(user, signaal) -> bool:
    """Only the lawyer who recorded a waiting signal shares it with their firm (or
    takes the sharing back): the privilege is theirs to waive. Other disciplines'
    signals are their organisation's already."""
    return (
        may_access_cases(user)
        and signaal.casus_id is None
        and user.organisatie.discipline == Discipline.ADVOCATUUR
        and signaal.organisatie_id == user.organisatie_id
        and signaal.gemeld_door_id == user.pk
    )


def may_record_signals(user) -> bool:
    """Everyone who may hold case access records signals (the many eyes and ears)."""
    return may_access_cases(user)


def may_read_meldingen(user) -> bool:
    """Only CoMensha's own staff read the reports addressed to CoMensha."""
    return may_access_cases(user) and user.organisatie.discipline == Discipline.COMENSHA


def meldingen_for_user(queryset, *, user):
    """The reports in ``queryset`` that ``user`` reads in CoMensha's inbox: for
    CoMensha's staff those submitted to it ("ingediend" or "geregistreerd"; never a
    draft still "te melden", nor an exception); for anyone else none."""
    if not may_read_meldingen(user):
        return queryset.none()
    return queryset.filter(status__in=queryset.model.BIJ_COMENSHA)


def may_register_melding(user, melding) -> bool:
    """Only CoMensha's own staff register a report, and only one submitted to it
    (``meldingen_for_user``). Whether it still waits for a number is the service's
    rule."""
    return may_read_meldingen(user) and melding.status in type(melding).BIJ_COMENSHA


def may_submit_melding(user, melding) -> bool:
    """The report of a case is submitted (or an exception recorded) by whoever
    coordinates the case, or by a member of the signalling organisation
    (``Melding.meldende_organisatie``) while that organisation sees the case. Never
    on a closed case: it takes no writes (its coordinating organisation still sees it)."""
    casus = melding.casus
    if may_coordinate(user, casus):
        return True
    return (
        may_access_cases(user)
        and melding.meldende_organisatie_id == user.organisatie_id
        and _open_zichtbaar(user).filter(pk=casus.pk).exists()
    )


def _open_zichtbaar(user):
    return casussen_for_user(user=user, perm=VIEW).exclude(status=Casus.Status.GESLOTEN)


def meldingen_to_submit_for_user(queryset, *, user):
    """The reports in ``queryset`` that ``user`` may submit (``may_submit_melding``)
    for many cases at once (Mijn taken, in one query): on cases the user
    coordinates, or of the user's organisation as signaller on cases it sees."""
    if not may_access_cases(user):
        return queryset.none()
    coordinerend = (
        casussen_for_user(user=user, perm=COORDINATE).values("pk")
        if may_coordinate_cases(user)
        else []
    )
    zichtbaar = _open_zichtbaar(user).values("pk")
    return queryset.filter(
        Q(casus__in=coordinerend)
        | (Q(meldende_organisatie=user.organisatie_id) & Q(casus__in=zichtbaar))
    )


def beoordelingen_for_user(queryset, *, user, proces):
    """The assessments of ``proces`` in ``queryset`` that ``user`` reads.

    An organisation always sees its own. Each submitted one is seen by holders of
    the coordinating permission on the case at once, and by everyone else once the
    round is closed.
    """
    eigen = Q(organisatie=user.organisatie_id)
    coordinerend = casussen_for_user(user=user, perm=COORDINATE).filter(pk=proces.casus_id)
    if coordinerend.exists() or proces.ronde_gesloten:
        return queryset.filter(Q(ingediend_op__isnull=False) | eigen)
    return queryset.filter(eigen)


def ingediende_beoordelingen_for_user(queryset, *, user, casus_ids):
    """The submitted assessments in ``queryset`` of the processes of ``casus_ids``
    that ``user`` reads, for many cases at once (a meeting's agenda, in one query):
    the rule of ``beoordelingen_for_user`` (own ones; every submitted one for holders
    of the coordinating permission, for everyone else once the round is closed),
    only on cases the user may see."""
    if not may_access_cases(user):
        return queryset.none()
    casus_ids = list(casus_ids)
    zichtbaar = casussen_for_user(user=user, perm=VIEW).filter(pk__in=casus_ids).values("pk")
    coordinerend = (
        casussen_for_user(user=user, perm=COORDINATE).filter(pk__in=casus_ids).values("pk")
    )
    return queryset.filter(proces__casus__in=zichtbaar, ingediend_op__isnull=False).filter(
        Q(organisatie=user.organisatie_id)
        | Q(proces__casus__in=coordinerend)
        | Q(proces__ronde_gesloten_op__isnull=False)
    )


def withheld_casus_ids(user, casus_ids) -> set[int]:
    """Which of ``casus_ids`` the user reads withheld assessment information of:
    the rule of ``may_see_withheld`` for many cases at once (one query)."""
    if not may_coordinate_cases(user):
        return set()
    return set(
        casussen_for_user(user=user, perm=COORDINATE)
        .filter(pk__in=list(casus_ids))
        .values_list("pk", flat=True)
    )


def beoordelingen_of_casus_for_user(queryset, *, user, casus):
    """The rule of ``beoordelingen_for_user`` over every process of ``casus`` at
    once, in one query whatever the number of processes (the case page): their
    own organisation's always; each submitted one for holders of the coordinating
    permission, and for everyone else once its process's round is closed. Whether
    the user sees the case at all is the caller's check."""
    eigen = Q(organisatie=user.organisatie_id)
    ingediend = Q(ingediend_op__isnull=False)
    qs = queryset.filter(proces__casus=casus)
    if casussen_for_user(user=user, perm=COORDINATE).filter(pk=casus.pk).exists():
        return qs.filter(ingediend | eigen)
    return qs.filter((ingediend & Q(proces__ronde_gesloten_op__isnull=False)) | eigen)


def may_see_withheld(user, proces) -> bool:
    """Information withheld in an assessment is for the coordinator of the case only
    (``may_coordinate``)."""
    return may_coordinate(user, proces.casus)


def may_read_advies(user, advies) -> bool:
    """A draft advice is read only by holders of the coordinating permission on its
    case; any other version by everyone who may see the case (the view's check)."""
    if advies.status != type(advies).Status.CONCEPT:
        return True
    return casussen_for_user(user=user, perm=COORDINATE).filter(pk=advies.casus_id).exists()
