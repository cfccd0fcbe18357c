"""The notification centre and its core: rows after commit for those who may see the
case, mail by preference (direct, daily overview, off), the centre's pages."""

import datetime

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.meldingen import SOORTEN
from casusoverleg.models import (
    AuditEvent,
    Deelname,
    Frequentie,
    Melding,
    Meldingsoort,
    MeldingVoorkeur,
)
from casusoverleg.services import (
    deelname_add,
    deelname_remove,
    melding_mail,
    melding_send,
    meldingen_digest,
    meldingvoorkeuren_change,
)
from tests.factories import UserFactory, make_casus

NIEUWE_TAAK = Meldingsoort.NIEUWE_TAAK


@pytest.fixture
def casus(coordinator, politie):
    return make_casus(coordinator, deelnemers=[politie.organisatie])


def send(casus, ontvangers, soort=NIEUWE_TAAK, url="/taken/"):
    melding_send(soort=soort, ontvangers=ontvangers, casus=casus, url=url)


def test_a_notice_is_made_after_commit_for_those_who_see_the_case(
    casus, politie, buitenstaander, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(casus, [politie, buitenstaander])
        assert not Melding.objects.exists()  # not before commit

    melding = Melding.objects.get()
    assert melding.ontvanger == politie
    assert melding.tekst == f"Er is een nieuwe taak in casus {casus.nummer}."
    assert [m.to for m in mail.outbox] == [[politie.email]]
    assert casus.nummer in mail.outbox[0].subject
    assert reverse("casusoverleg:melding-openen", args=[melding.public_id]) in mail.outbox[0].body
    melding.refresh_from_db()
    assert melding.gemaild_op is not None


@pytest.mark.django_db(transaction=True)
def test_nothing_is_made_or_sent_on_a_rollback(coordinator, politie):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    Melding.objects.all().delete()
    mail.outbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        send(casus, [politie])
        raise RuntimeError

    assert not Melding.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_leaves_the_work_saved_and_the_notice_unmailed(
    coordinator, politie, login, monkeypatch, caplog
):
    """The real commit path (no captured callbacks): the participant is added, the
    page answers as usual, the notice is in the centre, unmailed to try again."""
    casus = make_casus(coordinator)

    def weigeren(self, fail_silently=False):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", weigeren)
    response = login(coordinator).post(
        reverse("casusoverleg:deelnemers", args=[casus.public_id]),
        {"organisatie": politie.organisatie.pk, "rol": Deelname.Rol.DEELNEMER},
    )
    assert response.status_code == 302
    assert Deelname.objects.filter(casus=casus, organisatie=politie.organisatie).exists()
    melding = Melding.objects.get(ontvanger=politie, soort=Meldingsoort.TOEGEVOEGD)
    assert melding.gemaild_op is None
    assert "melding_mail" in caplog.text


def test_melding_mail_is_idempotent_and_asks_again(
    casus, politie, coordinator, django_capture_on_commit_callbacks
):
    MeldingVoorkeur.objects.create(gebruiker=politie, soort=NIEUWE_TAAK, frequentie="uit")
    with django_capture_on_commit_callbacks(execute=True):
        send(casus, [politie])
    melding = Melding.objects.get()
    assert mail.outbox == []  # off: in the centre only

    MeldingVoorkeur.objects.filter(gebruiker=politie).update(frequentie=Frequentie.DIRECT)
    assert melding_mail(melding.pk) is True
    assert melding_mail(melding.pk) is False
    assert len(mail.outbox) == 1

    # Access gone before a worker gets to it: no mail.
    with django_capture_on_commit_callbacks(execute=True):
        send(casus, [politie])
    tweede = Melding.objects.exclude(pk=melding.pk).get()
    Melding.objects.filter(pk=tweede.pk).update(gemaild_op=None)
    deelname = Deelname.objects.get(casus=casus, organisatie=politie.organisatie)
    deelname_remove(ctx=AuditContext.system(coordinator), deelname=deelname)
    assert melding_mail(tweede.pk) is False


def test_a_kind_that_cannot_be_switched_off_ignores_off(
    casus, politie, django_capture_on_commit_callbacks
):
    soort = Meldingsoort.TAAK_VERLOPEN
    assert not SOORTEN[soort].uitschakelbaar
    MeldingVoorkeur.objects.create(gebruiker=politie, soort=soort, frequentie="uit")
    with django_capture_on_commit_callbacks(execute=True):
        send(casus, [politie], soort=soort)
    assert len(mail.outbox) == 1


def test_the_daily_overview_is_one_mail_per_person_and_day(
    casus, politie, django_capture_on_commit_callbacks
):
    MeldingVoorkeur.objects.create(gebruiker=politie, soort=NIEUWE_TAAK, frequentie="dagelijks")
    with django_capture_on_commit_callbacks(execute=True):
        send(casus, [politie])
        send(casus, [politie])
    assert mail.outbox == []

    dag = datetime.date(2026, 11, 30)
    assert meldingen_digest(vandaag=dag) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.count(casus.nummer) == 2
    assert not Melding.objects.filter(gemaild_op__isnull=True).exists()

    with django_capture_on_commit_callbacks(execute=True):
        send(casus, [politie])
    assert meldingen_digest(vandaag=dag) == 0  # once a day
    assert meldingen_digest(vandaag=dag + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


def test_preferences_refuse_off_for_a_kind_that_cannot_be_switched_off(politie):
    ctx = AuditContext.system(politie)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        meldingvoorkeuren_change(
            ctx=ctx, gebruiker=politie, keuzes={Meldingsoort.TOEGEVOEGD: "uit"}
        )
    assert Meldingsoort.TOEGEVOEGD in error.value.error_dict
    assert not MeldingVoorkeur.objects.exists()

    gewijzigd = meldingvoorkeuren_change(
        ctx=ctx, gebruiker=politie, keuzes={NIEUWE_TAAK: "dagelijks"}
    )
    assert gewijzigd == [NIEUWE_TAAK]


def test_added_and_removed_members_are_told(
    coordinator, politie, zorg, django_capture_on_commit_callbacks
):
    collega = UserFactory(username="politie2", organisatie=politie.organisatie)
    casus = make_casus(coordinator)
    ctx = AuditContext.system(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        deelname = deelname_add(ctx=ctx, casus=casus, organisatie=politie.organisatie)
    assert set(
        Melding.objects.filter(soort=Meldingsoort.TOEGEVOEGD).values_list("ontvanger", flat=True)
    ) == {politie.pk, collega.pk}

    with django_capture_on_commit_callbacks(execute=True):
        deelname_remove(ctx=ctx, deelname=deelname)
    verwijderd = Melding.objects.filter(soort=Meldingsoort.VERWIJDERD)
    assert set(verwijderd.values_list("ontvanger", flat=True)) == {politie.pk, collega.pk}
    assert not Melding.objects.filter(ontvanger=zorg).exists()


# The centre -------------------------------------------------------------------------


def test_the_centre_lists_and_marks_read(casus, politie, login, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(casus, [politie])
        send(casus, [politie])
    client = login(politie)

    response = client.get(reverse("casusoverleg:meldingen"))
    assert response.status_code == 200
    assert '2<span class="visually-hidden"> ongelezen meldingen' in response.content.decode()
    assert (
        AuditEvent.objects.filter(
            object_type="gebruikersmelding", casus_public_id=casus.public_id
        ).count()
        == 2
    )

    eerste, tweede = Melding.objects.order_by("pk")
    response = client.post(reverse("casusoverleg:melding-gelezen", args=[eerste.public_id]))
    assert response.status_code == 302
    eerste.refresh_from_db()
    assert eerste.gelezen_op is not None

    response = client.get(reverse("casusoverleg:melding-openen", args=[tweede.public_id]))
    assert response.status_code == 302 and response.url == "/taken/"
    assert not Melding.objects.filter(gelezen_op__isnull=True).exists()


def test_alles_gelezen(casus, politie, login, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(casus, [politie])
        send(casus, [politie])
    login(politie).post(reverse("casusoverleg:meldingen-gelezen"))
    assert not Melding.objects.filter(gelezen_op__isnull=True).exists()


def test_someone_elses_notice_is_404_and_stays_unread(
    casus, politie, coordinator, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(casus, [politie])
    melding = Melding.objects.get()
    client = login(coordinator)
    assert (
        client.get(reverse("casusoverleg:melding-openen", args=[melding.public_id])).status_code
        == 404
    )
    assert (
        client.post(reverse("casusoverleg:melding-gelezen", args=[melding.public_id])).status_code
        == 404
    )
    melding.refresh_from_db()
    assert melding.gelezen_op is None


def test_a_notice_about_a_case_no_longer_seen_opens_as_404(
    casus, politie, coordinator, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(casus, [politie], url=reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    melding = Melding.objects.get()
    deelname = Deelname.objects.get(casus=casus, organisatie=politie.organisatie)
    deelname_remove(ctx=AuditContext.system(coordinator), deelname=deelname)

    response = login(politie).get(reverse("casusoverleg:melding-openen", args=[melding.public_id]))
    assert response.status_code == 404


@pytest.mark.parametrize("aantal", [1, 30])
def test_the_header_count_is_one_query(
    casus, politie, login, aantal, django_assert_max_num_queries
):
    Melding.objects.bulk_create(
        Melding(ontvanger=politie, soort=NIEUWE_TAAK, casus=casus, url="/", tekst="x")
        for _ in range(aantal)
    )
    client = login(politie)
    # Not the start page: it lists the unread notices itself.
    pagina = reverse("casusoverleg:casus-list")
    client.get(pagina)  # the session's own first queries
    with CaptureQueriesContext(connection) as queries:
        response = client.get(pagina)
    assert f">{aantal}<span" in response.content.decode()
    assert sum("casusoverleg_melding" in q["sql"] for q in queries.captured_queries) == 1


def test_the_preferences_page_saves_and_shows_why_some_cannot_be_off(politie, login):
    client = login(politie)
    response = client.get(reverse("casusoverleg:melding-voorkeuren"))
    html = response.content.decode()
    assert "Deze e-mail kunt u niet uitzetten" in html
    assert "disabled" in html

    response = client.post(
        reverse("casusoverleg:melding-voorkeuren"),
        {code: "dagelijks" for code, info in SOORTEN.items() if not info.eigen_mail},
    )
    assert response.status_code == 302
    # Every kind with a choice that can reach the police; CoMensha's is not offered,
    # nor the request to link cases, which only a coordinator receives, nor the access
    # review, which only an organisation's administrators receive.
    assert set(
        MeldingVoorkeur.objects.filter(gebruiker=politie, frequentie="dagelijks").values_list(
            "soort", flat=True
        )
    ) == {c for c, i in SOORTEN.items() if not i.eigen_mail} - {
        Meldingsoort.MELDING_ONTVANGEN,
        Meldingsoort.KOPPELVERZOEK,
        Meldingsoort.KOPPELVERZOEK_BEANTWOORD,
        Meldingsoort.DOORVERWIJZING_OPEN,
        Meldingsoort.TOEGANGSREVIEW,
    }
    assert str(SOORTEN[Meldingsoort.MELDING_ONTVANGEN].label) not in html
    assert "(verplicht)" not in html

    response = client.post(
        reverse("casusoverleg:melding-voorkeuren"),
        {**{code: "direct" for code in SOORTEN}, Meldingsoort.TOEGEVOEGD: "uit"},
    )
    assert response.status_code == 200
    assert "Deze e-mail kunt u niet uitzetten" in response.content.decode()
    assert not MeldingVoorkeur.objects.filter(frequentie="uit").exists()


def test_the_start_page_selector_gives_the_unread_count_and_the_latest(
    casus, politie, coordinator, django_assert_max_num_queries
):
    from casusoverleg.selectors import meldingen_ongelezen

    Melding.objects.bulk_create(
        Melding(ontvanger=politie, soort=NIEUWE_TAAK, casus=casus, url="/", tekst=str(i))
        for i in range(4)
    )
    Melding.objects.create(ontvanger=coordinator, soort=NIEUWE_TAAK, url="/", tekst="x")
    Melding.objects.filter(tekst="0").update(gelezen_op=timezone.now())
    with django_assert_max_num_queries(2):
        aantal, laatste = meldingen_ongelezen(user=politie, limit=2)
    assert aantal == 3
    assert [m.tekst for m in laatste] == ["3", "2"]
    assert laatste[0].casus == casus
