"""Demo data of the wegwijzer: a fictional directory of offers across disciplines
and regions, the schemes a victim may claim, an organisation administrator in
each organisation that offers help, and a few warm referrals on the demo cases
(one open, one accepted, one declined). Idempotent: loading twice changes nothing.

The organisations and their offers are made up; the schemes are described as
they exist in the Netherlands, in general terms (the exact rules are for the
administrators to keep current).
"""

from django.contrib.auth.models import Group, Permission

from casusoverleg import services as core
from casusoverleg.audit import AuditContext, Doel
from casusoverleg.demo.organisaties import (
    BEHEER_GROUP,
    demo_casus,
    demo_organisaties,
    demo_users,
)
from casusoverleg.models import Behoefte, Discipline, Organisatie

from . import services
from .models import DOELGROEP_FIELDS, Aanbod, Doorverwijzing, Hulpsoort, Regeling, Regio

#: Fictional organisations that offer help but take part in no demo case.
AANBIEDERS = [
    ("Stichting Veilig Onderdak Noord", Discipline.ZORG),
    ("Stichting Het Kompas, opvang Zuid", Discipline.ZORG),
    ("Traumacentrum Voorbeeld (GGZ)", Discipline.ZORG),
    ("Werkplaats Nieuwe Start", Discipline.GEMEENTE),
    ("Stichting Thuisreis", Discipline.ZORG),
]

#: Demo accounts that keep their organisation's offers.
ORGANISATIEBEHEERDERS = ["zorg", "jeugdzorg", "nidos", "advocaat", "comensha"]

BEHEER_PERMISSIONS = [("regeling", ("add", "change", "view")), ("aanbod", ("view",))]

V = "Zorgcentrum De Vuurtoren"
J = "Jeugdzorg Regio Voorbeeld"
N = "Nidos, regio Voorbeeld"
ADV = "Advocatenkantoor Van Dijk & Partners"
ADV2 = "Advocatenkantoor De Linde"
CM = "CoMensha"
GEM = "Gemeente Voorbeeldstad, zorgcoördinatie"
SH = "Slachtofferhulp Nederland, regio Voorbeeld"
EL = "Zorginstelling Elders"
NOORD, ZUID, GGZ, WERK, REIS = (naam for naam, _ in AANBIEDERS)

MINDERJARIG = {"voor_minderjarigen": True, "voor_meerderjarigen": False}
ALLE_LEEFTIJDEN = {"voor_minderjarigen": True, "voor_meerderjarigen": True}
VROUWEN = {"voor_mannen": False}
MANNEN = {"voor_vrouwen": False}

