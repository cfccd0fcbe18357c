"""Writes of the core: cases, participation, needs. Each service is atomic,
validates before it saves, records the change history and the audit trail, and
is the only place object permissions are granted or revoked."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from ..audit import Actie, AuditContext, audit_log
from ..models import (
    Behoefte,
    Casus,
    CasusUitbuiting,
    Deelname,
    Meldingsoort,
    Organisatie,
    Persoonssleutel,
    User,
    Volgnummer,
    Wijziging,
)
from ..permissions import (
    CHANGE,
    COORDINATE,
    ROL_PERMISSIONS,
    VIEW,
    deelname_refusal,
    may_answer_doorverwijzing,
    may_be_casuscoordinator,
    may_change_coordinator,
    may_coordinate_cases,
    user_can,
)
from ..persoonssleutel import persoonssleutels
from ..signals import casus_changed, casus_geopend, deelnames_changed
from .meldingen import melding_send, organisatie_leden

CASUS_FIELDS = [
    "naam",
    "aliassen",
    "geboortedatum",
    "geschat_geboortejaar",
    "geslacht",
    "nationaliteit",
    "talen",
    "veilig_contact",
    "datum_eerste_signaal",
    "gemeente",
    "amv",
]


def persoonssleutels_bijwerken(*, casus: Casus, sleutel=None) -> None:
    """Store the keys of the case's name and each alias with its exact date of birth
    (none without one), dropping keys of names it no longer has. Called by whatever
    writes the name, the aliases or the date of birth, inside its transaction; and by
    the backfill with ``sleutel`` (the key) from the settings of that moment."""
    gewenst = persoonssleutels(casus.naam, casus.aliassen, casus.geboortedatum, sleutel=sleutel)
    Persoonssleutel.objects.filter(casus=casus).exclude(sleutel__in=gewenst).delete()
    bestaand = set(Persoonssleutel.objects.filter(casus=casus).values_list("sleutel", flat=True))
    Persoonssleutel.objects.bulk_create(
        [Persoonssleutel(casus=casus, sleutel=s) for s in sorted(gewenst - bestaand)]
    )


def _require(user, casus, perm):
    if not user_can(user, casus, perm):
        raise PermissionDenied


def wijziging_record(*, casus, door, onderwerp: str, velden=(), vorige_waarden=None) -> Wijziging:
    """One line in a case's change history: what changed (field names) and by
    whom; ``vorige_waarden`` only for a correction of the person's identifying
    data (``PERSOONSGEGEVENS``)."""
    return Wijziging.objects.create(
        casus=casus,
        door=door,
        onderwerp=onderwerp,
        velden=list(velden),
        vorige_waarden=dict(vorige_waarden or {}),
    )


#: The person's identifying data: a correction keeps the previous value in the
#: case's history (``Wijziging.vorige_waarden``).
PERSOONSGEGEVENS = [
    "naam",
    "aliassen",
    "geboortedatum",
    "geschat_geboortejaar",
    "geslacht",
    "nationaliteit",
    "talen",
    "veilig_contact",
]


def _weergave(casus: Casus, name: str) -> str:
    """A field's value as people read it, for the history."""
    value = getattr(casus, name)
    if value in (None, ""):
        return "–"
    if name == "geboortedatum":
        return value.isoformat()
    if name == "geslacht":
        return str(getattr(casus, f"get_{name}_display")())
    if name == "nationaliteit":
        return f"{value.name} ({value.code})" if hasattr(value, "code") else str(value)
    return str(value)


def _labels(model, names):
    return [str(model._meta.get_field(name).verbose_name) for name in names]


def casus_nummer_next(*, jaar: int) -> str:
    """The next case number of ``jaar``, without gaps or duplicates under concurrency."""
    Volgnummer.objects.get_or_create(jaar=jaar)
    teller = Volgnummer.objects.select_for_update().get(jaar=jaar)
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return f"NVM-{jaar}-{teller.laatste:06d}"


