"""Demo data of the statistics: fictional background cases, so every table and
chart of the project group's dashboard shows something (``statistiek.fictief``).

``settings.DEMO_FICTIEVE_CASUSSEN`` of them (600 by default; the tests set 0), made
only when no fictional case exists yet, so loading the demo twice changes nothing.
They have no participants: no demo user sees them as a case.
"""

from django.conf import settings

from casusoverleg.models import Casus
from statistiek.fictief import PREFIX, fictieve_casussen_maken


def load() -> list[str]:
    aantal = settings.DEMO_FICTIEVE_CASUSSEN
    bestaand = Casus.objects.filter(nummer__startswith=PREFIX).count()
    if bestaand or not aantal:
        return [f"{bestaand} fictieve achtergrondcasussen bestonden al."] if bestaand else []
    fictieve_casussen_maken(aantal)
    return [f"{aantal} fictieve achtergrondcasussen aangemaakt (alleen voor de statistiek)."]
