"""Reads of the core. Every case query starts from ``casussen_for_user``."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils import timezone

from .audit import Uitkomst
from .models import AuditEvent, Behoefte, Casus, Deelname, Melding, Organisatie, User, Wijziging
from .permissions import VIEW, casussen_for_user, gebruikersmeldingen_for_user, may_revoke_toegang

DATE_INPUTS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"]


def parse_date(text: str) -> datetime.date | None:
    """A date typed in the search box, in the ways Dutch users write one."""
    for fmt in DATE_INPUTS:
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def casus_list(*, user, filters: dict):
    """The user's cases with the list filters applied, ready for one page query."""
    qs = casussen_for_user(user=user, perm=VIEW)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if vorm := filters.get("vorm"):
        qs = qs.filter(uitbuitingsvormen__vorm=vorm)
    if filters.get("minderjarig") == "ja":
        qs = qs.minderjarig()
    elif filters.get("minderjarig") == "nee":
        qs = qs.meerderjarig()
    open_behoeften = Behoefte.objects.filter(
        casus=OuterRef("pk"), status__in=[Behoefte.Status.OPEN, Behoefte.Status.IN_BEHANDELING]
    )
    qs = qs.annotate(heeft_open_behoeften=Exists(open_behoeften))
    if filters.get("open_behoeften") == "ja":
        qs = qs.filter(heeft_open_behoeften=True)
    elif filters.get("open_behoeften") == "nee":
        qs = qs.filter(heeft_open_behoeften=False)
    if coordinator := filters.get("coordinator"):
        qs = qs.filter(coordinator=coordinator)
    if q := (filters.get("q") or "").strip():
        day = parse_date(q)
        if day:
            qs = qs.filter(geboortedatum=day)
        else:
            qs = qs.filter(Q(nummer__icontains=q) | Q(naam__icontains=q) | Q(aliassen__icontains=q))
    return (
        qs.select_related("coordinerende_organisatie", "coordinator")
        .prefetch_related("uitbuitingsvormen")
        .order_by("-created_at", "-pk")
    )


def coordinators_for_user(*, user):
    """Coordinators of the cases the user can see (the list's filter choices)."""
    visible = casussen_for_user(user=user, perm=VIEW)
    return User.objects.filter(pk__in=visible.values("coordinator_id")).order_by(
        "first_name", "last_name"
    )


def casus_detail(casus: Casus) -> dict:
    return {
        "behoeften": casus.behoeften.select_related("eigenaar"),
        "deelnames": Deelname.objects.actief()
        .filter(casus=casus)
        .select_related("organisatie", "persoon"),
        "vormen": casus.vormen,
    }


def wijzigingen_for_casus(casus: Casus):
    return Wijziging.objects.filter(casus=casus).select_related("door__organisatie")


def audit_for_casus(casus: Casus):
    return AuditEvent.objects.filter(casus_public_id=casus.public_id).select_related(
        "gebruiker", "organisatie"
    )


#: The report's filter: only events on a case, or only the others.
AUDIT_SOORT_CASUS = "casus"
AUDIT_SOORT_OVERIG = "overig"
AUDIT_SOORT_GEWEIGERD = "geweigerd"

#: The object types under which an event names an account (a login, a failed
#: login, a lockout, an administrator's change of the account).
ACCOUNT_OBJECT_TYPES = ("gebruiker", "casusoverleg.user")


def audit_report(*, van, tot, gebruiker=None, organisatie=None, soort=""):
    """Every audit event of one user, or of one organisation's users, in a period,
    oldest first (for administrators): what they did, refusals included whether
    or not they name a case, and what was done to their accounts (failed logins
    and lockouts have no signed-in actor; an administrator's change has another).
    ``soort``: ``AUDIT_SOORT_CASUS`` for the events on a case only,
    ``AUDIT_SOORT_OVERIG`` for the rest, ``AUDIT_SOORT_GEWEIGERD`` for refusals."""
    if gebruiker is not None:
        wie = Q(gebruiker=gebruiker) | Q(
            object_type__in=ACCOUNT_OBJECT_TYPES, object_id=str(gebruiker.pk)
        )
    else:
        leden = User.objects.filter(organisatie=organisatie).values_list("pk", flat=True)
        wie = Q(organisatie=organisatie) | Q(
            object_type__in=ACCOUNT_OBJECT_TYPES,
            object_id__in=[str(pk) for pk in leden],
        )
    events = AuditEvent.objects.filter(wie, op__date__gte=van, op__date__lte=tot)
    if soort == AUDIT_SOORT_CASUS:
        events = events.exclude(casus_public_id="")
    elif soort == AUDIT_SOORT_OVERIG:
        events = events.filter(casus_public_id="")
    elif soort == AUDIT_SOORT_GEWEIGERD:
        events = events.filter(uitkomst=AuditEvent.Uitkomst.GEWEIGERD)
    return events.select_related("gebruiker", "organisatie").order_by("op", "pk")


