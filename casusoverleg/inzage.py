"""The person's right of access (AVG art. 15): everything the application holds
about the person of one case, for the coordinator to hand over.

The export is made of parts (``Onderdeel``), each a title and a table of rows.
The core never imports the apps built on it, so each app registers what it holds
about a case in its ``AppConfig.ready`` (the pattern of ``casuspagina``):
``functie(*, casus) -> Onderdeel``. The core adds the case itself, its history and
the audit trail of who accessed it.

A part holds only what belongs to this case: rows are selected by the case, never
by a meeting, an organisation or a name, so nothing of another person comes along
(a meeting's other items, a signal of someone else). Values are shown as people
read them (labels of choices, dates in words, names of professionals), headers are
the fields' verbose names.

Information an organisation withheld on a legal ground (an assessment's
``achtergehouden``) is not in the export: the ground that lets it be kept from the
other participants (an investigation, a source's safety) is usually one that
restricts the person's right of access too (AVG art. 23, UAVG art. 41), and only
the organisation that withheld it can judge whether it still holds. A part names
what it left out in ``achtergehouden`` for the coordinator's page, never in the
export; the export says, always and in the same words, that withheld information
is not included, so that its presence is not revealed by the document itself.
"""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import pdf, weergave
from .models import (
    AuditEvent,
    Behoefte,
    Casus,
    CasusUitbuiting,
    Deelname,
    Sluiting,
    Termijn,
    Wijziging,
)
from .termijnen import REGELS


@dataclass(frozen=True)
class Onderdeel:
    """One part of the export: a title, a stable key (the JSON's), and its rows
    (each a dict of header → text). ``achtergehouden`` lists what the part left
    out, for the coordinator only; lower ``volgorde`` first."""

    titel: str
    sleutel: str
    rijen: list[dict] = field(default_factory=list)
    toelichting: str = ""
    achtergehouden: list[str] = field(default_factory=list)
    volgorde: int = 100

    @property
    def kolommen(self) -> list[str]:
        """The headers, when every row has the same few (the PDF shows one table with a
        row per record); else empty (the PDF shows a field-and-value table per record)."""
        sleutels = {tuple(r) for r in self.rijen}
        if len(sleutels) == 1 and len(kolommen := list(self.rijen[0])) <= 7:
            return kolommen
        return []


#: Every registered part function, in the order of registration.
ONDERDELEN: list[Callable] = []


def register(functie):
    """Add a part of the export (idempotent, so a second ``ready()`` adds nothing)."""
    if functie not in ONDERDELEN:
        ONDERDELEN.append(functie)
    return functie


def onderdelen(*, casus: Casus) -> list[Onderdeel]:
    """Every part of the export of ``casus``, in their order."""
    delen = [functie(casus=casus) for functie in ONDERDELEN]
    return sorted(delen, key=lambda d: d.volgorde)


# Showing values ----------------------------------------------------------------------


def label(model, veld: str) -> str:
    """The header of ``veld``: its verbose name, capitalised."""
    naam = str(model._meta.get_field(veld).verbose_name)
    return naam[:1].upper() + naam[1:]


def waarde(obj, veld: str) -> str:
    """The value of ``obj.<veld>`` as people read it."""
    model_veld = obj._meta.get_field(veld)
    value = getattr(obj, veld)
    if model_veld.choices:
        return weergave.keuze(obj, veld)
    if value is None or value == "":
        return weergave.LEEG
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if isinstance(value, datetime.datetime):
        return weergave.datumtijd(value)
    if isinstance(value, datetime.date):
        return weergave.datum(value)
    if hasattr(value, "get_full_name"):
        return weergave.persoon(value)
    if hasattr(value, "name") and hasattr(value, "code"):  # a country
        return str(value.name) if value.code else weergave.LEEG
    return str(value)


def rij(obj, velden, **extra) -> dict:
    """A row of ``obj``'s ``velden`` (labels → values), then ``extra`` (header → text)."""
    uit = {label(type(obj), v): waarde(obj, v) for v in velden}
    uit.update({k: (v if v not in (None, "") else weergave.LEEG) for k, v in extra.items()})
    return uit


# The core's parts ----------------------------------------------------------------------

CASUS_VELDEN = [
    "nummer",
    "status",
    "naam",
    "aliassen",
    "geboortedatum",
    "geschat_geboortejaar",
    "geslacht",
    "nationaliteit",
    "talen",
    "veilig_contact",
    "gemeente",
    "datum_eerste_signaal",
    "amv",
    "voogd_organisatie",
    "voogd_naam",
    "achttien_uitkomst",
    "achttien_toelichting",
    "coordinerende_organisatie",
    "coordinator",
    "bewaren_tot",
    "created_at",
]


@register
def casus_onderdeel(*, casus: Casus) -> Onderdeel:
    """The person and the case: one row of fields, and one of derived categories."""
    casus = (
        Casus.objects.select_related(
            "gemeente", "voogd_organisatie", "coordinerende_organisatie", "coordinator__organisatie"
        )
        .prefetch_related("uitbuitingsvormen")
        .get(pk=casus.pk)
    )
    gegevens = rij(casus, CASUS_VELDEN)
    gegevens[str(label(CasusUitbuiting, "vorm"))] = ", ".join(casus.vormen) or weergave.LEEG
    minderjarig = casus.minderjarig_nu
    gegevens[_("Minderjarig")] = (
        weergave.LEEG if minderjarig is None else (_("Ja") if minderjarig else _("Nee"))
    )
    gegevens[_("Herkomst")] = str(casus.herkomst.label) if casus.nationaliteit else weergave.LEEG
    return Onderdeel(titel=_("Persoon en casus"), sleutel="casus", rijen=[gegevens], volgorde=0)


