"""Fictional demo data: the one place it comes from.

Every name, organisation and case here is invented. The command is idempotent
(running it twice gives the same data) and refuses to run when DEBUG is off, so
it can never fill a production database.

Cases are made only through ``casusoverleg.services``, as a coordinator would
make them, so their participants, object permissions, history and audit trail
are exactly what the application itself produces. A demo case is recognised by
its (fictional) name: one that already exists is left alone. Signals and the
reports to CoMensha go through ``identificatie.services`` in the same way; a
signal is recognised by its organisation, place and observation.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from casusoverleg import services
from casusoverleg.audit import AuditContext, Doel
from casusoverleg.models import (
    Behoefte,
    Casus,
    Deelname,
    Discipline,
    Organisatie,
    Uitbuitingsvorm,
    User,
)
from casusoverleg.models.casus import add_years
from identificatie import services as identificatie
from identificatie.models import Indicator, IndicatorLijst, Melding, Signaal
from zorgtafel import services as zorgtafel_services
from zorgtafel.models import Zorgtafel

DEMO_PASSWORD = "demo"  # noqa: S105 - fictional accounts, DEBUG only

ORGANISATIES = [
    ("Politie Eenheid Voorbeeldland", Discipline.POLITIE),
    ("Koninklijke Marechaussee, brigade Voorbeeldhaven", Discipline.KMAR),
    ("Arbeidsinspectie, team Voorbeeld", Discipline.INSPECTIE_SZW),
    ("Openbaar Ministerie, arrondissement Voorbeeld", Discipline.OM),
    ("Zorgcentrum De Vuurtoren", Discipline.ZORG),
    ("Jeugdzorg Regio Voorbeeld", Discipline.JEUGDZORG),
    ("Nidos, regio Voorbeeld", Discipline.NIDOS),
    ("Advocatenkantoor Van Dijk & Partners", Discipline.ADVOCATUUR),
    ("Advocatenkantoor De Linde", Discipline.ADVOCATUUR),
    ("CoMensha", Discipline.COMENSHA),
    ("Gemeente Voorbeeldstad, zorgcoördinatie", Discipline.GEMEENTE),
    ("Slachtofferhulp Nederland, regio Voorbeeld", Discipline.SLACHTOFFERHULP),
    ("IND, directie Voorbeeld", Discipline.IND),
    ("Projectgroep identificatie", Discipline.PROJECTGROEP),
    ("Functioneel beheer Casusoverleg", Discipline.BEHEER),
    ("Zorginstelling Elders", Discipline.ZORG),
]

# username, first name, last name, organisation, roles
USERS = [
    (
        "coordinator",
        "Carla",
        "Coördinator",
        "Gemeente Voorbeeldstad, zorgcoördinatie",
        {"is_coordinator"},
    ),
    (
        "coordinator2",
        "Rik",
        "Reviewer",
        "Gemeente Voorbeeldstad, zorgcoördinatie",
        {"is_coordinator", "is_reviewer"},
    ),
    ("politie", "Peter", "Politie", "Politie Eenheid Voorbeeldland", set()),
    ("zorg", "Zehra", "Zorg", "Zorgcentrum De Vuurtoren", set()),
    ("jeugdzorg", "Joost", "Jeugdzorg", "Jeugdzorg Regio Voorbeeld", set()),
    ("nidos", "Nadia", "Nidos", "Nidos, regio Voorbeeld", set()),
    ("advocaat", "Anna", "Advocaat", "Advocatenkantoor Van Dijk & Partners", set()),
    ("advocaat2", "Bram", "Advocaat", "Advocatenkantoor De Linde", set()),
    ("comensha", "Cor", "CoMensha", "CoMensha", set()),
    ("projectgroep", "Pia", "Projectgroep", "Projectgroep identificatie", set()),
    ("beheerder", "Bert", "Beheerder", "Functioneel beheer Casusoverleg", {"is_staff"}),
    ("buitenstaander", "Bas", "Buitenstaander", "Zorginstelling Elders", set()),
]

COORDINERENDE_ORGANISATIE = "Gemeente Voorbeeldstad, zorgcoördinatie"

# Short names for the participants in CASUSSEN: (organisation, lawyer). A lawyer
# takes part personally, as the person's own counsel, never the whole firm.
DEELNEMERS = {
    "politie": ("Politie Eenheid Voorbeeldland", None),
    "kmar": ("Koninklijke Marechaussee, brigade Voorbeeldhaven", None),
    "inspectie": ("Arbeidsinspectie, team Voorbeeld", None),
    "om": ("Openbaar Ministerie, arrondissement Voorbeeld", None),
    "zorg": ("Zorgcentrum De Vuurtoren", None),
    "jeugdzorg": ("Jeugdzorg Regio Voorbeeld", None),
    "nidos": ("Nidos, regio Voorbeeld", None),
    "comensha": ("CoMensha", None),
    "gemeente": (COORDINERENDE_ORGANISATIE, None),
    "slachtofferhulp": ("Slachtofferhulp Nederland, regio Voorbeeld", None),
    "advocaat": ("Advocatenkantoor Van Dijk & Partners", "advocaat"),
    "advocaat2": ("Advocatenkantoor De Linde", "advocaat2"),
}

V, M, X = Casus.Geslacht.VROUW, Casus.Geslacht.MAN, Casus.Geslacht.ANDERS
U = Uitbuitingsvorm
S = Casus.Status
B = Behoefte.Type
BS = Behoefte.Status
DEELNEMER, WAARNEMER = Deelname.Rol.DEELNEMER, Deelname.Rol.WAARNEMER

# The demo cases; every person is invented. Dates are relative to today, so the
# ages stay right whenever the demo is loaded:
#   wordt           (age, days): the person turns <age> in <days> days
#   geschat         estimated birth year as years before this year (no date of birth)
#   signaal         first signal, in days before today
#   deelnemers      (short name, role), in the order they were invited
#   beeindigd       participations ended later on (they stay visible in the history)
#   behoeften       (type, owner, status, explanation); the owner takes part
#   niet_mogelijk   reason, for a need that cannot be met
CASUSSEN = [
    {
        "naam": "Alina Voorbeeld",
        "coordinator": "coordinator",
        "geslacht": V,
        "nationaliteit": "RO",
        "talen": "Roemeens, Engels",
        "wordt": (25, 140),
        "signaal": 75,
        "vormen": [U.SEKSUEEL],
        "status": S.IN_BEHANDELING,
        "veilig_contact": "Alleen via de begeleider van Zorgcentrum De Vuurtoren.",
        "deelnemers": [
            ("politie", DEELNEMER),
            ("zorg", DEELNEMER),
            ("advocaat", DEELNEMER),
            ("slachtofferhulp", DEELNEMER),
            ("comensha", WAARNEMER),
        ],
        "behoeften": [
            (B.OPVANG, "zorg", BS.GEREGELD, "Plek in de categorale opvang (COSM)."),
            (B.JURIDISCH, "advocaat", BS.IN_BEHANDELING, "Aangifte voorbereiden."),
            (B.BEJEGENING, "politie", BS.OPEN, "Verhoor door een vrouwelijke rechercheur."),
            (B.SCHADEVERGOEDING, "slachtofferhulp", BS.OPEN, ""),
        ],
    },
    {
        # A Dutch girl exploited by a 'loverboy'.
        "naam": "Sanne Fictief",
        "coordinator": "coordinator",
        "geslacht": V,
        "nationaliteit": "NL",
        "talen": "Nederlands",
        "wordt": (16, 200),
        "signaal": 30,
        "vormen": [U.SEKSUEEL],
        "status": S.OPEN,
        "veilig_contact": "Niet via de eigen telefoon; de dader leest mee. Via jeugdzorg.",
        "deelnemers": [
            ("jeugdzorg", DEELNEMER),
            ("politie", DEELNEMER),
            ("zorg", DEELNEMER),
        ],
        "behoeften": [
            (B.OPVANG, "jeugdzorg", BS.IN_BEHANDELING, "Beschermde opvang voor meisjes."),
            (B.PSYCHOLOGISCH, "zorg", BS.OPEN, "Traumabehandeling gericht op de uitbuiting."),
            (B.OPSPORING, "politie", BS.OPEN, ""),
        ],
    },
    {
        # An unaccompanied minor (amv) who turns 18 soon: the guardian's care ends.
        "naam": "Dawit Demo",
        "coordinator": "coordinator2",
        "geslacht": M,
        "nationaliteit": "ER",
        "talen": "Tigrinya, Engels",
        "wordt": (18, 45),
        "signaal": 160,
        "vormen": [U.ARBEID, U.CRIMINEEL],
        "status": S.IN_BEHANDELING,
        "deelnemers": [
            ("nidos", DEELNEMER),
            ("jeugdzorg", DEELNEMER),
            ("zorg", DEELNEMER),
            ("comensha", WAARNEMER),
        ],
        "behoeften": [
            (B.OPVANG, "nidos", BS.GEREGELD, "Beschermde opvang voor amv."),
            (B.VERBLIJF, "nidos", BS.OPEN, "Verblijf en begeleiding na de 18e verjaardag."),
            (B.PSYCHOLOGISCH, "zorg", BS.IN_BEHANDELING, ""),
        ],
    },
    {
        "naam": "Bogdan Fictief",
        "coordinator": "coordinator",
        "geslacht": M,
        "nationaliteit": "BG",
        "talen": "Bulgaars",
        "wordt": (42, 60),
        "signaal": 210,
        "vormen": [U.ARBEID],
        "status": S.ADVIES_GEGEVEN,
        "deelnemers": [
            ("inspectie", DEELNEMER),
            ("zorg", DEELNEMER),
            ("advocaat2", DEELNEMER),
            ("politie", WAARNEMER),
        ],
        "behoeften": [
            (B.OPVANG, "zorg", BS.GEREGELD, ""),
            (B.SCHADEVERGOEDING, "advocaat2", BS.OPEN, "Achterstallig loon van de werkgever."),
            (B.PRAKTISCH, "gemeente", BS.GEREGELD, "Inschrijving en bankrekening."),
        ],
    },
    {
        "naam": "Marek Verzonnen",
        "coordinator": "coordinator2",
        "geslacht": M,
        "nationaliteit": "PL",
        "talen": "Pools, een beetje Duits",
        "wordt": (36, 250),
        "signaal": 330,
        "vormen": [U.ARBEID],
        "status": S.GESLOTEN,
        "deelnemers": [
            ("inspectie", DEELNEMER),
            ("om", DEELNEMER),
            ("zorg", DEELNEMER),
            ("comensha", DEELNEMER),
        ],
        "beeindigd": ["zorg"],
        "behoeften": [
            (B.MEDISCH, "zorg", BS.GEREGELD, "Behandeling van een arbeidsongeval."),
            (B.OPVANG, "gemeente", BS.NIET_MOGELIJK, ""),
        ],
        "niet_mogelijk": "De persoon keert op eigen verzoek terug naar Polen.",
    },
    {
        "naam": "Joy Voorbeeld",
        "coordinator": "coordinator",
        "geslacht": V,
        "nationaliteit": "NG",
        "talen": "Engels, Edo",
        "wordt": (30, 20),
        "signaal": 50,
        "vormen": [U.SEKSUEEL],
        "status": S.IN_BEHANDELING,
        "aliassen": "Blessing\nJoyce",
        "deelnemers": [
            ("kmar", DEELNEMER),
            ("politie", DEELNEMER),
            ("zorg", DEELNEMER),
            ("advocaat", DEELNEMER),
            ("comensha", DEELNEMER),
        ],
        "behoeften": [
            (B.VERBLIJF, "advocaat", BS.IN_BEHANDELING, "Verblijf voor slachtoffers."),
            (B.MEDISCH, "zorg", BS.OPEN, ""),
            (B.OPSPORING, "politie", BS.IN_BEHANDELING, ""),
        ],
    },
    {
        # Age unknown: only an estimated birth year.
        "naam": "Thanh Demo",
        "coordinator": "coordinator2",
        "geslacht": M,
        "nationaliteit": "VN",
        "talen": "Vietnamees",
        "geschat": 20,
        "signaal": 12,
        "vormen": [U.CRIMINEEL],
        "status": S.OPEN,
        "deelnemers": [
            ("politie", DEELNEMER),
            ("advocaat2", DEELNEMER),
            ("zorg", DEELNEMER),
        ],
        "behoeften": [
            (B.OPVANG, "zorg", BS.OPEN, ""),
            (B.JURIDISCH, "advocaat2", BS.OPEN, "Niet vervolgen voor de hennepteelt."),
        ],
    },
    {
        # Just opened: no first signal date recorded yet.
        "naam": "Olena Voorbeeld",
        "coordinator": "coordinator",
        "geslacht": V,
        "nationaliteit": "UA",
        "talen": "Oekraïens, Russisch",
        "wordt": (34, 300),
        "vormen": [U.ARBEID],
        "status": S.OPEN,
        "deelnemers": [
            ("zorg", DEELNEMER),
            ("comensha", DEELNEMER),
            ("politie", WAARNEMER),
        ],
        "behoeften": [
            (B.PRAKTISCH, "gemeente", BS.OPEN, "Leefgeld en een tolk."),
            (B.PSYCHOLOGISCH, "zorg", BS.OPEN, ""),
        ],
    },
    {
        "naam": "Mei Fictief",
        "coordinator": "coordinator2",
        "geslacht": V,
        "nationaliteit": "CN",
        "talen": "Mandarijn",
        "wordt": (39, 100),
        "signaal": 120,
        "vormen": [U.SEKSUEEL, U.ARBEID],
        "status": S.ADVIES_GEGEVEN,
        "deelnemers": [
            ("politie", DEELNEMER),
            ("zorg", DEELNEMER),
            ("comensha", DEELNEMER),
            ("slachtofferhulp", WAARNEMER),
        ],
        "behoeften": [
            (B.OPVANG, "zorg", BS.GEREGELD, ""),
            (B.BEJEGENING, "politie", BS.GEREGELD, "Verhoor met een vertrouwde tolk."),
        ],
    },
    {
        "naam": "Alex Demo",
        "coordinator": "coordinator",
        "geslacht": X,
        "nationaliteit": "HU",
        "talen": "Hongaars, Engels",
        "wordt": (28, 180),
        "signaal": 400,
        "vormen": [U.SEKSUEEL],
        "status": S.GESLOTEN,
        "deelnemers": [
            ("politie", DEELNEMER),
            ("comensha", DEELNEMER),
            ("slachtofferhulp", DEELNEMER),
        ],
        "beeindigd": ["politie"],
        "behoeften": [
            (B.SCHADEVERGOEDING, "slachtofferhulp", BS.GEREGELD, ""),
        ],
    },
    {
        "naam": "Youssef Verzonnen",
        "coordinator": "coordinator2",
        "geslacht": M,
        "nationaliteit": "MA",
        "talen": "Arabisch, Frans",
        "wordt": (23, 30),
        "signaal": 90,
        "vormen": [U.CRIMINEEL, U.BEDELARIJ],
        "status": S.IN_BEHANDELING,
        "deelnemers": [
            ("politie", DEELNEMER),
            ("om", DEELNEMER),
            ("zorg", DEELNEMER),
        ],
        "behoeften": [
            (B.BEJEGENING, "om", BS.IN_BEHANDELING, "Niet-bestraffingsbeginsel toetsen."),
            (B.OPVANG, "zorg", BS.IN_BEHANDELING, ""),
        ],
    },
]

# Signals, each recorded through ``identificatie.services`` by the user in "door",
# with indicators picked by code from the list in use. Dates are days before today.
#   casus          attach the signal to this demo case (the user takes part with
#                  change rights)
#   opent_casus    open a new case from the signal, coordinated by this organisation
#   afsluiten      close the signal without further action, for this reason
#   (none of them) the signal waits for an outcome
#   persoon        the person's data, for a signal that is not about a demo case;
#                  a signal about a demo case copies the case's person
#   grondslag      not for police: the service records a legal task for them
#   A signal that already exists (same organisation, place and observation) is
#   left alone.
SU = Signaal.Urgentie
SG = Signaal.Grondslag
ST = Signaal.ToestemmingDoor
SIGNALEN = [
    {
        "door": "politie",
        "casus": "Alina Voorbeeld",
        "dagen": 75,
        "plaats": "Raamprostitutiegebied Havenkwartier, Voorbeeldstad",
        "indicatoren": ["SEX-01", "SEX-02", "ALG-07"],
        "urgentie": SU.HOOG,
        "vorm": U.SEKSUEEL,
        "observatie": (
            "Bij een controle trof de zedenpolitie de vrouw aan achter een raam dat op "
            "naam van een ander staat. Zij werkt naar eigen zeggen zeven dagen per week "
            "en draagt haar verdiensten elke avond af aan een man die zij haar vriend "
            "noemt. Haar paspoort had zij niet bij zich; dat zou bij hem liggen."
        ),
    },
    {
        # The 15-year-old: under 16, so a parent gives consent.
        "door": "jeugdzorg",
        "casus": "Sanne Fictief",
        "dagen": 30,
        "plaats": "Woning van de moeder, Voorbeeldstad-Noord",
        "indicatoren": ["MIN-01", "MIN-03", "MIN-04", "MIN-06"],
        "urgentie": SU.ACUUT,
        "vorm": U.SEKSUEEL,
        "grondslag": SG.TOESTEMMING,
        "toestemming_door": ST.OUDER,
        "observatie": (
            "De moeder meldt dat Sanne sinds drie nachten niet thuis slaapt en haar "
            "telefoon niet opneemt. Zij gaat al weken niet naar school. Volgens de moeder "
            "wordt zij na school opgehaald door een auto met twee oudere mannen; een van "
            "hen noemt zij haar vriend. De moeder gaf toestemming dit signaal te delen."
        ),
    },
    {
        "door": "nidos",
        "casus": "Dawit Demo",
        "dagen": 160,
        "plaats": "Beschermde opvang voor amv, Voorbeeldstad",
        "indicatoren": ["ALG-08", "ARB-05", "CRIM-01", "CRIM-08"],
        "urgentie": SU.HOOG,
        "vorm": U.CRIMINEEL,
        "grondslag": SG.TOESTEMMING,
        "toestemming_door": ST.PERSOON,
        "observatie": (
            "In een gesprek met zijn voogd vertelt Dawit dat hij de reis naar Nederland "
            "moet terugbetalen. Hij werkt 's avonds en in het weekend in een afhaalzaak "
            "en brengt daarnaast pakketjes rond voor de eigenaar. Hij zegt dat de schuld "
            "steeds hoger wordt. Hij gaf zelf toestemming om dit te delen."
        ),
    },
    {
        "door": "zorg",
        "casus": "Bogdan Fictief",
        "dagen": 210,
        "plaats": "Huisartsenpost Voorbeeldstad",
        "indicatoren": ["ARB-01", "ARB-03", "ARB-07", "ARB-09"],
        "urgentie": SU.NORMAAL,
        "vorm": U.ARBEID,
        "grondslag": SG.TOESTEMMING,
        "toestemming_door": ST.PERSOON,
        "observatie": (
            "De man komt met een handblessure van het werk in een distributiecentrum. "
            "Hij woont met elf collega's in een woning van de werkgever. Hij heeft al "
            "twee maanden geen loon gehad; op zijn loonstroken staan inhoudingen voor "
            "huur, vervoer en boetes. Een contract heeft hij niet. Hij gaf toestemming."
        ),
    },
    {
        "door": "zorg",
        "casus": "Joy Voorbeeld",
        "dagen": 50,
        "plaats": "Zorgcentrum De Vuurtoren, Voorbeeldstad",
        "indicatoren": ["ALG-04", "ALG-06", "ALG-08", "SEX-10"],
        "urgentie": SU.HOOG,
        "vorm": U.SEKSUEEL,
        "grondslag": SG.TOESTEMMING,
        "toestemming_door": ST.PERSOON,
        "observatie": (
            "Mevrouw vertelt bij de intake dat zij voor vertrek uit Nigeria een eed "
            "heeft afgelegd en een schuld van 30.000 euro moet afbetalen. Haar familie "
            "wordt bedreigd als zij niet betaalt. Zij mag alleen bellen met de vrouw "
            "die haar huisvest. Zij gaf toestemming om dit signaal te delen."
        ),
    },
    {
        "door": "politie",
        "casus": "Thanh Demo",
        "dagen": 12,
        "plaats": "Bedrijfspand Industrieweg, Voorbeeldstad",
        "indicatoren": ["CRIM-02", "CRIM-09", "ALG-12"],
        "urgentie": SU.HOOG,
        "vorm": U.CRIMINEEL,
        "observatie": (
            "Bij de ontmanteling van een hennepkwekerij werd de man aangehouden. Hij "
            "sliep op een matras in de kwekerij; de deur was van buiten afgesloten. Hij "
            "spreekt alleen Vietnamees, kent het adres niet en zegt dat hij moest werken "
            "om de reis af te betalen."
        ),
    },
    {
        "door": "politie",
        "casus": "Youssef Verzonnen",
        "dagen": 90,
        "plaats": "Winkelcentrum De Passage, Voorbeeldstad",
        "indicatoren": ["CRIM-03", "CRIM-06", "CRIM-10"],
        "urgentie": SU.NORMAAL,
        "vorm": U.CRIMINEEL,
        "observatie": (
            "De man is voor de vierde keer aangehouden voor winkeldiefstal. Elke keer "
            "meldt zich dezelfde man die de boete betaalt en hem ophaalt. Overdag bedelt "
            "hij bij het station; de opbrengst moet hij 's avonds afgeven."
        ),
    },
    {
        # Zorg records a signal and asks the municipality to coordinate a new case.
        "door": "zorg",
        "opent_casus": COORDINERENDE_ORGANISATIE,
        "dagen": 8,
        "plaats": "Inloopspreekuur Zorgcentrum De Vuurtoren, Voorbeeldstad",
        "indicatoren": ["ALG-03", "ALG-07", "ARB-02", "ARB-13"],
        "urgentie": SU.HOOG,
        "vorm": U.ARBEID,
        "grondslag": SG.TOESTEMMING,
        "toestemming_door": ST.PERSOON,
        "persoon": {
            "naam": "Lorna Fictief",
            "wordt": (32, 90),
            "geslacht": V,
            "nationaliteit": "PH",
        },
        "observatie": (
            "Mevrouw komt op het spreekuur met klachten van uitputting. Zij werkt inwonend "
            "als huishoudster bij een gezin, zonder vaste werktijden en zonder vrije dag. "
            "Zij krijgt 150 euro zakgeld per maand; haar paspoort bewaart de werkgever. "
            "Zij mag alleen de deur uit om de kinderen naar school te brengen. "
            "Zij gaf toestemming om dit signaal te delen."
        ),
    },
    {
        # Still waiting for an outcome: the police user finds it under /signalen/.
        "door": "politie",
        "dagen": 3,
        "plaats": "Massagesalon Stationsweg, Voorbeeldstad",
        "indicatoren": ["ALG-10", "ALG-12", "SEX-06", "SEX-08"],
        "urgentie": SU.HOOG,
        "vorm": U.SEKSUEEL,
        "persoon": {"geschatte_leeftijd": 22, "geslacht": V, "nationaliteit": "TH"},
        "observatie": (
            "Bij een controle van de salon werden drie vrouwen aangetroffen die in het "
            "pand wonen. Een van hen, naar schatting begin twintig, kon haar woonadres "
            "niet noemen. Een man voerde steeds het woord voor haar en hield haar "
            "telefoon vast. Zij gaf geen naam op."
        ),
    },
    {
        # Anonymous: no consent, so no name and no date of birth.
        "door": "zorg",
        "afsluiten": (
            "Na een tweede gesprek: de man heeft een geldig contract, een eigen "
            "bankrekening en zijn eigen papieren; de inhoudingen staan in de cao. Geen "
            "aanwijzingen voor uitbuiting. Hij is gewezen op het Juridisch Loket."
        ),
        "dagen": 20,
        "plaats": "Wijkpost Kassengebied, Voorbeeldstad",
        "indicatoren": ["ARB-03", "ARB-12"],
        "urgentie": SU.NORMAAL,
        "vorm": U.ARBEID,
        "grondslag": SG.ANONIEM,
        "persoon": {"geschatte_leeftijd": 40, "geslacht": M, "nationaliteit": "RO"},
        "observatie": (
            "Een man vertelt op de wijkpost dat hij met een busje van en naar de kassen "
            "wordt gebracht en dat het uitzendbureau huur en vervoer op zijn loon "
            "inhoudt. Hij wil zijn naam niet geven."
        ),
    },
]

# The report to CoMensha. Every demo case gets one (pre-filled from its first
# signal); the cases below are past "te melden", the others still wait for it.
#   gemeld:       (case, acting user, days before today, CoMensha reference number)
#   niet gemeld:  (case, acting user, reason, explanation)
MELDINGEN_GEMELD = [
    ("Alina Voorbeeld", "politie", 70, 412),
    ("Dawit Demo", "nidos", 150, 188),
    ("Bogdan Fictief", "zorg", 200, 131),
    ("Marek Verzonnen", "coordinator2", 320, 57),
    ("Mei Fictief", "coordinator2", 110, 233),
    ("Alex Demo", "coordinator", 395, 19),
]
MELDINGEN_NIET_GEMELD = [
    (
        "Youssef Verzonnen",
        "coordinator2",
        Melding.RedenNietGemeld.AL_GEMELD,
        "De politie meldde hem bij CoMensha na de aanhouding, voor deze casus bestond.",
    ),
]

BEHEER_GROUP = "Functioneel beheer"
BEHEER_PERMISSIONS = [
    ("casusoverleg", "organisatie", ("add", "change", "view")),
    ("casusoverleg", "user", ("add", "change", "view")),
    ("identificatie", "indicatorlijst", ("add", "change", "view")),
    ("identificatie", "indicatorgroep", ("add", "change", "delete", "view")),
    ("identificatie", "indicator", ("add", "change", "delete", "view")),
]


class Command(BaseCommand):
    help = "Laad fictieve demonstratiegegevens (alleen met DEBUG aan)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demogegevens worden alleen geladen met DEBUG aan; deze database is mogelijk echt."
            )
        with transaction.atomic():
            organisaties = self._organisaties()
            beheer = self._beheer_group()
            users = self._users(organisaties, beheer)
            nieuw = casussen_create(organisaties=organisaties, users=users)
            signalen = signalen_create(organisaties=organisaties, users=users)
            meldingen = meldingen_update(organisaties=organisaties, users=users)
            zorgtafels = zorgtafels_create(organisaties=organisaties, users=users)
            processen = processen_create(organisaties=organisaties, users=users)
        self.stdout.write(f"{nieuw} casussen aangemaakt, {len(CASUSSEN) - nieuw} bestonden al.")
        self.stdout.write(
            f"{signalen} signalen vastgelegd, {len(SIGNALEN) - signalen} bestonden al; "
            f"{meldingen} meldingen aan CoMensha bijgewerkt."
        )
        self.stdout.write(f"{zorgtafels} zorgtafels gepland.")
        self.stdout.write(f"{processen} identificatieprocessen gestart.")
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))

    def _organisaties(self):
        result = {}
        for naam, discipline in ORGANISATIES:
            org, _ = Organisatie.objects.update_or_create(
                naam=naam, defaults={"discipline": discipline, "actief": True}
            )
            result[naam] = org
        return result

    def _beheer_group(self):
        group, _ = Group.objects.get_or_create(name=BEHEER_GROUP)
        perms = [
            Permission.objects.get(
                content_type__app_label=app, content_type__model=model, codename=f"{action}_{model}"
            )
            for app, model, actions in BEHEER_PERMISSIONS
            for action in actions
        ]
        group.permissions.set(perms)
        return group

    def _users(self, organisaties, beheer):
        """The demo accounts, made or brought back in line through the user
        services as the system, so their organisation groups are the real ones;
        administrators also get the functional management group."""
        ctx = AuditContext.system()
        users = {}
        for username, first, last, org_naam, roles in USERS:
            flags = {
                "is_coordinator": "is_coordinator" in roles,
                "is_reviewer": "is_reviewer" in roles,
            }
            user = User.objects.filter(username=username).first()
            if user is None:
                user = services.gebruiker_create(
                    ctx=ctx,
                    username=username,
                    organisatie=organisaties[org_naam],
                    password=DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@example.org",
                    is_staff="is_staff" in roles,
                    beheergroepen=[beheer] if "is_staff" in roles else [],
                    **flags,
                )
            else:
                user = services.gebruiker_organisatie_change(
                    ctx=ctx, gebruiker=user, organisatie=organisaties[org_naam]
                )
                user = services.gebruiker_rollen_change(
                    ctx=ctx, gebruiker=user, is_active=True, is_staff="is_staff" in roles, **flags
                )
                # Demo data only (DEBUG): names and the shared password are reset
                # in place; real passwords change through the four-eyes reset.
                user.first_name, user.last_name = first, last
                user.email = f"{username}@example.org"
                user.is_superuser = False
                if not user.check_password(DEMO_PASSWORD):
                    user.set_password(DEMO_PASSWORD)
                user.save(
                    update_fields=["first_name", "last_name", "email", "is_superuser", "password"]
                )
            users[username] = user
        return users


def casussen_create(*, organisaties, users) -> int:
    """Create the demo cases that do not exist yet; return how many were created."""
    bestaand = set(
        Casus.objects.filter(
            coordinerende_organisatie=organisaties[COORDINERENDE_ORGANISATIE]
        ).values_list("naam", flat=True)
    )
    today = timezone.localdate()
    nieuw = 0
    for spec in CASUSSEN:
        if spec["naam"] not in bestaand:
            ctx = AuditContext.system(users[spec["coordinator"]], doel=Doel.COORDINATIE)
            _casus_create(ctx, spec, organisaties=organisaties, users=users, today=today)
            nieuw += 1
    return nieuw


def _casus_create(ctx, spec, *, organisaties, users, today):
    casus = services.casus_open(ctx=ctx, data=_persoon(spec, today), vormen=spec["vormen"])
    deelnames = {}
    for wie, rol in spec["deelnemers"]:
        org_naam, username = DEELNEMERS[wie]
        deelnames[wie] = services.deelname_add(
            ctx=ctx,
            casus=casus,
            organisatie=organisaties[org_naam],
            persoon=users[username] if username else None,
            rol=rol,
        )
    for soort, eigenaar, status, toelichting in spec["behoeften"]:
        data = {
            "type": soort,
            "eigenaar": organisaties[DEELNEMERS[eigenaar][0]],
            "status": status,
            "toelichting": toelichting,
        }
        if status == Behoefte.Status.NIET_MOGELIJK:
            data["reden_niet_mogelijk"] = spec["niet_mogelijk"]
        services.behoefte_add(ctx=ctx, casus=casus, data=data)
    for wie in spec.get("beeindigd", []):
        services.deelname_remove(ctx=ctx, deelname=deelnames[wie])
    if spec["status"] != Casus.Status.OPEN:
        services.casus_update(
            ctx=ctx, casus=casus, data={"status": spec["status"]}, vormen=spec["vormen"]
        )
    return casus


def _persoon(spec, today) -> dict:
    """The person's data for ``casus_open``, with dates relative to ``today``."""
    data = {
        "naam": spec["naam"],
        "aliassen": spec.get("aliassen", ""),
        "geslacht": spec["geslacht"],
        "nationaliteit": spec["nationaliteit"],
        "talen": spec["talen"],
        "veilig_contact": spec.get("veilig_contact", ""),
    }
    if "wordt" in spec:
        leeftijd, over_dagen = spec["wordt"]
        data["geboortedatum"] = add_years(today + datetime.timedelta(days=over_dagen), -leeftijd)
    else:
        data["geschat_geboortejaar"] = today.year - spec["geschat"]
    if "signaal" in spec:
        data["datum_eerste_signaal"] = today - datetime.timedelta(days=spec["signaal"])
    return data


