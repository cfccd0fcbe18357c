"""Writes of the advice: drafting from the assessments, the four-eyes review,
adoption, withdrawal and correction; after adoption, sending and the addressee's
decision."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import PROCESS

from casusoverleg.audit import Actie, AuditContext, audit_object
from casusoverleg.models import Casus, Meldingsoort, User
from casusoverleg.permissions import may_contribute, may_coordinate, may_review
from casusoverleg.services import (
    casus_coordinatoren,
    melding_send,
    termijn_afronden,
    termijn_zetten,
    termijnen_annuleren,
    wijziging_record,
)
from casusoverleg.weergave import datum
from identificatie.models import IdentificatieProces, Taak
from identificatie.services import (
    melding_adoption_refusal,
    taak_check_owner,
    taak_claim,
    taak_complete,
)

from . import pdf, termijnen
from .flows import CorrectieFlow
from .models import (
    INHOUD,
    Advies,
    AdviesAftekening,
    AdviesBesluit,
    AdviesPdf,
    AdviesStandpunt,
    AdviesVerzending,
    CorrectieProces,
)


def _volgende_versie(casus: Casus) -> int:
    laatste = casus.adviezen.order_by("-versie").values_list("versie", flat=True).first()
    return (laatste or 0) + 1


def standpunten_voorstel(proces: IdentificatieProces) -> list[dict]:
    """Each submitted assessment as the starting point of a view in the advice."""
    return [
        {
            "organisatie": b.organisatie,
            "beoordeling": b,
            "oordeel": b.oordeel,
            "samenvatting": b.professioneel_oordeel,
            "afwijkend": False,
            "toelichting_afwijking": "",
        }
        for b in proces.beoordelingen.filter(ingediend_op__isnull=False).select_related(
            "organisatie"
        )
    ]


def _save_standpunten(advies, standpunten):
    bestaand = {s.organisatie_id: s for s in advies.standpunten.all()}
    for item in standpunten:
        s = bestaand.get(item["organisatie"].pk) or AdviesStandpunt(
            advies=advies, organisatie=item["organisatie"]
        )
        beoordeling = item.get("beoordeling")
        s.beoordeling = beoordeling
        # The discipline's own conclusion is kept as it submitted it.
        s.oordeel = beoordeling.oordeel if beoordeling else item["oordeel"]
        s.samenvatting = item.get("samenvatting") or ""
        s.afwijkend = bool(item.get("afwijkend"))
        s.toelichting_afwijking = item.get("toelichting_afwijking") or ""
        if any(len(t) > pdf.MAX_VELD for t in (s.samenvatting, s.toelichting_afwijking)):
            raise ValidationError({"standpunten": _te_lang()})
        if s.afwijkend and not s.toelichting_afwijking.strip():
            raise ValidationError({"standpunten": _("Licht elk afwijkend standpunt toe.")})
        s.full_clean()
        s.save()


def _te_lang():
    return _("Maximaal %(max)s tekens.") % {"max": f"{pdf.MAX_VELD:,}".replace(",", ".")}


def _check_omvang(advies):
    """Every text field within ``pdf.MAX_VELD``: this bounds the document's size,
    and so the time its PDF takes to render."""
    errors = {
        name: _te_lang()
        for name in INHOUD
        if isinstance(getattr(advies, name), str) and len(getattr(advies, name)) > pdf.MAX_VELD
    }
    if errors:
        raise ValidationError(errors)


def _reset_aftekeningen(advies):
    """Sign-offs hold for the text they were given on; a new draft needs new ones."""
    if advies.pk:
        advies.aftekeningen.all().delete()


def _bewerkers(advies) -> list[int]:
    return list(advies.bewerkers.values_list("pk", flat=True))


def _save_draft(ctx, taak, advies, data, standpunten, indienen):
    """One save of a draft version from its drafting task: every editor is recorded
    (the four-eyes rule compares the reviewer with all of them); submitting it
    completes the task and hands the editors to the review step."""
    for name in INHOUD:
        if name in data:
            setattr(advies, name, data[name] if data[name] is not None else "")
    advies.beoordeeld_door = None  # a new draft needs a new review
    _check_omvang(advies)
    advies.full_clean()
    advies.save()
    advies.bewerkers.add(ctx.user)
    _save_standpunten(advies, standpunten)
    _reset_aftekeningen(advies)
    audit_object(ctx, Actie.WIJZIGEN, advies, indienen=indienen)
    if indienen:
        advies.status = Advies.Status.IN_REVIEW
        advies.save(update_fields=["status", "updated_at"])
        taak_complete(taak, ctx.user, bewerkers=_bewerkers(advies))
        wijziging_record(
            casus=advies.casus, door=ctx.user, onderwerp=_("Advies ter beoordeling aangeboden")
        )
        if aftekenen_vereist(advies):
            _melding(advies, Meldingsoort.AFTEKENEN_GEVRAAGD, _aftekenaars(advies))
    return advies


def _aftekenaars(advies) -> list:
    """The members of each organisation with a view in the advice (``melding_send``
    keeps those who take part in the case)."""
    organisaties = advies.standpunten.values("organisatie_id")
    return list(User.objects.filter(organisatie_id__in=organisaties, is_active=True))


def _melding(advies, soort: str, ontvangers) -> None:
    melding_send(
        soort=soort,
        ontvangers=ontvangers,
        casus=advies.casus,
        url=reverse("advies:advies-detail", args=[advies.casus.public_id, advies.versie]),
    )


@transaction.atomic
def advies_draft(
    *, ctx: AuditContext, taak: Taak, data: dict, standpunten: list[dict], indienen: bool
) -> Advies:
    """Save the draft from the drafting task; with ``indienen`` it goes to review."""
    taak_check_owner(ctx.user, taak)
    proces = taak.proces.coerced
    advies = proces.adviezen.filter(status__in=[Advies.Status.CONCEPT]).first()
    if advies is None:
        advies = Advies(
            casus=proces.casus,
            proces=proces,
            versie=_volgende_versie(proces.casus),
            opgesteld_door=ctx.user,
        )
    return _save_draft(ctx, taak, advies, data, standpunten, indienen)


def advies_for_taak(taak: Taak) -> Advies | None:
    """The version a drafting or review task works on: the process's open version."""
    proces = taak.proces.coerced
    if isinstance(proces, CorrectieProces):
        return proces.advies
    return (
        proces.adviezen.exclude(status__in=[Advies.Status.VASTGESTELD, Advies.Status.INGETROKKEN])
        .order_by("-versie")
        .first()
    )


