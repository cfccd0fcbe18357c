import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.models import Melding, Meldingsoort, Termijn
from identificatie import services
from identificatie.models import Taak
from tests.factories import UserFactory, make_casus

TODAY = timezone.localdate()


def test_herinneringen_twice_sends_each_overdue_task_notice_once(
    coordinator, politie, zorg, django_capture_on_commit_callbacks
):
    collega = UserFactory(username="politie2", organisatie=politie.organisatie)
    casus = make_casus(
        coordinator, deelnemers=[politie.organisatie, zorg.organisatie], naam="Niet In De Mail"
    )
    proces = services.proces_start(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisaties=[politie.organisatie, zorg.organisatie],
        deadline=TODAY + datetime.timedelta(days=3),
    )
    Taak.objects.filter(proces=proces).update(deadline=TODAY - datetime.timedelta(days=1))
    # A process from before its deadline ran as a term (identificatie.termijnen): its
    # overdue assessments are reminded of as tasks.
    Termijn.objects.filter(sleutel=proces.public_id).delete()
    zorg_taak = Taak.objects.get(proces=proces, organisatie=zorg.organisatie)
    services.taak_claim(ctx=AuditContext.system(zorg), taak=zorg_taak)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("herinneringen", stdout=io.StringIO())
    recipients = sorted(addr for m in mail.outbox for addr in m.to)
    # Unclaimed police task: both police colleagues; claimed care task: only its owner;
    # and the coordinator once per overdue task.
    assert recipients == sorted(
        [politie.email, collega.email, zorg.email, coordinator.email, coordinator.email]
    )
    for message in mail.outbox:
        # The case number and a link to the notice; never the name.
        assert casus.nummer in message.body and "Niet In De Mail" not in message.body
        assert "/mijn-meldingen/" in message.body
    assert Melding.objects.filter(soort=Meldingsoort.TAAK_VERLOPEN).count() == 5

    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("herinneringen", stdout=io.StringIO())
    assert len(mail.outbox) == sent