# organisation, title, kind, region, description, capacity, how to refer, contact, target group
AANBOD = [
    (V, "Categorale opvang slachtoffers mensenhandel (COSM)", Hulpsoort.OPVANG, Regio.ZUID_HOLLAND,
     "Beschermde opvang met 24-uursbegeleiding voor volwassen slachtoffers, ook tijdens de "
     "bedenktijd. Begeleiding naar zorg, juridische hulp en dagbesteding.",
     "2 vrije opvangplekken", "Aanmelden via CoMensha; bij spoed rechtstreeks bellen.",
     "Aanmeldbalie 010-0000001", {}),
    (V, "Ambulante begeleiding na de opvang", Hulpsoort.BEGELEIDING, Regio.ZUID_HOLLAND,
     "Een vaste begeleider helpt bij wonen, geldzaken en de weg naar instanties.",
     "Wachttijd ongeveer 2 weken", "Aanmeldformulier via de zorgcoördinator van de gemeente.",
     "begeleiding@vuurtoren.example.org", {}),
    (V, "Traumabehandeling (EMDR en NET)", Hulpsoort.ZORG, Regio.ZUID_HOLLAND,
     "Behandeling van traumaklachten, met tolk waar nodig.",
     "", "Verwijzing door huisarts of opvang.", "ggz@vuurtoren.example.org", {}),
    (V, "Opvang voor moeders met kinderen", Hulpsoort.OPVANG, Regio.ZUID_HOLLAND,
     "Opvangplekken voor vrouwen met kinderen; school en kinderopvang worden meegeregeld.",
     "1 gezinsplek vrij", "Aanmelden via CoMensha of de zorgcoördinator.",
     "Aanmeldbalie 010-0000001", {**VROUWEN, "met_kinderen": True}),
    (J, "Beschermde opvang minderjarigen", Hulpsoort.OPVANG, Regio.ZUID_HOLLAND,
     "Besloten opvang voor minderjarige slachtoffers van loverboys en andere uitbuiters, met "
     "hulp gericht op de uitbuiting zelf.",
     "3 opvangplekken vrij", "Via de jeugdbescherming of de gecertificeerde instelling.",
     "Crisisdienst 0800-0000002", {**MINDERJARIG}),
    (J, "Ambulante jeugdhulp bij seksuele uitbuiting", Hulpsoort.ZORG, Regio.UTRECHT,
     "Thuisbehandeling en gezinsbegeleiding voor jongeren die (dreigen te) worden uitgebuit.",
     "Wachttijd 3 weken", "Verwijzing via wijkteam of huisarts (Jeugdwet).",
     "jeugdhulp@jeugdzorg.example.org", {**MINDERJARIG, "uitbuitingsvormen": ["seksueel"]}),
    (J, "Begeleiding bij de overgang naar 18", Hulpsoort.BEGELEIDING, Regio.ZUID_HOLLAND,
     "Een toekomstplan met de jongere voor wonen, school, werk en zorg na de achttiende.",
     "", "Aanmelden door de jeugdzorgwerker, uiterlijk een half jaar voor de achttiende.",
     "18min@jeugdzorg.example.org", {**ALLE_LEEFTIJDEN}),
    (N, "Voogdij en opvang alleenstaande minderjarige vreemdelingen", Hulpsoort.OPVANG,
     Regio.LANDELIJK,
     "Voogdij voor amv's en plaatsing in beschermde opvang of een opvanggezin.",
     "", "Melden bij Nidos; de voogd regelt de plaatsing.", "Meldpunt 030-0000003",
     {**MINDERJARIG, "herkomst_nl": False}),
    (N, "Coaching na de achttiende verjaardag", Hulpsoort.BEGELEIDING, Regio.LANDELIJK,
     "De voormalige voogd blijft als coach betrokken na de achttiende verjaardag.",
     "", "Via de eigen voogd, voor de achttiende verjaardag.", "coaching@nidos.example.org",
     {**ALLE_LEEFTIJDEN, "herkomst_nl": False}),
    (ADV, "Rechtsbijstand voor slachtoffers mensenhandel", Hulpsoort.JURIDISCH, Regio.ZUID_HOLLAND,
     "Bijstand bij aangifte, strafproces, verblijfsaanvraag (B8) en schadevergoeding.",
     "Nieuwe zaken binnen een week", "Bellen of mailen; een toevoeging regelen wij.",
     "secretariaat@vandijk.example.org", {**ALLE_LEEFTIJDEN}),
    (ADV2, "Arbeidsrecht en loonvordering", Hulpsoort.JURIDISCH, Regio.NOORD_HOLLAND,
     "Vorderen van achterstallig loon bij arbeidsuitbuiting; bijstand in het strafproces.",
     "", "Aanmelden per e-mail met een korte omschrijving (zonder namen).",
     "intake@delinde.example.org", {"uitbuitingsvormen": ["arbeid"]}),
    (ADV2, "Vreemdelingenrecht: verblijf en terugkeer", Hulpsoort.JURIDISCH, Regio.LANDELIJK,
     "Advies en bijstand bij bedenktijd, B8-aanvraag, voortgezet verblijf en bezwaar.",
     "", "Aanmelden per telefoon.", "Telefoon 020-0000004",
     {**ALLE_LEEFTIJDEN, "herkomst_nl": False}),
    (CM, "Plaatsing in de opvang", Hulpsoort.OPVANG, Regio.LANDELIJK,
     "CoMensha zoekt landelijk een passende opvangplek en houdt de vrije opvangplekken bij.",
     "Actueel overzicht op aanvraag", "Melden via het meldformulier of telefonisch.",
     "Meldpunt 033-0000005", {**ALLE_LEEFTIJDEN, "met_kinderen": True}),
    (CM, "Advies over de aanpak van een casus", Hulpsoort.ANDERS, Regio.LANDELIJK,
     "Professionals krijgen advies over signalen, melden en verwijzen.",
     "", "Bellen tijdens kantooruren.", "Meldpunt 033-0000005", {**ALLE_LEEFTIJDEN}),
    (GEM, "Zorgcoördinatie mensenhandel", Hulpsoort.BEGELEIDING, Regio.ZUID_HOLLAND,
     "Een zorgcoördinator regelt met het slachtoffer opvang, zorg, inkomen en huisvesting.",
     "", "Aanmelden bij de zorgcoördinator van de gemeente.",
     "zorgcoordinatie@voorbeeldstad.example.org",
     {**ALLE_LEEFTIJDEN}),
    (GEM, "Bijstandsuitkering en budgetbegeleiding", Hulpsoort.INKOMEN, Regio.ZUID_HOLLAND,
     "Een uitkering voor levensonderhoud en hulp bij schulden, ook tijdens de B8-procedure.",
     "Beslissing binnen 8 weken", "Aanvraag via het sociaal loket; de zorgcoördinator helpt.",
     "Sociaal loket 14 010", {}),
    (GEM, "Taalcursus Nederlands (NT2)", Hulpsoort.ONDERWIJS, Regio.ZUID_HOLLAND,
     "Taallessen op verschillende niveaus, overdag en 's avonds.",
     "Instroom elke maand", "Aanmelden via de zorgcoördinator.", "taal@voorbeeldstad.example.org",
     {}),
    (SH, "Emotionele en praktische steun", Hulpsoort.BEGELEIDING, Regio.LANDELIJK,
     "Gratis steun van een vaste medewerker, ook bij aangifte en de rechtszaak.",
     "Geen wachttijd", "Verwijzen met toestemming van het slachtoffer, via telefoon of website.",
     "Telefoon 0900-0000006", {**ALLE_LEEFTIJDEN, "met_kinderen": True}),
    (SH, "Hulp bij schadevergoeding en spreekrecht", Hulpsoort.JURIDISCH, Regio.LANDELIJK,
     "Hulp bij het voegen in het strafproces, de aanvraag bij het Schadefonds en spreekrecht.",
     "", "Via de vaste medewerker of de advocaat.", "Telefoon 0900-0000006",
     {**ALLE_LEEFTIJDEN}),
    (EL, "Kortdurende crisisopvang", Hulpsoort.OPVANG, Regio.GELDERLAND,
     "Crisisopvang voor een paar nachten, tot een vaste opvangplek is gevonden.",
     "Meestal 1 bed vrij", "Dag en nacht bellen.", "Crisislijn 026-0000007", {}),
    (EL, "Verslavingszorg", Hulpsoort.ZORG, Regio.GELDERLAND,
     "Behandeling van verslaving, poliklinisch of met opname.",
     "Wachttijd ongeveer 4 weken", "Verwijzing door de huisarts.", "intake@elders.example.org",
     {}),
    (NOORD, "Opvang mannelijke slachtoffers", Hulpsoort.OPVANG, Regio.GRONINGEN,
     "Opvangplekken voor mannen, vaak na arbeidsuitbuiting of criminele uitbuiting.",
     "4 vrije opvangplekken", "Aanmelden via CoMensha.", "Aanmelding 050-0000008",
     {**MANNEN, "uitbuitingsvormen": ["arbeid", "crimineel", "bedelarij"]}),
    (NOORD, "Groepsopvang EU-arbeidsmigranten", Hulpsoort.OPVANG, Regio.FRIESLAND,
     "Tijdelijke opvang voor groepen arbeidsmigranten uit de EU, na een inval of melding.",
     "Tot 20 personen bij een inval", "Bellen door Arbeidsinspectie, politie of gemeente.",
     "Piketlijn 058-0000009", {"herkomst_nl": False, "herkomst_buiten_eu": False,
                                "uitbuitingsvormen": ["arbeid"]}),
    (NOORD, "Huisvesting na de opvang", Hulpsoort.BEGELEIDING, Regio.DRENTHE,
     "Begeleid wonen in een eigen kamer of studio, als stap naar zelfstandigheid.",
     "Wachttijd 6 weken", "Aanmelden door de opvang.", "wonen@veilig-onderdak.example.org", {}),
    (ZUID, "Opvang vrouwen na seksuele uitbuiting", Hulpsoort.OPVANG, Regio.NOORD_BRABANT,
     "Kleinschalige opvang met traumabehandeling in huis.",
     "Geen plek vrij; wachtlijst 2 weken", "Aanmelden via CoMensha.",
     "Aanmelding 040-0000010", {**VROUWEN, "uitbuitingsvormen": ["seksueel"]}),
    (ZUID, "Opvang jonge moeders", Hulpsoort.OPVANG, Regio.LIMBURG,
     "Opvang voor jonge moeders (16 tot 23 jaar) met hun kind.",
     "1 plek vrij", "Via jeugdzorg of de zorgcoördinator.", "Aanmelding 040-0000010",
     {**ALLE_LEEFTIJDEN, **VROUWEN, "met_kinderen": True}),
    (GGZ, "Specialistische traumazorg", Hulpsoort.ZORG, Regio.UTRECHT,
     "Diagnostiek en behandeling van complex trauma, ook voor minderjarigen vanaf 12 jaar.",
     "Wachttijd 5 weken", "Verwijzing door huisarts of jeugdarts.",
     "verwijzers@traumacentrum.example.org",
     {**ALLE_LEEFTIJDEN}),
    (GGZ, "Psycho-educatie in groepen", Hulpsoort.ZORG, Regio.OVERIJSSEL,
     "Groepsbijeenkomsten over trauma en herstel, met tolken Engels, Roemeens en Tigrinya.",
     "Start nieuwe groep elke 6 weken", "Aanmelden door de behandelaar.",
     "groepen@traumacentrum.example.org", {}),
    (WERK, "Werktraject met taal", Hulpsoort.WERK, Regio.NOORD_HOLLAND,
     "Werkervaring in de eigen werkplaats, met taalles en begeleiding naar betaald werk.",
     "6 plekken vrij", "Aanmelden via gemeente of opvang.", "instroom@nieuwestart.example.org",
     {}),
    (WERK, "Opleiding en diploma", Hulpsoort.ONDERWIJS, Regio.FLEVOLAND,
     "Een mbo-opleiding in deeltijd, met een vaste mentor.",
     "", "Aanmelden voor 1 juni of 1 december.", "onderwijs@nieuwestart.example.org",
     {**ALLE_LEEFTIJDEN}),
    (REIS, "Vrijwillige terugkeer en herintegratie", Hulpsoort.TERUGKEER, Regio.LANDELIJK,
     "Hulp bij reizen, documenten en een startbudget; contact met hulp in het land van herkomst.",
     "", "Aanmelden door het slachtoffer zelf of met een professional.",
     "Telefoon 070-0000011", {**ALLE_LEEFTIJDEN, "herkomst_nl": False, "met_kinderen": True}),
    (REIS, "Terugkeer naar een EU-land", Hulpsoort.TERUGKEER, Regio.ZEELAND,
     "Terugreis en overdracht aan een hulporganisatie in het EU-land van herkomst.",
     "", "Aanmelden per e-mail.", "eu@thuisreis.example.org",
     {"herkomst_nl": False, "herkomst_buiten_eu": False}),
]  # fmt: skip

