"""Mijn taken beyond the process's own tasks: every obligation the process puts on
someone, whichever app it lives in.

Each kind of obligation is a section: a function that returns the rows one user
must act on (``Rij``), in a fixed number of queries whatever their number, and
only on cases the user may see (ask ``casusoverleg.permissions``, e.g.
``casussen_for_user``). Apps register theirs in ``AppConfig.ready`` (the core
knows none of them); Mijn taken renders every section, overdue rows first.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .casustaken import titel as casustaaktitel
from .models import Casus, Casustaak
from .permissions import casustaken_for_user, may_access_cases


@dataclass(frozen=True)
class Rij:
    """One obligation on one case (or, as the access review, on none): what, by
    when, where to act on it, its state.

    ``object`` is the model instance it is about (with ``public_id`` and ``casus``),
    for the list's audit record (``casusoverleg.audit.audit_getoond``)."""

    casus: Casus | None
    wat: str
    deadline: datetime.date | None
    link: str
    status: str
    object: models.Model

    @property
    def public_id(self) -> str:
        return self.object.public_id

    @property
    def casus_nummer(self) -> str:
        return self.casus.nummer if self.casus is not None else ""

    @property
    def te_laat(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.localdate()


@dataclass(frozen=True)
class Sectie:
    sleutel: str
    titel: str
    rijen: Callable  # (*, user) -> list[Rij]


#: Every section, in the order of registration.
SECTIES: list[Sectie] = []


def register(sleutel: str, titel, rijen) -> None:
    """Add a section (idempotent on ``sleutel``, so a second ``ready()`` adds nothing)."""
    if all(s.sleutel != sleutel for s in SECTIES):
        SECTIES.append(Sectie(sleutel=sleutel, titel=titel, rijen=rijen))


def _volgorde(rij: Rij):
    # Overdue first (they have the earliest deadlines), then by deadline; none last.
    return (rij.deadline is None, rij.deadline or datetime.date.max, rij.casus_nummer)


def secties_voor(*, user) -> list[dict]:
    """Every registered section with the user's rows, overdue first: a list of
    ``{"sleutel", "titel", "rijen"}``. Nothing for anyone without case access."""
    if not may_access_cases(user):
        return []
    return [
        {
            "sleutel": sectie.sleutel,
            "titel": sectie.titel,
            "rijen": sorted(sectie.rijen(user=user), key=_volgorde),
        }
        for sectie in SECTIES
    ]


# The core's own section ----------------------------------------------------------------


def _casustaken(*, user) -> list[Rij]:
    """The open tasks on cases (no process step) for the user's organisation, on
    cases the user may see, in one query."""
    return [
        Rij(
            casus=taak.casus,
            wat=casustaaktitel(taak.soort),
            deadline=taak.deadline,
            link=reverse("casusoverleg:casustaak", args=[taak.public_id]),
            status=taak.get_status_display(),
            object=taak,
        )
        for taak in casustaken_for_user(Casustaak.objects.open(), user=user)
        .select_related("casus")
        .order_by("deadline", "pk")
    ]


register("casustaken", gettext_lazy("Taken bij casussen"), _casustaken)
