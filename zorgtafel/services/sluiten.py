"""A case is closed (``casusoverleg.sluiten``): its open actions lapse and it
leaves the agenda of meetings still to come."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casusoverleg.audit import Actie, AuditContext
from casusoverleg.models import Casus

from .. import live
from ..models import Actiepunt, ActiepuntVoortgang, Agendapunt, Zorgtafel
from .common import _audit
from .planning import _annuleren, _uitnodigingen_sync


def casuswerk_annuleren(*, ctx: AuditContext, casus: Casus, reden: str) -> None:
    """Closing ``casus``: each open action becomes "niet mogelijk" with ``reden``
    (kept in its history); the case leaves the agenda of every planned meeting, and
    a planned meeting about this case alone is cancelled (invitees get the
    cancellation). A meeting under way is left to its chair: its room already
    hides the case from everyone who lost access. No rule of its own:
    ``casus_sluiten`` decided who may, and this runs in its transaction."""
    for actiepunt in Actiepunt.objects.open().filter(casus=casus).select_for_update():
        ActiepuntVoortgang.objects.create(
            actiepunt=actiepunt, tekst=reden, status=Actiepunt.Status.NIET_MOGELIJK, door=ctx.user
        )
        actiepunt.status = Actiepunt.Status.NIET_MOGELIJK
        actiepunt.reden = reden
        actiepunt.full_clean()
        actiepunt.save(update_fields=["status", "reden", "updated_at"])
        _audit(
            ctx,
            Actie.WIJZIGEN,
            "actiepunt",
            actiepunt.public_id,
            casus=casus,
            voortgang="vervallen",
            reden="casus_gesloten",
        )
    zorgtafels = Zorgtafel.objects.select_for_update().filter(
        agendapunten__casus=casus, status=Zorgtafel.Status.GEPLAND
    )
    for zorgtafel in zorgtafels:
        if zorgtafel.agendapunten.exclude(casus=casus).exists():
            punt = zorgtafel.agendapunten.get(casus=casus)
            _audit(
                ctx,
                Actie.WIJZIGEN,
                "agendapunt",
                punt.public_id,
                casus=casus,
                wijziging="verwijderd",
                reden="casus_gesloten",
            )
            punt.delete()
            _uitnodigingen_sync(zorgtafel)
            live.algemeen_on_commit(zorgtafel, {"soort": "agenda"})
        else:
            _annuleren(ctx, zorgtafel, reden="casus_gesloten")


def casuswerk_overzicht(*, casus: Casus) -> list[str]:
    """What closing ``casus`` cancels here, for the closing form (counts only)."""
    regels = []
    acties = Actiepunt.objects.open().filter(casus=casus).count()
    if acties:
        regels.append(
            ngettext(
                "wordt %(aantal)s open actiepunt afgesloten als 'niet mogelijk', met de reden;",
                "worden %(aantal)s open actiepunten afgesloten als 'niet mogelijk', met de reden;",
                acties,
            )
            % {"aantal": acties}
        )
    punten = Agendapunt.objects.filter(
        casus=casus, zorgtafel__status=Zorgtafel.Status.GEPLAND
    ).count()
    if punten:
        regels.append(
            ngettext(
                "gaat de casus van de agenda van %(aantal)s gepland overleg;",
                "gaat de casus van de agenda van %(aantal)s geplande overleggen;",
                punten,
            )
            % {"aantal": punten}
        )
    return regels or [_("staan er geen open actiepunten of geplande overleggen open;")]
