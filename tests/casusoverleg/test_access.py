"""Need to know: every case URL, for every kind of user who should not see it."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Deelname
from casusoverleg.permissions import casussen_for_user, may_access_cases
from casusoverleg.services import gebruiker_organisatie_change
from tests.factories import OrganisatieFactory, UserFactory, make_casus

# A URL is case-scoped when it names a case, a signal or a report by public id.
ID_PARAMS = ("public_id", "signaal_id", "melding_id", "proces_id", "taak_id", "zorgtafel_id")
# Objects inside a meeting; their URLs are scoped by the meeting's id already.
ZORGTAFEL_PARAMS = ("item_id", "actiepunt_id")
_SCOPED = re.compile(r"<str:({ids})>|\(\?P<({ids})>".format(ids="|".join(ID_PARAMS)))


def _case_url_names(patterns=None, prefix="", namespace=""):
    """Every named URL pattern whose route takes a case's public id."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            yield from _case_url_names(
                p.url_patterns, route, f"{namespace}{ns}:" if ns else namespace
            )
        elif isinstance(p, URLPattern) and p.name and _SCOPED.search(route):
            yield f"{namespace}{p.name}", tuple(re.findall(r"<int:(\w+)>", route))


CASE_URLS = sorted(set(_case_url_names()))


def test_the_walk_finds_the_case_urls():
    names = [name for name, _ in CASE_URLS]
    for expected in (
        "casusoverleg:casus-detail",
        "casusoverleg:deelname-remove",
        "identificatie:signaal-detail",
        "identificatie:signaal-koppelen",
        "identificatie:casus-melding-export",
        "identificatie:comensha-melding",
        "identificatie:taak-oppakken",
        "identificatie:proces-detail",
        "zorgtafel:zorgtafel-detail",
        "zorgtafel:zorgtafel-notule",
        "zorgtafel:zorgtafel-actiepunt-beoordelen",
        "zorgtafel:zorgtafel-notulen-pdf",
        "advies:advies-detail",
        "advies:advies-pdf",
        "advies:advies-aftekenen",
    ):
        assert expected in names
    assert len(names) >= 15


def _url(name, ints, public_id, casus):
    """The URL for ``name`` on the case ``public_id`` (or its signal or report)."""
    from django.urls import get_resolver as _resolver

    route_kwargs = set()
    for possibilities, *_ in _resolver().reverse_dict.getlist(name.split(":")[-1]):
        for _, params in possibilities:
            route_kwargs.update(params)
    if public_id == casus.public_id:
        proces = casus.processen.get()
        ids = {
            "public_id": casus.public_id,
            "signaal_id": casus.signalen.first().public_id,
            "melding_id": casus.melding.public_id,
            "proces_id": proces.public_id,
            "taak_id": proces.taken.first().public_id,
            "zorgtafel_id": casus.agendapunten.get().zorgtafel.public_id,
            "item_id": casus.agendapunten.get().public_id,
            "actiepunt_id": casus.actiepunten.get().public_id,
        }
    else:
        ids = dict.fromkeys(ID_PARAMS + ZORGTAFEL_PARAMS, public_id)
    kwargs = {}
    for key in ID_PARAMS + ZORGTAFEL_PARAMS:
        if f"<str:{key}>" in _route(name) or f"(?P<{key}>" in _route(name):
            kwargs[key] = ids[key]
    if "(?P<fmt>" in _route(name):
        kwargs["fmt"] = "json"
    for key in ints:
        # A real child object of the case, so only the case check can refuse.
        obj = casus.behoeften.first() if "behoefte" in name else casus.deelnames.last()
        kwargs[key] = obj.pk
    return reverse(name, kwargs=kwargs)


_ROUTES = {}


def _route(name):
    if not _ROUTES:

        def walk(patterns, prefix="", namespace=""):
            for p in patterns:
                route = prefix + str(p.pattern)
                if isinstance(p, URLResolver):
                    ns = p.namespace or ""
                    walk(p.url_patterns, route, f"{namespace}{ns}:" if ns else namespace)
                elif p.name:
                    _ROUTES[f"{namespace}{p.name}"] = route

        walk(get_resolver().url_patterns)
    return _ROUTES[name]