@register
def behoeften_onderdeel(*, casus: Casus) -> Onderdeel:
    behoeften = Behoefte.objects.filter(casus=casus).select_related("eigenaar")
    return Onderdeel(
        titel=_("Behoeften"),
        sleutel="behoeften",
        rijen=[
            rij(b, ["type", "eigenaar", "status", "toelichting", "reden_niet_mogelijk", "bron"])
            | {_("Vastgelegd op"): weergave.datumtijd(b.created_at)}
            for b in behoeften
        ],
        volgorde=10,
    )


@register
def deelnames_onderdeel(*, casus: Casus) -> Onderdeel:
    """Who took part, in which role, from when until when."""
    deelnames = Deelname.objects.filter(casus=casus).select_related("organisatie", "persoon")
    return Onderdeel(
        titel=_("Deelnemende organisaties"),
        sleutel="deelnames",
        rijen=[
            rij(d, ["organisatie", "persoon", "rol", "beeindigd_op"])
            | {_("Toegevoegd op"): weergave.datumtijd(d.created_at)}
            for d in deelnames
        ],
        volgorde=20,
    )


@register
def termijnen_onderdeel(*, casus: Casus) -> Onderdeel:
    """Legal terms on the case, and every closing and reopening."""
    rijen = []
    for t in Termijn.objects.filter(casus=casus).order_by("start", "pk"):
        regel = REGELS.get(t.soort)
        rijen.append(
            {
                _("Soort"): str(regel.label) if regel else t.soort,
                **rij(t, ["start", "einde", "status", "beeindigd_op", "reden"]),
            }
        )
    sluitingen = [
        rij(s, ["soort", "reden", "toelichting", "bewaren_tot", "door", "op"])
        for s in Sluiting.objects.filter(casus=casus)
        .select_related("door__organisatie")
        .order_by("op", "pk")
    ]
    return Onderdeel(
        titel=_("Termijnen, sluitingen en heropeningen"),
        sleutel="termijnen",
        rijen=rijen + sluitingen,
        volgorde=30,
    )


@register
def wijzigingen_onderdeel(*, casus: Casus) -> Onderdeel:
    """The change history: who changed which fields when (never values)."""
    return Onderdeel(
        titel=_("Geschiedenis van wijzigingen"),
        sleutel="wijzigingen",
        rijen=[
            rij(w, ["op", "door", "onderwerp"])
            | {label(Wijziging, "velden"): ", ".join(map(str, w.velden)) or weergave.LEEG}
            for w in Wijziging.objects.filter(casus=casus)
            .select_related("door__organisatie")
            .order_by("op", "pk")
        ],
        volgorde=900,
    )


@register
def audit_onderdeel(*, casus: Casus) -> Onderdeel:
    """Who accessed the case's data, when, what they did and the purpose they
    stated. No technical details (address, browser, the event's detail)."""
    events = (
        AuditEvent.objects.filter(Q(casus_public_id=casus.public_id))
        .select_related("gebruiker", "organisatie")
        .order_by("op", "pk")
    )
    rijen = []
    for e in events:
        doel = e.get_gebruiksdoel_display() if e.gebruiksdoel else weergave.LEEG
        if e.gebruiksdoel and e.gebruiksdoel_toelichting:
            doel = f"{doel}: {e.gebruiksdoel_toelichting}"
        rijen.append(
            {
                _("Tijdstip"): weergave.datumtijd(e.op),
                _("Organisatie"): str(e.organisatie) if e.organisatie_id else weergave.LEEG,
                _("Gebruiker"): weergave.naam(e.gebruiker, e.gebruikersnaam or weergave.LEEG),
                _("Actie"): e.get_actie_display(),
                _("Uitkomst"): e.get_uitkomst_display(),
                _("Gegeven"): weergave.object_soort(e.object_type),
                _("Opgegeven doel"): doel,
            }
        )
    return Onderdeel(
        titel=_("Wie de gegevens inzag of wijzigde (audittrail)"),
        sleutel="audittrail",
        rijen=rijen,
        volgorde=1000,
    )


# The documents ---------------------------------------------------------------------------


def bestandsnaam(casus: Casus, extensie: str) -> str:
    """The download's file name: the case number only, never a name."""
    nummer = "".join(c if c.isalnum() or c in "-_" else "-" for c in casus.nummer)
    return f"inzage-{nummer}.{extensie}"


def inzage_json(*, casus: Casus, gemaakt_op: datetime.datetime) -> bytes:
    """The export as JSON: one object per part, under its key."""
    with translation.override(settings.LANGUAGE_CODE):
        data = {
            "casus": casus.nummer,
            "gemaakt_op": gemaakt_op.isoformat(),
            "onderdelen": {
                d.sleutel: {"titel": d.titel, "toelichting": d.toelichting, "rijen": d.rijen}
                for d in onderdelen(casus=casus)
            },
        }
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def inzage_pdf(*, casus: Casus, gemaakt_op: datetime.datetime) -> bytes:
    """The export as PDF (A4) through the core's safe engine: a title page with the
    case number and the date, then each part as a section of tables."""
    with translation.override(settings.LANGUAGE_CODE):
        delen = onderdelen(casus=casus)
        html = render_to_string(
            "casusoverleg/inzage_pdf.html",
            {
                "casus": casus,
                "onderdelen": delen,
                "datum": timezone.localtime(gemaakt_op),
                "titel": _("Inzage in persoonsgegevens, casus %(nummer)s")
                % {"nummer": casus.nummer},
            },
        )
    return pdf.render_pdf(html)