def _demo_casus(organisaties, naam) -> Casus:
    return Casus.objects.get(
        coordinerende_organisatie=organisaties[COORDINERENDE_ORGANISATIE], naam=naam
    )


def signalen_create(*, organisaties, users) -> int:
    """Record the demo signals that do not exist yet; return how many were recorded."""
    lijst = IndicatorLijst.objects.actueel()
    if lijst is None:
        raise CommandError("Er is geen gepubliceerde indicatorenlijst; voer eerst migrate uit.")
    indicatoren = {i.code: i for i in Indicator.objects.filter(groep__lijst=lijst)}
    today = timezone.localdate()
    nieuw = 0
    for spec in SIGNALEN:
        user = users[spec["door"]]
        if Signaal.objects.filter(
            organisatie=user.organisatie, plaats=spec["plaats"], observatie=spec["observatie"]
        ).exists():
            continue
        ctx = AuditContext.system(user, doel=Doel.CASUSOVERLEG)
        _signaal_create(ctx, spec, organisaties=organisaties, indicatoren=indicatoren, today=today)
        nieuw += 1
    return nieuw


def _signaal_create(ctx, spec, *, organisaties, indicatoren, today):
    casus = _demo_casus(organisaties, spec["casus"]) if "casus" in spec else None
    op = today - datetime.timedelta(days=spec["dagen"])
    data = {
        "waargenomen_op": op,
        "plaats": spec["plaats"],
        "observatie": spec["observatie"],
        "urgentie": spec["urgentie"],
        "vorm": spec["vorm"],
        "grondslag": spec.get("grondslag", ""),
        "toestemming_door": spec.get("toestemming_door", ""),
        **(_signaal_persoon(casus, op) if casus else _persoon_uit(spec, today)),
    }
    signaal = identificatie.signaal_record(
        ctx=ctx, data=data, indicatoren=[indicatoren[code] for code in spec["indicatoren"]]
    )
    if casus:
        identificatie.signaal_attach(ctx=ctx, signaal=signaal, casus=casus)
    elif "opent_casus" in spec:
        identificatie.signaal_open_casus(
            ctx=ctx,
            signaal=signaal,
            coordinerende_organisatie=organisaties[spec["opent_casus"]],
        )
    elif "afsluiten" in spec:
        identificatie.signaal_close(ctx=ctx, signaal=signaal, reden=spec["afsluiten"])
    return signaal