@pytest.fixture
def casus(coordinator, politie):
    """A case with a need, an attached signal and a report that was sent to CoMensha."""
    from casusoverleg.audit import AuditContext
    from casusoverleg.services import behoefte_add
    from identificatie.services import melding_prefill, melding_submit, signaal_attach
    from tests.factories import make_signaal

    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    behoefte_add(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        data={"type": "opvang", "eigenaar": politie.organisatie, "status": "open"},
    )
    signaal_attach(ctx=AuditContext.system(politie), signaal=make_signaal(politie), casus=casus)
    melding_submit(ctx=AuditContext.system(coordinator), melding=melding_prefill(casus=casus))
    from identificatie.services import proces_start

    proces_start(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisaties=[politie.organisatie],
        deadline=casus.created_at.date() + datetime.timedelta(days=7),
    )
    # A running meeting about the case, with an action; the outsider is not invited.
    from tests.zorgtafel.zorgtafel_helpers import plan, start
    from zorgtafel.services import actiepunt_add

    zorgtafel = start(plan(coordinator, [casus]), coordinator)
    actiepunt_add(
        ctx=AuditContext.system(coordinator),
        agendapunt=zorgtafel.agendapunten.get(),
        omschrijving="Actie.",
        eigenaar=politie.organisatie,
        deadline=casus.created_at.date() + datetime.timedelta(days=7),
    )
    return casus


def _strip(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.parametrize("name,ints", CASE_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404_on_every_case_url_and_is_audited(
    client, casus, buitenstaander, name, ints, method
):
    client.force_login(buitenstaander)
    before = AuditEvent.objects.count()
    response = getattr(client, method)(_url(name, ints, casus.public_id, casus))
    assert response.status_code == 404
    assert casus.nummer not in response.content.decode()
    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.uitkomst == AuditEvent.Uitkomst.GEWEIGERD
    assert event.gebruiker == buitenstaander
    assert event.object_id in response.request["PATH_INFO"]
    if "public_id" in _route(name) or "(?P<public_id>" in _route(name):
        assert event.casus_public_id == casus.public_id

    # The refusal is indistinguishable from a case that does not exist.
    missing = getattr(client, method)(_url(name, ints, "bestaat-niet-" + "x" * 9, casus))
    assert missing.status_code == 404
    assert _strip(missing.content.decode()).replace("bestaat-niet-" + "x" * 9, "") == _strip(
        response.content.decode()
    ).replace(casus.public_id, "")


@pytest.mark.parametrize("name,ints", CASE_URLS)
def test_administrator_and_project_group_get_404_on_every_case_url(
    client, casus, beheerder, projectgroep, name, ints
):
    for user in (beheerder, projectgroep):
        client.force_login(user)
        assert client.get(_url(name, ints, casus.public_id, casus)).status_code == 404


def test_participant_sees_the_case(client, casus, politie):
    client.force_login(politie)
    response = client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id]))
    assert response.status_code == 200
    assert casus.nummer in response.content.decode()
    event = AuditEvent.objects.order_by("-pk").first()
    assert (event.actie, event.uitkomst, event.object_id) == (
        "lezen",
        "toegestaan",
        casus.public_id,
    )


def test_colleague_of_a_participating_organisation_sees_the_case(client, casus, politie):
    collega = UserFactory(username="politie2", organisatie=politie.organisatie)
    client.force_login(collega)
    assert (
        client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id])).status_code == 200
    )


def test_participant_without_coordination_gets_404_on_coordination_pages(client, casus, politie):
    client.force_login(politie)
    for name in ("casus-edit", "deelnemers", "casus-audit"):
        url = reverse(f"casusoverleg:{name}", args=[casus.public_id])
        assert client.get(url).status_code == 404, name


def test_removal_takes_effect_on_the_next_request(client, casus, coordinator, politie):
    url = reverse("casusoverleg:casus-detail", args=[casus.public_id])
    client.force_login(politie)
    assert client.get(url).status_code == 200

    deelname = casus.deelnames.get(organisatie=politie.organisatie)
    coordinator_client = client.__class__()
    coordinator_client.force_login(coordinator)
    response = coordinator_client.post(
        reverse("casusoverleg:deelname-remove", args=[casus.public_id, deelname.pk]),
        {"bevestigd": "1"},
    )
    assert response.status_code == 302

    assert client.get(url).status_code == 404
    deelname.refresh_from_db()
    assert deelname.beeindigd_op is not None and deelname.beeindigd_door == coordinator
    assert AuditEvent.objects.filter(
        actie="toegang_ingetrokken", casus_public_id=casus.public_id
    ).exists()


def test_coordinator_adds_a_participant_through_the_page(client, casus, coordinator, zorg):
    client.force_login(zorg)
    url = reverse("casusoverleg:casus-detail", args=[casus.public_id])
    assert client.get(url).status_code == 404

    client.force_login(coordinator)
    response = client.post(
        reverse("casusoverleg:deelnemers", args=[casus.public_id]),
        {"organisatie": zorg.organisatie.pk, "rol": "waarnemer"},
    )
    assert response.status_code == 302
    client.force_login(zorg)
    html = client.get(url).content.decode()
    assert casus.nummer in html
    assert "Gegevens wijzigen" not in html  # an observer only reads
    assert "Behoefte toevoegen" not in html