# name, kind, description, who is entitled, where to apply, target group
REGELINGEN = [
    ("Bedenktijd", Hulpsoort.JURIDISCH,
     "Een buitenlands mogelijk slachtoffer krijgt bij de geringste aanwijzing van mensenhandel "
     "bedenktijd om te beslissen over aangifte of medewerking aan het strafrechtelijk "
     "onderzoek. In die tijd verblijft de persoon rechtmatig in Nederland en krijgt opvang, "
     "zorg en levensonderhoud.",
     "Slachtoffers zonder rechtmatig verblijf (buiten de EU); de duur is een instelling.",
     "Politie of Koninklijke Marechaussee biedt de bedenktijd aan; de IND verleent het verblijf.",
     {**ALLE_LEEFTIJDEN, "herkomst_nl": False, "herkomst_eu": False, "met_kinderen": True}),
    ("Verblijfsregeling mensenhandel (B8)", Hulpsoort.JURIDISCH,
     "Een tijdelijke verblijfsvergunning voor slachtoffers die aangifte doen of meewerken aan "
     "het strafrechtelijk onderzoek (Vreemdelingencirculaire, deel B8), met daarna mogelijk "
     "voortgezet verblijf.",
     "Slachtoffers zonder rechtmatig verblijf die aangifte doen of meewerken; de IND beslist.",
     "Via politie of KMar bij de aangifte; de IND beslist. Een advocaat helpt bij de aanvraag.",
     {**ALLE_LEEFTIJDEN, "herkomst_nl": False, "herkomst_eu": False, "met_kinderen": True}),
    ("Wmo 2015: maatschappelijke ondersteuning", Hulpsoort.BEGELEIDING,
     "De gemeente zorgt voor ondersteuning van volwassenen, zoals beschermd wonen, "
     "maatschappelijke opvang en begeleiding.",
     "Volwassenen die in de gemeente verblijven en ondersteuning nodig hebben.",
     "Het Wmo-loket of wijkteam van de gemeente; de zorgcoördinator helpt.",
     {"met_kinderen": True}),
    ("Jeugdwet: jeugdhulp", Hulpsoort.ZORG,
     "De gemeente zorgt voor jeugdhulp, jeugdbescherming en jeugdreclassering voor "
     "minderjarigen (soms tot 23 jaar).",
     "Minderjarigen in de gemeente; verlengde jeugdhulp tot 23 jaar.",
     "Het wijkteam of de jeugdbescherming; ook via huisarts of jeugdarts.",
     {**MINDERJARIG}),
    ("Schadefonds Geweldsmisdrijven", Hulpsoort.INKOMEN,
     "Een eenmalige uitkering voor slachtoffers met ernstig letsel door een geweldsmisdrijf, "
     "ook bij mensenhandel.",
     "Slachtoffers met ernstig lichamelijk of psychisch letsel door een opzettelijk "
     "geweldsmisdrijf in Nederland; binnen drie jaar aanvragen.",
     "Bij het Schadefonds Geweldsmisdrijven, met hulp van Slachtofferhulp of een advocaat.",
     {**ALLE_LEEFTIJDEN}),
    ("Slachtofferhulp", Hulpsoort.BEGELEIDING,
     "Gratis emotionele, praktische en juridische steun voor slachtoffers.",
     "Ieder slachtoffer van een misdrijf, ook zonder aangifte.",
     "Slachtofferhulp Nederland, telefonisch of via de website; professionals verwijzen met "
     "toestemming.",
     {**ALLE_LEEFTIJDEN, "met_kinderen": True}),
    ("Gesubsidieerde rechtsbijstand", Hulpsoort.JURIDISCH,
     "Een advocaat op toevoeging: slachtoffers van ernstige gewelds- en zedenmisdrijven, "
     "waaronder mensenhandel, krijgen die kosteloos.",
     "Slachtoffers van mensenhandel, ongeacht inkomen; anderen naar inkomen en vermogen.",
     "De advocaat vraagt de toevoeging aan bij de Raad voor Rechtsbijstand.",
     {**ALLE_LEEFTIJDEN}),
    ("Terugkeerondersteuning", Hulpsoort.TERUGKEER,
     "Hulp bij vrijwillige terugkeer naar het land van herkomst: reis, documenten en soms "
     "steun bij herintegratie.",
     "Slachtoffers die vrijwillig willen terugkeren; de voorwaarden verschillen per land.",
     "Via een terugkeerorganisatie; de advocaat of zorgcoördinator helpt bij de aanvraag.",
     {**ALLE_LEEFTIJDEN, "herkomst_nl": False, "met_kinderen": True}),
]  # fmt: skip