def casusnummers(public_ids) -> dict[str, str]:
    """Case numbers by public id, for the audit report's rows (one query)."""
    return dict(
        Casus.objects.filter(public_id__in=list(public_ids)).values_list("public_id", "nummer")
    )


# Notifications ------------------------------------------------------------------------


def meldingen_for_user(*, user):
    """The user's own notices, newest first, with their cases' numbers."""
    return gebruikersmeldingen_for_user(Melding.objects.all(), user=user).select_related("casus")


def meldingen_ongelezen_aantal(*, user) -> int:
    """How many of the user's notices are unread (one query; the page header)."""
    return (
        gebruikersmeldingen_for_user(Melding.objects.all(), user=user)
        .filter(gelezen_op__isnull=True)
        .count()
    )


def meldingen_ongelezen(*, user, limit: int = 5) -> tuple[int, list[Melding]]:
    """The number of unread notices and the latest ``limit`` of them (start page)."""
    ongelezen = meldingen_for_user(user=user).filter(gelezen_op__isnull=True)
    return ongelezen.count(), list(ongelezen[:limit])


# Signals in the audit trail ---------------------------------------------------------


def _dag_grenzen(dag: datetime.date):
    begin = timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))
    return begin, begin + datetime.timedelta(days=1)


def audit_signalen(*, dag: datetime.date) -> dict:
    """What functional management should look at for one day (local time), each a
    list of ``{"gebruiker": User or None, "ip": str, "aantal": int, ...}``, most
    first; computed by the database (one query each):

    - ``nieuwe_casussen``: users who opened at least ``AUDIT_SIGNAAL_NIEUWE_CASUSSEN``
      cases that day that they had never opened before;
    - ``buiten_kantoortijd``: users active before ``KANTOORUREN_VAN`` or from
      ``KANTOORUREN_TOT`` o'clock, or on a Saturday or Sunday, with how often;
    - ``weigeringen``: users, or addresses without a signed-in user, refused at
      least ``AUDIT_SIGNAAL_WEIGERINGEN`` times that day.
    """
    begin, eind = _dag_grenzen(dag)
    vandaag = AuditEvent.objects.filter(op__gte=begin, op__lt=eind)
    eerder = AuditEvent.objects.filter(
        gebruiker=OuterRef("gebruiker"),
        casus_public_id=OuterRef("casus_public_id"),
        uitkomst=AuditEvent.Uitkomst.TOEGESTAAN,
        op__lt=begin,
    )
    nieuw = (
        vandaag.filter(gebruiker__isnull=False, uitkomst=AuditEvent.Uitkomst.TOEGESTAAN)
        .exclude(casus_public_id="")
        .filter(~Exists(eerder))
        .values("gebruiker")
        .annotate(aantal=Count("casus_public_id", distinct=True))
        .filter(aantal__gte=settings.AUDIT_SIGNAAL_NIEUWE_CASUSSEN)
        .order_by("-aantal", "gebruiker")
    )
    tz = timezone.get_current_timezone()
    buiten = (
        vandaag.filter(gebruiker__isnull=False)
        .annotate(uur=ExtractHour("op", tzinfo=tz), weekdag=ExtractIsoWeekDay("op", tzinfo=tz))
        .filter(
            Q(uur__lt=settings.KANTOORUREN_VAN)
            | Q(uur__gte=settings.KANTOORUREN_TOT)
            | Q(weekdag__gte=6)
        )
        .values("gebruiker")
        .annotate(aantal=Count("pk"), eerste=Min("op"), laatste=Max("op"))
        .order_by("-aantal", "gebruiker")
    )
    geweigerd = vandaag.filter(uitkomst=AuditEvent.Uitkomst.GEWEIGERD)
    per_gebruiker = (
        geweigerd.filter(gebruiker__isnull=False)
        .values("gebruiker")
        .annotate(aantal=Count("pk"))
        .filter(aantal__gte=settings.AUDIT_SIGNAAL_WEIGERINGEN)
    )
    # Without a signed-in user (failed logins, a session that ended): per address.
    per_adres = (
        geweigerd.filter(gebruiker__isnull=True)
        .values("ip")
        .annotate(aantal=Count("pk"))
        .filter(aantal__gte=settings.AUDIT_SIGNAAL_WEIGERINGEN)
    )
    weigeringen = [*per_gebruiker, *({"gebruiker": None, **r} for r in per_adres)]
    weigeringen.sort(key=lambda r: -r["aantal"])
    uit = {
        "nieuwe_casussen": list(nieuw),
        "buiten_kantoortijd": list(buiten),
        "weigeringen": weigeringen,
    }
    gebruikers = User.objects.select_related("organisatie").in_bulk(
        {r["gebruiker"] for rijen in uit.values() for r in rijen if r["gebruiker"]}
    )
    for rijen in uit.values():
        for rij in rijen:
            rij["gebruiker"] = gebruikers.get(rij["gebruiker"])
    return uit


