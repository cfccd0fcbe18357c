"""The identification process through the web client, as its users click it."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import PROCESS, STATUS

from advies.models import Advies
from casusoverleg.audit import AuditContext
from identificatie import services
from identificatie.flows import IdentificatieFlow
from identificatie.models import IdentificatieProces, Taak
from tests.factories import UserFactory, make_casus

TODAY = timezone.localdate()


@pytest.fixture
def casus(coordinator, politie, zorg):
    return make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie])


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def start(client, casus, *orgs):
    response = client.post(
        reverse("identificatie:proces-start", args=[casus.public_id]),
        {
            "organisaties": [o.pk for o in orgs],
            "deadline": (TODAY + datetime.timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return IdentificatieProces.objects.get(casus=casus, status=PROCESS.NEW)


def taak_of(proces, node, org=None):
    qs = Taak.objects.filter(
        proces=proces, task__flow_task=node, task__status__in=[STATUS.NEW, STATUS.ASSIGNED]
    )
    return (qs.filter(organisatie=org) if org else qs).get()


def do_task(client, taak, data):
    assert (
        client.post(reverse("identificatie:taak-oppakken", args=[taak.public_id])).status_code
        == 302
    )
    return client.post(step_url(taak), data)


def step_url(taak):
    """The page that serves a task's step: the node names it (advice steps are the
    advies app's)."""
    return reverse(taak.task.flow_task.pagina, args=[taak.public_id])


BEOORDELING = {
    "oordeel": "duidelijk",
    "feiten": "Feit.",
    "professioneel_oordeel": "Oordeel.",
    "onderbouwing": "Waarom.",
    "strafzaak": "nee",
}
ADVIES = {
    "doel": "Verblijf",
    "geadresseerde": "ind",
    "geadresseerde_toelichting": "",
    "vraag": "Slachtoffer?",
    "moment_datum": TODAY.isoformat(),
    "moment_fase": "B8",
    "conclusie": "aannemelijk",
    "onderbouwing": "Alle disciplines.",
    "aanbevelingen": "",
    "effect_strafzaak": "",
}


def advies_post(proces, indienen=True, **extra):
    data = dict(ADVIES)
    standpunten = proces.beoordelingen.filter(ingediend_op__isnull=False)
    data.update(
        {
            "standpunt-TOTAL_FORMS": standpunten.count(),
            "standpunt-INITIAL_FORMS": standpunten.count(),
        }
    )
    for i, b in enumerate(standpunten.order_by("organisatie__naam")):
        data.update(
            {
                f"standpunt-{i}-organisatie_id": b.organisatie_id,
                f"standpunt-{i}-samenvatting": f"Samenvatting {b.organisatie}",
            }
        )
    data.update(extra)
    if indienen:
        data["indienen"] = "1"
    return data


