"""The report to CoMensha: pre-filled with only what CoMensha registers, saved on
the first change."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from casusoverleg.audit import Actie, AuditContext, audit_log
from casusoverleg.models import Casus, Discipline, Meldingsoort, Uitbuitingsvorm, User
from casusoverleg.permissions import (
    CHANGE,
    user_can,
)
from casusoverleg.services import melding_send, wijziging_record
from casusoverleg.weergave import keuze_label

from ..models import Melding, Signaal

#: Organisations that report a possible victim on a legal task, without consent.


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
    """The case's report, saved pre-filled on first use (opening a case from a
    signal; the report form's first save)."""
    return _melding_store(melding_prefill(casus=casus, signaal=signaal))


def _melding_store(melding: Melding) -> Melding:
    """Save a pre-filled report once; of two first saves at the same moment, the
    second reads the row the first made (one report per case)."""
    if melding.pk is None:
        fields = {
            f.name: getattr(melding, f.name)
            for f in Melding._meta.concrete_fields
            if f.name not in ("id", "casus", "created_at", "updated_at")
        }
        melding, _created = Melding.objects.get_or_create(casus=melding.casus, defaults=fields)
    return melding


@transaction.atomic
def melding_update(*, ctx: AuditContext, melding: Melding, data: dict) -> Melding:
    """Record that the case was reported (date, reference, by whom) or why not."""
    casus = melding.casus
    if not user_can(ctx.user, casus, CHANGE):
        raise PermissionDenied
    melding = Melding.objects.select_for_update().get(pk=_melding_store(melding).pk)
    status = data.get("status")
    errors = {}
    if status == Melding.Status.GEMELD:
        if not data.get("gemeld_op"):
            errors["gemeld_op"] = _("Vul de datum van de melding in.")
        elif data["gemeld_op"] > timezone.localdate():
            errors["gemeld_op"] = _("De datum van de melding kan niet in de toekomst liggen.")
        if not (data.get("referentie") or "").strip():
            errors["referentie"] = _("Vul de referentie van CoMensha in.")
    elif status == Melding.Status.NIET_GEMELD:
        if not data.get("reden_niet_gemeld"):
            errors["reden_niet_gemeld"] = _("Kies de wettelijke reden om niet te melden.")
        elif (
            data["reden_niet_gemeld"] == Melding.RedenNietGemeld.OVERIG
            and not (data.get("toelichting_niet_gemeld") or "").strip()
        ):
            errors["toelichting_niet_gemeld"] = _("Licht de reden toe.")
    if errors:
        raise ValidationError(errors)
    ontvangen = status == Melding.Status.GEMELD and melding.status != Melding.Status.GEMELD
    melding.status = status
    if status == Melding.Status.GEMELD:
        melding.gemeld_op = data["gemeld_op"]
        melding.referentie = data["referentie"].strip()
        melding.gemeld_door = ctx.user
        melding.reden_niet_gemeld = melding.toelichting_niet_gemeld = ""
    else:
        melding.gemeld_op, melding.referentie, melding.gemeld_door = None, "", None
        melding.reden_niet_gemeld = data.get("reden_niet_gemeld") or ""
        melding.toelichting_niet_gemeld = (data.get("toelichting_niet_gemeld") or "").strip()
    melding.full_clean()
    melding.save()
    wijziging_record(
        casus=casus,
        door=ctx.user,
        onderwerp=_("Melding aan CoMensha"),
        velden=[melding.get_status_display()],
    )
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="melding",
        object_id=melding.public_id,
        casus=casus,
        detail={"status": status},
    )
    if ontvangen:
        # CoMensha's staff read reports without taking part in the case.
        melding_send(
            soort=Meldingsoort.MELDING_ONTVANGEN,
            ontvangers=User.objects.filter(
                organisatie__discipline=Discipline.COMENSHA, is_active=True
            ),
            casus=casus,
            url=reverse("identificatie:comensha-melding", args=[melding.public_id]),
        )
    return melding


#: The fields of an export, in order: exactly what CoMensha registers.
EXPORT_FIELDS = [
    "casusnummer",
    "vormen_van_uitbuiting",
    "land_van_herkomst",
    "leeftijd",
    "geslacht",
    "meldende_organisatie",
    "datum_signaal",
    "gemeld_op",
    "referentie",
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
    "gemeld_op": gettext_lazy("Gemeld op"),
    "referentie": gettext_lazy("Referentie"),
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
        "gemeld_op": melding.gemeld_op.isoformat() if melding.gemeld_op else None,
        "referentie": melding.referentie,
    }
