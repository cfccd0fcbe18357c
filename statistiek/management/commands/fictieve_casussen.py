"""``manage.py fictieve_casussen N [--seed S]``: N fictional background cases over
the two years before today, for the figures and the benchmark (issue 15).

Refuses to run when DEBUG is off, like ``manage.py demo``: production never gets
fake data. Needs the demo (``manage.py demo``) loaded first.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from statistiek.fictief import GeenDemoError, fictieve_casussen_maken


class Command(BaseCommand):
    help = "Maak N fictieve achtergrondcasussen over twee jaar (alleen met DEBUG aan)."

    def add_arguments(self, parser):
        parser.add_argument("aantal", type=int)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, aantal, seed, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Fictieve casussen worden alleen gemaakt met DEBUG aan; deze database is "
                "mogelijk echt."
            )
        begin = time.monotonic()
        try:
            gemaakt = fictieve_casussen_maken(aantal, seed=seed)
        except GeenDemoError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{gemaakt} fictieve casussen gemaakt in {time.monotonic() - begin:.1f} s."
        )
