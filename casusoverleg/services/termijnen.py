"""Legal terms as timers (``Termijn``): started, moved and ended by the apps' services,
moved on daily by ``termijnen_bijwerken`` (``manage.py herinneringen``).

Every reminder and every expiry happens once: a reminder is recorded as a
``Herinnering`` (kind and key unique) in the transaction that acts on it, an expiry
by the term's status under a row lock. A term moved to a new end date reminds
again before that date (the key holds the end date).
"""

import datetime
import logging
from collections import Counter

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import Actie, AuditContext, audit_log
from ..models import Casus, Herinnering, Meldingsoort, Termijn, User
from ..permissions import may_coordinate
from ..termijnen import REGELS, regel
from .meldingen import melding_send

logger = logging.getLogger(__name__)


def casus_coordinatoren(casus: Casus) -> list[User]:
    """The coordinators of ``casus`` (``may_coordinate``): the usual ones to tell."""
    leden = User.objects.filter(
        organisatie_id=casus.coordinerende_organisatie_id, is_active=True
    ).select_related("organisatie")
    return [u for u in leden if may_coordinate(u, casus)]


def _audit(actie: str, termijn: Termijn, ctx: AuditContext | None = None, **detail) -> None:
    audit_log(
        ctx or AuditContext.system(),
        actie=actie,
        object_type="termijn",
        object_id=termijn.public_id,
        casus=termijn.casus,
        detail={"soort": termijn.soort, **detail},
    )


@transaction.atomic
def termijn_zetten(
    *,
    casus: Casus,
    soort: str,
    start: datetime.date,
    einde: datetime.date | None = None,
    sleutel: str = "",
    ctx: AuditContext | None = None,
) -> Termijn:
    """Start a term, or move the running one of this case, kind and key to new dates.
    ``einde`` defaults to ``start`` plus the rule's length (``TERMIJNEN[soort]["dagen"]``)."""
    r = regel(soort)
    if einde is None:
        if r.dagen is None:
            raise ValueError(f"TERMIJNEN[{soort!r}] heeft geen 'dagen': geef einde")
        einde = start + datetime.timedelta(days=r.dagen)
    termijn = (
        Termijn.objects.select_for_update()
        .filter(casus=casus, soort=soort, sleutel=sleutel)
        .lopend()
        .first()
    )
    if termijn is None:
        termijn = Termijn(casus=casus, soort=soort, sleutel=sleutel, start=start, einde=einde)
        termijn.full_clean()
        termijn.save()
        _audit(Actie.AANMAKEN, termijn, ctx, einde=einde.isoformat())
    elif (termijn.start, termijn.einde) != (start, einde):
        termijn.start, termijn.einde = start, einde
        termijn.full_clean()
        termijn.save(update_fields=["start", "einde", "updated_at"])
        _audit(Actie.WIJZIGEN, termijn, ctx, einde=einde.isoformat())
    return termijn


def _beeindigen(qs, *, status: str, reden: str, ctx=None) -> int:
    termijnen = list(qs.lopend().select_for_update().select_related("casus"))
    for termijn in termijnen:
        termijn.status = status
        termijn.reden = reden
        termijn.beeindigd_op = timezone.now()
        termijn.save(update_fields=["status", "reden", "beeindigd_op", "updated_at"])
        _audit(Actie.WIJZIGEN, termijn, ctx, status=status)
    return len(termijnen)


@transaction.atomic
def termijn_afronden(
    *, casus: Casus, soort: str, sleutel: str = "", reden: str = "", ctx=None
) -> int:
    """End the running term of this case, kind and key because what it waited for
    happened (the report was made, the round closed); 0 when none was running."""
    return _beeindigen(
        Termijn.objects.filter(casus=casus, soort=soort, sleutel=sleutel),
        status=Termijn.Status.AFGEROND,
        reden=reden,
        ctx=ctx,
    )


@transaction.atomic
def termijnen_annuleren(
    *, casus: Casus, reden: str, soort: str | None = None, sleutel: str | None = None, ctx=None
) -> int:
    """Cancel the case's running terms (all, or of one kind, or one key): the case
    closed, the date of birth removed."""
    qs = Termijn.objects.filter(casus=casus)
    if soort is not None:
        qs = qs.filter(soort=soort)
    if sleutel is not None:
        qs = qs.filter(sleutel=sleutel)
    return _beeindigen(qs, status=Termijn.Status.GEANNULEERD, reden=reden, ctx=ctx)