@transaction.atomic
def casus_open(*, ctx: AuditContext, data: dict, vormen: list[str]) -> Casus:
    """Open a case. Only a coordinator may; their organisation coordinates it and
    takes part as coordinator from the start."""
    user = ctx.user
    if not may_coordinate_cases(user):
        raise PermissionDenied
    casus = casus_create(
        ctx=ctx,
        coordinerende_organisatie=user.organisatie,
        coordinator=user,
        fields={name: data.get(name) for name in CASUS_FIELDS if name in data},
        vormen=vormen,
    )
    # Every possible victim is reported to CoMensha: the app that owns the report
    # makes it due now (a case opened from a signal does so itself, with the signal).
    casus_geopend.send(sender=Casus, casus=casus, ctx=ctx)
    return casus


def casus_create(
    *,
    ctx: AuditContext,
    coordinerende_organisatie,
    coordinator,
    fields: dict,
    vormen,
    deelnemers=(),
    onderwerp: str = "",
    detail: dict | None = None,
) -> Casus:
    """The common part of opening a case: its number, its data, its coordinating
    organisation (and ``deelnemers``) taking part from the start, audited and in the
    history. Decides nothing about who may: its callers do (``casus_open`` here,
    ``casus_open_from_signaal`` in identificatie), inside their own transaction."""
    casus = Casus(
        nummer=casus_nummer_next(jaar=timezone.localdate().year),
        coordinerende_organisatie=coordinerende_organisatie,
        coordinator=coordinator,
        **fields,
    )
    casus.full_clean()
    casus.save()
    persoonssleutels_bijwerken(casus=casus)
    _set_vormen(casus, vormen)
    audit_log(
        ctx,
        actie=Actie.AANMAKEN,
        object_type="casus",
        object_id=casus.public_id,
        casus=casus,
        detail=detail,
    )
    wijziging_record(casus=casus, door=ctx.user, onderwerp=onderwerp or _("Casus geopend"))
    deelname_add(
        ctx=ctx,
        casus=casus,
        organisatie=coordinerende_organisatie,
        rol=Deelname.Rol.COORDINATOR,
        _bootstrap=True,
    )
    for organisatie in deelnemers:
        deelname_add(
            ctx=ctx,
            casus=casus,
            organisatie=organisatie,
            rol=Deelname.Rol.DEELNEMER,
            _bootstrap=True,
        )
    casus_changed.send(sender=Casus, casus=casus, ctx=ctx)
    return casus


@transaction.atomic
def casus_coordinator_change(*, ctx: AuditContext, casus: Casus, coordinator: User) -> Casus:
    """Name the case's coordinator. Only a coordinator of the coordinating
    organisation may (``may_change_coordinator``), and only a coordinator by role of
    that organisation can be named (``may_be_casuscoordinator``)."""
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    if not may_change_coordinator(ctx.user, casus):
        raise PermissionDenied
    if not may_be_casuscoordinator(coordinator, casus):
        raise ValidationError(
            {"coordinator": _("Kies een coördinator van de coördinerende organisatie.")}
        )
    if casus.coordinator_id == coordinator.pk:
        return casus
    vorige = casus.coordinator_id
    casus.coordinator = coordinator
    casus.save(update_fields=["coordinator", "updated_at"])
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="casus",
        object_id=casus.public_id,
        casus=casus,
        detail={"coordinator": {"voor": vorige, "na": coordinator.pk}},
    )
    wijziging_record(
        casus=casus,
        door=ctx.user,
        onderwerp=_("Coördinator gewijzigd"),
        velden=[str(Casus._meta.get_field("coordinator").verbose_name)],
    )
    return casus


