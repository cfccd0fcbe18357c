"""The advies app's entries in a case's timeline (``casusoverleg.casuspagina``):
advices adopted, withdrawn, sent to an addressee and decided on by it. Drafts
never appear. Registered in
``AdviesConfig.ready``."""

from django.utils.translation import gettext as _

from casusoverleg.casuspagina import Gebeurtenis

from .models import Advies, AdviesBesluit, AdviesVerzending


def advies_tijdlijn(*, user, casus):
    """Three queries, whatever the number of versions and sendings."""
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

    for v in AdviesVerzending.objects.filter(advies__casus=casus).select_related(
        "advies", "door__organisatie"
    ):
        yield Gebeurtenis(
            op=v.verzonden_op,
            wat=_("Advies versie %(versie)s verzonden aan %(aan)s (kanaal: %(kanaal)s)")
            % {
                "versie": v.advies.versie,
                "aan": v.get_geadresseerde_display(),
                "kanaal": v.get_kanaal_display(),
            },
            door=v.door,
        )
    for b in AdviesBesluit.objects.filter(advies__casus=casus).select_related(
        "advies", "door__organisatie"
    ):
        yield Gebeurtenis(
            op=b.besluit_op,
            wat=_("Besluit van %(aan)s op advies versie %(versie)s: %(uitkomst)s")
            % {
                "versie": b.advies.versie,
                "aan": b.get_geadresseerde_display(),
                "uitkomst": b.get_uitkomst_display().lower(),
            },
            door=b.door,
        )
