"""The advies app's part of the subject-access export (``casusoverleg.inzage``):
every version of the advice on victimhood, drafts included (the person's data is
in them too), with its status, its content, each discipline's view and sign-off,
the adopted PDF's fingerprint, and where it was sent and what was decided.
Registered in ``AdviesConfig.ready``."""

from django.utils.translation import gettext as _

from casusoverleg import weergave
from casusoverleg.inzage import Onderdeel, rij

from .models import INHOUD, Advies

VELDEN = [
    "versie",
    "status",
    *INHOUD,
    "opgesteld_door",
    "beoordeeld_door",
    "vastgesteld_op",
    "ingetrokken_op",
    "ingetrokken_reden",
    "pdf_sha256",
    "inhoud_sha256",
]


def _regels(items, maak) -> str:
    return "\n".join(maak(i) for i in items) or weergave.LEEG


def adviezen_onderdeel(*, casus) -> Onderdeel:
    adviezen = (
        Advies.objects.filter(casus=casus)
        .select_related("opgesteld_door__organisatie", "beoordeeld_door__organisatie")
        .prefetch_related(
            "standpunten__organisatie",
            "aftekeningen__organisatie",
            "aftekeningen__door",
            "verzendingen__door",
            "besluiten__door",
        )
        .order_by("versie")
    )
    rijen = []
    for advies in adviezen:
        rijen.append(
            rij(advies, VELDEN)
            | {
                _("Standpunten"): _regels(
                    advies.standpunten.all(),
                    lambda s: (
                        f"{s.organisatie}: {s.get_oordeel_display()}"
                        + (f". {s.samenvatting}" if s.samenvatting else "")
                        + (f" ({_('afwijkend')}: {s.toelichting_afwijking})" if s.afwijkend else "")
                    ),
                ),
                _("Aftekeningen"): _regels(
                    advies.aftekeningen.all(),
                    lambda a: (
                        f"{a.organisatie}: {a.get_oordeel_display()}, "
                        f"{weergave.naam(a.door)}, {weergave.datumtijd(a.op)}"
                        + (f". {a.toelichting}" if a.toelichting else "")
                    ),
                ),
                _("Verzonden"): _regels(
                    advies.verzendingen.all(),
                    lambda v: (
                        f"{weergave.datum(v.verzonden_op)}: {v.get_geadresseerde_display()}"
                        + (
                            f" ({v.geadresseerde_toelichting})"
                            if v.geadresseerde_toelichting
                            else ""
                        )
                        + f", {v.get_kanaal_display()}, {weergave.naam(v.door)}"
                        + (f". {v.toelichting}" if v.toelichting else "")
                    ),
                ),
                _("Besluiten"): _regels(
                    advies.besluiten.all(),
                    lambda b: (
                        f"{weergave.datum(b.besluit_op)}: {b.get_geadresseerde_display()}, "
                        f"{b.get_uitkomst_display()}"
                        + (f". {b.toelichting}" if b.toelichting else "")
                    ),
                ),
            }
        )
    return Onderdeel(
        titel=_("Adviezen over slachtofferschap"),
        sleutel="adviezen",
        rijen=rijen,
        toelichting=_(
            "Alle versies, ook concepten. Van een vastgestelde versie staat de vingerafdruk "
            "(SHA-256) van de opgeslagen pdf vermeld; de pdf zelf is bij de coördinator "
            "op te vragen."
        ),
        volgorde=70,
    )
