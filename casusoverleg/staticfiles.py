from django.apps import apps
from django.contrib.staticfiles import finders


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    """Static files of the installed apps, except viewflow's.

    Viewflow's own pages are not mounted (see identificatie.flows), and its bundled
    font stylesheet points at files the package does not ship, which stops the
    manifest storage's post-processing.
    """

    def __init__(self, app_names=None, *args, **kwargs):
        app_names = [
            config.name
            for config in apps.get_app_configs()
            if not config.name.startswith("viewflow")
        ]
        super().__init__(app_names, *args, **kwargs)