# The access review (casusoverleg.toegangsreview) ------------------------------------

#: The audit rows the access review writes (its page, its decisions): not use of a case.
TOEGANGSREVIEW_AUDIT = "toegangsreview"


@dataclass(frozen=True)
class Toegang:
    """One grant as the review shows it: the participation, its last use (and by
    whom), whether it is flagged as unused, and whether the reviewer may revoke it."""

    deelname: Deelname
    laatst_gebruikt: datetime.datetime | None
    laatst_door: User | None
    ongebruikt: bool
    intrekbaar: bool

    @property
    def casus(self):
        return self.deelname.casus


def toegangen(*, organisatie: Organisatie, user, nu=None) -> list[Toegang]:
    """Every active grant of ``organisatie``, by case number, in three queries
    whatever their number: the participations, the last use per case and member
    (one aggregate over the audit trail), and the members named."""
    nu = nu or timezone.now()
    grens = nu - datetime.timedelta(days=settings.TOEGANG_ONGEBRUIKT_DAGEN)
    deelnames = list(
        Deelname.objects.actief()
        .filter(organisatie=organisatie)
        .select_related(
            "casus", "organisatie", "persoon__organisatie", "toegevoegd_door__organisatie"
        )
        .order_by("casus__nummer", "pk")
    )
    gebruik = (
        AuditEvent.objects.filter(
            organisatie_id=organisatie.pk,
            uitkomst=Uitkomst.TOEGESTAAN,
            casus_public_id__in=Deelname.objects.actief()
            .filter(organisatie=organisatie)
            .values("casus__public_id"),
        )
        .exclude(object_type=TOEGANGSREVIEW_AUDIT)
        .values("casus_public_id", "gebruiker_id")
        .annotate(laatst=Max("op"))
        .order_by()
    )
    per_casus: dict[str, list[tuple[datetime.datetime, int | None]]] = {}
    for rij in gebruik:
        per_casus.setdefault(rij["casus_public_id"], []).append(
            (rij["laatst"], rij["gebruiker_id"])
        )
    laatste = {}
    for deelname in deelnames:
        rijen = per_casus.get(deelname.casus.public_id, [])
        if deelname.persoon_id:
            rijen = [r for r in rijen if r[1] == deelname.persoon_id]
        laatste[deelname.pk] = max(rijen, key=lambda r: r[0], default=(None, None))
    ids = {gebruiker_id for _op, gebruiker_id in laatste.values() if gebruiker_id}
    mensen = User.objects.in_bulk(ids) if ids else {}
    return [
        Toegang(
            deelname=deelname,
            laatst_gebruikt=laatste[deelname.pk][0],
            laatst_door=mensen.get(laatste[deelname.pk][1]),
            # Counted from the grant: a case granted last week is not unused yet.
            ongebruikt=max(laatste[deelname.pk][0] or deelname.created_at, deelname.created_at)
            < grens,
            intrekbaar=may_revoke_toegang(user, deelname),
        )
        for deelname in deelnames
    ]


def vervaldatum(organisatie: Organisatie, laatste: datetime.datetime | None) -> datetime.date:
    """The day the next review is due: ``TOEGANG_REVIEW_DAGEN`` after the last one
    (``laatste``), or after the organisation was made when it was never reviewed."""
    sinds = timezone.localdate(laatste or organisatie.created_at)
    return sinds + datetime.timedelta(days=settings.TOEGANG_REVIEW_DAGEN)
