"""The zorgtafel app's part of the subject-access export (``casusoverleg.inzage``):
every agenda item about this case, with its meeting's date, its minutes and
addenda, its decision and its actions with their progress. Registered in
``ZorgtafelConfig.ready``.

A meeting discusses several people: only this case's item is read (rows are
selected through ``Agendapunt.casus``), never the meeting's other items, its
invitees or its attendance."""

from django.utils.translation import gettext as _

from casusoverleg import weergave
from casusoverleg.inzage import Onderdeel, rij

from .models import Actiepunt, Agendapunt


def _regels(items, maak) -> str:
    return "\n".join(maak(i) for i in items) or weergave.LEEG


def overleggen_onderdeel(*, casus) -> Onderdeel:
    punten = (
        Agendapunt.objects.filter(casus=casus)
        .select_related("zorgtafel", "besluit_door__organisatie")
        .prefetch_related("notulen__auteur")
        .order_by("zorgtafel__begint_op", "pk")
    )
    actiepunten = (
        Actiepunt.objects.filter(casus=casus)
        .select_related("eigenaar")
        .prefetch_related("voortgang__door")
        .order_by("deadline", "pk")
    )
    per_punt: dict[int, list] = {}
    for a in actiepunten:
        per_punt.setdefault(a.agendapunt_id, []).append(a)
    rijen = []
    for punt in punten:
        zorgtafel = punt.zorgtafel
        notulen = [n for n in punt.notulen.all() if not n.addendum]
        addenda = [n for n in punt.notulen.all() if n.addendum]
        rijen.append(
            {
                _("Overleg"): zorgtafel.get_type_display(),
                _("Datum"): weergave.datumtijd(zorgtafel.begint_op),
                _("Status van het overleg"): zorgtafel.get_status_display(),
            }
            | rij(punt, ["uitkomst", "besluit", "besluit_door", "besluit_op"])
            | {
                _("Notulen"): _regels(notulen, lambda n: f"{n.tekst} ({weergave.naam(n.auteur)})"),
                _("Addenda"): _regels(
                    addenda,
                    lambda n: (
                        f"{weergave.datumtijd(n.created_at)}, {weergave.naam(n.auteur)}: {n.tekst}"
                    ),
                ),
                _("Actiepunten"): _regels(
                    per_punt.get(punt.pk, []),
                    lambda a: (
                        f"{a.omschrijving}: {a.eigenaar}, "
                        f"{_('uiterlijk')} {weergave.datum(a.deadline)}, {a.get_status_display()}"
                        + (f" ({a.reden})" if a.reden else "")
                        + "".join(
                            f"; {weergave.datumtijd(v.op)} {weergave.naam(v.door)}: {v.tekst}"
                            for v in a.voortgang.all()
                            if v.tekst
                        )
                    ),
                ),
            }
        )
    return Onderdeel(
        titel=_("Zorgtafels"),
        sleutel="zorgtafels",
        rijen=rijen,
        toelichting=_("Alleen het agendapunt over deze persoon, nooit andere agendapunten."),
        volgorde=80,
    )
