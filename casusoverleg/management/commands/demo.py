"""Fictional demo data: the one place it comes from.

Every name, organisation and case here is invented. The command is idempotent
(running it twice gives the same data) and refuses to run when DEBUG is off, so
it can never fill a production database.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casusoverleg.models import Discipline, Organisatie, User

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
            self._users(organisaties, beheer)
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
            if "is_staff" in roles:
                user.groups.set([beheer])
            else:
                user.groups.clear()
