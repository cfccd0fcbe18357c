"""Running the meeting: confidentiality, attendance, minutes, decisions, actions."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casusoverleg.audit import Actie, AuditContext
from casusoverleg.models import Deelname, Meldingsoort
from casusoverleg.permissions import may_confirm_confidentiality, zichtbare_casus_ids
from casusoverleg.services import melding_send, organisatie_leden
from identificatie.services import zorgtafelstap_complete

from .. import live, selectors
from ..models import Actiepunt, Agendapunt, Notule, Uitnodiging, Zorgtafel
from .common import (
    _audit,
    _require_bezig,
    _require_item,
    _require_voorzitter,
)

# Running the meeting ----------------------------------------------------------------


@transaction.atomic
def vertrouwelijkheid_confirm(*, ctx: AuditContext, zorgtafel: Zorgtafel) -> Uitnodiging:
    """Record that the user accepted the confidentiality statement on entering."""
    uitnodiging, _created = Uitnodiging.objects.get_or_create(
        zorgtafel=zorgtafel,
        user=ctx.user,
        defaults={"actief": zorgtafel.is_voorzitter(ctx.user)},
    )
    if not may_confirm_confidentiality(ctx.user, zorgtafel, uitnodiging):
        raise PermissionDenied
    if uitnodiging.vertrouwelijkheid_bevestigd_op is None:
        uitnodiging.vertrouwelijkheid_bevestigd_op = timezone.now()
        uitnodiging.save(update_fields=["vertrouwelijkheid_bevestigd_op", "updated_at"])
        _audit(ctx, Actie.WIJZIGEN, "uitnodiging", zorgtafel.public_id, geheimhouding=True)
    return uitnodiging


@transaction.atomic
def aanwezigheid_record(
    *, ctx: AuditContext, uitnodiging: Uitnodiging, aanwezigheid: str
) -> Uitnodiging:
    """The chair records whether an invitee is present, sent apologies or is absent."""
    zorgtafel = uitnodiging.zorgtafel
    _require_voorzitter(ctx.user, zorgtafel)
    if zorgtafel.is_gesloten:
        raise ValidationError(_("Het overleg is gesloten: de aanwezigheid ligt vast."))
    uitnodiging.aanwezigheid = aanwezigheid
    uitnodiging.full_clean()
    uitnodiging.save(update_fields=["aanwezigheid", "updated_at"])
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "uitnodiging",
        zorgtafel.public_id,
        user=uitnodiging.user_id,
        aanwezigheid=aanwezigheid,
    )
    live.aanwezigheid_on_commit(uitnodiging)
    return uitnodiging


@transaction.atomic
def zorgtafel_start(*, ctx: AuditContext, zorgtafel: Zorgtafel) -> Zorgtafel:
    """Open the meeting: minutes can now be taken; the first item becomes current."""
    _require_voorzitter(ctx.user, zorgtafel)
    zorgtafel = Zorgtafel.objects.select_for_update().get(pk=zorgtafel.pk)
    if zorgtafel.status != Zorgtafel.Status.GEPLAND:
        raise ValidationError(_("Dit overleg is al gestart, gesloten of geannuleerd."))
    zorgtafel.status = Zorgtafel.Status.GESTART
    zorgtafel.huidig_agendapunt = zorgtafel.agendapunten.order_by("volgorde", "pk").first()
    zorgtafel.save(update_fields=["status", "huidig_agendapunt", "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, "zorgtafel", zorgtafel.public_id, status="gestart")
    live.algemeen_on_commit(zorgtafel, {"soort": "status", "status": zorgtafel.status})
    if zorgtafel.huidig_agendapunt:
        live.algemeen_on_commit(
            zorgtafel, {"soort": "huidig", "item": zorgtafel.huidig_agendapunt.public_id}
        )
    return zorgtafel


@transaction.atomic
def huidig_agendapunt_set(*, ctx: AuditContext, agendapunt: Agendapunt) -> Zorgtafel:
    """The chair moves the meeting to ``agendapunt``; every screen follows."""
    zorgtafel = agendapunt.zorgtafel
    _require_voorzitter(ctx.user, zorgtafel)
    _require_bezig(zorgtafel)
    zorgtafel.huidig_agendapunt = agendapunt
    zorgtafel.save(update_fields=["huidig_agendapunt", "updated_at"])
    live.algemeen_on_commit(zorgtafel, {"soort": "huidig", "item": agendapunt.public_id})
    return zorgtafel


def _check_tekst(tekst: str):
    if len(tekst) > settings.NOTULE_MAX_TEKENS:
        raise ValidationError(
            {
                "tekst": _("Schrijf ten hoogste %(max)s tekens; dit zijn er %(aantal)s.")
                % {"max": settings.NOTULE_MAX_TEKENS, "aantal": len(tekst)}
            }
        )


def _check_aantal(agendapunt: Agendapunt, *, addendum: bool):
    """At most so many minute entries and addenda per item, counted under a lock on
    the item so that two writers cannot both take the last place."""
    Agendapunt.objects.select_for_update().only("pk").get(pk=agendapunt.pk)
    aantal = Notule.objects.filter(agendapunt=agendapunt, addendum=addendum).count()
    if addendum and aantal >= settings.ADDENDA_MAX_PER_AGENDAPUNT:
        raise ValidationError(
            {
                "tekst": _(
                    "Dit agendapunt heeft al %(max)s addenda, het maximum. Vraag de "
                    "functioneel beheerder als er echt meer nodig is."
                )
                % {"max": settings.ADDENDA_MAX_PER_AGENDAPUNT}
            }
        )
    if not addendum and aantal >= settings.NOTULEN_MAX_PER_AGENDAPUNT:
        raise ValidationError(
            {
                "tekst": _(
                    "Dit agendapunt heeft al %(max)s notulen, het maximum. Vul een "
                    "bestaande notule aan."
                )
                % {"max": settings.NOTULEN_MAX_PER_AGENDAPUNT}
            }
        )


@transaction.atomic
def notule_add(*, ctx: AuditContext, agendapunt: Agendapunt, tekst: str) -> Notule:
    """Add a minute entry to an item of a running meeting, within the limits on the
    entry's length and the item's number of entries."""
    _require_item(ctx.user, agendapunt)
    _require_bezig(agendapunt.zorgtafel)
    _check_tekst(tekst)
    _check_aantal(agendapunt, addendum=False)
    notule = Notule(agendapunt=agendapunt, tekst=tekst, auteur=ctx.user)
    notule.full_clean()
    notule.save()
    _audit(ctx, Actie.AANMAKEN, "notule", str(notule.pk), casus=agendapunt.casus)
    live.notule_on_commit(notule)
    return notule


@transaction.atomic
def notule_update(*, ctx: AuditContext, notule: Notule, tekst: str) -> Notule:
    """Correct a minute entry while the meeting runs. Once closed, minutes are
    locked: a correction is an addendum."""
    agendapunt = notule.agendapunt
    _require_item(ctx.user, agendapunt)
    _require_bezig(agendapunt.zorgtafel)
    if notule.addendum:
        raise ValidationError(_("Een addendum kan niet worden gewijzigd."))
    _check_tekst(tekst)
    notule.tekst = tekst
    notule.full_clean()
    notule.save(update_fields=["tekst", "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, "notule", str(notule.pk), casus=agendapunt.casus)
    live.notule_on_commit(notule)
    return notule


@transaction.atomic
def addendum_add(*, ctx: AuditContext, agendapunt: Agendapunt, tekst: str) -> Notule:
    """A correction to the locked minutes of a closed meeting, kept apart from them.
    Addenda are never removed, so their length and number per item are limited."""
    _require_item(ctx.user, agendapunt)
    if not agendapunt.zorgtafel.is_gesloten:
        raise ValidationError(_("Een addendum kan pas na het sluiten van het overleg."))
    _check_tekst(tekst)
    _check_aantal(agendapunt, addendum=True)
    notule = Notule(agendapunt=agendapunt, tekst=tekst, auteur=ctx.user, addendum=True)
    notule.full_clean()
    notule.save()
    _audit(ctx, Actie.AANMAKEN, "addendum", str(notule.pk), casus=agendapunt.casus)
    live.agendapunt_on_commit(agendapunt)
    return notule


@transaction.atomic
def besluit_record(
    *, ctx: AuditContext, agendapunt: Agendapunt, besluit: str, uitkomst: str
) -> Agendapunt:
    """Record the meeting's decision on one item (text and outcome).

    The single place an item's decision is made. Unless the item is postponed,
    the decision also completes the identification process's conference step for
    the case, when the person recording it may take that step.
    """
    _require_item(ctx.user, agendapunt)
    _require_bezig(agendapunt.zorgtafel)
    agendapunt.besluit = besluit
    agendapunt.uitkomst = uitkomst
    agendapunt.besluit_door = ctx.user
    agendapunt.besluit_op = timezone.now()
    agendapunt.full_clean()
    if not besluit.strip():
        raise ValidationError({"besluit": _("Beschrijf het besluit.")})
    if not uitkomst:
        raise ValidationError({"uitkomst": _("Kies de uitkomst.")})
    agendapunt.save(
        update_fields=["besluit", "uitkomst", "besluit_door", "besluit_op", "updated_at"]
    )
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "besluit",
        agendapunt.public_id,
        casus=agendapunt.casus,
        uitkomst=uitkomst,
    )
    if uitkomst != Agendapunt.Uitkomst.AANHOUDEN:
        zorgtafelstap_complete(ctx=ctx, casus=agendapunt.casus, besluit=besluit)
    live.agendapunt_on_commit(agendapunt)
    return agendapunt


@transaction.atomic
def actiepunt_add(
    *,
    ctx: AuditContext,
    agendapunt: Agendapunt,
    omschrijving: str,
    eigenaar,
    deadline: datetime.date,
) -> Actiepunt:
    """Agree an action on an item; its owner must take part in the case."""
    _require_item(ctx.user, agendapunt)
    _require_bezig(agendapunt.zorgtafel)
    casus = agendapunt.casus
    if not Deelname.objects.actief().filter(casus=casus, organisatie=eigenaar).exists():
        raise ValidationError({"eigenaar": _("Kies een organisatie die aan de casus deelneemt.")})
    actiepunt = Actiepunt(
        agendapunt=agendapunt,
        casus=casus,
        omschrijving=omschrijving,
        eigenaar=eigenaar,
        deadline=deadline,
    )
    actiepunt.full_clean()
    actiepunt.save()
    _audit(ctx, Actie.AANMAKEN, "actiepunt", actiepunt.public_id, casus=casus)
    live.agendapunt_on_commit(agendapunt)
    melding_send(
        soort=Meldingsoort.ACTIEPUNT_TOEGEWEZEN,
        ontvangers=organisatie_leden(eigenaar.pk),
        casus=casus,
        url=reverse("zorgtafel:actiepunten"),
    )
    return actiepunt


@transaction.atomic
def actiepunt_review(
    *,
    ctx: AuditContext,
    actiepunt: Actiepunt,
    agendapunt: Agendapunt,
    status: str,
    reden: str = "",
) -> Actiepunt:
    """Review an open action of an earlier meeting: done, not done (it stays open)
    or not possible. Not done and not possible need a reason."""
    _require_item(ctx.user, agendapunt)
    _require_bezig(agendapunt.zorgtafel)
    actiepunt = Actiepunt.objects.select_for_update().get(pk=actiepunt.pk)
    if actiepunt.casus_id != agendapunt.casus_id or actiepunt.agendapunt_id == agendapunt.pk:
        raise PermissionDenied
    if not actiepunt.is_open and actiepunt.beoordeeld_in_id != agendapunt.pk:
        raise ValidationError(_("Dit actiepunt is al afgehandeld."))
    if status not in (
        Actiepunt.Status.GEDAAN,
        Actiepunt.Status.NIET_GEDAAN,
        Actiepunt.Status.NIET_MOGELIJK,
    ):
        raise ValidationError({"status": _("Kies gedaan, niet gedaan of niet mogelijk.")})
    reden = reden.strip()
    if status in Actiepunt.REDEN_VERPLICHT and not reden:
        raise ValidationError({"reden": _("Geef de reden waarom het actiepunt niet is gedaan.")})
    actiepunt.status = status
    actiepunt.reden = reden if status in Actiepunt.REDEN_VERPLICHT else ""
    actiepunt.beoordeeld_in = agendapunt
    actiepunt.beoordeeld_door = ctx.user
    actiepunt.beoordeeld_op = timezone.now()
    actiepunt.full_clean()
    actiepunt.save(
        update_fields=[
            "status",
            "reden",
            "beoordeeld_in",
            "beoordeeld_door",
            "beoordeeld_op",
            "updated_at",
        ]
    )
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "actiepunt",
        actiepunt.public_id,
        casus=actiepunt.casus,
        status=status,
    )
    live.agendapunt_on_commit(agendapunt)
    return actiepunt


@transaction.atomic
def zorgtafel_close(*, ctx: AuditContext, zorgtafel: Zorgtafel) -> Zorgtafel:
    """Close the meeting: minutes, decisions and attendance are locked from now on.

    Not while an overdue open action of an earlier meeting on one of its cases has
    not been reviewed in it (``selectors.verlopen_onbeoordeeld``): the meeting is
    where overdue actions are followed up."""
    _require_voorzitter(ctx.user, zorgtafel)
    zorgtafel = Zorgtafel.objects.select_for_update().get(pk=zorgtafel.pk)
    _require_bezig(zorgtafel)
    if verlopen := selectors.verlopen_onbeoordeeld(zorgtafel=zorgtafel):
        # Only the case numbers the chair may see (a withdrawn case stays unnamed).
        zichtbaar = zichtbare_casus_ids(ctx.user, {a.casus_id for a in verlopen})
        nummers = sorted({a.casus.nummer for a in verlopen if a.casus_id in zichtbaar})
        raise ValidationError(
            ngettext(
                "Het overleg kan nog niet sluiten: %(aantal)s verlopen actiepunt is nog niet "
                "beoordeeld (casus %(casussen)s). Beoordeel het eerst bij het agendapunt.",
                "Het overleg kan nog niet sluiten: %(aantal)s verlopen actiepunten zijn nog niet "
                "beoordeeld (casussen %(casussen)s). Beoordeel ze eerst bij de agendapunten.",
                len(verlopen),
            )
            % {"aantal": len(verlopen), "casussen": ", ".join(nummers) or "–"}
        )
    zorgtafel.status = Zorgtafel.Status.GESLOTEN
    zorgtafel.gesloten_op = timezone.now()
    zorgtafel.huidig_agendapunt = None
    zorgtafel.save(update_fields=["status", "gesloten_op", "huidig_agendapunt", "updated_at"])
    zorgtafel.uitnodigingen.filter(
        actief=True, aanwezigheid=Uitnodiging.Aanwezigheid.ONBEKEND
    ).update(aanwezigheid=Uitnodiging.Aanwezigheid.AFWEZIG)
    _audit(ctx, Actie.WIJZIGEN, "zorgtafel", zorgtafel.public_id, status="gesloten")
    live.einde_on_commit(zorgtafel)
    return zorgtafel