def _check_reviewer(user, advies):
    """Four eyes on the version itself: nobody who edited it (casusoverleg.permissions)."""
    if not may_review(user, bewerkers_ids=_bewerkers(advies)):
        raise PermissionDenied(
            _("U heeft aan dit advies gewerkt; een ander moet het beoordelen (vier ogen).")
        )


@transaction.atomic
def advies_review(
    *, ctx: AuditContext, taak: Taak, advies: Advies, akkoord: bool, opmerkingen: str
) -> Advies:
    """The second person's verdict, from the review task of the advice's process
    (identification or correction): adopt, or back to the draft with comments.
    Who may review is the review node's rule (role, case, organisation, four eyes
    against the task's editors) and again four eyes against the version's editors."""
    if taak is None:
        raise ValidationError(_("Een advies wordt beoordeeld via de taak in het proces."))
    advies = Advies.objects.select_for_update().get(pk=advies.pk)
    taak_check_owner(ctx.user, taak)
    if advies_for_taak(taak) != advies:
        raise ValidationError(_("Deze taak hoort bij een ander advies."))
    _check_reviewer(ctx.user, advies)
    if advies.status != Advies.Status.IN_REVIEW:
        raise ValidationError(_("Dit advies staat niet ter beoordeling."))
    if not akkoord and not (opmerkingen or "").strip():
        raise ValidationError({"opmerkingen": _("Schrijf wat er anders moet.")})
    if akkoord and (weigering := melding_adoption_refusal(advies.casus)):
        raise ValidationError({"besluit": weigering})
    if akkoord and (ontbrekend := aftekeningen_ontbrekend(advies)):
        raise ValidationError(
            _("Nog niet afgetekend door: %(organisaties)s.")
            % {"organisaties": ", ".join(str(o) for o in ontbrekend)}
        )
    if akkoord and (bezwaar := niet_akkoord_zonder_afwijking(advies)):
        raise ValidationError(niet_akkoord_uitleg(bezwaar))
    advies.review_opmerkingen = (opmerkingen or "").strip()
    advies.beoordeeld_door = ctx.user
    advies.status = Advies.Status.IN_REVIEW if akkoord else Advies.Status.CONCEPT
    advies.save(update_fields=["review_opmerkingen", "beoordeeld_door", "status", "updated_at"])
    audit_object(ctx, Actie.WIJZIGEN, advies, review="akkoord" if akkoord else "terug")
    if akkoord:
        _adopt(advies)
    else:
        _melding(advies, Meldingsoort.CONCEPT_TERUGGESTUURD, advies.bewerkers.all())
    # The process follows the verdict: on to its end, or back to the draft.
    proces = taak.proces.coerced
    type(proces).objects.filter(pk=proces.pk).update(review_akkoord=akkoord)
    taak_complete(taak, ctx.user)
    wijziging_record(
        casus=advies.casus,
        door=ctx.user,
        onderwerp=_("Advies vastgesteld") if akkoord else _("Advies teruggestuurd naar concept"),
    )
    advies.refresh_from_db()
    return advies


