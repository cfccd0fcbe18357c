"""The identification process's sections of the start page (``casusoverleg.startpagina``):
my tasks, cases waiting on my organisation, reports to CoMensha still to make, and
for CoMensha the reports received. Case numbers and links only."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casusoverleg import takenlijst
from casusoverleg.permissions import may_access_cases, may_coordinate_cases, may_read_meldingen
from casusoverleg.startpagina import Resultaat, Rij, Sectie

from . import selectors


def _taak(taak) -> Rij:
    return Rij(
        titel=str(taak.task.flow_task.task_title),
        url=reverse("identificatie:taak", args=[taak.public_id]),
        casusnummer=taak.casus.nummer,
        datum=taak.deadline,
        te_laat=taak.te_laat,
        toelichting=_("u") if taak.task.owner_id else _("uw organisatie"),
    )


#: Registered obligations with a start-page section of their own (the organisation's
#: open actions): not repeated under Mijn taken.
EIGEN_SECTIE = {"actiepunten"}


def _overig(rij) -> Rij:
    return Rij(
        titel=str(rij.wat),
        url=rij.link,
        casusnummer=rij.casus_nummer,
        datum=rij.deadline,
        te_laat=rij.te_laat,
        toelichting=rij.status,
    )


def mijn_taken(*, user, limit):
    """Mijn taken as on its page: the process tasks (``selectors.inbox``) and the
    other obligations the apps register (``casusoverleg.takenlijst``: reports to
    submit or register, sign-offs, sendings, link requests), earliest deadline
    first, so what is overdue comes first."""
    taken = Resultaat.uit(selectors.inbox(user=user), limit=limit, rij=_taak)
    overig = [
        rij
        for sectie in takenlijst.secties_voor(user=user)
        if sectie["sleutel"] not in EIGEN_SECTIE
        for rij in sectie["rijen"]
    ]
    paren = [
        *zip(taken.rijen, taken.getoond, strict=True),
        *((_overig(r), r.object) for r in overig),
    ]
    paren.sort(key=lambda p: (p[0].datum is None, p[0].datum or datetime.date.max))
    paren = paren[:limit]
    return Resultaat(
        [rij for rij, _obj in paren],
        taken.totaal + len(overig),
        [obj for _rij, obj in paren],
    )


def wachtende_casussen(*, user, limit):
    return Resultaat.uit(
        selectors.wachtende_casussen(user=user),
        limit=limit,
        rij=lambda casus: Rij(
            titel=_("Casus %(nummer)s") % {"nummer": casus.nummer},
            url=reverse("casusoverleg:casus-detail", args=[casus.public_id]),
            casusnummer=casus.nummer,
            datum=casus.eerste_deadline,
            toelichting=_("eerste deadline"),
        ),
    )


def meldingen_te_maken(*, user, limit):
    return Resultaat.uit(
        selectors.meldingen_te_maken(user=user),
        limit=limit,
        rij=lambda casus: Rij(
            titel=_("Melding casus %(nummer)s") % {"nummer": casus.nummer},
            url=reverse("identificatie:casus-melding", args=[casus.public_id]),
            casusnummer=casus.nummer,
            datum=casus.created_at,
            toelichting=_("casus geopend"),
        ),
    )


def meldingen_ontvangen(*, user, limit):
    return Resultaat.uit(
        selectors.meldingen_ontvangen(user=user),
        limit=limit,
        rij=lambda melding: Rij(
            titel=_("Melding %(nummer)s") % {"nummer": melding.casus.nummer},
            url=reverse("identificatie:comensha-melding", args=[melding.public_id]),
            casusnummer=melding.casus.nummer,
            datum=melding.gemeld_op,
            toelichting=str(melding.meldende_organisatie),
        ),
    )


SECTIES = [
    Sectie(
        sleutel="taken",
        titel=gettext_lazy("Mijn taken"),
        voor=may_access_cases,
        rijen=mijn_taken,
        alles_url="identificatie:taken",
        volgorde=20,
        leeg=gettext_lazy("Geen openstaande taken."),
    ),
    Sectie(
        sleutel="wachtende-casussen",
        titel=gettext_lazy("Casussen die op uw organisatie wachten"),
        voor=may_access_cases,
        rijen=wachtende_casussen,
        alles_url="casusoverleg:casus-list",
        volgorde=40,
        leeg=gettext_lazy("Geen casus wacht op uw organisatie."),
    ),
    Sectie(
        sleutel="meldingen-te-maken",
        titel=gettext_lazy("Nog te melden aan CoMensha"),
        voor=may_coordinate_cases,
        rijen=meldingen_te_maken,
        volgorde=70,
        leeg=gettext_lazy("Al uw casussen zijn gemeld of hebben een reden om niet te melden."),
    ),
    Sectie(
        sleutel="meldingen-ontvangen",
        titel=gettext_lazy("Binnengekomen meldingen"),
        voor=may_read_meldingen,
        rijen=meldingen_ontvangen,
        alles_url="identificatie:comensha-meldingen",
        volgorde=15,
        leeg=gettext_lazy("Nog geen meldingen ontvangen."),
    ),
]
