"""Send due reminders and move legal terms on (reminders, expiry); safe to run as
often as you like (e.g. hourly): nothing happens twice."""

from django.core.management.base import BaseCommand

from casusoverleg.herinneringen import herinneringen_versturen
from casusoverleg.services import termijnen_bijwerken


class Command(BaseCommand):
    help = (
        "Verstuur herinneringen die aan de beurt zijn en werk termijnen bij "
        "(veilig om vaak te draaien)."
    )

    def handle(self, *args, **options):
        verstuurd = herinneringen_versturen()
        termijnen = termijnen_bijwerken()
        for soort, aantal in sorted({**verstuurd, **termijnen}.items()):
            self.stdout.write(f"{soort}: {aantal}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{sum(verstuurd.values())} herinneringen verstuurd, "
                f"{sum(termijnen.values())} termijnstappen gezet."
            )
        )
