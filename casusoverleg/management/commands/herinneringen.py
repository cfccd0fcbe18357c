"""Send due reminders by e-mail; safe to run as often as you like (e.g. hourly).

Each kind of reminder is one function in ``HERINNERINGEN`` that yields what is
due as ``Te(soort, sleutel, ontvangers, onderwerp, tekst)``. The command sends a
reminder only if no ``Herinnering`` with that kind and key exists yet and records
it in the same transaction, so no one gets the same notice twice. Mails hold a
link and a count, never case numbers, names or other case content.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from casusoverleg.models import Actiepunt, Herinnering, User
from casusoverleg.permissions import may_access_cases


@dataclass(frozen=True)
class Te:
    soort: str
    sleutel: str
    ontvangers: list[str]
    onderwerp: str
    tekst: str


def actiepunten_verlopen(*, vandaag):
    """Owners of an action past its deadline: one notice per action and deadline
    (a new deadline that passes gets a new notice), to the owning organisation's
    members who may see cases."""
    url = settings.SITE_URL + reverse("casusoverleg:actiepunten")
    per_org = defaultdict(list)
    for actiepunt in Actiepunt.objects.verlopen(vandaag).only("public_id", "deadline", "eigenaar"):
        per_org[actiepunt.eigenaar_id].append(actiepunt)
    for org_id, punten in per_org.items():
        ontvangers = [
            u.email
            for u in User.objects.filter(organisatie_id=org_id, is_active=True)
            .exclude(email="")
            .select_related("organisatie")
            if may_access_cases(u)
        ]
        for actiepunt in punten:
            yield Te(
                soort="actiepunt_verlopen",
                sleutel=f"{actiepunt.public_id}:{actiepunt.deadline:%Y-%m-%d}",
                ontvangers=ontvangers,
                onderwerp=_("Herinnering: een actiepunt van uw organisatie is verlopen"),
                tekst=_(
                    "De deadline van een actiepunt van uw organisatie is verstreken. "
                    "Bekijk de open actiepunten na inloggen op %(url)s"
                )
                % {"url": url},
            )


def taken_verlopen(*, vandaag):
    """Overdue tasks of the identification process (identificatie.herinneringen)."""
    from identificatie.herinneringen import taken_verlopen as identificatie_taken

    return identificatie_taken(vandaag=vandaag)


#: Every kind of reminder; add a function here to add a kind.
HERINNERINGEN = [actiepunten_verlopen, taken_verlopen]


def herinneringen_versturen(*, vandaag=None, soorten=None) -> dict[str, int]:
    """Send every due reminder not sent before; return how many were sent per kind."""
    vandaag = vandaag or timezone.localdate()
    verstuurd = defaultdict(int)
    with override(settings.LANGUAGE_CODE):
        for functie in soorten or HERINNERINGEN:
            for te in functie(vandaag=vandaag):
                if not te.ontvangers:
                    continue
                if _versturen(te):
                    verstuurd[te.soort] += 1
    return dict(verstuurd)


def _versturen(te: Te) -> bool:
    try:
        with transaction.atomic():
            Herinnering.objects.create(
                soort=te.soort, sleutel=te.sleutel, ontvangers=len(te.ontvangers)
            )
            # One mail per person: recipients never see each other's addresses.
            for adres in te.ontvangers:
                send_mail(te.onderwerp, te.tekst, None, [adres])
    except IntegrityError:
        return False  # already sent (perhaps by a run at the same moment)
    return True


class Command(BaseCommand):
    help = "Verstuur herinneringen die aan de beurt zijn (veilig om vaak te draaien)."

    def handle(self, *args, **options):
        verstuurd = herinneringen_versturen()
        for soort, aantal in sorted(verstuurd.items()):
            self.stdout.write(f"{soort}: {aantal}")
        self.stdout.write(self.style.SUCCESS(f"{sum(verstuurd.values())} herinneringen verstuurd."))