def test_the_whole_flow_through_the_web(casus, coordinator, coordinator2, politie, zorg):
    c, c2, p, z = (as_user(u) for u in (coordinator, coordinator2, politie, zorg))
    proces = start(c, casus, politie.organisatie, zorg.organisatie)

    # Each organisation finds its own task in its inbox, and not the other's.
    inbox = p.get(reverse("identificatie:taken")).content.decode()
    assert casus.nummer in inbox and inbox.count("/oppakken/") == 1
    politie_taak = taak_of(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    assert do_task(p, politie_taak, BEOORDELING).status_code == 302
    # Before the round closes the police's view is for the coordinator, not for care.
    detail = reverse("identificatie:proces-detail", args=[casus.public_id, proces.public_id])
    assert "Feit." in c.get(detail).content.decode()
    assert "Feit." not in z.get(detail).content.decode()

    zorg_taak = taak_of(proces, IdentificatieFlow.beoordelen, zorg.organisatie)
    response = do_task(
        z, zorg_taak, {**BEOORDELING, "oordeel": "enige", "achtergehouden": "Geheim detail"}
    )
    assert response.status_code == 200  # withheld information needs reason and legal basis
    assert "achtergehouden_reden" in response.context["form"].errors
    response = z.post(
        reverse("identificatie:taak", args=[zorg_taak.public_id]),
        {
            **BEOORDELING,
            "oordeel": "enige",
            "achtergehouden": "Geheim detail",
            "achtergehouden_reden": "Veiligheid melder",
            "achtergehouden_grondslag": "art. 7:457 BW",
        },
    )
    assert response.status_code == 302
    assert "Feit." in z.get(detail).content.decode()  # round closed: all participants see
    assert "Geheim detail" not in p.get(detail).content.decode()
    assert "Geheim detail" in c.get(detail).content.decode()

    zt = taak_of(proces, IdentificatieFlow.zorgtafel)
    assert do_task(c, zt, {"uitkomst": "Aannemelijk; opvang COSM."}).status_code == 302

    opstellen = taak_of(proces, IdentificatieFlow.opstellen)
    assert do_task(c, opstellen, advies_post(proces)).status_code == 302
    review = taak_of(proces, IdentificatieFlow.review)
    # The drafter does not even see a claim button, and cannot claim by hand.
    assert review.public_id not in c.get(reverse("identificatie:taken")).content.decode()
    c.post(reverse("identificatie:taak-oppakken", args=[review.public_id]))
    review.task.refresh_from_db()
    assert review.task.owner is None
    # Sent back with comments ...
    assert (
        do_task(c2, review, {"besluit": "terug", "opmerkingen": "Aanscherpen."}).status_code == 302
    )
    opstellen = taak_of(proces, IdentificatieFlow.opstellen)
    page = c.post(reverse("identificatie:taak-oppakken", args=[opstellen.public_id]))
    # The inbox's task page sends the advice steps to the advies app's page.
    task_page = reverse("identificatie:taak", args=[opstellen.public_id])
    assert c.get(task_page).url == step_url(opstellen)
    assert step_url(opstellen) == reverse("advies:advies-taak", args=[opstellen.public_id])
    assert "Aanscherpen." in c.get(step_url(opstellen)).content.decode()
    assert c.post(step_url(opstellen), advies_post(proces)).status_code == 302
    # ... refused while the case is not reported to CoMensha ...
    review = taak_of(proces, IdentificatieFlow.review)
    response = do_task(c2, review, {"besluit": "akkoord", "opmerkingen": ""})
    assert response.status_code == 200
    assert "niet gemeld bij CoMensha" in response.content.decode()
    melding = reverse("identificatie:casus-melding", args=[casus.public_id])
    assert c.post(melding, {"actie": "indienen"}).status_code == 302
    # ... then adopted.
    assert do_task(c2, review, {"besluit": "akkoord", "opmerkingen": ""}).status_code == 302
    proces.refresh_from_db()
    assert proces.status == PROCESS.DONE
    advies = Advies.objects.get()
    assert advies.status == "vastgesteld" and advies.beoordeeld_door == coordinator2
    assert advies.standpunten.get(organisatie=zorg.organisatie).oordeel == "enige"
    history = c.get(reverse("casusoverleg:casus-detail", args=[casus.public_id])).content.decode()
    assert "Identificatieproces van" in history and "Vastgesteld" in history
    # The case page shows the process history, step by step.
    for step in (
        "Beoordeling indienen",
        "Uitkomst zorgtafel vastleggen",
        "Advies opstellen",
        "Advies beoordelen (vier ogen)",
    ):
        assert step in history
    assert page.status_code == 302


def test_early_close_late_assessment_and_cancel_through_the_web(casus, coordinator, politie, zorg):
    c, p, z = as_user(coordinator), as_user(politie), as_user(zorg)
    proces = start(c, casus, politie.organisatie, zorg.organisatie)
    url = reverse("identificatie:ronde-sluiten", args=[casus.public_id, proces.public_id])
    assert c.post(url, {"sluiten-reden": ""}).status_code == 200
    asked = c.post(url, {"sluiten-reden": "Zorgtafel morgen"})
    assert asked.status_code == 200 and "Ja, ronde sluiten" in asked.content.decode()
    proces.refresh_from_db()
    assert not proces.ronde_gesloten
    assert c.post(url, {"sluiten-reden": "Zorgtafel morgen", "bevestigd": "1"}).status_code == 302
    proces.refresh_from_db()
    assert proces.ronde_gesloten and proces.ronde_vervroegd_reden == "Zorgtafel morgen"

    late = reverse("identificatie:mijn-beoordeling", args=[casus.public_id, proces.public_id])
    assert "Alsnog een beoordeling indienen" in z.get(late).content.decode()
    assert z.post(late, BEOORDELING).status_code == 302
    assert proces.beoordelingen.get(organisatie=zorg.organisatie).te_laat
    # afterwards only an addendum
    assert "Addendum" in z.get(late).content.decode()
    assert z.post(late, {"tekst": "Aanvulling"}).status_code == 302

    cancel = reverse("identificatie:proces-annuleren", args=[casus.public_id, proces.public_id])
    assert p.post(cancel, {"annuleren-reden": "x"}).status_code == 404  # not the coordinator
    assert p.post(cancel, {"annuleren-reden": "x", "bevestigd": "1"}).status_code == 404
    asked = c.post(cancel, {"annuleren-reden": "Persoon vertrokken"})
    assert asked.status_code == 200 and "Ja, proces annuleren" in asked.content.decode()
    proces.refresh_from_db()
    assert proces.status != PROCESS.CANCELED
    assert (
        c.post(cancel, {"annuleren-reden": "Persoon vertrokken", "bevestigd": "1"}).status_code
        == 302
    )
    proces.refresh_from_db()
    assert proces.status == PROCESS.CANCELED


def test_other_organisations_get_404_on_task_urls_and_see_nothing(
    casus, coordinator, politie, zorg, buitenstaander
):
    proces = start(as_user(coordinator), casus, politie.organisatie)
    taak = taak_of(proces, IdentificatieFlow.beoordelen)
    for user in (zorg, buitenstaander, coordinator):
        client = as_user(user)
        for name in (
            "identificatie:taak",
            "identificatie:taak-oppakken",
            "identificatie:taak-teruggeven",
        ):
            assert client.get(reverse(name, args=[taak.public_id])).status_code == 404
            assert client.post(reverse(name, args=[taak.public_id])).status_code == 404
        taken = client.get(reverse("identificatie:taken")).content.decode()
        # The coordinator has the case's report to make there; nobody has the task.
        assert taak.public_id not in taken
        assert user == coordinator or casus.nummer not in taken
    # A colleague who is no longer on the case loses the task at once.
    from casusoverleg.services import deelname_remove

    deelname_remove(
        ctx=AuditContext.system(coordinator),
        deelname=casus.deelnames.get(organisatie=politie.organisatie),
    )
    assert (
        as_user(politie).get(reverse("identificatie:taak", args=[taak.public_id])).status_code
        == 404
    )


def test_inbox_query_count_does_not_grow(coordinator, politie):
    client = as_user(politie)

    def add(n):
        for _ in range(n):
            casus = make_casus(coordinator, deelnemers=[politie.organisatie])
            services.proces_start(
                ctx=AuditContext.system(coordinator),
                casus=casus,
                organisaties=[politie.organisatie],
                deadline=TODAY + datetime.timedelta(days=5),
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("identificatie:taken"))
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.context["page"].object_list)

    add(1)
    one = count()
    add(20)
    many = count()
    assert one[1] == 1 and many[1] == 21
    assert one[0] == many[0]