def _adopt(advies: Advies):
    """Adopt the reviewed version and store its PDF, once, in the same transaction:
    the PDF and both fingerprints go into the UPDATE that makes the row final."""
    if advies.beoordeeld_door_id is None or not may_review(
        advies.beoordeeld_door, bewerkers_ids=_bewerkers(advies)
    ):
        raise PermissionDenied(_("Een advies wordt pas vastgesteld na een review door een ander."))
    advies.vastgesteld_op = timezone.now()
    advies.inhoud_sha256 = pdf.inhoud_sha256(advies)
    advies.status = Advies.Status.VASTGESTELD
    data = pdf.advies_pdf(advies)
    advies.pdf_sha256 = pdf.sha256(data)
    advies.save(
        update_fields=["status", "vastgesteld_op", "inhoud_sha256", "pdf_sha256", "updated_at"]
    )
    AdviesPdf.objects.create(
        advies=advies, inhoud=data, sha256=advies.pdf_sha256, grootte=len(data)
    )
    if advies.vervangt_id is not None:
        _besluittermijnen_annuleren(
            advies.vervangt, _("Vervangen door versie %(v)s") % {"v": advies.versie}
        )
    casus = advies.casus
    if casus.status in (Casus.Status.OPEN, Casus.Status.IN_BEHANDELING):
        casus.status = Casus.Status.ADVIES_GEGEVEN
        casus.save(update_fields=["status", "updated_at"])
    # Sending it is the coordinators' task now (``takenlijst.verzendtaken``): they are
    # told, as the reviewer who adopted it may be someone else.
    melding_send(
        soort=Meldingsoort.NIEUWE_TAAK,
        ontvangers=casus_coordinatoren(casus),
        casus=casus,
        url=reverse("advies:advies-detail", args=[casus.public_id, advies.versie]),
    )


