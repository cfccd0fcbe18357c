"""The kinds of notification (``Melding``): what each says, who may receive it, how
it is mailed by default and whether a user may switch its e-mail off.

The core knows every kind (their codes are ``Meldingsoort``); the apps that own the
events call ``casusoverleg.services.melding_send`` after their write. A kind's text is
fixed wording with at most the case number and a date and time: a notice travels by
e-mail, so it never carries a name or anything else from the case.

"Cannot be switched off" means the e-mail cannot be switched off; the user still
chooses between direct and a daily overview. The notice in the centre is always made.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import weergave
from .models import Frequentie, Meldingsoort
from .permissions import meldingen as regels


@dataclass(frozen=True)
class Soort:
    code: str
    tekst: str  # fixed wording; may use %(nummer)s, %(datum)s and %(tijd)s
    standaard: str = Frequentie.DIRECT
    # Why the e-mail of this kind cannot be switched off (shown on the preferences
    # page); empty when it can.
    niet_uit: str = ""
    # Who may receive it (and later open it): a rule of the access module.
    regel: str = regels.CASUS
    # The owning app sends a mail of its own (a calendar invitation): no second mail.
    eigen_mail: str = ""

    @property
    def label(self) -> str:
        return Meldingsoort(self.code).label

    @property
    def uitschakelbaar(self) -> bool:
        return not self.niet_uit and not self.eigen_mail


_TOEGANG = _(
    "U moet weten tot welke casussen u toegang heeft en wanneer die stopt: dat is de "
    "grondslag om persoonsgegevens te mogen zien."
)
_VERPLICHTING = _(
    "Dit is werk dat het proces van u of uw organisatie vraagt; zonder bericht blijft het liggen."
)
_TERMIJN = _(
    "Een wettelijke termijn die verstrijkt zonder dat iemand het weet, kan de persoon "
    "rechten kosten."
)
_AGENDA = _("De uitnodiging komt altijd per e-mail, met het agendabestand voor uw agenda.")

SOORTEN: dict[str, Soort] = {
    s.code: s
    for s in [
        Soort(
            Meldingsoort.TOEGEVOEGD,
            _("U heeft toegang gekregen tot casus %(nummer)s."),
            niet_uit=_TOEGANG,
        ),
        Soort(
            Meldingsoort.VERWIJDERD,
            _("Uw toegang tot casus %(nummer)s is beëindigd."),
            niet_uit=_TOEGANG,
            regel=regels.CASUSWERK,
        ),
        Soort(Meldingsoort.NIEUWE_TAAK, _("Er is een nieuwe taak in casus %(nummer)s.")),
        Soort(
            Meldingsoort.TAAK_OVERGEDRAGEN,
            _("Een collega heeft een taak in casus %(nummer)s aan u overgedragen."),
        ),
        Soort(
            Meldingsoort.TAAK_VERLOPEN,
            _("Een taak in casus %(nummer)s is over de deadline."),
            niet_uit=_VERPLICHTING,
        ),
        Soort(
            Meldingsoort.CONCEPT_TERUGGESTUURD,
            _("Het conceptadvies in casus %(nummer)s is teruggestuurd; er moet iets anders."),
        ),
        Soort(
            Meldingsoort.AFTEKENEN_GEVRAAGD,
            _("Uw organisatie wordt gevraagd het advies in casus %(nummer)s af te tekenen."),
            niet_uit=_VERPLICHTING,
        ),
        Soort(
            Meldingsoort.UITNODIGING,
            _("U bent uitgenodigd voor een overleg op %(datum)s om %(tijd)s."),
            regel=regels.CASUSWERK,
            eigen_mail=_AGENDA,
        ),
        Soort(
            Meldingsoort.ZORGTAFEL_GEWIJZIGD,
            _("Een overleg waarvoor u bent uitgenodigd is gewijzigd: nu op %(datum)s om %(tijd)s."),
            regel=regels.CASUSWERK,
            eigen_mail=_AGENDA,
        ),
        Soort(
            Meldingsoort.ZORGTAFEL_GEANNULEERD,
            _("Het overleg op %(datum)s om %(tijd)s gaat voor u niet door."),
            regel=regels.CASUSWERK,
            eigen_mail=_AGENDA,
        ),
        Soort(
            Meldingsoort.ACTIEPUNT_TOEGEWEZEN,
            _("Uw organisatie heeft een actiepunt gekregen in casus %(nummer)s."),
        ),
        Soort(
            Meldingsoort.ACTIEPUNT_VERLOPEN,
            _("Een actiepunt van uw organisatie in casus %(nummer)s is over de deadline."),
            niet_uit=_VERPLICHTING,
        ),
        Soort(
            Meldingsoort.MELDING_ONTVANGEN,
            _("Er is een melding ontvangen voor casus %(nummer)s."),
            regel=regels.COMENSHA,
        ),
        Soort(
            Meldingsoort.MELDING_TE_MAKEN,
            _("Casus %(nummer)s moet nog worden gemeld aan CoMensha."),
            niet_uit=_VERPLICHTING,
        ),
        Soort(
            Meldingsoort.MELDING_GEREGISTREERD,
            _("CoMensha heeft de melding van casus %(nummer)s geregistreerd."),
        ),
        Soort(
            Meldingsoort.TERMIJN_HERINNERING,
            _("Een termijn in casus %(nummer)s loopt af op %(datum)s."),
            niet_uit=_TERMIJN,
        ),
        Soort(
            Meldingsoort.TERMIJN_VERLOPEN,
            _("Een termijn in casus %(nummer)s is verstreken."),
            niet_uit=_TERMIJN,
        ),
        Soort(
            Meldingsoort.KOPPELVERZOEK,
            _(
                "Een andere organisatie vraagt of casus %(nummer)s over dezelfde persoon gaat "
                "als een casus van hen."
            ),
            niet_uit=_VERPLICHTING,
            regel=regels.COORDINATIE,
        ),
        Soort(
            Meldingsoort.KOPPELVERZOEK_BEANTWOORD,
            _("Uw verzoek om casus %(nummer)s te koppelen is beantwoord."),
            regel=regels.COORDINATIE,
        ),
        # The receiving organisation does not see the case: the referral's own page
        # applies its rule when the notice is opened.
        Soort(
            Meldingsoort.DOORVERWIJZING,
            _("Casus %(nummer)s is naar uw organisatie doorverwezen en wacht op uw antwoord."),
            niet_uit=_VERPLICHTING,
            regel=regels.CASUSWERK,
        ),
        Soort(
            Meldingsoort.DOORVERWIJZING_BEANTWOORD,
            _("Een doorverwijzing in casus %(nummer)s is beantwoord."),
        ),
        Soort(
            Meldingsoort.DOORVERWIJZING_INGETROKKEN,
            _("De doorverwijzing van casus %(nummer)s naar uw organisatie is ingetrokken."),
            regel=regels.CASUSWERK,
        ),
        Soort(
            Meldingsoort.DOORVERWIJZING_OPEN,
            _("Een doorverwijzing in casus %(nummer)s is nog niet beantwoord."),
            niet_uit=_VERPLICHTING,
            regel=regels.COORDINATIE,
        ),
        # No case: the organisation's administrators review its access to cases.
        Soort(
            Meldingsoort.TOEGANGSREVIEW,
            _(
                "Het is tijd voor de toegangsreview van uw organisatie: bevestig of trek "
                "de toegang tot casussen in."
            ),
            niet_uit=_VERPLICHTING,
            regel=regels.ORGANISATIEBEHEER,
        ),
    ]
}


def soort(code: str) -> Soort:
    return SOORTEN[code]


def frequentie(soort: str, gekozen: str | None) -> str:
    """What applies for a kind, given the user's choice (None: none made). "Uit" for a
    kind whose e-mail cannot be switched off falls back to its default."""
    info = SOORTEN[soort]
    if gekozen is None or (gekozen == Frequentie.UIT and not info.uitschakelbaar):
        return info.standaard
    return gekozen


def meldingtekst(soort: str, nummer: str, wanneer=None) -> str:
    """A kind's fixed wording with the case number and, for a meeting, its date and
    time, in the active language."""
    waarden = {"nummer": nummer}
    if wanneer is not None:
        waarden.update(datum=weergave.datum(wanneer), tijd=weergave.tijd(wanneer))
    return str(SOORTEN[soort].tekst) % waarden


def tekst(melding) -> str:
    """How a notice reads now, in the reader's language of the moment (the stored
    ``tekst`` is what was sent, in the language of then)."""
    if melding.soort not in SOORTEN:
        return melding.tekst
    return meldingtekst(
        melding.soort, melding.casus.nummer if melding.casus_id else "", melding.wanneer
    )