def _signaal_persoon(casus, op) -> dict:
    """The minimal person data of a signal about an existing demo case."""
    data = {
        "naam": casus.naam,
        "geslacht": casus.geslacht,
        "nationaliteit": casus.nationaliteit.code or "",
    }
    if casus.geboortedatum:
        data["geboortedatum"] = casus.geboortedatum
    else:
        data["geschatte_leeftijd"] = casus.leeftijd(op)
    return data


def _persoon_uit(spec, today) -> dict:
    """The person data of a signal not (yet) about a demo case, from ``persoon``."""
    persoon = dict(spec["persoon"])
    if "wordt" in persoon:
        leeftijd, over_dagen = persoon.pop("wordt")
        persoon["geboortedatum"] = add_years(today + datetime.timedelta(days=over_dagen), -leeftijd)
    return persoon


def meldingen_update(*, organisaties, users) -> int:
    """Give every demo case its report to CoMensha and record the outcomes above;
    return how many reports changed."""
    gemeente = organisaties[COORDINERENDE_ORGANISATIE]
    for casus in Casus.objects.filter(coordinerende_organisatie=gemeente).order_by("nummer"):
        identificatie.melding_create(casus=casus)
    today = timezone.localdate()
    uitkomsten = [
        (naam, door, _gemeld(today - datetime.timedelta(days=dagen), nummer))
        for naam, door, dagen, nummer in MELDINGEN_GEMELD
    ] + [
        (
            naam,
            door,
            {
                "status": Melding.Status.NIET_GEMELD,
                "reden_niet_gemeld": reden,
                "toelichting_niet_gemeld": toelichting,
            },
        )
        for naam, door, reden, toelichting in MELDINGEN_NIET_GEMELD
    ]
    gewijzigd = 0
    for naam, door, data in uitkomsten:
        melding = Melding.objects.get(casus=_demo_casus(organisaties, naam))
        if melding.status != data["status"]:
            ctx = AuditContext.system(users[door], doel=Doel.MELDING)
            identificatie.melding_update(ctx=ctx, melding=melding, data=data)
            gewijzigd += 1
    return gewijzigd