@transaction.atomic
def advies_withdraw(*, ctx: AuditContext, advies: Advies, reden: str) -> Advies:
    """Withdraw an adopted advice, with a reason: the case's coordinator only."""
    if not may_coordinate(ctx.user, advies.casus):
        raise PermissionDenied
    if advies.status != Advies.Status.VASTGESTELD:
        raise ValidationError(_("Alleen een vastgesteld advies kan worden ingetrokken."))
    if (nieuw := advies.vervanger) is not None:
        raise ValidationError(
            _("Deze versie is vervangen door versie %(v)s; trek die in.") % {"v": nieuw.versie}
        )
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden van de intrekking.")})
    advies.status = Advies.Status.INGETROKKEN
    advies.ingetrokken_op = timezone.now()
    advies.ingetrokken_reden = reden.strip()
    advies.save(update_fields=["status", "ingetrokken_op", "ingetrokken_reden", "updated_at"])
    audit_object(ctx, Actie.WIJZIGEN, advies, status="ingetrokken")
    _besluittermijnen_annuleren(advies, _("Advies ingetrokken"))
    wijziging_record(casus=advies.casus, door=ctx.user, onderwerp=_("Advies ingetrokken"))
    return advies


@transaction.atomic
def advies_correct(*, ctx: AuditContext, advies: Advies) -> Advies:
    """A correction: a new draft version that will supersede the adopted one, made
    and reviewed in its own process (advies.flows.CorrectieFlow). The coordinator
    who asks for it takes its drafting task."""
    if not may_coordinate(ctx.user, advies.casus):
        raise PermissionDenied
    advies = Advies.objects.select_for_update().get(pk=advies.pk)
    if advies.status != Advies.Status.VASTGESTELD or hasattr(advies, "vervangen_door"):
        raise ValidationError(_("Alleen het geldende vastgestelde advies kan worden gecorrigeerd."))
    nieuw = Advies.objects.create(
        casus=advies.casus,
        proces=None,
        versie=_volgende_versie(advies.casus),
        vervangt=advies,
        opgesteld_door=ctx.user,
        **{f: getattr(advies, f) for f in INHOUD},
    )
    nieuw.bewerkers.add(ctx.user)
    for s in advies.standpunten.all():
        AdviesStandpunt.objects.create(
            advies=nieuw,
            organisatie=s.organisatie,
            beoordeling=s.beoordeling,
            oordeel=s.oordeel,
            samenvatting=s.samenvatting,
            afwijkend=s.afwijkend,
            toelichting_afwijking=s.toelichting_afwijking,
        )
    proces = CorrectieFlow.start.run(advies=nieuw, gestart_door=ctx.user)
    taak_claim(ctx=ctx, taak=proces.taken.select_related("task", "casus").get())
    audit_object(ctx, Actie.AANMAKEN, nieuw, vervangt=advies.public_id)
    wijziging_record(
        casus=advies.casus, door=ctx.user, onderwerp=_("Correctie van het advies gestart")
    )
    return nieuw


@transaction.atomic
def advies_update_correction(
    *, ctx: AuditContext, taak: Taak, data: dict, indienen: bool
) -> Advies:
    """Edit a correction from its drafting task; with ``indienen`` it goes to review."""
    taak_check_owner(ctx.user, taak)
    advies = advies_for_taak(taak)
    if advies is None or advies.vervangt_id is None or advies.status != Advies.Status.CONCEPT:
        raise ValidationError(_("Deze taak hoort niet bij een concept-correctie."))
    # The views stay as copied from the adopted version.
    return _save_draft(ctx, taak, advies, data, [], indienen)


# Sign-off per discipline ----------------------------------------------------------


def aftekenen_vereist(advies: Advies) -> bool:
    """Whether the process asks every discipline to sign off; a correction follows
    the process of the version it corrects."""
    seen = set()
    while advies is not None and advies.pk not in seen:
        seen.add(advies.pk)
        if advies.proces_id is not None:
            return advies.proces.aftekenen_vereist
        advies = advies.vervangt
    return False


def aftekeningen_ontbrekend(advies: Advies) -> list:
    """The organisations with a view in the advice that have not signed off yet
    (none when the process does not ask for sign-off)."""
    if not aftekenen_vereist(advies):
        return []
    getekend = set(advies.aftekeningen.values_list("organisatie_id", flat=True))
    return [
        s.organisatie
        for s in advies.standpunten.select_related("organisatie")
        if s.organisatie_id not in getekend
    ]


