"""The report to CoMensha: pre-filled with only what CoMensha registers, saved on
the first change."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from casusoverleg.audit import Actie, AuditContext, audit_log
from casusoverleg.models import Casus, Discipline, Meldingsoort, Uitbuitingsvorm, User
from casusoverleg.permissions import (
    casuscoordinatoren,
    may_register_melding,
    may_submit_melding,
)
from casusoverleg.services import (
    melding_send,
    organisatie_leden,
    termijn_afronden,
    termijn_zetten,
    wijziging_record,
)
from casusoverleg.weergave import keuze_label

from ..models import Melding, Signaal

#: The reporting term's kind (``casusoverleg.termijnen``; its length and reminders
#: are ``settings.TERMIJNEN["comensha_melding"]``).
TERMIJN = "comensha_melding"


# The report to CoMensha --------------------------------------------------------------


def melding_prefill(*, casus: Casus, signaal: Signaal | None = None) -> Melding:
    """The case's report as it stands, or (unsaved) pre-filled from the case and its
    first signal with only what CoMensha registers. Writes nothing: reading the
    report page must not create a report."""
    existing = Melding.objects.filter(casus=casus).first()
    if existing:
        return existing
    signaal = signaal or casus.signalen.order_by("waargenomen_op", "pk").first()
    peildatum = (signaal.waargenomen_op if signaal else None) or casus.datum_eerste_signaal
    leeftijd = casus.leeftijd(peildatum) if peildatum else casus.leeftijd()
    return Melding(
        casus=casus,
        vormen=sorted(casus.uitbuitingsvormen.values_list("vorm", flat=True)),
        herkomstland=casus.nationaliteit,
        leeftijd=leeftijd,
        geslacht=casus.geslacht,
        meldende_organisatie=(signaal.organisatie if signaal else casus.coordinerende_organisatie),
        datum_signaal=peildatum,
    )


def melding_create(*, casus: Casus, signaal: Signaal | None = None) -> Melding:
    """The case's report, saved pre-filled when the case is opened (from a signal,
    or directly: ``melding_bij_casus_geopend``). From then on it is an obligation:
    the coordinator and the signalling organisation are told it is due."""
    melding, created = _melding_store(melding_prefill(casus=casus, signaal=signaal))
    if created:
        _melding_verschuldigd(melding)
    return melding


def melding_bij_casus_geopend(sender, *, casus: Casus, **kwargs) -> None:
    """Receiver of ``casusoverleg.signals.casus_geopend``: a case opened directly
    owes its report as much as one opened from a signal."""
    melding_create(casus=casus)


def _melding_store(melding: Melding) -> tuple[Melding, bool]:
    """Save a pre-filled report once; of two first saves at the same moment, the
    second reads the row the first made (one report per case)."""
    if melding.pk is not None:
        return melding, False
    fields = {
        f.name: getattr(melding, f.name)
        for f in Melding._meta.concrete_fields
        if f.name not in ("id", "casus", "created_at", "updated_at")
    }
    return Melding.objects.get_or_create(casus=melding.casus, defaults=fields)


def _melding_url(melding: Melding) -> str:
    return reverse("identificatie:casus-melding", args=[melding.casus.public_id])


def melding_indieners(melding: Melding) -> list[User]:
    """Who must make the report: the case's coordinator (or, while it has none, the
    coordinating organisation's coordinators) and the signalling organisation's
    members. ``melding_send`` keeps only those who see the case."""
    casus = melding.casus
    if casus.coordinator_id:
        ontvangers = [casus.coordinator]
    else:
        ontvangers = list(
            casuscoordinatoren(User.objects, organisatie=casus.coordinerende_organisatie)
        )
    if melding.meldende_organisatie_id != casus.coordinerende_organisatie_id:
        ontvangers += organisatie_leden(melding.meldende_organisatie_id)
    return ontvangers


def _melding_verschuldigd(melding: Melding) -> None:
    """The report is due: tell who must make it, and start the reporting term."""
    melding_send(
        soort=Meldingsoort.MELDING_TE_MAKEN,
        ontvangers=melding_indieners(melding),
        casus=melding.casus,
        url=_melding_url(melding),
    )
    termijn_zetten(casus=melding.casus, soort=TERMIJN, start=timezone.localdate(melding.created_at))


def melding_termijn_herstellen(*, ctx: AuditContext, casus: Casus) -> None:
    """A reopened case (``casusoverleg.sluiten``): a report still to make is due
    again, its term from the report's own date, as before the closing."""
    melding = Melding.objects.filter(casus=casus, status=Melding.Status.TE_MELDEN).first()
    if melding is not None:
        termijn_zetten(
            casus=casus, soort=TERMIJN, start=timezone.localdate(melding.created_at), ctx=ctx
        )


