"""Send due reminders by e-mail; safe to run as often as you like (e.g. hourly)."""

from django.core.management.base import BaseCommand

from casusoverleg.herinneringen import herinneringen_versturen


class Command(BaseCommand):
    help = "Verstuur herinneringen die aan de beurt zijn (veilig om vaak te draaien)."

    def handle(self, *args, **options):
        verstuurd = herinneringen_versturen()
        for soort, aantal in sorted(verstuurd.items()):
            self.stdout.write(f"{soort}: {aantal}")
        self.stdout.write(self.style.SUCCESS(f"{sum(verstuurd.values())} herinneringen verstuurd."))
