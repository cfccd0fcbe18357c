"""Fictional demo data: the one place it comes from.

Every name, organisation and case here is invented. The command is idempotent
(running it twice gives the same data) and refuses to run when DEBUG is off, so
it can never fill a production database.

Cases are made only through ``casusoverleg.services``, as a coordinator would
make them, so their participants, object permissions, history and audit trail
are exactly what the application itself produces. A demo case is recognised by
its (fictional) name: one that already exists is left alone.
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

BEHEER_GROUP = "Functioneel beheer"
BEHEER_PERMISSIONS = [
    ("casusoverleg", "organisatie", ("add", "change", "view")),
    ("casusoverleg", "user", ("add", "change", "view")),
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
        self.stdout.write(f"{nieuw} casussen aangemaakt, {len(CASUSSEN) - nieuw} bestonden al.")
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
        users = {}
        for username, first, last, org_naam, roles in USERS:
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                    "organisatie": organisaties[org_naam],
                    "is_coordinator": "is_coordinator" in roles,
                    "is_reviewer": "is_reviewer" in roles,
                    "is_staff": "is_staff" in roles,
                    "is_superuser": False,
                    "is_active": True,
                },
            )
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            # Exactly these groups: the organisation's (through which its cases
            # reach the user) and, for administrators, functional management.
            groups = [user.organisatie.groep, *([beheer] if "is_staff" in roles else [])]
            user.groups.set(groups)
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