def _set_vormen(casus, vormen):
    current = set(casus.uitbuitingsvormen.values_list("vorm", flat=True))
    wanted = set(vormen)
    casus.uitbuitingsvormen.filter(vorm__in=current - wanted).delete()
    CasusUitbuiting.objects.bulk_create(
        [CasusUitbuiting(casus=casus, vorm=v) for v in sorted(wanted - current)]
    )
    return current != wanted


@transaction.atomic
def casus_update(*, ctx: AuditContext, casus: Casus, data: dict, vormen: list[str]) -> Casus:
    """Change the person's data, the categories or the status (coordinator only),
    never to closed (``casus_sluiten``).

    The history records which fields changed, and for a correction of the
    person's identifying data the previous value."""
    _require(ctx.user, casus, COORDINATE)
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    if data.get("status", casus.status) == Casus.Status.GESLOTEN:
        # Closing ends access and cancels work: only casus_sluiten does it.
        raise ValidationError({"status": _("Sluit een casus met 'Casus sluiten'.")})
    changed = []
    vorige = {}
    for name in [*CASUS_FIELDS, "status"]:
        if name in data and getattr(casus, name) != data[name]:
            if name in PERSOONSGEGEVENS:
                vorige[str(Casus._meta.get_field(name).verbose_name)] = _weergave(casus, name)
            setattr(casus, name, data[name])
            changed.append(name)
    casus.full_clean()
    labels = _labels(Casus, changed)
    if changed:
        casus.save(update_fields=[*changed, "updated_at"])
    if {"naam", "aliassen", "geboortedatum"} & set(changed):
        persoonssleutels_bijwerken(casus=casus)
    if _set_vormen(casus, vormen):
        labels.append(str(CasusUitbuiting._meta.verbose_name_plural))
    if labels:
        wijziging_record(
            casus=casus,
            door=ctx.user,
            onderwerp=_("Casusgegevens"),
            velden=labels,
            vorige_waarden=vorige,
        )
        audit_log(
            ctx,
            actie=Actie.WIJZIGEN,
            object_type="casus",
            object_id=casus.public_id,
            casus=casus,
            detail={"velden": [*changed, *(["vormen"] if len(labels) > len(changed) else [])]},
        )
    if changed:
        casus_changed.send(sender=Casus, casus=casus, ctx=ctx)
    return casus


def _principal(deelname):
    return deelname.persoon if deelname.persoon_id else deelname.organisatie.groep


@transaction.atomic
def deelname_add(
    *,
    ctx: AuditContext,
    casus: Casus,
    organisatie: Organisatie,
    rol: str = Deelname.Rol.DEELNEMER,
    persoon: User | None = None,
    doorverwijzing=None,
    _bootstrap: bool = False,
) -> Deelname:
    """Let an organisation (or one lawyer) take part in a case, and grant the
    object permissions of its role.

    A law firm never takes part as a whole: a lawyer is the person's own counsel,
    so only that lawyer gets access. Administrators and the project group never
    take part.

    Normally the case's coordinator adds a participant. The one other way in is a
    warm referral (``wegwijzer``) that the receiving organisation accepts: then
    ``doorverwijzing`` is that open referral of this case to this organisation, and
    ``ctx.user`` a member of it who may answer it.
    """
    if doorverwijzing is not None:
        # As stored, not as handed in: only a saved, open referral lets anyone in.
        doorverwijzing = type(doorverwijzing)._default_manager.filter(pk=doorverwijzing.pk).first()
        if doorverwijzing is None or not (
            doorverwijzing.casus_id == casus.pk
            and doorverwijzing.organisatie_id == organisatie.pk
            and persoon is None
            and rol == Deelname.Rol.DEELNEMER
            and may_answer_doorverwijzing(ctx.user, doorverwijzing)
        ):
            raise PermissionDenied
    elif not _bootstrap:
        _require(ctx.user, casus, COORDINATE)
    refusal = deelname_refusal(organisatie=organisatie, persoon=persoon)
    if refusal:
        raise ValidationError(refusal)
    bestaand = Deelname.objects.actief().filter(casus=casus)
    if persoon is not None:
        bestaand = bestaand.filter(persoon=persoon)
    else:
        bestaand = bestaand.filter(organisatie=organisatie, persoon__isnull=True)
    if bestaand.exists():
        raise ValidationError(_("Deze deelnemer neemt al deel aan de casus."))

    deelname = Deelname(
        casus=casus, organisatie=organisatie, persoon=persoon, rol=rol, toegevoegd_door=ctx.user
    )
    deelname.full_clean()
    deelname.save()
    principal = _principal(deelname)
    for perm in ROL_PERMISSIONS[rol]:
        assign_perm(perm, principal, casus)
    audit_log(
        ctx,
        actie=Actie.TOEGANG_VERLEEND,
        object_type="deelname",
        object_id=str(deelname.pk),
        casus=casus,
        detail={
            "organisatie": organisatie.pk,
            "persoon": persoon.pk if persoon else None,
            "rol": rol,
        },
    )
    if not _bootstrap:
        wijziging_record(
            casus=casus, door=ctx.user, onderwerp=_("Deelnemer toegevoegd"), velden=[str(deelname)]
        )
        deelnames_changed.send(sender=Deelname, casus=casus, ctx=ctx)
        _deelname_melding(deelname, Meldingsoort.TOEGEVOEGD)
    return deelname


