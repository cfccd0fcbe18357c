"""Action items between meetings (issue 13, point 3): the owner's members find them in
Mijn taken and on their own page, report progress (kept as history), done, or "kan
niet" with a reason; everyone else gets a 404 (audited). The coordinator of a case
sees its open actions whoever owns them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent
from tests.factories import UserFactory, make_casus
from tests.zorgtafel.zorgtafel_helpers import plan, start
from zorgtafel import services
from zorgtafel.models import Actiepunt, ActiepuntVoortgang

TODAY = timezone.localdate()


@pytest.fixture
def casus(coordinator, politie, zorg):
    return make_casus(
        coordinator, naam="Eerste Persoon", deelnemers=[politie.organisatie, zorg.organisatie]
    )


@pytest.fixture
def actiepunt(coordinator, casus, politie):
    """An open action of the police, agreed at a running meeting on ``casus``."""
    zorgtafel = start(plan(coordinator, [casus]), coordinator)
    return services.actiepunt_add(
        ctx=AuditContext.system(coordinator),
        agendapunt=zorgtafel.agendapunten.get(),
        omschrijving="Verhoor plannen.",
        eigenaar=politie.organisatie,
        deadline=TODAY + datetime.timedelta(days=3),
    )


def _url(actiepunt):
    return reverse("zorgtafel:actiepunt-detail", args=[actiepunt.public_id])


def _taken(client, user):
    client.force_login(user)
    response = client.get(reverse("identificatie:taken"))
    assert response.status_code == 200
    return response


# In Mijn taken ----------------------------------------------------------------------


def test_an_open_action_is_in_mijn_taken_of_every_member_of_its_owner(
    client, actiepunt, politie, casus
):
    collega = UserFactory(username="politie-collega", organisatie=politie.organisatie)
    for user in (politie, collega):
        html = _taken(client, user).content.decode()
        assert "Verhoor plannen." in html and casus.nummer in html
        assert _url(actiepunt) in html


def test_an_action_is_not_in_mijn_taken_of_other_organisations(
    client, actiepunt, coordinator, zorg, buitenstaander
):
    for user in (coordinator, zorg, buitenstaander):
        assert _url(actiepunt) not in _taken(client, user).content.decode()


def test_a_member_who_may_not_see_the_case_does_not_get_the_action(
    client, actiepunt, politie, casus, coordinator
):
    """A lawyer-like personal participation aside, access is per organisation: once
    the police leave the case, its action leaves their list and page."""
    from casusoverleg.models import Deelname
    from casusoverleg.services import deelname_end

    deelname = Deelname.objects.actief().get(casus=casus, organisatie=politie.organisatie)
    deelname_end(ctx=AuditContext.system(coordinator), deelname=deelname, reden="Klaar.")
    assert _url(actiepunt) not in _taken(client, politie).content.decode()
    assert client.get(_url(actiepunt)).status_code == 404


def test_mijn_taken_audits_the_actions_it_shows(client, actiepunt, politie, casus):
    _taken(client, politie)
    assert AuditEvent.objects.filter(
        gebruiker=politie,
        object_type="actiepunt",
        object_id=actiepunt.public_id,
        casus_public_id=casus.public_id,
        detail__weergave="takenlijst",
    ).exists()


def test_overdue_actions_come_first_and_are_marked(client, actiepunt, politie, coordinator):
    later = services.actiepunt_add(
        ctx=AuditContext.system(coordinator),
        agendapunt=actiepunt.agendapunt,
        omschrijving="Later werk.",
        eigenaar=politie.organisatie,
        deadline=TODAY + datetime.timedelta(days=10),
    )
    Actiepunt.objects.filter(pk=later.pk).update(deadline=TODAY - datetime.timedelta(days=2))
    response = _taken(client, politie)
    (sectie,) = [s for s in response.context["secties"] if s["sleutel"] == "actiepunten"]
    assert [r.public_id for r in sectie["rijen"]] == [later.public_id, actiepunt.public_id]
    assert sectie["rijen"][0].te_laat and not sectie["rijen"][1].te_laat
    assert "te laat" in response.content.decode()


# The owner's page -------------------------------------------------------------------


def test_the_owner_writes_progress_notes_kept_as_history(client, actiepunt, politie):
    client.force_login(politie)
    for tekst in ("Eerste contact gelegd.", "Afspraak staat."):
        response = client.post(_url(actiepunt), {"status": "voortgang", "tekst": tekst})
        assert response.status_code == 302
    actiepunt.refresh_from_db()
    assert actiepunt.status == "open"
    assert list(actiepunt.voortgang.values_list("tekst", "door", "status")) == [
        ("Eerste contact gelegd.", politie.pk, ""),
        ("Afspraak staat.", politie.pk, ""),
    ]
    html = client.get(_url(actiepunt)).content.decode()
    assert "Eerste contact gelegd." in html and "Afspraak staat." in html


def test_the_owner_marks_the_action_done(client, actiepunt, politie):
    client.force_login(politie)
    assert client.post(_url(actiepunt), {"status": "gedaan", "tekst": ""}).status_code == 302
    actiepunt.refresh_from_db()
    assert actiepunt.status == "gedaan" and not actiepunt.is_open
    assert actiepunt.voortgang.get().status == "gedaan"
    # Done: gone from Mijn taken, and the page no longer offers the form.
    assert _url(actiepunt) not in _taken(client, politie).content.decode()
    assert client.get(_url(actiepunt)).context["form"] is None


def test_kan_niet_needs_a_reason_on_the_field_and_saves_nothing_without(client, actiepunt, politie):
    client.force_login(politie)
    response = client.post(_url(actiepunt), {"status": "niet_mogelijk", "tekst": "  "})
    assert response.status_code == 200
    assert "Geef de reden" in str(response.context["form"].errors["tekst"])
    actiepunt.refresh_from_db()
    assert actiepunt.status == "open" and not actiepunt.voortgang.exists()
    client.post(_url(actiepunt), {"status": "niet_mogelijk", "tekst": "Persoon vertrokken."})
    actiepunt.refresh_from_db()
    assert actiepunt.status == "niet_mogelijk" and actiepunt.reden == "Persoon vertrokken."


def test_the_service_refuses_kan_niet_without_reason_and_an_empty_note(actiepunt, politie):
    ctx = AuditContext.system(politie)
    with pytest.raises(ValidationError) as error:
        services.actiepunt_update(ctx=ctx, actiepunt=actiepunt, status="niet_mogelijk")
    assert "tekst" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.actiepunt_update(ctx=ctx, actiepunt=actiepunt, tekst=" ")
    with pytest.raises(ValidationError):
        services.actiepunt_update(ctx=ctx, actiepunt=actiepunt, status="niet_gedaan", tekst="x")
    assert not ActiepuntVoortgang.objects.exists()


def test_a_finished_action_cannot_be_updated_again(actiepunt, politie):
    ctx = AuditContext.system(politie)
    services.actiepunt_update(ctx=ctx, actiepunt=actiepunt, status="gedaan")
    with pytest.raises(ValidationError):
        services.actiepunt_update(ctx=ctx, actiepunt=actiepunt, tekst="Toch nog iets.")


def test_bad_input_is_a_form_error_not_a_500(client, actiepunt, politie):
    client.force_login(politie)
    response = client.post(_url(actiepunt), {"status": "gestolen", "tekst": "x" * 10})
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    assert not ActiepuntVoortgang.objects.exists()


@pytest.mark.parametrize("wie", ["zorg", "coordinator", "buitenstaander", "beheerder"])
def test_everyone_but_the_owner_gets_404_audited(request, client, actiepunt, wie):
    user = request.getfixturevalue(wie)
    client.force_login(user)
    for response in (
        client.get(_url(actiepunt)),
        client.post(_url(actiepunt), {"status": "gedaan", "tekst": ""}),
    ):
        assert response.status_code == 404
    assert (
        AuditEvent.objects.filter(
            gebruiker=user, object_id=actiepunt.public_id, uitkomst="geweigerd"
        ).count()
        == 2
    )
    actiepunt.refresh_from_db()
    assert actiepunt.status == "open"


def test_the_service_refuses_anyone_but_the_owner(actiepunt, zorg, coordinator):
    for user in (zorg, coordinator):
        with pytest.raises(PermissionDenied):
            services.actiepunt_update(
                ctx=AuditContext.system(user), actiepunt=actiepunt, status="gedaan"
            )


# The coordinator's list -------------------------------------------------------------


def test_the_coordinator_sees_open_actions_of_her_case_owned_by_others(
    client, actiepunt, coordinator, coordinator2, zorg
):
    """The bug of issue 13: "Open actiepunten" showed 0 for the coordinator while an
    action she had assigned to the police was open."""
    client.force_login(coordinator)
    response = client.get(reverse("zorgtafel:actiepunten"))
    assert [a.pk for a in response.context["actiepunten"]] == [actiepunt.pk]
    assert "Verhoor plannen." in response.content.decode()
    # A participant that neither owns it nor coordinates does not.
    client.force_login(zorg)
    assert list(client.get(reverse("zorgtafel:actiepunten")).context["actiepunten"]) == []


def test_the_coordinators_list_leaves_out_cases_she_does_not_coordinate(
    client, coordinator, politie, zorg
):
    """Another municipality coordinates this case: its actions stay off our list."""
    from casusoverleg.models import Discipline
    from tests.factories import OrganisatieFactory

    elders = UserFactory(
        username="coordinator-elders",
        organisatie=OrganisatieFactory(naam="Gemeente Elders", discipline=Discipline.GEMEENTE),
        is_coordinator=True,
    )
    casus = make_casus(elders, deelnemers=[politie.organisatie])
    zorgtafel = start(plan(elders, [casus]), elders)
    services.actiepunt_add(
        ctx=AuditContext.system(elders),
        agendapunt=zorgtafel.agendapunten.get(),
        omschrijving="Elders.",
        eigenaar=politie.organisatie,
        deadline=TODAY,
    )
    client.force_login(coordinator)
    assert list(client.get(reverse("zorgtafel:actiepunten")).context["actiepunten"]) == []


def test_the_start_page_lists_only_actions_one_may_update_each_opening(
    client, actiepunt, coordinator, politie
):
    """The coordinator follows other organisations' actions on "Open actiepunten";
    her start page's "van uw organisatie" holds her own organisation's only, so no
    row there leads to a page she may not open."""
    for user, verwacht in ((politie, [_url(actiepunt)]), (coordinator, [])):
        client.force_login(user)
        response = client.get(reverse("casusoverleg:home"))
        (blok,) = [b for b in response.context["blokken"] if b.sectie.sleutel == "actiepunten"]
        assert [r.url for r in blok.resultaat.rijen] == verwacht
        for url in verwacht:
            assert client.get(url).status_code == 200


def test_the_query_of_who_may_update_an_action_is_the_rule_itself(
    actiepunt,
    casus,
    coordinator,
    politie,
    zorg,
    jeugdzorg,
    buitenstaander,
    beheerder,
    comensha,
):
    """``actiepunten_for_update`` (lists, Mijn taken, the action's page) and
    ``may_update_actiepunt`` (the service) are one rule: they agree for everyone,
    also for a member whose organisation left the case."""
    from casusoverleg.permissions import actiepunten_for_update, may_update_actiepunt
    from casusoverleg.services import deelname_remove

    tweede = services.actiepunt_add(
        ctx=AuditContext.system(coordinator),
        agendapunt=actiepunt.agendapunt,
        omschrijving="Opvang zoeken.",
        eigenaar=zorg.organisatie,
        deadline=TODAY + datetime.timedelta(days=3),
    )
    gebruikers = (coordinator, politie, zorg, jeugdzorg, buitenstaander, beheerder, comensha)

    def overeen():
        for user in gebruikers:
            user.refresh_from_db()
            uit_query = set(actiepunten_for_update(Actiepunt.objects.all(), user=user))
            for a in (actiepunt, tweede):
                assert (a in uit_query) == may_update_actiepunt(user, a), (user, a)

    overeen()
    assert set(actiepunten_for_update(Actiepunt.objects.all(), user=politie)) == {actiepunt}
    deelname_remove(
        ctx=AuditContext.system(coordinator),
        deelname=casus.deelnames.get(organisatie=zorg.organisatie),
    )
    overeen()
    assert not actiepunten_for_update(Actiepunt.objects.all(), user=zorg).exists()