def _gemeld(op, nummer) -> dict:
    return {
        "status": Melding.Status.GEMELD,
        "gemeld_op": op,
        "referentie": f"CM-{op.year}-{nummer:04d}",
    }


# Zorgtafels: a closed meeting two weeks ago (locked minutes, decisions, actions,
# one of them overdue) and a coming one, chaired by "coordinator". In the coming
# one the police take part in two of the three cases: the third is "besloten"
# for them. A meeting is recognised by its type and chair; one that exists is
# left alone.
#   items: (case, minute entries, (outcome, decision), actions)
#   actions: (owner, description, deadline in days from today)
ZORGTAFEL_VORIGE = {
    "type": "identificatie_advies",
    "dagen": -14,
    "uur": 10,
    "plaats": "Stadskantoor Voorbeeldstad, vergaderzaal 2",
    "aanwezig": ["coordinator", "politie", "zorg", "advocaat"],
    "afgemeld": ["comensha"],
    "items": [
        (
            "Alina Voorbeeld",
            [
                "Zorg: mevrouw is stabiel in de categorale opvang en wil aangifte overwegen.",
                "Politie: een verhoor door een vrouwelijke rechercheur is mogelijk.",
            ],
            ("vervolg", "Eerst bedenktijd en verhoor voorbereiden; over vier weken opnieuw."),
            [
                ("politie", "Verhoor door een vrouwelijke rechercheur inplannen.", -3),
                ("zorg", "Traumabehandeling aanvragen bij de GGZ.", 10),
            ],
        ),
        (
            "Joy Voorbeeld",
            ["Advocaat: aanvraag verblijf voor slachtoffers is ingediend."],
            ("advies_opstellen", "De coördinator stelt het multidisciplinaire advies op."),
            [("advocaat", "Stukken van de verblijfsaanvraag delen met de coördinator.", 7)],
        ),
    ],
}
ZORGTAFEL_KOMEND = {
    "type": "minderjarigen",
    "dagen": 3,
    "uur": 14,
    "plaats": "Stadskantoor Voorbeeldstad, vergaderzaal 2",
    "videolink": "https://video.voorbeeldstad.example/zorgtafel",
    "casussen": ["Sanne Fictief", "Dawit Demo", "Alina Voorbeeld"],
}