# Warm referrals on the demo cases, proposed by the case's coordinator through the
# service; answered (or not yet) by a member of the receiving organisation.
#   casus, coordinator, organisation, offer title (or None), need type (or None),
#   urgency, motivation, answer: None (open), (answering user, True) or
#   (answering user, False, reason)
DOORVERWIJZINGEN = [
    # Open: in Nidos's task list (demo account "nidos").
    ("Thanh Demo", "coordinator2", N, "Voogdij en opvang alleenstaande minderjarige vreemdelingen",
     Behoefte.Type.OPVANG, Doorverwijzing.Urgentie.HOOG,
     "Leeftijd onzeker: mogelijk minderjarig en zonder ouders in Nederland. Graag voogdij en "
     "beschermde opvang tot de leeftijd is vastgesteld.",
     None),
    # Accepted: CoMensha takes part and owns the need for shelter.
    ("Youssef Verzonnen", "coordinator2", CM, "Plaatsing in de opvang",
     Behoefte.Type.OPVANG, Doorverwijzing.Urgentie.NORMAAL,
     "De huidige opvang is tijdelijk. Graag een passende plek buiten de regio, "
     "uit de buurt van het netwerk van de uitbuiters.",
     ("comensha", True)),
    # Declined, with the reason the coordinator reads.
    ("Sanne Fictief", "coordinator", N, None, None, Doorverwijzing.Urgentie.NORMAAL,
     "De ouders kunnen het gezag nu niet goed uitoefenen. Graag een tijdelijke voogd.",
     ("nidos", False, Doorverwijzing.RedenSoort.ANDERE_ORGANISATIE,
      "Nidos is voogd van alleenstaande minderjarige vreemdelingen. Voor een kind dat hier "
      "bij de ouders woont vraagt de Raad voor de Kinderbescherming een maatregel aan; "
      "neem contact op met de Raad.")),
]  # fmt: skip


