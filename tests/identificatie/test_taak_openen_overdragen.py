"""A task opens in one step, and goes back or to a named colleague (issue 13, point 3).

Opening an unclaimed task of one's organisation claims it: a POST ("Openen"), never
a GET. Giving it back and handing it over are secondary actions on the task page;
handing over goes only to a colleague the step's node lets take it, who gets an
notification (and e-mail) with the case number and a link and nothing else.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import STATUS

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Melding, Meldingsoort
from identificatie import services
from identificatie.flows import IdentificatieFlow
from identificatie.models import Taak
from tests.factories import UserFactory

TODAY = timezone.localdate()


def ctx(user):
    return AuditContext.system(user)


def as_user(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def open_taak(proces, node, organisatie):
    return Taak.objects.select_related("task", "casus", "proces", "organisatie").get(
        proces=proces,
        task__flow_task=node,
        organisatie=organisatie,
        task__status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )


@pytest.fixture
def taak(proces, politie):
    return open_taak(proces, IdentificatieFlow.beoordelen, politie.organisatie)


def url(name, taak):
    return reverse(name, args=[taak.public_id])


def owner(taak):
    taak.task.refresh_from_db()
    return taak.task.owner


# Opening claims, on POST only ---------------------------------------------------------


def test_the_inbox_opens_an_unclaimed_task_with_one_post(taak, politie):
    client = as_user(politie)
    inbox = client.get(reverse("identificatie:taken")).content.decode()
    # The one way in is a form posting to the claim, labelled "Openen".
    assert f'action="{url("identificatie:taak-oppakken", taak)}"' in inbox
    assert "Openen" in inbox and "Oppakken" not in inbox
    response = client.post(url("identificatie:taak-oppakken", taak))
    assert response.status_code == 302 and response.url == url("identificatie:taak", taak)
    assert owner(taak) == politie
    page = client.get(response.url)
    assert page.context["mine"] and page.context["form"] is not None  # ready to work
    # Opening one's own task again just opens it (a second click or the back button).
    assert client.post(url("identificatie:taak-oppakken", taak)).url == response.url
    assert owner(taak) == politie
    # Now the inbox links to it; nothing posts any more.
    inbox = client.get(reverse("identificatie:taken")).content.decode()
    assert f'href="{url("identificatie:taak", taak)}"' in inbox
    assert url("identificatie:taak-oppakken", taak) not in inbox


def test_get_changes_nothing(taak, politie):
    client = as_user(politie)
    assert client.get(url("identificatie:taak-oppakken", taak)).status_code == 405
    page = client.get(url("identificatie:taak", taak))
    assert page.status_code == 200 and not page.context["mine"]
    html = page.content.decode()
    assert f'<form method="post" action="{url("identificatie:taak-oppakken", taak)}"' in html
    assert "Beoordeling invullen" in html  # the step's own action, one primary button
    assert client.get(url("identificatie:taak-overdragen", taak)).status_code == 302
    assert owner(taak) is None and taak.task.status == STATUS.NEW


def test_claiming_needs_the_csrf_token(taak, politie):
    client = as_user(politie, enforce_csrf_checks=True)
    assert client.post(url("identificatie:taak-oppakken", taak)).status_code == 403
    assert owner(taak) is None
    client.get(reverse("identificatie:taken"))
    token = client.cookies["csrftoken"].value
    response = client.post(url("identificatie:taak-oppakken", taak), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and owner(taak) == politie


def test_a_task_of_another_organisation_is_not_claimed(taak, zorg, buitenstaander):
    for user in (zorg, buitenstaander):
        assert as_user(user).post(url("identificatie:taak-oppakken", taak)).status_code == 404
    assert owner(taak) is None


# Secondary actions on the task page ---------------------------------------------------


def test_hand_back_and_hand_over_are_secondary(taak, politie):
    services.taak_claim(ctx=ctx(politie), taak=taak)
    html = as_user(politie).get(url("identificatie:taak", taak)).content.decode()
    html = html[html.index('<main id="inhoud"') : html.index("</main>")]
    primary = html.count("utrecht-button--primary-action")
    assert primary == 1 and html.index("Indienen") < html.index("Overdragen aan collega")
    for label in ("Teruggeven aan mijn organisatie", "Overdragen aan collega"):
        tag = html[: html.index(label)].rsplit("<", 1)[1]
        assert "secondary-action" in tag and "primary-action" not in tag, label


def test_hand_back(taak, politie):
    client = as_user(politie)
    client.post(url("identificatie:taak-oppakken", taak))
    response = client.post(url("identificatie:taak-teruggeven", taak))
    assert response.status_code == 302
    assert owner(taak) is None and taak.task.status == STATUS.NEW
    assert AuditEvent.objects.filter(
        object_type="taak", object_id=taak.public_id, detail__handeling="teruggeven"
    ).exists()


# Hand-over ---------------------------------------------------------------------------


@pytest.fixture
def collega(politie):
    return UserFactory(
        username="politie-collega",
        first_name="Rik",
        last_name="Collegiaal",
        email="rik@politie.example",
        organisatie=politie.organisatie,
    )


def test_hand_over_to_an_allowed_colleague(
    taak, casus, politie, collega, django_capture_on_commit_callbacks
):
    client = as_user(politie)
    client.post(url("identificatie:taak-oppakken", taak))
    form = client.get(url("identificatie:taak-overdragen", taak))
    assert "Rik Collegiaal" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("identificatie:taak-overdragen", taak), {"aan": collega.pk})
        assert not mail.outbox  # only after commit
    assert response.status_code == 302
    assert owner(taak) == collega and taak.task.status == STATUS.ASSIGNED
    assert AuditEvent.objects.filter(
        object_type="taak",
        object_id=taak.public_id,
        gebruiker=politie,
        detail__handeling="overdragen",
        detail__aan=collega.pk,
    ).exists()

    [message] = mail.outbox
    assert message.to == ["rik@politie.example"]
    tekst = message.subject + "\n" + message.body
    assert casus.nummer in message.subject and casus.nummer in message.body
    # The link opens the notice, which leads on to the task.
    melding = Melding.objects.get(soort=Meldingsoort.TAAK_OVERGEDRAGEN, ontvanger=collega)
    assert melding.url == url("identificatie:taak", taak)
    assert f"/mijn-meldingen/{melding.public_id}/" in message.body
    # Never a name or what the case is about: not the person's, not the sender's.
    for woord in (casus.naam, *casus.naam.split(), politie.first_name, politie.last_name):
        assert woord not in tekst, woord
    for woord in ("Collegiaal", "Beoordeling", "arbeid", politie.organisatie.naam):
        assert woord not in tekst, woord
    # The colleague now finds it as their own task.
    assert as_user(collega).get(url("identificatie:taak", taak)).context["mine"]


def test_hand_over_refuses_a_colleague_of_another_organisation(
    taak, politie, zorg, django_capture_on_commit_callbacks
):
    client = as_user(politie)
    client.post(url("identificatie:taak-oppakken", taak))
    assert "Mees" not in client.get(url("identificatie:taak-overdragen", taak)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("identificatie:taak-overdragen", taak), {"aan": zorg.pk})
    assert response.status_code == 200
    assert "eigen organisatie" in " ".join(response.context["form"].errors["aan"])
    assert owner(taak) == politie and not mail.outbox


@pytest.fixture
def zorgtafel_taak(proces, coordinator, politie, zorg):
    services.ronde_close(ctx=ctx(coordinator), proces=proces, reden="Spoed.")
    taak = open_taak(proces, IdentificatieFlow.zorgtafel, coordinator.organisatie)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)
    return taak


def test_hand_over_refuses_a_colleague_without_the_role(
    zorgtafel_taak, coordinator, coordinator2, django_capture_on_commit_callbacks
):
    zonder_rol = UserFactory(username="gemeente-medewerker", organisatie=coordinator.organisatie)
    client = as_user(coordinator)
    form = client.get(url("identificatie:taak-overdragen", zorgtafel_taak))
    assert list(form.context["kandidaten"]) == [coordinator2]  # only who may take the step
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("identificatie:taak-overdragen", zorgtafel_taak), {"aan": zonder_rol.pk}
        )
    assert response.status_code == 200
    assert "casuscoördinator" in " ".join(response.context["form"].errors["aan"])
    assert owner(zorgtafel_taak) == coordinator and not mail.outbox
    # A colleague who holds the role receives it.
    response = client.post(
        url("identificatie:taak-overdragen", zorgtafel_taak), {"aan": coordinator2.pk}
    )
    assert response.status_code == 302 and owner(zorgtafel_taak) == coordinator2


def test_only_the_holder_hands_over(taak, politie, collega):
    """A colleague who does not hold the task cannot give it away (nor to themselves)."""
    services.taak_claim(ctx=ctx(politie), taak=taak)
    response = as_user(collega).post(
        url("identificatie:taak-overdragen", taak), {"aan": collega.pk}
    )
    assert response.status_code == 302 and owner(taak) == politie


def test_an_outsider_posting_a_hand_over_gets_404_audited(
    taak, politie, zorg, buitenstaander, collega
):
    services.taak_claim(ctx=ctx(politie), taak=taak)
    for user in (zorg, buitenstaander):
        response = as_user(user).post(url("identificatie:taak-overdragen", taak), {"aan": user.pk})
        assert response.status_code == 404
        assert AuditEvent.objects.filter(
            gebruiker=user, uitkomst="geweigerd", object_type="taak", object_id=taak.public_id
        ).exists()
    assert owner(taak) == politie
