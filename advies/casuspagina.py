"""The advies app's entries in a case's timeline (``casusoverleg.casuspagina``):
advices adopted and withdrawn. Drafts never appear. Registered in
``AdviesConfig.ready``."""

from django.utils.translation import gettext as _

from casusoverleg.casuspagina import Gebeurtenis

from .models import Advies


def advies_tijdlijn(*, user, casus):
    """One query, whatever the number of versions."""
    adviezen = Advies.objects.filter(casus=casus, vastgesteld_op__isnull=False).select_related(
        "beoordeeld_door__organisatie"
    )
    for advies in adviezen:
        yield Gebeurtenis(
            op=advies.vastgesteld_op,
            wat=_("Advies versie %(versie)s vastgesteld") % {"versie": advies.versie},
            door=advies.beoordeeld_door,
        )
        if advies.ingetrokken_op:
            yield Gebeurtenis(
                op=advies.ingetrokken_op,
                wat=_("Advies versie %(versie)s ingetrokken") % {"versie": advies.versie},
            )