def zorgtafels_create(*, organisaties, users) -> int:
    """Plan the demo meetings that do not exist yet; return how many were planned."""
    coordinator = users["coordinator"]
    bestaand = set(Zorgtafel.objects.filter(voorzitter=coordinator).values_list("type", flat=True))
    nieuw = 0
    if ZORGTAFEL_VORIGE["type"] not in bestaand:
        _zorgtafel_vorige(organisaties, users)
        nieuw += 1
    if ZORGTAFEL_KOMEND["type"] not in bestaand:
        spec = ZORGTAFEL_KOMEND
        zorgtafel_services.zorgtafel_plan(
            ctx=AuditContext.system(coordinator, doel=Doel.COORDINATIE),
            data=_zorgtafel_data(spec, coordinator, videolink=spec["videolink"]),
            casussen=[_demo_casus(organisaties, naam) for naam in spec["casussen"]],
        )
        nieuw += 1
    return nieuw


def _zorgtafel_data(spec, voorzitter, **extra) -> dict:
    dag = timezone.localdate() + datetime.timedelta(days=spec["dagen"])
    begint_op = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(spec["uur"])))
    return {
        "type": spec["type"],
        "begint_op": begint_op,
        "duur_minuten": 90,
        "plaats": spec["plaats"],
        "voorzitter": voorzitter,
        **extra,
    }