def _melding_termijn_afronden(melding: Melding, reden: str) -> None:
    """The report was submitted or an exception recorded: the term is met."""
    termijn_afronden(casus=melding.casus, soort=TERMIJN, reden=reden)


def _locked(melding: Melding) -> Melding:
    stored, _created = _melding_store(melding)
    return Melding.objects.select_for_update().select_related("casus").get(pk=stored.pk)


def _record(ctx: AuditContext, melding: Melding, **detail) -> None:
    wijziging_record(
        casus=melding.casus,
        door=ctx.user,
        onderwerp=_("Melding aan CoMensha"),
        velden=[melding.get_status_display()],
    )
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="melding",
        object_id=melding.public_id,
        casus=melding.casus,
        detail={"status": melding.status, **detail},
    )


def comensha_medewerkers():
    """CoMensha's active staff: the recipients of a submitted report (the kind's
    rule, ``may_read_meldingen``, decides again who may receive it)."""
    return User.objects.filter(organisatie__discipline=Discipline.COMENSHA, is_active=True)


@transaction.atomic
def melding_submit(*, ctx: AuditContext, melding: Melding) -> Melding:
    """Submit the case's report to CoMensha, in the application: the coordinator or a
    member of the signalling organisation (``may_submit_melding``). It reaches
    CoMensha's inbox at once, with only what CoMensha registers (``EXPORT_FIELDS``:
    no name, no date of birth). A report decided against may still be submitted
    (consent given later); a submitted one cannot be taken back."""
    melding = _locked(melding)
    if not may_submit_melding(ctx.user, melding):
        raise PermissionDenied
    if melding.status in Melding.BIJ_COMENSHA:
        raise ValidationError(_("Deze melding is al ingediend bij CoMensha."))
    melding.status = Melding.Status.INGEDIEND
    melding.gemeld_op = timezone.localdate()
    melding.gemeld_door = ctx.user
    melding.reden_niet_gemeld = melding.toelichting_niet_gemeld = ""
    melding.full_clean()
    melding.save()
    _record(ctx, melding)
    _melding_termijn_afronden(melding, reden=_("Melding ingediend bij CoMensha"))
    # CoMensha's staff read reports without taking part in the case.
    melding_send(
        soort=Meldingsoort.MELDING_ONTVANGEN,
        ontvangers=comensha_medewerkers(),
        casus=melding.casus,
        url=reverse("identificatie:comensha-melding", args=[melding.public_id]),
    )
    return melding


@transaction.atomic
def melding_decline(
    *, ctx: AuditContext, melding: Melding, reden: str, toelichting: str
) -> Melding:
    """Record the exception: the case is not reported, for a reason from the list
    with its legal basis explained. Who may is ``may_submit_melding``; a report
    already submitted to CoMensha stays submitted."""
    melding = _locked(melding)
    if not may_submit_melding(ctx.user, melding):
        raise PermissionDenied
    if melding.status in Melding.BIJ_COMENSHA:
        raise ValidationError(
            _("Deze melding is al ingediend bij CoMensha en kan niet meer worden ingetrokken.")
        )
    errors = {}
    if reden not in Melding.RedenNietGemeld.values:
        errors["reden_niet_gemeld"] = _("Kies de wettelijke reden om niet te melden.")
    toelichting = (toelichting or "").strip()
    if not toelichting:
        errors["toelichting_niet_gemeld"] = _("Noem de wettelijke grondslag en licht de reden toe.")
    if errors:
        raise ValidationError(errors)
    melding.status = Melding.Status.NIET_GEMELD
    melding.reden_niet_gemeld = reden
    melding.toelichting_niet_gemeld = toelichting
    # Who decided, and when: the exception is accounted for like a report.
    melding.gemeld_op = timezone.localdate()
    melding.gemeld_door = ctx.user
    melding.full_clean()
    melding.save()
    _record(ctx, melding, reden=reden)
    _melding_termijn_afronden(melding, reden=_("Uitzondering vastgelegd: niet gemeld"))
    return melding


#: CoMensha's registration number: letters, digits and - . / (3 to 40), e.g. CM-2026-0042.
REGISTRATIENUMMER = re.compile(r"^[A-Z0-9][A-Z0-9./-]{2,39}$")


def registratienummer_normalise(waarde: str) -> str:
    return (waarde or "").strip().upper()


