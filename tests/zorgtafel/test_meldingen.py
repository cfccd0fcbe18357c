"""A meeting's notifications: the invitation, change and cancellation are in the
centre, and their e-mail is the calendar invitation alone (no second mail)."""

import datetime

from django.core import mail

from casusoverleg.audit import AuditContext
from casusoverleg.models import Frequentie, Melding, Meldingsoort, MeldingVoorkeur
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import plan
from zorgtafel import services


def test_invitation_change_and_cancellation_are_notices_with_one_mail_each(
    coordinator, politie, buitenstaander, django_capture_on_commit_callbacks
):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    # A preference cannot add a second mail: the invitation is the e-mail.
    MeldingVoorkeur.objects.create(
        gebruiker=politie, soort=Meldingsoort.UITNODIGING, frequentie=Frequentie.DIRECT
    )
    ctx = AuditContext.system(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        overleg = plan(coordinator, [casus])
    assert [m.to for m in mail.outbox if politie.email in m.to] == [[politie.email]]
    melding = Melding.objects.get(ontvanger=politie)
    assert melding.soort == Meldingsoort.UITNODIGING
    assert melding.url == f"/zorgtafels/{overleg.public_id}/"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.zorgtafel_update(
            ctx=ctx,
            zorgtafel=overleg,
            data={"begint_op": overleg.begint_op + datetime.timedelta(hours=2)},
        )
        services.zorgtafel_cancel(ctx=ctx, zorgtafel=overleg)
    assert [m.soort for m in Melding.objects.filter(ontvanger=politie).order_by("pk")] == [
        Meldingsoort.UITNODIGING,
        Meldingsoort.ZORGTAFEL_GEWIJZIGD,
        Meldingsoort.ZORGTAFEL_GEANNULEERD,
    ]
    assert len([m for m in mail.outbox if politie.email in m.to]) == 2  # the two .ics mails
    assert not Melding.objects.filter(ontvanger=buitenstaander).exists()


def test_an_action_tells_the_owning_organisation(
    coordinator, politie, zorg, django_capture_on_commit_callbacks
):
    from tests.zorgtafel.zorgtafel_helpers import bevestig, start

    casus = make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])
    overleg = plan(coordinator, [casus])
    bevestig(overleg, coordinator, politie, zorg)
    overleg = start(overleg, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.actiepunt_add(
            ctx=AuditContext.system(coordinator),
            agendapunt=overleg.agendapunten.get(),
            omschrijving="Iets regelen",
            eigenaar=politie.organisatie,
            deadline=datetime.date.today() + datetime.timedelta(days=3),  # noqa: DTZ011
        )
    toegewezen = Melding.objects.filter(soort=Meldingsoort.ACTIEPUNT_TOEGEWEZEN)
    assert set(toegewezen.values_list("ontvanger", flat=True)) == {politie.pk}