def _zorgtafel_vorige(organisaties, users):
    """The past meeting, run start to end through the services, then closed."""
    spec = ZORGTAFEL_VORIGE
    coordinator = users["coordinator"]
    ctx = AuditContext.system(coordinator, doel=Doel.COORDINATIE)
    casussen = [_demo_casus(organisaties, item[0]) for item in spec["items"]]
    zorgtafel = zorgtafel_services.zorgtafel_plan(
        ctx=ctx, data=_zorgtafel_data(spec, coordinator), casussen=casussen
    )
    for username in spec["aanwezig"]:
        zorgtafel_services.zorgtafel_vertrouwelijkheid_bevestigen(
            ctx=AuditContext.system(users[username]), zorgtafel=zorgtafel
        )
    zorgtafel = zorgtafel_services.zorgtafel_starten(ctx=ctx, zorgtafel=zorgtafel)
    for uitnodiging in zorgtafel.uitnodigingen.filter(actief=True).select_related("user"):
        status = (
            "aanwezig"
            if uitnodiging.user.username in spec["aanwezig"]
            else "afgemeld"
            if uitnodiging.user.username in spec["afgemeld"]
            else "afwezig"
        )
        zorgtafel_services.aanwezigheid_vastleggen(
            ctx=ctx, uitnodiging=uitnodiging, aanwezigheid=status
        )
    today = timezone.localdate()
    for (_naam, notulen, (uitkomst, besluit), acties), casus in zip(
        spec["items"], casussen, strict=True
    ):
        punt = zorgtafel.agendapunten.get(casus=casus)
        zorgtafel_services.zorgtafel_huidig_agendapunt(ctx=ctx, agendapunt=punt)
        for tekst in notulen:
            zorgtafel_services.notule_add(ctx=ctx, agendapunt=punt, tekst=tekst)
        zorgtafel_services.agendapunt_besluit_vastleggen(
            ctx=ctx, agendapunt=punt, besluit=besluit, uitkomst=uitkomst
        )
        for eigenaar, omschrijving, dagen in acties:
            zorgtafel_services.actiepunt_add(
                ctx=ctx,
                agendapunt=punt,
                omschrijving=omschrijving,
                eigenaar=organisaties[DEELNEMERS[eigenaar][0]],
                deadline=today + datetime.timedelta(days=dagen),
            )
    zorgtafel_services.zorgtafel_sluiten(ctx=ctx, zorgtafel=zorgtafel)


