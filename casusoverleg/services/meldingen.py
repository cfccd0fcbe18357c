"""Notifications (``Melding``): made after the event's commit, mailed by
preference, read in the notification centre.

- ``melding_send`` is what an app's service calls after its write. The rows are made
  only once the transaction commits (nothing on a rollback), and only for recipients
  whom the kind's rule of the access module still admits at that moment.
- The centre is the record: a row is always made. The preference per kind decides
  only the e-mail: direct (``melding_mail``, one mail per notice), a daily overview
  (``meldingen_digest``, ``manage.py meldingen_digest``) or none ("uit"). Kinds whose
  e-mail cannot be switched off treat "uit" as their default; kinds whose app sends a
  mail of its own (the calendar invitation) get no second one.
- ``melding_mail`` takes only an id and loads the rest, so a queue worker can call it
  later; it is idempotent (``gemaild_op``) and asks the access rule again.
- Texts and mails hold fixed wording, the case number, a date and a link; never a
  name or other case content. Each in the recipient's language.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from ..audit import Actie, AuditContext, audit_log
from ..meldingen import SOORTEN, frequentie, meldingtekst
from ..meldingen import tekst as meldingweergave
from ..models import Casus, Frequentie, Herinnering, Melding, MeldingVoorkeur, User
from ..permissions import may_receive_melding

#: The ``Herinnering`` kind that makes the daily overview go out once per person and day.
DIGEST = "meldingen_digest"


def organisatie_leden(organisatie_id) -> list[User]:
    """The active members of an organisation: the usual recipients of a notice to an
    organisation (``melding_send`` keeps only those the kind's rule admits)."""
    return list(User.objects.filter(organisatie_id=organisatie_id, is_active=True))


def melding_send(
    *,
    soort: str,
    ontvangers,
    url: str,
    casus: Casus | None = None,
    wanneer: datetime.datetime | None = None,
) -> None:
    """Notify ``ontvangers`` (users) of an event of kind ``soort``, after commit.

    ``ontvangers`` may be a function returning the users, called after commit, for
    recipients that depend on what the rest of the transaction writes (who edited
    the work a new task judges). ``url`` is a path inside the application;
    ``wanneer`` the date and time a meeting notice names. Nothing else reaches the
    text: the wording is the kind's own.
    """
    if soort not in SOORTEN:
        raise ValueError(soort)
    if not url.startswith("/") or url.startswith("//"):
        raise ValueError("url: a path inside the application")
    casus_id = casus.pk if casus is not None else None
    if not callable(ontvangers):
        ids = _ids(ontvangers)
        if not ids:
            return
        ontvangers = ids
    # Robust: the event itself is committed by now; a notice that cannot be made is
    # logged, never turned into an error page for the work that was saved. (A lambda,
    # not functools.partial: Django names the failed hook by its __qualname__.)
    transaction.on_commit(lambda: _maken(soort, ontvangers, casus_id, url, wanneer), robust=True)


def _ids(users) -> list[int]:
    return sorted({u.pk for u in users if u is not None})


def _tekst(soort: str, casus: Casus | None, wanneer) -> str:
    return meldingtekst(soort, casus.nummer if casus else "", wanneer)


def _taal(user) -> str:
    return getattr(user, "taal", "") or settings.LANGUAGE_CODE


@transaction.atomic
def _maken(soort: str, ids, casus_id, url: str, wanneer) -> list[Melding]:
    info = SOORTEN[soort]
    if callable(ids):
        ids = _ids(ids())
    casus = Casus.objects.filter(pk=casus_id).first() if casus_id else None
    if casus_id and casus is None:
        return []
    nieuw = []
    for user in User.objects.filter(pk__in=ids, is_active=True).select_related("organisatie"):
        if not may_receive_melding(user, regel=info.regel, casus=casus):
            continue
        with override(_taal(user)):
            tekst = _tekst(soort, casus, wanneer)
        nieuw.append(
            Melding(ontvanger=user, soort=soort, casus=casus, url=url, tekst=tekst, wanneer=wanneer)
        )
    Melding.objects.bulk_create(nieuw)
    if not info.eigen_mail:
        voorkeuren = _voorkeuren([m.ontvanger_id for m in nieuw], soort)
        for melding in nieuw:
            gekozen = voorkeuren.get(melding.ontvanger_id)
            if frequentie(soort, gekozen) == Frequentie.DIRECT:
                # Robust: a mail server that is down leaves the notice unmailed
                # (``gemaild_op`` empty, to try again), not the request failed.
                transaction.on_commit(lambda pk=melding.pk: melding_mail(pk), robust=True)
    return nieuw


def _voorkeuren(user_ids, soort: str) -> dict[int, str]:
    return dict(
        MeldingVoorkeur.objects.filter(gebruiker_id__in=user_ids, soort=soort).values_list(
            "gebruiker_id", "frequentie"
        )
    )


def _open_url(melding: Melding) -> str:
    return settings.SITE_URL + reverse("casusoverleg:melding-openen", args=[melding.public_id])


def _mail(user: User, meldingen: list[Melding], *, overzicht: bool) -> EmailMessage:
    with override(_taal(user)):
        if overzicht:
            onderwerp = _("Uw meldingen van vandaag (%(aantal)s)") % {"aantal": len(meldingen)}
        else:
            melding = meldingen[0]
            onderwerp = str(SOORTEN[melding.soort].label)
            if melding.casus is not None:
                onderwerp += ": " + _("casus %(nummer)s") % {"nummer": melding.casus.nummer}
        regels = []
        for melding in meldingen:
            regels += [
                meldingweergave(melding),
                _("Bekijk het na inloggen op %(url)s") % {"url": _open_url(melding)},
                "",
            ]
        regels.append(
            _("Welke meldingen u per e-mail krijgt, stelt u in op %(url)s")
            % {"url": settings.SITE_URL + reverse("casusoverleg:melding-voorkeuren")}
        )
    return EmailMessage(subject=onderwerp, body="\n".join(regels), to=[user.email])


def melding_mail(melding_id: int) -> bool:
    """Mail one notice to its recipient, if their preference is "direct"; once.

    Takes only the id (a queue worker may call it later) and decides again from the
    database: not twice (``gemaild_op``), not to an inactive or address-less account,
    not when the recipient may no longer receive it. The mark and the mail are one
    transaction: a mail that fails leaves the notice unmailed, to try again.
    Returns whether a mail went out.
    """
    with transaction.atomic():
        melding = (
            Melding.objects.select_for_update(of=("self",))
            .select_related("ontvanger__organisatie", "casus")
            .filter(pk=melding_id, gemaild_op__isnull=True)
            .first()
        )
        if melding is None:
            return False
        user = melding.ontvanger
        info = SOORTEN[melding.soort]
        gekozen = _voorkeuren([user.pk], melding.soort).get(user.pk)
        if (
            info.eigen_mail
            or frequentie(melding.soort, gekozen) != Frequentie.DIRECT
            or not user.email
            or not may_receive_melding(user, regel=info.regel, casus=melding.casus)
        ):
            return False
        melding.gemaild_op = timezone.now()
        melding.save(update_fields=["gemaild_op", "updated_at"])
        _mail(user, [melding], overzicht=False).send(fail_silently=False)
    return True


def meldingen_digest(*, vandaag: datetime.date | None = None) -> int:
    """The daily overview: one mail per person with their unread, unmailed notices
    of the kinds they want daily; at most one per person and day (a ``Herinnering``
    per person and date), so the command may run as often as you like. Returns how
    many mails went out."""
    vandaag = vandaag or timezone.localdate()
    kandidaten = (
        Melding.objects.filter(
            gemaild_op__isnull=True,
            gelezen_op__isnull=True,
            ontvanger__is_active=True,
            soort__in=[code for code, info in SOORTEN.items() if not info.eigen_mail],
        )
        .exclude(ontvanger__email="")
        .select_related("ontvanger__organisatie", "casus")
        .order_by("ontvanger_id", "created_at", "pk")
    )
    per_user = defaultdict(list)
    for melding in kandidaten:
        per_user[melding.ontvanger_id].append(melding)
    voorkeuren = defaultdict(dict)
    for gebruiker_id, soort, gekozen in MeldingVoorkeur.objects.filter(
        gebruiker_id__in=per_user
    ).values_list("gebruiker_id", "soort", "frequentie"):
        voorkeuren[gebruiker_id][soort] = gekozen
    verstuurd = 0
    for user_id, meldingen in per_user.items():
        user = meldingen[0].ontvanger
        dagelijks = [
            m
            for m in meldingen
            if frequentie(m.soort, voorkeuren[user_id].get(m.soort)) == Frequentie.DAGELIJKS
            and may_receive_melding(user, regel=SOORTEN[m.soort].regel, casus=m.casus)
        ]
        if dagelijks and _digest_versturen(user, dagelijks, vandaag):
            verstuurd += 1
    return verstuurd


def _digest_versturen(user: User, meldingen: list[Melding], vandaag) -> bool:
    try:
        with transaction.atomic():
            Herinnering.objects.create(
                soort=DIGEST, sleutel=f"{user.pk}:{vandaag:%Y-%m-%d}", ontvangers=1
            )
            Melding.objects.filter(pk__in=[m.pk for m in meldingen]).update(
                gemaild_op=timezone.now()
            )
            _mail(user, meldingen, overzicht=True).send(fail_silently=False)
    except IntegrityError:
        return False  # this person's overview of today went out already
    return True


# The centre ---------------------------------------------------------------------------


def _eigen(ctx: AuditContext, melding: Melding) -> None:
    if melding.ontvanger_id != getattr(ctx.user, "pk", None):
        raise PermissionDenied


@transaction.atomic
def melding_read(*, ctx: AuditContext, melding: Melding) -> Melding:
    """Mark one of the user's own notices read (again: nothing changes)."""
    _eigen(ctx, melding)
    if melding.gelezen_op is None:
        melding.gelezen_op = timezone.now()
        melding.save(update_fields=["gelezen_op", "updated_at"])
    return melding


@transaction.atomic
def meldingen_all_read(*, ctx: AuditContext) -> int:
    """Mark all of the user's own unread notices read; how many there were."""
    return Melding.objects.filter(ontvanger=ctx.user, gelezen_op__isnull=True).update(
        gelezen_op=timezone.now(), updated_at=timezone.now()
    )


@transaction.atomic
def meldingvoorkeuren_change(*, ctx: AuditContext, gebruiker: User, keuzes: dict) -> list[str]:
    """Store the user's own e-mail preference per kind (``keuzes``: kind → frequency).

    Only their own account. "Uit" for a kind whose e-mail cannot be switched off, an
    unknown kind or frequency, is a ``ValidationError`` on that kind (a form error);
    nothing is stored then. Kinds with their own mail keep no preference. Returns the
    kinds that changed (audited, with before and after)."""
    if getattr(ctx.user, "pk", None) != gebruiker.pk:
        raise PermissionDenied
    errors = {}
    for code, gekozen in keuzes.items():
        info = SOORTEN.get(code)
        if info is None or info.eigen_mail:
            errors[code] = _("Voor deze soort melding is geen keuze.")
        elif gekozen not in Frequentie.values:
            errors[code] = _("Kies hoe u deze meldingen wilt krijgen.")
        elif gekozen == Frequentie.UIT and not info.uitschakelbaar:
            errors[code] = _("Deze e-mail kunt u niet uitzetten: %(reden)s") % {
                "reden": info.niet_uit
            }
    if errors:
        raise ValidationError(errors)
    huidig = dict(
        MeldingVoorkeur.objects.filter(gebruiker=gebruiker).values_list("soort", "frequentie")
    )
    gewijzigd = {}
    for code, gekozen in keuzes.items():
        voor = frequentie(code, huidig.get(code))
        if voor == gekozen:
            continue
        MeldingVoorkeur.objects.update_or_create(
            gebruiker=gebruiker, soort=code, defaults={"frequentie": gekozen}
        )
        gewijzigd[code] = {"voor": voor, "na": gekozen}
    if gewijzigd:
        audit_log(
            ctx,
            actie=Actie.WIJZIGEN,
            object_type="meldingvoorkeur",
            object_id=str(gebruiker.pk),
            detail=gewijzigd,
        )
    return sorted(gewijzigd)