def doorverwijzingen_create(*, organisaties, users) -> int:
    """The demo referrals that do not exist yet (a referral of a case to an
    organisation, in whatever state); return how many were made."""
    nieuw = 0
    for (
        casus_naam,
        coordinator,
        org,
        titel,
        behoefte,
        urgentie,
        motivatie,
        antwoord,
    ) in DOORVERWIJZINGEN:
        casus = demo_casus(organisaties, casus_naam)
        organisatie = organisaties[org]
        if Doorverwijzing.objects.filter(casus=casus, organisatie=organisatie).exists():
            continue
        verwijzing = services.doorverwijzing_voorstellen(
            ctx=AuditContext.system(users[coordinator], doel=Doel.COORDINATIE),
            casus=casus,
            organisatie=organisatie,
            motivatie=motivatie,
            urgentie=urgentie,
            behoefte=casus.behoeften.filter(type=behoefte).first() if behoefte else None,
            aanbod=Aanbod.objects.get(organisatie=organisatie, titel=titel) if titel else None,
        )
        if antwoord is not None:
            username, akkoord, *afwijzing = antwoord
            reden_soort, reden = afwijzing or ("", "")
            services.doorverwijzing_beantwoorden(
                ctx=AuditContext.system(users[username], doel=Doel.CASUSOVERLEG),
                verwijzing=verwijzing,
                akkoord=akkoord,
                reden=reden,
                reden_soort=reden_soort,
            )
        nieuw += 1
    return nieuw


