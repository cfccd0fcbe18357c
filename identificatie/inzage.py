"""The identificatie app's parts of the subject-access export
(``casusoverleg.inzage``): the signals attached to the case, the report to
CoMensha, the reflection period, and the identification rounds with their
assessments. Registered in ``IdentificatieConfig.ready``.

Withheld information (``Beoordeling.achtergehouden``, with its reason and ground)
is left out, and so is an assessment that was never submitted (a discipline's
draft): each is named in the part's ``achtergehouden`` for the coordinator, who
asks the organisation before adding anything by hand (see ``casusoverleg.inzage``).
Signals are only those attached to this case; a waiting signal that may be of the
same person belongs to nobody's case yet and is not in it.
"""

from django.utils.translation import gettext as _

from casusoverleg import weergave
from casusoverleg.inzage import Onderdeel, label, rij

from .models import Bedenktijd, Beoordeling, IdentificatieProces, Melding, Signaal

SIGNAAL_VELDEN = [
    "waargenomen_op",
    "plaats",
    "organisatie",
    "gemeld_door",
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
    "status",
    "created_at",
]

MELDING_VELDEN = [
    "status",
    "meldende_organisatie",
    "gemeld_op",
    "gemeld_door",
    "registratienummer",
    "geregistreerd_op",
    "geregistreerd_door",
    "reden_niet_gemeld",
    "toelichting_niet_gemeld",
    "herkomstland",
    "leeftijd",
    "geslacht",
    "datum_signaal",
]

BEOORDELING_VELDEN = [
    "organisatie",
    "oordeel",
    "feiten",
    "professioneel_oordeel",
    "onderbouwing",
    "behoeften",
    "risico_veiligheid",
    "risico_vlucht",
    "risico_herhaling",
    "strafzaak",
    "strafzaak_toelichting",
    "ingediend_op",
    "te_laat",
]


def signalen_onderdeel(*, casus) -> Onderdeel:
    signalen = (
        Signaal.objects.filter(casus=casus)
        .select_related("organisatie", "gemeld_door__organisatie")
        .prefetch_related("indicatoren")
        .order_by("waargenomen_op", "pk")
    )
    return Onderdeel(
        titel=_("Signalen"),
        sleutel="signalen",
        rijen=[
            rij(s, SIGNAAL_VELDEN)
            | {
                label(Signaal, "indicatoren"): "; ".join(str(i) for i in s.indicatoren.all())
                or weergave.LEEG
            }
            for s in signalen
        ],
        volgorde=40,
    )


def melding_onderdeel(*, casus) -> Onderdeel:
    """The report to CoMensha and the reflection periods."""
    rijen = []
    melding = (
        Melding.objects.filter(casus=casus)
        .select_related(
            "meldende_organisatie", "gemeld_door__organisatie", "geregistreerd_door__organisatie"
        )
        .first()
    )
    if melding is not None:
        rijen.append(
            {_("Soort"): str(Melding._meta.verbose_name)}
            | rij(melding, MELDING_VELDEN)
            | {label(Melding, "vormen"): weergave.uitbuitingsvormen(melding.vormen)}
        )
    for b in Bedenktijd.objects.filter(casus=casus).order_by("start", "pk"):
        rijen.append(
            {_("Soort"): str(Bedenktijd._meta.verbose_name)}
            | rij(b, ["start", "einde", "uitkomst", "uitkomst_op", "uitkomst_toelichting"])
        )
    return Onderdeel(
        titel=_("Melding aan CoMensha en bedenktijd"),
        sleutel="melding",
        rijen=rijen,
        volgorde=50,
    )


def beoordelingen_onderdeel(*, casus) -> Onderdeel:
    """Each identification round, then each submitted assessment with its addenda;
    withheld information and unsubmitted drafts left out (named for the coordinator)."""
    rijen = []
    achtergehouden = []
    for proces in IdentificatieProces.objects.filter(casus=casus).order_by("created", "pk"):
        rijen.append(
            {_("Soort"): str(IdentificatieProces._meta.verbose_name)}
            | rij(
                proces,
                [
                    "deadline",
                    "ronde_gesloten_op",
                    "ronde_gesloten_wegens",
                    "ronde_vervroegd_reden",
                    "zorgtafel_uitkomst",
                    "geannuleerd_reden",
                ],
            )
            | {_("Gestart op"): weergave.datumtijd(proces.created)}
        )
    beoordelingen = (
        Beoordeling.objects.filter(proces__casus=casus)
        .select_related("organisatie", "ingediend_door__organisatie")
        .prefetch_related("indicatoren", "addenda__door__organisatie")
        .order_by("proces__created", "organisatie__naam", "pk")
    )
    for b in beoordelingen:
        if not b.ingediend:
            achtergehouden.append(
                _("Beoordeling van %(organisatie)s: niet ingediend (concept), niet opgenomen.")
                % {"organisatie": b.organisatie}
            )
            continue
        if b.achtergehouden:
            achtergehouden.append(
                _(
                    "Beoordeling van %(organisatie)s, ingediend op %(datum)s: achtergehouden "
                    "informatie (grondslag: %(grondslag)s) niet opgenomen."
                )
                % {
                    "organisatie": b.organisatie,
                    "datum": weergave.datum(b.ingediend_op),
                    "grondslag": b.achtergehouden_grondslag,
                }
            )
        addenda = "\n".join(
            f"{weergave.datumtijd(a.created_at)}, {weergave.persoon(a.door)}: {a.tekst}"
            for a in b.addenda.all()
        )
        rijen.append(
            {_("Soort"): str(Beoordeling._meta.verbose_name)}
            | rij(b, BEOORDELING_VELDEN)
            | {
                label(Beoordeling, "indicatoren"): "; ".join(str(i) for i in b.indicatoren.all())
                or weergave.LEEG,
                _("Addenda"): addenda or weergave.LEEG,
            }
        )
    return Onderdeel(
        titel=_("Identificatie en beoordelingen"),
        sleutel="beoordelingen",
        rijen=rijen,
        toelichting=_(
            "Informatie die een organisatie op wettelijke grond heeft achtergehouden, is in "
            "dit overzicht niet opgenomen."
        ),
        achtergehouden=achtergehouden,
        volgorde=60,
    )
