"""The demo cases, their participants and needs.

Cases are made only through ``casusoverleg.services``, as a coordinator would
make them, so their participants, object permissions, history and audit trail
are exactly what the application itself produces. A demo case is recognised by
its (fictional) name: one that already exists is left alone.
"""

import datetime

from django.utils import timezone

from casusoverleg import services
from casusoverleg.audit import AuditContext, Doel
from casusoverleg.demo.organisaties import COORDINERENDE_ORGANISATIE, DEELNEMERS
from casusoverleg.models import Behoefte, Casus, Deelname, Gemeente, Sluitreden, Uitbuitingsvorm
from casusoverleg.models.casus import add_years

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
#   amv, gemeente   unaccompanied minor; municipality (``organisaties.GEMEENTEN``)
#   voogd           (short name of the guardian's organisation, the guardian's name)
CASUSSEN = [
    {
        "naam": "Alina Voorbeeld",
        "gemeente": "Voorbeeldstad",
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
        # Youth care coordinates minors' cases here: the municipality has a task.
        "gemeente": "Voorbeeldstad",
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
        "amv": True,
        "gemeente": "Demodorp",
        "voogd": ("nidos", "Mirjam Voogd-Demo"),
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
        "sluitreden": Sluitreden.VERTROKKEN,
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
        "gemeente": "Voorbeeldstad",
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
    if "voogd" in spec:
        wie, naam = spec["voogd"]
        services.casus_minderjarigheid_update(
            ctx=ctx,
            casus=casus,
            data={"voogd_organisatie": organisaties[DEELNEMERS[wie][0]], "voogd_naam": naam},
        )
    for wie in spec.get("beeindigd", []):
        services.deelname_remove(ctx=ctx, deelname=deelnames[wie])
    # A closed case is closed last (``casussen_sluiten``), once the apps above
    # have added their reports and processes to it.
    if spec["status"] not in (Casus.Status.OPEN, Casus.Status.GESLOTEN):
        services.casus_update(
            ctx=ctx, casus=casus, data={"status": spec["status"]}, vormen=spec["vormen"]
        )
    return casus


def casussen_sluiten(*, organisaties, users) -> int:
    """Close the demo cases meant to be closed that are still open, through the
    service (their participants lose access, open work is cancelled); return how
    many were closed. Runs after every app's demo data, and is idempotent."""
    gesloten = 0
    for spec in CASUSSEN:
        if spec["status"] != Casus.Status.GESLOTEN:
            continue
        casus = Casus.objects.get(
            coordinerende_organisatie=organisaties[COORDINERENDE_ORGANISATIE], naam=spec["naam"]
        )
        if casus.is_gesloten:
            continue
        services.casus_sluiten(
            ctx=AuditContext.system(users[spec["coordinator"]], doel=Doel.COORDINATIE),
            casus=casus,
            reden=spec.get("sluitreden", Sluitreden.ADVIES_OPGEVOLGD),
        )
        gesloten += 1
    return gesloten


def _persoon(spec, today) -> dict:
    """The person's data for ``casus_open``, with dates relative to ``today``."""
    data = {
        "naam": spec["naam"],
        "aliassen": spec.get("aliassen", ""),
        "geslacht": spec["geslacht"],
        "nationaliteit": spec["nationaliteit"],
        "talen": spec["talen"],
        "veilig_contact": spec.get("veilig_contact", ""),
        "amv": spec.get("amv", False),
    }
    if "gemeente" in spec:
        data["gemeente"] = Gemeente.objects.get(naam=spec["gemeente"])
    if "wordt" in spec:
        leeftijd, over_dagen = spec["wordt"]
        data["geboortedatum"] = add_years(today + datetime.timedelta(days=over_dagen), -leeftijd)
    else:
        data["geschat_geboortejaar"] = today.year - spec["geschat"]
    if "signaal" in spec:
        data["datum_eerste_signaal"] = today - datetime.timedelta(days=spec["signaal"])
    return data
