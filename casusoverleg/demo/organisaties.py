"""The demo organisations and accounts, and the lookups the other apps' demo
modules use to find them (and the demo cases) again."""

from django.contrib.auth.models import Group, Permission

from casusoverleg import services
from casusoverleg.audit import AuditContext
from casusoverleg.geo import Provincie
from casusoverleg.models import Casus, Discipline, Gemeente, Organisatie, User

# Fictional demo accounts, loaded only with DEBUG on (bandit B105 and ruff S105 know no better).
DEMO_PASSWORD = "demo"  # noqa: S105  # nosec B105

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


BEHEER_GROUP = "Functioneel beheer"
BEHEER_PERMISSIONS = [
    ("casusoverleg", "organisatie", ("add", "change", "view")),
    ("casusoverleg", "user", ("add", "change", "view")),
    ("casusoverleg", "gemeente", ("add", "change", "view")),
    ("identificatie", "indicatorlijst", ("add", "change", "view")),
    ("identificatie", "indicatorgroep", ("add", "change", "delete", "view")),
    ("identificatie", "indicator", ("add", "change", "delete", "view")),
]


#: Fictional municipalities and their youth-care delineation: which organisation
#: coordinates a minor's case there (None: nothing agreed).
GEMEENTEN = [
    ("Voorbeeldstad", Provincie.ZUID_HOLLAND, "Jeugdzorg Regio Voorbeeld"),
    ("Demodorp", Provincie.ZUID_HOLLAND, "Gemeente Voorbeeldstad, zorgcoördinatie"),
    ("Verzonnenveen", Provincie.DRENTHE, None),
]


def gemeenten_update(organisaties) -> None:
    """Create or update the demo municipalities and their delineation."""
    for naam, provincie, coordineert in GEMEENTEN:
        Gemeente.objects.update_or_create(
            naam=naam,
            defaults={
                "provincie": provincie,
                "coordinerende_organisatie_minderjarigen": organisaties[coordineert]
                if coordineert
                else None,
            },
        )


def organisaties_update() -> dict[str, Organisatie]:
    """Create or update the demo organisations; return them by name."""
    result = {}
    for naam, discipline in ORGANISATIES:
        org, _ = Organisatie.objects.update_or_create(
            naam=naam, defaults={"discipline": discipline, "actief": True}
        )
        result[naam] = org
    return result


def beheer_group_update() -> Group:
    """The functional management group, with exactly its permissions."""
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


def users_update(*, organisaties, beheer) -> dict[str, User]:
    """The demo accounts, made or brought back in line through the user services
    as the system, so their organisation groups are the real ones; administrators
    also get the functional management group."""
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


def demo_organisaties() -> dict[str, Organisatie]:
    """The demo organisations by name, once loaded."""
    namen = [naam for naam, _ in ORGANISATIES]
    return {org.naam: org for org in Organisatie.objects.filter(naam__in=namen)}


def demo_users() -> dict[str, User]:
    """The demo accounts by username, once loaded."""
    usernames = [username for username, *_ in USERS]
    users = User.objects.filter(username__in=usernames).select_related("organisatie")
    return {user.username: user for user in users}


def demo_casus(organisaties, naam) -> Casus:
    """The demo case with this (fictional) name."""
    return Casus.objects.get(
        coordinerende_organisatie=organisaties[COORDINERENDE_ORGANISATIE], naam=naam
    )
