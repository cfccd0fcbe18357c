"""Drop drafts past their term or about cases their author no longer sees; safe to
run as often as you like (e.g. daily)."""

from django.core.management.base import BaseCommand

from casusoverleg.services import concepten_opruimen


class Command(BaseCommand):
    help = "Verwijder verlopen concepten en concepten zonder toegang (veilig om vaak te draaien)."

    def handle(self, *args, **options):
        aantallen = concepten_opruimen()
        for reden, aantal in sorted(aantallen.items()):
            self.stdout.write(f"{reden}: {aantal}")
        self.stdout.write(self.style.SUCCESS(f"{sum(aantallen.values())} concepten verwijderd."))