def test_overdue_tasks_are_marked(casus, coordinator, politie):
    proces = start(as_user(coordinator), casus, politie.organisatie)
    Taak.objects.filter(proces=proces).update(deadline=TODAY - datetime.timedelta(days=1))
    html = as_user(politie).get(reverse("identificatie:taken")).content.decode()
    assert "te laat" in html


def test_reviewer_of_another_organisation_cannot_review(casus, coordinator, politie, zorg):
    elders = UserFactory(
        username="reviewer-elders",
        organisatie=politie.organisatie,
        is_reviewer=True,
        is_coordinator=True,
    )
    c = as_user(coordinator)
    proces = start(c, casus, politie.organisatie)
    do_task(as_user(politie), taak_of(proces, IdentificatieFlow.beoordelen), BEOORDELING)
    do_task(c, taak_of(proces, IdentificatieFlow.zorgtafel), {"uitkomst": "Besproken."})
    do_task(c, taak_of(proces, IdentificatieFlow.opstellen), advies_post(proces))
    review = taak_of(proces, IdentificatieFlow.review)
    client = as_user(elders)
    assert (
        client.post(reverse("identificatie:taak-oppakken", args=[review.public_id])).status_code
        == 404
    )
    review.task.refresh_from_db()
    assert review.task.owner is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="real concurrency needs PostgreSQL (make test-services)",
)
def test_two_claims_at_once_one_wins(coordinator, politie, indicatorlijst):
    collega = UserFactory(username="politie-collega", organisatie=politie.organisatie)
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    proces = services.proces_start(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisaties=[politie.organisatie],
        deadline=TODAY + datetime.timedelta(days=5),
    )
    taak = proces.taken.get()
    barrier = threading.Barrier(2)
    results = {}

    def claim(user):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.taak_claim(
                ctx=AuditContext.system(user),
                taak=Taak.objects.select_related("task", "casus", "proces", "organisatie").get(
                    pk=taak.pk
                ),
            )
            results[user.username] = "won"
        except Exception as error:  # noqa: BLE001
            results[user.username] = (
                type(error).__name__ + ": " + " ".join(getattr(error, "messages", [str(error)]))
            )
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=claim, args=(u,)) for u in (politie, collega)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(v == "won" for v in results.values()) == [False, True], results
    loser = next(v for v in results.values() if v != "won")
    assert "al door iemand anders opgepakt" in loser
    taak.task.refresh_from_db()
    assert taak.task.owner in (politie, collega)


def test_viewflow_own_pages_are_not_mounted(client, buitenstaander):
    """Viewflow's dashboard and lists check only model-wide permissions; they must not
    be reachable at all."""
    from django.urls import get_resolver

    def views(patterns):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from views(p.url_patterns)
            else:
                yield p.callback

    modules = {getattr(v, "__module__", "") or "" for v in views(get_resolver().url_patterns)}
    assert not [m for m in modules if m.startswith("viewflow")]
    client.force_login(buitenstaander)
    for path in ("/workflow/", "/flow/", "/identificatie/flow/"):
        assert client.get(path).status_code == 404
