"""The start page: what waits for each user, in sections that the apps register.

The core knows no tasks, actions, meetings or advices (the apps built on it do):
each app registers its sections in ``AppConfig.ready`` with :func:`register`,
as with ``casusoverleg.herinneringen``. A section says for whom it is
(``voor(user)``, a rule of ``casusoverleg.permissions`` or a user flag) and
gives at most ``limit`` rows and the total (``rijen(user=..., limit=...)``) in
a fixed number of queries, whatever the number of items: the page's query
budget is asserted per role (tests/casusoverleg/test_startpagina.py).

Everything case-related is narrowed by the access module; a section hands the
objects it shows (cases, or objects with ``public_id`` and ``casus``) back as
``getoond``, and the home view audits them all in one INSERT (``audit_getoond``).
Rows carry case numbers and links, never names or case content.

The core's own sections are at the end of this module (unread notifications,
silent cases, the project group's line, administration tasks); the apps' are in
their ``startpagina.py``.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import meldingen
from .casustaken import titel as casustaaktitel
from .models import Casus, Casustaak, Melding, Organisatie, User, WachtwoordReset
from .permissions import (
    COORDINATE,
    casussen_for_user,
    casustaken_for_user,
    coordinerende_organisaties,
    gebruikersmeldingen_for_user,
    may_access_cases,
    may_administer_users,
    may_coordinate_cases,
)

#: Rows per section on the start page; the section's "Alles bekijken" shows the rest.
LIMIT = 5


@dataclass(frozen=True)
class Rij:
    """One line of a section: what it is (a link), its case number, a date, a
    status or note. No names, no case content."""

    titel: str
    url: str = ""
    casusnummer: str = ""
    datum: datetime.date | datetime.datetime | None = None
    te_laat: bool = False
    toelichting: str = ""


@dataclass(frozen=True)
class Resultaat:
    """A section's rows (at most ``limit``), how many there are in all, and the
    case objects shown (audited by the view)."""

    rijen: list[Rij]
    totaal: int
    getoond: list = field(default_factory=list)

    @classmethod
    def uit(cls, queryset, *, limit: int, rij: Callable, audit: bool = True) -> "Resultaat":
        """The first ``limit`` objects of ``queryset`` as rows (``rij(obj)``) and the
        count: two queries, whatever the number of items (``queryset`` must
        ``select_related`` what ``rij`` reads)."""
        objecten = list(queryset[:limit])
        # Always counted, so that the query count does not depend on the number of items.
        return cls([rij(obj) for obj in objecten], queryset.count(), objecten if audit else [])


@dataclass(frozen=True)
class Sectie:
    """A section of the start page. ``alles_url`` is a URL name (or a callable
    giving the URL) for "Alles bekijken"; ``tekst`` a fixed line shown instead of
    rows (``rijen`` None); ``leeg`` what to say when there is nothing."""

    sleutel: str
    titel: str
    voor: Callable
    rijen: Callable | None = None
    alles_url: str | Callable | None = None
    volgorde: int = 50
    tekst: str = ""
    leeg: str = gettext_lazy("Niets openstaand.")
    #: Left off the page when it has nothing (work that only now and then arises).
    verberg_leeg: bool = False

    def url(self) -> str:
        if callable(self.alles_url):
            return self.alles_url()
        return reverse(self.alles_url) if self.alles_url else ""


#: Every section, by key (a second ``ready()`` replaces, never duplicates).
SECTIES: dict[str, Sectie] = {}


def register(sectie: Sectie) -> Sectie:
    """Add (or replace) a section of the start page."""
    SECTIES[sectie.sleutel] = sectie
    return sectie


@dataclass(frozen=True)
class Blok:
    sectie: Sectie
    resultaat: Resultaat | None

    @property
    def meer(self) -> bool:
        return bool(self.resultaat) and self.resultaat.totaal > len(self.resultaat.rijen)


def startpagina(*, user, limit: int = LIMIT) -> list[Blok]:
    """The sections ``user`` gets, in order, each with its rows."""
    blokken = []
    for sectie in sorted(SECTIES.values(), key=lambda s: (s.volgorde, s.sleutel)):
        if not sectie.voor(user):
            continue
        resultaat = sectie.rijen(user=user, limit=limit) if sectie.rijen else None
        if sectie.verberg_leeg and resultaat is not None and not resultaat.totaal:
            continue
        blokken.append(Blok(sectie, resultaat))
    return blokken


# The core's own sections ------------------------------------------------------------


def stille_casussen(*, user, dagen: int | None = None):
    """The cases ``user`` coordinates, not closed, without progress for ``dagen``
    days (``STARTPAGINA_STIL_DAGEN``), longest silent first. A case whose advice is
    given still has actions and referrals to follow up, so it counts too.

    Progress is the case's change history (``Wijziging``: every change to the case,
    its needs, participants, coordinator or report is recorded there by the
    services), or its opening when it has none. Reading a case is no progress, so
    the audit trail does not count; neither does work in another app that leaves
    no change on the case (an assessment being written).
    """
    dagen = settings.STARTPAGINA_STIL_DAGEN if dagen is None else dagen
    grens = timezone.now() - datetime.timedelta(days=dagen)
    return (
        casussen_for_user(user=user, perm=COORDINATE)
        .exclude(status=Casus.Status.GESLOTEN)
        .annotate(laatste_voortgang=Coalesce(Max("wijzigingen__op"), "created_at"))
        .filter(laatste_voortgang__lt=grens)
        .order_by("laatste_voortgang", "pk")
    )


def _stille_casussen(*, user, limit):
    return Resultaat.uit(
        stille_casussen(user=user),
        limit=limit,
        rij=lambda casus: Rij(
            titel=_("Casus %(nummer)s") % {"nummer": casus.nummer},
            url=reverse("casusoverleg:casus-detail", args=[casus.public_id]),
            casusnummer=casus.nummer,
            datum=casus.laatste_voortgang,
            toelichting=_("laatste wijziging"),
        ),
    )


def beheertaken() -> list[tuple[str, int, str]]:
    """What waits for the administrators: (what, how many, where), one count each.

    Password resets waiting for a second administrator; accounts locked out by
    failed logins now; active accounts without a confirmed second factor; active
    organisations that may coordinate a case but have no active coordinator.
    """
    admin = "admin:casusoverleg_%s_changelist"
    zonder_mfa = (
        User.objects.filter(is_active=True)
        .exclude(Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        .exclude(Exists(WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)))
    )
    coordinator = User.objects.filter(
        organisatie=OuterRef("pk"), is_active=True, is_coordinator=True
    )
    zonder_coordinator = coordinerende_organisaties(Organisatie.objects.all()).exclude(
        Exists(coordinator)
    )
    cooloff = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    geblokkeerd = (
        AccessAttempt.objects.filter(
            attempt_time__gte=cooloff, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
        )
        .exclude(Q(username="") | Q(username__isnull=True))
        .values("username")
        .distinct()
    )
    return [
        (
            _("Wachtwoordresets die op een tweede beheerder wachten"),
            WachtwoordReset.objects.open().count(),
            reverse(admin % "wachtwoordreset"),
        ),
        (
            _("Geblokkeerde accounts (te vaak fout ingelogd)"),
            geblokkeerd.count(),
            reverse("admin:axes_accessattempt_changelist"),
        ),
        (
            _("Actieve accounts zonder tweede factor"),
            zonder_mfa.count(),
            reverse(admin % "user"),
        ),
        (
            _("Organisaties zonder casuscoördinator"),
            zonder_coordinator.count(),
            reverse(admin % "organisatie"),
        ),
    ]


def _beheertaken(*, user, limit):
    rijen = [
        Rij(titel=str(wat), url=url, toelichting=str(aantal))
        for wat, aantal, url in beheertaken()
        if aantal
    ]
    return Resultaat(rijen, len(rijen))


def _ongelezen_meldingen(*, user, limit):
    """The latest unread notices (case number and fixed wording only), each opened
    through the centre so that opening marks it read and checks access again."""
    return Resultaat.uit(
        gebruikersmeldingen_for_user(Melding.objects.all(), user=user)
        .filter(gelezen_op__isnull=True)
        .select_related("casus")
        .order_by("-created_at", "-pk"),
        limit=limit,
        rij=lambda melding: Rij(
            titel=meldingen.tekst(melding),
            url=reverse("casusoverleg:melding-openen", args=[melding.public_id]),
            casusnummer=melding.casus.nummer if melding.casus_id else "",
            datum=melding.created_at,
        ),
    )


register(
    Sectie(
        sleutel="meldingen",
        titel=gettext_lazy("Ongelezen meldingen"),
        voor=lambda user: user.is_authenticated,
        rijen=_ongelezen_meldingen,
        alles_url="casusoverleg:meldingen",
        volgorde=5,
        leeg=gettext_lazy("Geen ongelezen meldingen."),
    )
)
register(
    Sectie(
        sleutel="stille-casussen",
        titel=gettext_lazy("Casussen zonder voortgang"),
        voor=may_coordinate_cases,
        rijen=_stille_casussen,
        alles_url="casusoverleg:casus-list",
        volgorde=60,
        leeg=gettext_lazy("Al uw casussen zijn recent bijgewerkt."),
    )
)
register(
    Sectie(
        sleutel="beheer",
        titel=gettext_lazy("Beheertaken"),
        voor=may_administer_users,
        rijen=_beheertaken,
        alles_url="admin:index",
        volgorde=10,
        leeg=gettext_lazy("Er wachten geen beheertaken."),
    )
)


def _casustaken(*, user, limit):
    return Resultaat.uit(
        casustaken_for_user(Casustaak.objects.open(), user=user)
        .select_related("casus")
        .order_by("deadline", "pk"),
        limit=limit,
        rij=lambda taak: Rij(
            titel=casustaaktitel(taak.soort),
            url=reverse("casusoverleg:casustaak", args=[taak.public_id]),
            casusnummer=taak.casus.nummer,
            datum=taak.deadline,
            te_laat=taak.te_laat,
            toelichting=_("uw organisatie"),
        ),
    )


register(
    Sectie(
        sleutel="casustaken",
        titel=gettext_lazy("Taken bij casussen"),
        voor=may_access_cases,
        rijen=_casustaken,
        alles_url="identificatie:taken",
        volgorde=21,
        verberg_leeg=True,
    )
)