def niet_akkoord_zonder_afwijking(advies: Advies) -> list:
    """The organisations that signed off "niet akkoord" while the advice does not
    record their dissent (their view marked afwijkend, with an explanation): each
    blocks adoption until the draft records it."""
    afwijkend = {
        s.organisatie_id
        for s in advies.standpunten.all()
        if s.afwijkend and s.toelichting_afwijking.strip()
    }
    return [
        a.organisatie
        for a in advies.aftekeningen.filter(
            oordeel=AdviesAftekening.Oordeel.NIET_AKKOORD
        ).select_related("organisatie")
        if a.organisatie_id not in afwijkend
    ]


def niet_akkoord_uitleg(organisaties) -> str:
    """Why adoption is blocked by a "niet akkoord", in words for the reviewer."""
    return _(
        "Niet akkoord van %(organisaties)s. Het advies kan pas worden vastgesteld als "
        "het afwijkende standpunt van die discipline erin staat: stuur het terug naar "
        "het concept om dat op te nemen, of vraag de discipline haar aftekening te herzien."
    ) % {"organisaties": ", ".join(str(o) for o in organisaties)}


def aftekening_refusal(user, advies: Advies) -> str | None:
    """Why ``user`` may not sign off ``advies``, or None: a member of an organisation
    with a view in it, taking part in the case, while the advice is under review."""
    if advies.status != Advies.Status.IN_REVIEW:
        return _("Alleen een advies dat ter beoordeling staat, wordt afgetekend.")
    if not advies.standpunten.filter(organisatie_id=user.organisatie_id).exists():
        return _("Uw organisatie heeft geen standpunt in dit advies.")
    if not may_contribute(user, advies.casus):
        return _("U neemt niet (meer) deel aan deze casus, of de casus is gesloten.")
    return None


@transaction.atomic
def advies_sign_off(
    *, ctx: AuditContext, advies: Advies, oordeel: str, toelichting: str
) -> AdviesAftekening:
    """One discipline's sign-off on the version under review; it may be changed
    until the advice is adopted. A minority view or disagreement needs a reason."""
    advies = Advies.objects.select_for_update().get(pk=advies.pk)
    refusal = aftekening_refusal(ctx.user, advies)
    if refusal:
        raise PermissionDenied(refusal)
    toelichting = (toelichting or "").strip()
    if oordeel not in AdviesAftekening.Oordeel.values:
        raise ValidationError({"oordeel": _("Kies een van de mogelijkheden.")})
    if oordeel in AdviesAftekening.TOELICHTING_VERPLICHT and not toelichting:
        raise ValidationError({"toelichting": _("Licht uw aftekening toe.")})
    if len(toelichting) > pdf.MAX_VELD:
        raise ValidationError({"toelichting": _te_lang()})
    aftekening, _created = AdviesAftekening.objects.update_or_create(
        advies=advies,
        organisatie=ctx.user.organisatie,
        defaults={
            "oordeel": oordeel,
            "toelichting": toelichting,
            "door": ctx.user,
            "op": timezone.now(),
        },
    )
    audit_object(ctx, Actie.WIJZIGEN, advies, aftekening=oordeel)
    wijziging_record(casus=advies.casus, door=ctx.user, onderwerp=_("Advies afgetekend"))
    return aftekening


def correcties_annuleren_bij_sluiten(*, ctx: AuditContext, casus: Casus, reden: str) -> None:
    """Closing a case (``casusoverleg.sluiten``): a running correction of its advice
    is cancelled, its draft and review tasks with it (viewflow's cancel). No rule
    of its own: ``casus_sluiten`` decided who may, and this runs in its transaction."""
    for proces in CorrectieProces.objects.filter(casus=casus, status=PROCESS.NEW):
        CorrectieFlow.instance.cancel(proces)
        wijziging_record(casus=casus, door=ctx.user, onderwerp=_("Correctie geannuleerd"))
        audit_object(ctx, Actie.WIJZIGEN, proces, status="geannuleerd", reden="casus_gesloten")