# Identification processes in several states. Assessments are written by the demo
# user of the organisation ("" when an organisation has no demo user: its task stays open).
#   (case, coordinator who starts, invited, who submits, state)
PROCESSEN = [
    ("Alina Voorbeeld", "coordinator", ["politie", "zorg", "advocaat"], ["politie"], "ronde"),
    ("Joy Voorbeeld", "coordinator", ["kmar", "politie", "zorg"], ["zorg"], "te_laat"),
    (
        "Dawit Demo",
        "coordinator2",
        ["nidos", "jeugdzorg", "zorg"],
        ["nidos", "jeugdzorg", "zorg"],
        "review",
    ),
    (
        "Mei Fictief",
        "coordinator2",
        ["politie", "zorg", "comensha"],
        ["politie", "zorg", "comensha"],
        "vastgesteld",
    ),
]

DEMO_BEOORDELING = {
    "politie": (
        "duidelijk",
        "Verklaring afgelegd over afgepakte paspoort en schuld van 4.000 euro.",
        "Passend bij uitbuiting: dwang via schuld en documenten.",
        "ILO-indicatoren 7 en 9.",
    ),
    "zorg": (
        "duidelijk",
        "Slaapt op de werkplek, geen eigen geld, angstig bij telefoontjes.",
        "Beeld van afhankelijkheid en controle.",
        "Waarnemingen in de opvang, drie weken.",
    ),
    "advocaat": (
        "enige",
        "Cliënt wil aangifte doen als de veiligheid geregeld is.",
        "Aanwijzingen, nog niet alles verklaard.",
        "Gesprekken met cliënt.",
    ),
    "nidos": (
        "duidelijk",
        "Alleenstaande minderjarige, reisschuld bij smokkelaar.",
        "Kwetsbaar en afhankelijk; risico op verdwijning.",
        "Voogdijgesprekken.",
    ),
    "jeugdzorg": (
        "enige",
        "Verzuimt school, komt 's nachts laat thuis in vreemde auto's.",
        "Aanwijzingen voor criminele uitbuiting.",
        "Signalen van school en woongroep.",
    ),
    "comensha": (
        "kan_niet",
        "Melding ontvangen, geen eigen waarneming.",
        "Geen eigen oordeel mogelijk.",
        "CoMensha registreert, beoordeelt niet.",
    ),
}

