"""The demo signals.

Signals go through ``identificatie.services``, as the recording organisation
would record them; a signal is recognised by its organisation, place and
observation.
"""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from casusoverleg.audit import AuditContext, Doel
from casusoverleg.demo import COORDINERENDE_ORGANISATIE, demo_casus
from casusoverleg.models import Casus, Uitbuitingsvorm
from casusoverleg.models.casus import add_years
from identificatie import services as identificatie
from identificatie.models import Indicator, IndicatorLijst, Signaal

V, M = Casus.Geslacht.VROUW, Casus.Geslacht.MAN
U = Uitbuitingsvorm

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
    casus = demo_casus(organisaties, spec["casus"]) if "casus" in spec else None
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
        identificatie.casus_open_from_signaal(
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
