"""Mail the daily overview of notices; safe to run as often as you like (once a day
per person at most), e.g. every morning."""

from django.core.management.base import BaseCommand

from casusoverleg.services import meldingen_digest


class Command(BaseCommand):
    help = "Verstuur het dagelijkse overzicht van meldingen (hooguit één per persoon per dag)."

    def handle(self, *args, **options):
        aantal = meldingen_digest()
        self.stdout.write(self.style.SUCCESS(f"{aantal} overzichten verstuurd."))