def termijnen_bijwerken(
    *, vandaag: datetime.date | None = None, soorten: list[str] | None = None
) -> dict[str, int]:
    """Send each running term's due reminders and expire those past their last day
    (or on it, ``Regel.verloopt_op_einde``), each once; return how many of each
    happened (``herinnering:<soort>``, ``verlopen:<soort>``). Terms of a kind without
    a registered rule are left alone, and those not in ``soorten`` when it is given."""
    vandaag = vandaag or timezone.localdate()
    gedaan: Counter[str] = Counter()
    vooruit = max((max(r.herinneren, default=0) for r in REGELS.values()), default=0)
    termijnen = (
        Termijn.objects.lopend()
        .filter(
            soort__in=[s for s in REGELS if soorten is None or s in soorten],
            einde__lte=vandaag + datetime.timedelta(days=vooruit),
        )
        .select_related("casus")
        .order_by("einde", "pk")
    )
    for termijn in termijnen:
        r = REGELS[termijn.soort]
        try:
            if vandaag > termijn.einde or (r.verloopt_op_einde and vandaag == termijn.einde):
                gedaan[f"verlopen:{termijn.soort}"] += _verlopen(termijn, r, vandaag)
            else:
                gedaan[f"herinnering:{termijn.soort}"] += _herinneren(termijn, r, vandaag)
        except Exception:
            # One term's failing callback must not stop every other term's reminder;
            # its transaction rolled back, so the next run tries it again.
            logger.exception(
                "termijn %s (%s) kon niet worden bijgewerkt", termijn.public_id, termijn.soort
            )
    return {soort: n for soort, n in gedaan.items() if n}


def _herinneren(termijn: Termijn, r, vandaag: datetime.date) -> int:
    """The reminders due by ``vandaag`` not sent before: each one's action (a task,
    say) runs; one notice tells of the nearest. Returns how many were due."""
    due = [d for d in r.herinneren if vandaag >= termijn.einde - datetime.timedelta(days=d)]
    gedaan = []
    for dagen in due:  # largest first: the 100-day work before the 30-day work
        try:
            with transaction.atomic():
                Herinnering.objects.create(
                    soort=f"termijn:{termijn.soort}:{dagen}",
                    sleutel=f"{termijn.public_id}:{termijn.einde.isoformat()}",
                )
                if r.bij_herinnering is not None:
                    r.bij_herinnering(termijn, dagen)
        except IntegrityError:
            continue  # sent before (or by a run at the same moment)
        gedaan.append(dagen)
    if gedaan:
        ontvangers = list(r.ontvangers(termijn))
        if ontvangers:
            melding_send(
                soort=Meldingsoort.TERMIJN_HERINNERING,
                ontvangers=ontvangers,
                casus=termijn.casus,
                url=r.url(termijn),
                wanneer=_middag(termijn.einde),
            )
    return len(gedaan)


@transaction.atomic
def _verlopen(termijn: Termijn, r, vandaag: datetime.date) -> bool:
    termijn = Termijn.objects.select_for_update().select_related("casus").get(pk=termijn.pk)
    if not termijn.is_lopend:
        return False
    termijn.status = Termijn.Status.VERLOPEN
    termijn.beeindigd_op = timezone.now()
    termijn.reden = _("Termijn verstreken")
    termijn.save(update_fields=["status", "beeindigd_op", "reden", "updated_at"])
    _audit(Actie.WIJZIGEN, termijn, status=termijn.status)
    if r.bij_verlopen is not None:
        r.bij_verlopen(termijn, vandaag)
    ontvangers = list(r.ontvangers(termijn))
    if ontvangers:
        melding_send(
            soort=Meldingsoort.TERMIJN_VERLOPEN,
            ontvangers=ontvangers,
            casus=termijn.casus,
            url=r.url(termijn),
        )
    return True


def _middag(dag: datetime.date) -> datetime.datetime:
    """A date as the aware date-time a notice's ``%(datum)s`` is rendered from (noon,
    so no time zone moves it to another day)."""
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12)))
