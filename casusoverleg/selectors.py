"""Reads of the core. Every case query starts from ``casussen_for_user``."""

import datetime

from django.db.models import Exists, OuterRef, Q

from .models import AuditEvent, Behoefte, Casus, Deelname, User, Wijziging
from .permissions import VIEW, casussen_for_user

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
    return AuditEvent.objects.filter(casus_public_id=casus.public_id).select_related("organisatie")


def audit_report(*, gebruiker, van, tot):
    """Which cases one user saw in a period, by case number only (for administrators)."""
    events = AuditEvent.objects.filter(
        gebruiker=gebruiker, op__date__gte=van, op__date__lte=tot
    ).exclude(casus_public_id="")
    nummers = dict(
        Casus.objects.filter(public_id__in=events.values("casus_public_id")).values_list(
            "public_id", "nummer"
        )
    )
    return events.order_by("op", "pk"), nummers