def _deelname_melding(deelname: Deelname, soort: str) -> None:
    """Tell the participant (the lawyer, or the organisation's members) that their
    access began or ended; the case itself links only while they may see it."""
    casus = deelname.casus
    melding_send(
        soort=soort,
        ontvangers=[deelname.persoon]
        if deelname.persoon_id
        else organisatie_leden(deelname.organisatie_id),
        casus=casus,
        url=reverse("casusoverleg:casus-detail", args=[casus.public_id])
        if soort == Meldingsoort.TOEGEVOEGD
        else reverse("casusoverleg:home"),
    )


@transaction.atomic
def deelname_remove(*, ctx: AuditContext, deelname: Deelname) -> Deelname:
    """End a participation and revoke its object permissions; effective on the
    participant's next request. The coordinating organisation cannot be removed."""
    casus = deelname.casus
    _require(ctx.user, casus, COORDINATE)
    deelname = Deelname.objects.select_for_update().get(pk=deelname.pk)
    if not deelname.actief:
        raise ValidationError(_("Deze deelname is al beëindigd."))
    if (
        deelname.rol == Deelname.Rol.COORDINATOR
        and deelname.organisatie_id == casus.coordinerende_organisatie_id
    ):
        raise ValidationError(_("De coördinerende organisatie kan niet worden verwijderd."))
    return deelname_end(ctx=ctx, deelname=deelname)


def deelname_end(*, ctx: AuditContext, deelname: Deelname, reden: str = "") -> Deelname:
    """End an active participation and revoke its permissions, without asking who
    may: for ``deelname_remove`` and for services with a rule of their own (a
    lawyer who leaves their firm, ``gebruiker_organisatie_change``). Call it
    inside their transaction, with the row locked."""
    casus = deelname.casus
    deelname.beeindigd_op = timezone.now()
    deelname.beeindigd_door = ctx.user if getattr(ctx.user, "is_authenticated", False) else None
    deelname.save(update_fields=["beeindigd_op", "beeindigd_door", "updated_at"])
    principal = _principal(deelname)
    for perm in (VIEW, CHANGE, COORDINATE):
        remove_perm(perm, principal, casus)
    audit_log(
        ctx,
        actie=Actie.TOEGANG_INGETROKKEN,
        object_type="deelname",
        object_id=str(deelname.pk),
        casus=casus,
        detail={"reden": reden} if reden else None,
    )
    wijziging_record(
        casus=casus,
        # The history needs a person; work without one (a management command)
        # is put on the participant whose participation ends.
        door=deelname.beeindigd_door or deelname.persoon or deelname.toegevoegd_door,
        onderwerp=_("Deelnemer verwijderd"),
        velden=[str(deelname)],
    )
    deelnames_changed.send(sender=Deelname, casus=casus, ctx=ctx)
    _deelname_melding(deelname, Meldingsoort.VERWIJDERD)
    return deelname