@transaction.atomic
def melding_register(*, ctx: AuditContext, melding: Melding, registratienummer: str) -> Melding:
    """CoMensha registers a submitted report (``may_register_melding``) under its
    own registration number (validated, unique). The number comes back on the case,
    and the case's coordinator and the one who submitted it are told."""
    melding = Melding.objects.select_for_update().select_related("casus").get(pk=melding.pk)
    if not may_register_melding(ctx.user, melding):
        raise PermissionDenied
    if melding.status != Melding.Status.INGEDIEND:
        raise ValidationError(_("Deze melding is al geregistreerd."))
    nummer = registratienummer_normalise(registratienummer)
    if not nummer:
        raise ValidationError({"registratienummer": _("Vul het registratienummer in.")})
    if not REGISTRATIENUMMER.match(nummer):
        raise ValidationError(
            {
                "registratienummer": _(
                    "Een registratienummer heeft 3 tot 40 tekens: letters, cijfers, "
                    "- . of /, bijvoorbeeld CM-2026-0042."
                )
            }
        )
    bezet = _("Dit registratienummer is al gebruikt voor een andere melding.")
    if Melding.objects.filter(registratienummer=nummer).exclude(pk=melding.pk).exists():
        raise ValidationError({"registratienummer": bezet})
    melding.status = Melding.Status.GEREGISTREERD
    melding.registratienummer = nummer
    melding.geregistreerd_op = timezone.now()
    melding.geregistreerd_door = ctx.user
    melding.full_clean()
    try:
        # Two registrations with the same number at the same moment: the constraint
        # decides, and the second hears it like the check above.
        with transaction.atomic():
            melding.save()
    except IntegrityError as error:
        raise ValidationError({"registratienummer": bezet}) from error
    _record(ctx, melding, registratienummer=nummer)
    ontvangers = melding_indieners(melding)
    if melding.gemeld_door_id:
        ontvangers.append(melding.gemeld_door)
    melding_send(
        soort=Meldingsoort.MELDING_GEREGISTREERD,
        ontvangers=ontvangers,
        casus=melding.casus,
        url=_melding_url(melding),
    )
    return melding


def melding_adoption_refusal(casus: Casus) -> str | None:
    """Why an advice on ``casus`` cannot be adopted yet, or None: every possible
    victim is reported to CoMensha, so the report must be submitted (or registered),
    or the exception recorded with its legal basis."""
    status = Melding.objects.filter(casus=casus).values_list("status", flat=True).first()
    if status in Melding.AFGEHANDELD:
        return None
    return _(
        "Het advies kan nog niet worden vastgesteld: de casus is niet gemeld bij "
        "CoMensha. Laat de coördinator de melding indienen, of vastleggen waarom niet "
        "(met de wettelijke grondslag)."
    )


#: The fields of an export, in order: exactly what CoMensha registers, and its
#: registration number once registered. Never a name or a date of birth.
EXPORT_FIELDS = [
    "casusnummer",
    "vormen_van_uitbuiting",
    "land_van_herkomst",
    "leeftijd",
    "geslacht",
    "meldende_organisatie",
    "datum_signaal",
    "gemeld_op",
    "registratienummer",
]


#: The CSV's column headers (the JSON keeps the field names above).
EXPORT_KOPPEN = {
    "casusnummer": gettext_lazy("Casusnummer"),
    "vormen_van_uitbuiting": gettext_lazy("Vormen van uitbuiting"),
    "land_van_herkomst": gettext_lazy("Land van herkomst"),
    "leeftijd": gettext_lazy("Leeftijd"),
    "geslacht": gettext_lazy("Geslacht"),
    "meldende_organisatie": gettext_lazy("Meldende organisatie"),
    "datum_signaal": gettext_lazy("Datum signaal"),
    "gemeld_op": gettext_lazy("Ingediend op"),
    "registratienummer": gettext_lazy("Registratienummer CoMensha"),
}


def melding_csv_row(row: dict) -> dict:
    """An export row for people: labels instead of codes (forms of exploitation,
    country, gender); dates stay ISO so that a spreadsheet sorts them."""
    return {
        **row,
        "vormen_van_uitbuiting": "; ".join(
            keuze_label(Uitbuitingsvorm, code) for code in row["vormen_van_uitbuiting"]
        ),
        "land_van_herkomst": countries.name(row["land_van_herkomst"]) or row["land_van_herkomst"],
        "geslacht": keuze_label(Casus.Geslacht, row["geslacht"], default=""),
    }


def melding_export_row(melding: Melding) -> dict:
    return {
        "casusnummer": melding.casus.nummer,
        "vormen_van_uitbuiting": list(melding.vormen),
        "land_van_herkomst": melding.herkomstland.code or "",
        "leeftijd": melding.leeftijd,
        "geslacht": melding.geslacht,
        "meldende_organisatie": melding.meldende_organisatie.naam,
        "datum_signaal": melding.datum_signaal.isoformat() if melding.datum_signaal else None,
        "gemeld_op": (
            melding.gemeld_op.isoformat()
            if melding.gemeld_op and melding.status in Melding.BIJ_COMENSHA
            else None
        ),
        "registratienummer": melding.registratienummer,
    }
