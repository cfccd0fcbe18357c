"""Write the processing register, docs/privacy.md, from the code
(``casusoverleg.verwerkingsregister``); ``--check`` only says whether it is current."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from casusoverleg.verwerkingsregister import markdown

BESTAND = Path(settings.BASE_DIR) / "docs" / "privacy.md"


class Command(BaseCommand):
    help = "Schrijf het verwerkingsregister (docs/privacy.md) uit de code."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Alleen controleren.")

    def handle(self, *args, check=False, **options):
        with translation.override("nl"):
            tekst = markdown()
        if check:
            if not BESTAND.exists() or BESTAND.read_text() != tekst:
                raise CommandError("docs/privacy.md is niet actueel: manage.py verwerkingsregister")
            self.stdout.write("docs/privacy.md is actueel.")
            return
        BESTAND.write_text(tekst)
        self.stdout.write(f"{BESTAND} geschreven.")