# After adoption: sending to the addressee, and the addressee's decision ---------------


def verzending_refusal(user, advies: Advies) -> str | None:
    """Why ``user`` may not record a sending of ``advies``, or None: the case's
    coordinator, for the adopted version that holds (not withdrawn, not superseded)."""
    if not may_coordinate(user, advies.casus):
        return _("Alleen de coördinator van de casus legt een verzending vast.")
    if advies.status != Advies.Status.VASTGESTELD:
        return _("Alleen een vastgesteld advies wordt verzonden.")
    if (nieuw := advies.vervanger) is not None:
        return _("Deze versie is vervangen door versie %(v)s; verzend die.") % {"v": nieuw.versie}
    return None


@transaction.atomic
def advies_verzending_record(
    *,
    ctx: AuditContext,
    advies: Advies,
    verzonden_op,
    kanaal: str,
    geadresseerde: str,
    geadresseerde_toelichting: str = "",
    toelichting: str = "",
) -> AdviesVerzending:
    """Record that the coordinator sent the adopted version to an addressee: the
    date (not in the future, not before adoption), the channel, the addressee;
    the sender is the user. Starts the addressee's decision term."""
    advies = Advies.objects.select_for_update().get(pk=advies.pk)
    if refusal := verzending_refusal(ctx.user, advies):
        raise PermissionDenied(refusal)
    toelichting = (toelichting or "").strip()
    errors = {}
    if verzonden_op is None:
        errors["verzonden_op"] = _("Vul de datum van verzending in.")
    elif verzonden_op > timezone.localdate():
        errors["verzonden_op"] = _("De datum van verzending ligt niet in de toekomst.")
    elif verzonden_op < timezone.localdate(advies.vastgesteld_op):
        errors["verzonden_op"] = _("Het advies is pas op %(d)s vastgesteld.") % {
            "d": datum(advies.vastgesteld_op)
        }
    if kanaal == AdviesVerzending.Kanaal.ANDERS and not toelichting:
        errors["toelichting"] = _("Beschrijf het kanaal.")
    if (
        geadresseerde == Advies.Geadresseerde.ANDERS
        and not (geadresseerde_toelichting or "").strip()
    ):
        errors["geadresseerde_toelichting"] = _("Noem de geadresseerde.")
    if len(toelichting) > pdf.MAX_VELD:
        errors["toelichting"] = _te_lang()
    if errors:
        raise ValidationError(errors)
    eerste_aan_geadresseerde = (
        not advies.verzendingen.filter(geadresseerde=geadresseerde).exists()
        and not advies.besluiten.filter(geadresseerde=geadresseerde).exists()
    )
    verzending = AdviesVerzending(
        advies=advies,
        verzonden_op=verzonden_op,
        kanaal=kanaal,
        geadresseerde=geadresseerde,
        geadresseerde_toelichting=(geadresseerde_toelichting or "").strip(),
        toelichting=toelichting,
        door=ctx.user,
    )
    verzending.full_clean()
    verzending.save()
    audit_object(
        ctx,
        Actie.AANMAKEN,
        advies,
        object_type="adviesverzending",
        object_id=verzending.public_id,
        versie=advies.versie,
        geadresseerde=geadresseerde,
        kanaal=kanaal,
    )
    wijziging_record(casus=advies.casus, door=ctx.user, onderwerp=_("Advies verzonden"))
    if eerste_aan_geadresseerde:
        _besluittermijn_starten(ctx, advies, geadresseerde, verzonden_op)
    return verzending