DEMO_ADVIES = {
    "doel": "Onderbouwing voor de aanvraag van een verblijfsvergunning (B8).",
    "geadresseerde": "ind",
    "geadresseerde_toelichting": "",
    "vraag": "Zijn er aanwijzingen voor slachtofferschap van mensenhandel?",
    "moment_fase": "Aanvraag verblijfsvergunning slachtoffer mensenhandel",
    "conclusie": "aannemelijk",
    "onderbouwing": "Politie en zorg zien onafhankelijk van elkaar duidelijke aanwijzingen: "
    "schuld, ingenomen documenten en controle over de persoon.",
    "aanbevelingen": "Opvang in de categorale opvang voortzetten; begeleiding door SHN.",
    "effect_strafzaak": (
        "Volgens de politie schaadt dit advies de medewerking aan het strafproces niet."
    ),
}


def processen_create(*, organisaties, users) -> int:
    """Start the demo processes that do not exist yet and bring each to its state."""
    from identificatie import services as proces_services
    from identificatie.flows import IdentificatieFlow
    from identificatie.models import IdentificatieProces, Taak

    today = timezone.localdate()
    nieuw = 0
    for naam, starter, uitgenodigd, indieners, staat in PROCESSEN:
        casus = _demo_casus(organisaties, naam)
        if IdentificatieProces.objects.filter(casus=casus).exists():
            continue
        coordinator = users[starter]
        proces = proces_services.proces_start(
            ctx=AuditContext.system(coordinator, doel=Doel.COORDINATIE),
            casus=casus,
            organisaties=[organisaties[DEELNEMERS[w][0]] for w in uitgenodigd],
            deadline=today + datetime.timedelta(days=10),
        )
        for wie in indieners:
            user = users[DEELNEMERS[wie][1] or wie]
            taak = Taak.objects.get(proces=proces, organisatie=user.organisatie)
            ctx = AuditContext.system(user)
            proces_services.taak_claim(ctx=ctx, taak=taak)
            oordeel, feiten, professioneel, onderbouwing = DEMO_BEOORDELING[wie]
            data = {
                "oordeel": oordeel,
                "feiten": feiten,
                "professioneel_oordeel": professioneel,
                "onderbouwing": onderbouwing,
                "strafzaak": "nee" if wie == "politie" else "",
            }
            proces_services.beoordeling_save(ctx=ctx, taak=taak, data=data, indicatoren=[])
        if staat == "te_laat":
            # Shown as overdue: the round's deadline has passed.
            verleden = today - datetime.timedelta(days=3)
            IdentificatieProces.objects.filter(pk=proces.pk).update(deadline=verleden)
            Taak.objects.filter(proces=proces).update(deadline=verleden)
        if staat in ("review", "vastgesteld"):
            _demo_advies(
                proces, users, IdentificatieFlow, Taak, today, vaststellen=staat == "vastgesteld"
            )
        nieuw += 1
    return nieuw


def _demo_advies(proces, users, flow, Taak, today, *, vaststellen):  # noqa: N803
    from advies.services import advies_draft, advies_review, standpunten_voorstel
    from identificatie import services as proces_services

    drafter, reviewer = users["coordinator"], users["coordinator2"]

    def step(node, user):
        taak = Taak.objects.get(proces=proces, task__flow_task=node, task__status="NEW")
        proces_services.taak_claim(ctx=AuditContext.system(user), taak=taak)
        return taak

    taak = step(flow.zorgtafel, drafter)
    proces_services.zorgtafel_uitkomst(
        ctx=AuditContext.system(drafter),
        taak=taak,
        uitkomst=(
            "Alle disciplines zien aanwijzingen; advies aan de IND: slachtofferschap aannemelijk."
        ),
    )
    taak = step(flow.opstellen, drafter)
    advies_draft(
        ctx=AuditContext.system(drafter),
        taak=taak,
        data={**DEMO_ADVIES, "moment_datum": today},
        standpunten=standpunten_voorstel(proces),
        indienen=True,
    )
    if vaststellen:
        taak = step(flow.review, reviewer)
        advies_review(
            ctx=AuditContext.system(reviewer),
            taak=taak,
            advies=proces.adviezen.get(),
            akkoord=True,
            opmerkingen="",
        )