BEHOEFTE_FIELDS = ["type", "eigenaar", "status", "reden_niet_mogelijk", "toelichting"]


def _check_eigenaar(casus, eigenaar):
    if not Deelname.objects.actief().filter(casus=casus, organisatie=eigenaar).exists():
        raise ValidationError({"eigenaar": _("Kies een organisatie die aan de casus deelneemt.")})


@transaction.atomic
def behoefte_add(
    *, ctx: AuditContext, casus: Casus, data: dict, bron: str = "", bron_id: str = ""
) -> Behoefte:
    """Record a need; its owner must be an organisation taking part in the case.

    A need carried forward from elsewhere (an assessment) names its source: ``bron``
    describes it, ``bron_id`` is its key, and a case holds one need per key (a
    second take-over is refused, also when two happen at the same moment).
    """
    _require(ctx.user, casus, CHANGE)
    behoefte = Behoefte(
        casus=casus,
        bron=bron,
        bron_id=bron_id,
        **{k: data[k] for k in BEHOEFTE_FIELDS if k in data},
    )
    if behoefte.status != Behoefte.Status.NIET_MOGELIJK:
        behoefte.reden_niet_mogelijk = ""
    _check_eigenaar(casus, behoefte.eigenaar)
    overgenomen = ValidationError(_("Deze behoefte is al overgenomen."))
    if bron_id and Behoefte.objects.filter(casus=casus, bron_id=bron_id).exists():
        raise overgenomen
    behoefte.full_clean()
    try:
        with transaction.atomic():
            behoefte.save()
    except IntegrityError as error:
        if not bron_id:
            raise
        raise overgenomen from error  # the same take-over at the same moment
    audit_log(
        ctx,
        actie=Actie.AANMAKEN,
        object_type="behoefte",
        object_id=str(behoefte.pk),
        casus=casus,
        detail={"bron": bron_id} if bron_id else None,
    )
    wijziging_record(
        casus=casus,
        door=ctx.user,
        onderwerp=_("Behoefte toegevoegd"),
        velden=[behoefte.get_type_display()],
    )
    return behoefte


@transaction.atomic
def behoefte_update(*, ctx: AuditContext, behoefte: Behoefte, data: dict) -> Behoefte:
    casus = behoefte.casus
    _require(ctx.user, casus, CHANGE)
    behoefte = Behoefte.objects.select_for_update().get(pk=behoefte.pk)
    changed = []
    for name in BEHOEFTE_FIELDS:
        if name in data and getattr(behoefte, name) != data[name]:
            setattr(behoefte, name, data[name])
            changed.append(name)
    if behoefte.status != Behoefte.Status.NIET_MOGELIJK and behoefte.reden_niet_mogelijk:
        behoefte.reden_niet_mogelijk = ""
        changed.append("reden_niet_mogelijk")
    if "eigenaar" in changed:
        _check_eigenaar(casus, behoefte.eigenaar)
    behoefte.full_clean()
    if changed:
        behoefte.save(update_fields=[*set(changed), "updated_at"])
        audit_log(
            ctx,
            actie=Actie.WIJZIGEN,
            object_type="behoefte",
            object_id=str(behoefte.pk),
            casus=casus,
            detail={"velden": sorted(set(changed))},
        )
        wijziging_record(
            casus=casus,
            door=ctx.user,
            onderwerp=_("Behoefte %(type)s") % {"type": behoefte.get_type_display()},
            velden=_labels(Behoefte, sorted(set(changed))),
        )
    return behoefte