def test_a_law_firm_cannot_take_part_as_a_whole(client, casus, coordinator, advocaat):
    client.force_login(coordinator)
    response = client.post(
        reverse("casusoverleg:deelnemers", args=[casus.public_id]),
        {"organisatie": advocaat.organisatie.pk, "rol": "deelnemer"},
    )
    assert response.status_code == 200
    assert "Een advocaat neemt persoonlijk deel" in response.content.decode()
    assert not casus.deelnames.filter(organisatie=advocaat.organisatie).exists()


def test_lawyer_sees_only_their_own_clients_case(client, coordinator, advocaat, advocaat2):
    eigen = make_casus(coordinator, advocaten=[advocaat])
    ander = make_casus(coordinator, advocaten=[advocaat2])
    kantoorgenoot = UserFactory(username="advocaat-collega", organisatie=advocaat.organisatie)

    assert list(casussen_for_user(user=advocaat)) == [eigen]
    assert list(casussen_for_user(user=advocaat2)) == [ander]
    assert list(casussen_for_user(user=kantoorgenoot)) == []
    client.force_login(kantoorgenoot)
    assert (
        client.get(reverse("casusoverleg:casus-detail", args=[eigen.public_id])).status_code == 404
    )
    client.force_login(advocaat)
    assert (
        client.get(reverse("casusoverleg:casus-detail", args=[ander.public_id])).status_code == 404
    )
    assert (
        client.get(reverse("casusoverleg:casus-detail", args=[eigen.public_id])).status_code == 200
    )


def test_model_wide_permissions_and_superuser_status_do_not_open_cases(
    casus, beheerder, buitenstaander
):
    view_all = Permission.objects.get(codename="view_casus")
    beheerder.user_permissions.add(view_all)
    buitenstaander.user_permissions.add(view_all)
    buitenstaander.is_superuser = True
    buitenstaander.save()
    assert list(casussen_for_user(user=beheerder)) == []
    assert list(casussen_for_user(user=buitenstaander)) == []
    assert not may_access_cases(buitenstaander)


def test_a_user_who_moves_organisation_loses_the_old_cases(casus, politie, buitenstaander):
    assert list(casussen_for_user(user=politie)) == [casus]
    gebruiker_organisatie_change(
        ctx=AuditContext.system(), gebruiker=politie, organisatie=buitenstaander.organisatie
    )
    assert list(casussen_for_user(user=politie)) == []


def test_deactivated_user_and_organisation_lose_access(casus, politie):
    politie.organisatie.actief = False
    politie.organisatie.save()
    politie.refresh_from_db()
    assert list(casussen_for_user(user=politie)) == []
    politie.organisatie.actief = True
    politie.organisatie.save()
    politie.is_active = False
    politie.save()
    assert list(casussen_for_user(user=politie)) == []


def test_administrator_and_project_group_cannot_be_invited(
    casus, coordinator, beheerder, projectgroep
):
    from django.core.exceptions import ValidationError

    from casusoverleg.audit import AuditContext
    from casusoverleg.services import deelname_add

    for user in (beheerder, projectgroep):
        with pytest.raises(ValidationError):
            deelname_add(
                ctx=AuditContext.system(coordinator), casus=casus, organisatie=user.organisatie
            )
    assert not Deelname.objects.filter(
        organisatie__in=[beheerder.organisatie, projectgroep.organisatie]
    ).exists()


def test_the_coordinating_organisation_cannot_be_removed(client, casus, coordinator):
    deelname = casus.deelnames.get(organisatie=coordinator.organisatie)
    client.force_login(coordinator)
    client.post(
        reverse("casusoverleg:deelname-remove", args=[casus.public_id, deelname.pk]),
        {"bevestigd": "1"},
    )
    deelname.refresh_from_db()
    assert deelname.beeindigd_op is None
    assert (
        client.get(reverse("casusoverleg:casus-detail", args=[casus.public_id])).status_code == 200
    )


def test_other_organisation_in_same_discipline_sees_nothing(casus, politie):
    andere_politie = UserFactory(
        username="politie-elders",
        organisatie=OrganisatieFactory(naam="Politie Elders", discipline="politie"),
    )
    assert list(casussen_for_user(user=andere_politie)) == []


def test_ending_a_participation_asks_for_confirmation_naming_the_organisation(
    client, casus, coordinator, politie, buitenstaander
):
    deelname = casus.deelnames.get(organisatie=politie.organisatie)
    url = reverse("casusoverleg:deelname-remove", args=[casus.public_id, deelname.pk])
    client.force_login(buitenstaander)
    assert client.post(url).status_code == 404
    assert client.post(url, {"bevestigd": "1"}).status_code == 404
    client.force_login(coordinator)
    response = client.post(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert str(politie.organisatie) in html and casus.nummer in html
    assert "Ja, deelname beëindigen" in html
    deelname.refresh_from_db()
    assert deelname.beeindigd_op is None
    assert client.post(url, {"bevestigd": "1"}).status_code == 302
    deelname.refresh_from_db()
    assert deelname.beeindigd_op is not None
