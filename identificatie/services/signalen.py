"""Writes of signalling: list versions, signals and what happens to them, and the
report to CoMensha. Each service is atomic, validates before it saves and is audited."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casusoverleg.audit import Actie, AuditContext, audit_log
from casusoverleg.models import Casus, Discipline, Organisatie, User
from casusoverleg.permissions import (
    CHANGE,
    casuscoordinatoren,
    may_access_cases,
    may_coordinate_as,
    may_coordinate_cases,
    may_handle_signaal,
    may_share_signaal,
    user_can,
)
from casusoverleg.persoonssleutel import persoonssleutel
from casusoverleg.services import casus_create, wijziging_record

from ..models import Indicator, IndicatorLijst, Signaal
from .melding import melding_create

#: Organisations that report a possible victim on a legal task, without consent.
WETTELIJKE_MELDERS = frozenset({Discipline.POLITIE, Discipline.KMAR, Discipline.INSPECTIE_SZW})
TOESTEMMING_ZELF_VANAF = 16


# Signals -----------------------------------------------------------------------------


def leeftijd_op(*, geboortedatum, geschatte_leeftijd, op: datetime.date) -> int | None:
    if geboortedatum:
        years = op.year - geboortedatum.year
        return years - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    return geschatte_leeftijd


def signaal_errors(*, organisatie: Organisatie, data: dict, indicatoren: list) -> dict:
    """Every rule of a signal, as {field: message}. Used by the form and the service,
    so the server enforces what the form shows."""
    errors = {}
    if not indicatoren and not (data.get("observatie") or "").strip():
        errors["indicatoren"] = _("Kies ten minste één indicator of beschrijf wat u zag.")
    op = data.get("waargenomen_op")
    if op and op > timezone.localdate():
        errors["waargenomen_op"] = _("De datum van waarneming kan niet in de toekomst liggen.")
    geboortedatum = data.get("geboortedatum")
    if geboortedatum and geboortedatum > timezone.localdate():
        errors["geboortedatum"] = _("Een geboortedatum kan niet in de toekomst liggen.")

    grondslag = data.get("grondslag")
    if organisatie.discipline in WETTELIJKE_MELDERS:
        if grondslag != Signaal.Grondslag.WETTELIJKE_TAAK:
            errors["grondslag"] = _("Uw organisatie meldt op grond van haar wettelijke taak.")
        return errors
    if grondslag == Signaal.Grondslag.WETTELIJKE_TAAK:
        errors["grondslag"] = _(
            "Alleen politie, KMar en Arbeidsinspectie melden zonder toestemming. "
            "Leg de toestemming vast, of kies een anonieme melding."
        )
    elif grondslag == Signaal.Grondslag.ANONIEM:
        if (data.get("naam") or "").strip() or geboortedatum:
            errors["naam"] = _(
                "Zonder toestemming is alleen een anonieme melding mogelijk: "
                "laat naam en geboortedatum leeg."
            )
    elif grondslag == Signaal.Grondslag.TOESTEMMING:
        door = data.get("toestemming_door")
        leeftijd = leeftijd_op(
            geboortedatum=geboortedatum,
            geschatte_leeftijd=data.get("geschatte_leeftijd"),
            op=op or timezone.localdate(),
        )
        if not door:
            errors["toestemming_door"] = _("Geef aan wie de toestemming gaf.")
        elif leeftijd is None:
            errors["geschatte_leeftijd"] = _(
                "Vul de geboortedatum of een geschatte leeftijd in: "
                "die bepaalt wie toestemming geeft."
            )
        elif leeftijd < TOESTEMMING_ZELF_VANAF and door == Signaal.ToestemmingDoor.PERSOON:
            errors["toestemming_door"] = _(
                "Onder de 16 jaar geeft een ouder of voogd de toestemming."
            )
        elif leeftijd >= TOESTEMMING_ZELF_VANAF and door == Signaal.ToestemmingDoor.OUDER:
            errors["toestemming_door"] = _("Vanaf 16 jaar geeft de persoon zelf toestemming.")
    else:
        errors["grondslag"] = _("Kies de grondslag voor het delen van dit signaal.")
    return errors


SIGNAAL_FIELDS = [
    "waargenomen_op",
    "plaats",
    "observatie",
    "urgentie",
    "grondslag",
    "toestemming_door",
    "naam",
    "geboortedatum",
    "geschatte_leeftijd",
    "geslacht",
    "nationaliteit",
    "vorm",
]


@transaction.atomic
def signaal_record(*, ctx: AuditContext, data: dict, indicatoren: list[Indicator]) -> Signaal:
    """Record a signal against the list in use, with the legal basis for sharing it."""
    user = ctx.user
    if not may_access_cases(user):
        raise PermissionDenied
    lijst = IndicatorLijst.objects.actueel()
    if lijst is None:
        raise ValidationError(_("Er is geen gepubliceerde indicatorenlijst."))
    data = {k: data.get(k) for k in SIGNAAL_FIELDS if k in data}
    if user.organisatie.discipline in WETTELIJKE_MELDERS:
        data["grondslag"] = Signaal.Grondslag.WETTELIJKE_TAAK
    if data.get("grondslag") != Signaal.Grondslag.TOESTEMMING:
        data["toestemming_door"] = ""
    if any(i.groep.lijst_id != lijst.pk for i in indicatoren):
        raise ValidationError({"indicatoren": _("Kies indicatoren uit de lijst die nu geldt.")})
    errors = signaal_errors(organisatie=user.organisatie, data=data, indicatoren=indicatoren)
    if errors:
        raise ValidationError(errors)
    signaal = Signaal(lijst=lijst, gemeld_door=user, organisatie=user.organisatie, **data)
    for key in ("naam", "observatie", "plaats", "toestemming_door", "vorm"):
        setattr(signaal, key, getattr(signaal, key) or "")
    signaal.persoonssleutel = persoonssleutel(signaal.naam, signaal.geboortedatum)
    signaal.full_clean()
    signaal.save()
    signaal.indicatoren.set(indicatoren)
    audit_log(
        ctx,
        actie=Actie.AANMAKEN,
        object_type="signaal",
        object_id=signaal.public_id,
        detail={"urgentie": signaal.urgentie, "indicatoren": len(indicatoren)},
    )
    return signaal


def _open(signaal):
    if signaal.status != Signaal.Status.NIEUW:
        raise ValidationError(_("Over dit signaal is al besloten."))


@transaction.atomic
def signaal_attach(*, ctx: AuditContext, signaal: Signaal, casus: Casus) -> Signaal:
    """Attach a waiting signal to a case the user may change."""
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    _open(signaal)
    if not may_handle_signaal(ctx.user, signaal):
        raise PermissionDenied
    if not user_can(ctx.user, casus, CHANGE):
        raise ValidationError({"casus": _("Kies een casus waaraan u deelneemt.")})
    signaal.casus = casus
    signaal.status = Signaal.Status.GEKOPPELD
    signaal.afgehandeld_door = ctx.user
    signaal.save(update_fields=["casus", "status", "afgehandeld_door", "updated_at"])
    if casus.datum_eerste_signaal is None or signaal.waargenomen_op < casus.datum_eerste_signaal:
        casus.datum_eerste_signaal = signaal.waargenomen_op
        casus.save(update_fields=["datum_eerste_signaal", "updated_at"])
    wijziging_record(
        casus=casus,
        door=ctx.user,
        onderwerp=_("Signaal gekoppeld"),
        velden=[str(Signaal._meta.verbose_name)],
    )
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="signaal",
        object_id=signaal.public_id,
        casus=casus,
        detail={"status": signaal.status},
    )
    return signaal


@transaction.atomic
def casus_open_from_signaal(
    *,
    ctx: AuditContext,
    signaal: Signaal,
    coordinerende_organisatie: Organisatie,
    coordinator: User | None = None,
) -> Casus:
    """Open a new case from a waiting signal. The chosen organisation coordinates it;
    the signalling organisation takes part. An anonymous signal opens a case without
    a name.

    When the opener's own organisation coordinates, the case gets its coordinator at
    once: ``coordinator`` (a coordinator by role of that organisation,
    ``casuscoordinatoren``), else the opener if they are one. When another
    organisation coordinates, that organisation names its coordinator on the case
    (``casus_coordinator_change``): the opener cannot choose someone there."""
    user = ctx.user
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    _open(signaal)
    if not may_handle_signaal(user, signaal):
        raise PermissionDenied
    if not may_coordinate_as(coordinerende_organisatie):
        raise ValidationError(
            {"coordinerende_organisatie": _("Deze organisatie kan geen casus coördineren.")}
        )
    eigen = coordinerende_organisatie.pk == user.organisatie_id
    if coordinator is not None:
        if not (
            eigen
            and casuscoordinatoren(User.objects, organisatie=coordinerende_organisatie)
            .filter(pk=coordinator.pk)
            .exists()
        ):
            raise ValidationError(
                {
                    "coordinator": _(
                        "Kies een coördinator van uw eigen organisatie, en alleen als die "
                        "de casus coördineert."
                    )
                }
            )
    elif eigen and may_coordinate_cases(user):
        coordinator = user
    casus = casus_create(
        ctx=ctx,
        coordinerende_organisatie=coordinerende_organisatie,
        coordinator=coordinator,
        fields={
            "naam": signaal.naam or _("Onbekend (anoniem signaal)"),
            "geboortedatum": signaal.geboortedatum,
            "geschat_geboortejaar": (
                signaal.waargenomen_op.year - signaal.geschatte_leeftijd
                if signaal.geschatte_leeftijd is not None and not signaal.geboortedatum
                else None
            ),
            "geslacht": signaal.geslacht,
            "nationaliteit": signaal.nationaliteit,
            "datum_eerste_signaal": signaal.waargenomen_op,
        },
        vormen=[signaal.vorm] if signaal.vorm else [],
        deelnemers=[] if eigen else [user.organisatie],
        onderwerp=_("Casus geopend uit signaal"),
        detail={"uit_signaal": signaal.public_id},
    )
    signaal.casus = casus
    signaal.status = Signaal.Status.GEKOPPELD
    signaal.afgehandeld_door = user
    signaal.save(update_fields=["casus", "status", "afgehandeld_door", "updated_at"])
    melding_create(casus=casus, signaal=signaal)
    return casus


@transaction.atomic
def signaal_close(*, ctx: AuditContext, signaal: Signaal, reden: str) -> Signaal:
    """Close a waiting signal with "no further action"; the reason is required."""
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    _open(signaal)
    if not may_handle_signaal(ctx.user, signaal):
        raise PermissionDenied
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden om geen vervolg te geven.")})
    signaal.status = Signaal.Status.AFGESLOTEN
    signaal.reden_afsluiten = reden.strip()
    signaal.afgehandeld_door = ctx.user
    signaal.save(update_fields=["status", "reden_afsluiten", "afgehandeld_door", "updated_at"])
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="signaal",
        object_id=signaal.public_id,
        detail={"status": signaal.status},
    )
    return signaal


def _share(*, ctx: AuditContext, signaal: Signaal, gedeeld: bool) -> Signaal:
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if not may_share_signaal(ctx.user, signaal):
        raise PermissionDenied
    if (signaal.gedeeld_op is not None) == gedeeld:
        return signaal
    signaal.gedeeld_op = timezone.now() if gedeeld else None
    signaal.save(update_fields=["gedeeld_op", "updated_at"])
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="signaal",
        object_id=signaal.public_id,
        detail={"gedeeld_met_organisatie": gedeeld},
    )
    return signaal


@transaction.atomic
def signaal_share(*, ctx: AuditContext, signaal: Signaal) -> Signaal:
    """The lawyer who recorded a waiting signal shares it with their firm, which
    then sees and handles it as any organisation sees its own signals. Only that
    lawyer may (``may_share_signaal``): professional privilege is theirs to waive.
    Sharing twice changes nothing."""
    return _share(ctx=ctx, signaal=signaal, gedeeld=True)


@transaction.atomic
def signaal_unshare(*, ctx: AuditContext, signaal: Signaal) -> Signaal:
    """The recording lawyer takes the sharing back: the waiting signal is theirs
    alone again (what colleagues saw meanwhile is in the audit trail)."""
    return _share(ctx=ctx, signaal=signaal, gedeeld=False)
