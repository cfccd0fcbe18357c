"""Drafts of long forms (``Concept``): saved without validation, read back only by
their author while the author may still see what they are about, dropped on
submit and after ``CONCEPT_BEWAARDAGEN`` days.

The audit trail records that a draft was saved, read back or dropped, on its
case, with the form's key; never what it holds (neither do logs).
"""

import json
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import Actie, AuditContext, Doel, audit_log
from ..models import Casus, Concept
from ..permissions import may_keep_concept

#: Why a draft was dropped (the audit row's ``reden``).
INGEDIEND = "ingediend"
WEGGEGOOID = "weggegooid"
VERLOPEN = "verlopen"
GEEN_TOEGANG = "geen toegang meer"


def _audit(ctx: AuditContext, actie: str, concept: Concept, **detail) -> None:
    audit_log(
        ctx,
        actie=actie,
        object_type="concept",
        object_id=concept.sleutel,
        casus=concept.casus,
        detail=detail,
    )


def _verlopen_voor(nu=None):
    return (nu or timezone.now()) - timedelta(days=settings.CONCEPT_BEWAARDAGEN)


def _gegevens_clean(gegevens) -> dict[str, list[str]]:
    """Field name to the list of values posted for it, strings only, without NUL
    characters: no form field accepts them, and PostgreSQL's jsonb cannot hold them."""
    if not isinstance(gegevens, dict):
        raise ValidationError(_("Dit concept kan niet worden opgeslagen."), code="ongeldig")
    schoon = {}
    for naam, waarden in gegevens.items():
        if isinstance(waarden, str):
            waarden = [waarden]
        if not isinstance(naam, str) or not isinstance(waarden, list | tuple):
            raise ValidationError(_("Dit concept kan niet worden opgeslagen."), code="ongeldig")
        schoon[naam.replace("\x00", "")] = [str(w).replace("\x00", "") for w in waarden]
    return schoon


@transaction.atomic
def concept_opslaan(
    *,
    ctx: AuditContext,
    sleutel: str,
    gegevens: dict,
    casus: Casus | None = None,
    automatisch: bool = False,
) -> Concept:
    """Save the user's draft of one form (``sleutel``), replacing their previous one.

    Nothing is validated but the size (``CONCEPT_MAX_BYTES``), so that a draft can
    never be used to store more than a form could; the author must still be allowed
    to keep a draft about ``casus`` (``may_keep_concept``).
    """
    user = ctx.user
    if not may_keep_concept(user, casus):
        raise PermissionDenied
    gegevens = _gegevens_clean(gegevens)
    grootte = len(json.dumps(gegevens, ensure_ascii=False).encode())
    if grootte > settings.CONCEPT_MAX_BYTES:
        raise ValidationError(
            _(
                "Het concept is niet opgeslagen: het is groter dan %(kb)s kB. Maak de "
                "tekst korter of dien het formulier in."
            )
            % {"kb": settings.CONCEPT_MAX_BYTES // 1024},
            code="te_groot",
        )
    concept, nieuw = Concept.objects.update_or_create(
        gebruiker=user, sleutel=sleutel, defaults={"gegevens": gegevens, "casus": casus}
    )
    _audit(ctx, Actie.AANMAKEN if nieuw else Actie.WIJZIGEN, concept, automatisch=automatisch)
    return concept


def _drop(ctx: AuditContext, concept: Concept, reden: str) -> None:
    _audit(ctx, Actie.VERWIJDEREN, concept, reden=reden)
    concept.delete()


@transaction.atomic
def concepten_ophalen(*, ctx: AuditContext, sleutels: list[str]) -> dict[str, Concept]:
    """The user's own drafts of the forms ``sleutels`` (one query), each audited as
    read. A draft past its term, or about a case the user may no longer see, is
    dropped (audited) and not returned."""
    user = ctx.user
    if not getattr(user, "is_authenticated", False) or not sleutels:
        return {}
    gevonden = {}
    grens = _verlopen_voor()
    for concept in Concept.objects.select_related("casus").filter(
        gebruiker=user, sleutel__in=sleutels
    ):
        if concept.updated_at < grens:
            _drop(ctx, concept, VERLOPEN)
        elif not may_keep_concept(user, concept.casus):
            _drop(ctx, concept, GEEN_TOEGANG)
        else:
            _audit(ctx, Actie.LEZEN, concept)
            gevonden[concept.sleutel] = concept
    return gevonden


def concept_ophalen(*, ctx: AuditContext, sleutel: str) -> Concept | None:
    """The user's own draft of one form, or None (``concepten_ophalen``)."""
    return concepten_ophalen(ctx=ctx, sleutels=[sleutel]).get(sleutel)


@transaction.atomic
def concept_verwijderen(*, ctx: AuditContext, sleutel: str, reden: str = WEGGEGOOID) -> bool:
    """Drop the user's own draft of one form (after a successful submit, or when the
    user discards it); True if there was one. Nobody drops another user's draft."""
    user = ctx.user
    if not getattr(user, "is_authenticated", False):
        return False
    concept = (
        Concept.objects.select_related("casus").filter(gebruiker=user, sleutel=sleutel).first()
    )
    if concept is None:
        return False
    _drop(ctx, concept, reden)
    return True


@transaction.atomic
def concepten_opruimen(*, nu=None) -> dict[str, int]:
    """Drop every draft past its term (``CONCEPT_BEWAARDAGEN`` since its last save)
    and every draft whose author may no longer see its case; each audited as the
    system's work for its author. For ``manage.py concepten_opruimen`` (reads drop
    them too, so running it is tidiness, not a guard)."""
    aantallen = {VERLOPEN: 0, GEEN_TOEGANG: 0}
    grens = _verlopen_voor(nu)
    for concept in Concept.objects.select_related("casus", "gebruiker__organisatie").order_by("pk"):
        if concept.updated_at < grens:
            reden = VERLOPEN
        elif not may_keep_concept(concept.gebruiker, concept.casus):
            reden = GEEN_TOEGANG
        else:
            continue
        _drop(AuditContext.system(user=concept.gebruiker, doel=Doel.CASUSOVERLEG), concept, reden)
        aantallen[reden] += 1
    return aantallen
