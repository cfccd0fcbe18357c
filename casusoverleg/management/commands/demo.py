"""Fictional demo data, loaded app by app.

Every app keeps its own demo data in its ``demo`` module (the core's
organisations, accounts and cases; identification's signals, reports and
processes; the advices; the meetings). This command calls their ``load()`` in
INSTALLED_APPS order, which is the order the apps depend on each other, so it
never names an app above the core. Each ``load()`` returns the lines to report;
they are written once everything is saved. A module's ``afronden()``, if any,
runs after every ``load()`` (the core closes its closed cases there).

The command is idempotent (running it twice gives the same data) and refuses to
run when DEBUG is off, so it can never fill a production database.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Laad fictieve demonstratiegegevens (alleen met DEBUG aan)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demogegevens worden alleen geladen met DEBUG aan; deze database is mogelijk echt."
            )
        with transaction.atomic():
            modules = list(demo_modules())
            lines = [line for module in modules for line in module.load()]
            # What must wait for every app's data (closing a case ends its work).
            lines += [
                line
                for module in modules
                if hasattr(module, "afronden")
                for line in module.afronden()
            ]
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))


def demo_modules():
    """The ``demo`` module of every installed app that has one, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            yield import_module(f"{config.name}.demo")