def _doelgroep(groep: dict) -> dict:
    """Every target-group field: the model's default unless ``groep`` says otherwise."""
    return {
        **{field: Aanbod._meta.get_field(field).get_default() for field in DOELGROEP_FIELDS},
        **groep,
    }


def _aanbieders() -> dict[str, Organisatie]:
    result = {}
    for naam, discipline in AANBIEDERS:
        org, _ = Organisatie.objects.update_or_create(
            naam=naam, defaults={"discipline": discipline, "actief": True}
        )
        result[naam] = org
    return result


def _beheer_rechten() -> None:
    """Functional management keeps the schemes and sees the offers."""
    group = Group.objects.get(name=BEHEER_GROUP)
    group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label="wegwijzer", codename=f"{actie}_{model}")
            for model, acties in BEHEER_PERMISSIONS
            for actie in acties
        )
    )


def load() -> list[str]:
    ctx = AuditContext.system()
    organisaties = {**demo_organisaties(), **_aanbieders()}
    for org, titel, soort, regio, omschrijving, capaciteit, verwijzen, contact, groep in AANBOD:
        data = {
            "titel": titel,
            "soort": soort,
            "regio": regio,
            "omschrijving": omschrijving,
            "capaciteit": capaciteit,
            "verwijzen": verwijzen,
            "contact": contact,
            **_doelgroep(groep),
        }
        bestaand = Aanbod.objects.filter(organisatie=organisaties[org], titel=titel).first()
        if bestaand is None:
            services.aanbod_create(ctx=ctx, organisatie=organisaties[org], data=data)
        else:
            services.aanbod_update(ctx=ctx, aanbod=bestaand, data=data)
    for naam, soort, omschrijving, voorwaarden, aanvragen, groep in REGELINGEN:
        regeling = Regeling.objects.filter(naam=naam).first() or Regeling(naam=naam)
        for field, value in {
            "soort": soort,
            "omschrijving": omschrijving,
            "voorwaarden": voorwaarden,
            "aanvragen": aanvragen,
            "actief": True,
            **_doelgroep(groep),
        }.items():
            setattr(regeling, field, value)
        regeling.full_clean()
        regeling.save()
    _beheer_rechten()
    users = demo_users()
    for username in ORGANISATIEBEHEERDERS:
        core.gebruiker_organisatiebeheerder_change(
            ctx=ctx, gebruiker=users[username], is_organisatiebeheerder=True
        )
    nieuw = doorverwijzingen_create(organisaties=organisaties, users=users)
    return [
        f"Wegwijzer: {len(AANBOD)} aanbiedingen, {len(REGELINGEN)} regelingen; "
        f"organisatiebeheerders: {', '.join(ORGANISATIEBEHEERDERS)}; "
        f"{nieuw} doorverwijzingen aangemaakt."
    ]
