"""The demo referrals: made through the services, as the coordinator and the
receiving organisation would, and left alone the second time."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from casusoverleg.models import AuditEvent, Deelname, User
from wegwijzer.models import Doorverwijzing
from wegwijzer.takenlijst import doorverwijzing_taken

S = Doorverwijzing.Status


def _stand():
    return sorted(
        Doorverwijzing.objects.values_list(
            "public_id", "casus__naam", "organisatie__naam", "status", "reden"
        )
    )


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_referrals_one_open_one_accepted_one_declined_once():
    call_command("demo", stdout=io.StringIO())
    eerst = _stand()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "0 doorverwijzingen aangemaakt." in out.getvalue()
    assert _stand() == eerst

    verwijzingen = {v.status: v for v in Doorverwijzing.objects.select_related("casus")}
    assert set(verwijzingen) == {S.VOORGESTELD, S.AANVAARD, S.AFGEWEZEN}

    # Open: in the receiving demo user's Mijn taken, the case still hidden from them.
    nidos = User.objects.get(username="nidos")
    open_ = verwijzingen[S.VOORGESTELD]
    assert [rij.object for rij in doorverwijzing_taken(user=nidos)] == [open_]
    assert (
        not Deelname.objects.actief()
        .filter(casus=open_.casus, organisatie=nidos.organisatie)
        .exists()
    )

    # Accepted: the organisation takes part and owns the need it was referred for.
    aanvaard = verwijzingen[S.AANVAARD]
    assert aanvaard.beantwoord_door.username == "comensha"
    assert (
        Deelname.objects.actief()
        .filter(casus=aanvaard.casus, organisatie=aanvaard.organisatie)
        .exists()
    )
    assert aanvaard.behoefte.eigenaar == aanvaard.organisatie

    # Declined with the reason the coordinator reads.
    afgewezen = verwijzingen[S.AFGEWEZEN]
    assert afgewezen.beantwoord_door.username == "nidos"
    assert afgewezen.reden

    # Each step audited as the person who took it, not as the system.
    gebruikers = set(
        AuditEvent.objects.filter(object_type="doorverwijzing").values_list(
            "gebruiker__username", flat=True
        )
    )
    assert gebruikers == {"coordinator", "coordinator2", "comensha", "nidos"}