def _besluittermijn_starten(ctx, advies: Advies, geadresseerde: str, verzonden_op) -> None:
    """The first sending to an addressee starts its decision term (a resend does
    not move it); no term when the settings name no length."""
    dagen = termijnen.besluit_dagen(geadresseerde)
    if dagen is None:
        return
    termijn_zetten(
        casus=advies.casus,
        soort=termijnen.SOORT,
        sleutel=termijnen.besluit_sleutel(advies, geadresseerde),
        start=verzonden_op,
        einde=verzonden_op + datetime.timedelta(days=dagen),
        ctx=ctx,
    )


def besluit_refusal(user, advies: Advies, geadresseerde: str) -> str | None:
    """Why ``user`` may not record the decision of ``geadresseerde`` on ``advies``."""
    if not may_coordinate(user, advies.casus):
        return _("Alleen de coördinator van de casus legt een besluit vast.")
    if not advies.verzendingen.filter(geadresseerde=geadresseerde).exists():
        return _("Het advies is niet aan deze geadresseerde verzonden.")
    if advies.besluiten.filter(geadresseerde=geadresseerde).exists():
        return _("Het besluit van deze geadresseerde is al vastgelegd.")
    return None


@transaction.atomic
def advies_besluit_record(
    *,
    ctx: AuditContext,
    advies: Advies,
    geadresseerde: str,
    besluit_op,
    uitkomst: str,
    toelichting: str = "",
) -> AdviesBesluit:
    """Record the addressee's decision on the advice it was sent; it ends that
    addressee's decision term."""
    advies = Advies.objects.select_for_update().get(pk=advies.pk)
    if refusal := besluit_refusal(ctx.user, advies, geadresseerde):
        raise PermissionDenied(refusal)
    toelichting = (toelichting or "").strip()
    eerste = (
        advies.verzendingen.filter(geadresseerde=geadresseerde)
        .order_by("verzonden_op")
        .values_list("verzonden_op", flat=True)
        .first()
    )
    errors = {}
    if besluit_op is None:
        errors["besluit_op"] = _("Vul de datum van het besluit in.")
    elif besluit_op > timezone.localdate():
        errors["besluit_op"] = _("De datum van het besluit ligt niet in de toekomst.")
    elif besluit_op < eerste:
        errors["besluit_op"] = _("Het besluit valt niet voor de verzending van het advies.")
    if uitkomst == AdviesBesluit.Uitkomst.ANDERS and not toelichting:
        errors["toelichting"] = _("Beschrijf de uitkomst.")
    if len(toelichting) > pdf.MAX_VELD:
        errors["toelichting"] = _te_lang()
    if errors:
        raise ValidationError(errors)
    besluit = AdviesBesluit(
        advies=advies,
        geadresseerde=geadresseerde,
        besluit_op=besluit_op,
        uitkomst=uitkomst,
        toelichting=toelichting,
        door=ctx.user,
    )
    besluit.full_clean()
    besluit.save()
    audit_object(
        ctx,
        Actie.AANMAKEN,
        advies,
        object_type="adviesbesluit",
        geadresseerde=geadresseerde,
        uitkomst=uitkomst,
    )
    wijziging_record(
        casus=advies.casus, door=ctx.user, onderwerp=_("Besluit op het advies vastgelegd")
    )
    termijn_afronden(
        casus=advies.casus,
        soort=termijnen.SOORT,
        sleutel=termijnen.besluit_sleutel(advies, geadresseerde),
        reden=_("Besluit vastgelegd"),
        ctx=ctx,
    )
    return besluit


def _besluittermijnen_annuleren(advies: Advies, reden: str) -> None:
    """``advies`` no longer holds (superseded or withdrawn): the decision terms of
    its addressees end (a new version is sent, and decided on, anew)."""
    for geadresseerde in set(advies.verzendingen.values_list("geadresseerde", flat=True)):
        termijnen_annuleren(
            casus=advies.casus,
            soort=termijnen.SOORT,
            sleutel=termijnen.besluit_sleutel(advies, geadresseerde),
            reden=reden,
        )
