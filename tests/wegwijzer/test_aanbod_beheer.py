"""An organisation's offers: kept by its own organisation administrators only, each
change audited; to anyone else the edit pages do not exist (404, audited). Bad input
gives Dutch errors on the fields and saves nothing; no input gives a server error."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent
from wegwijzer import services
from wegwijzer.models import Aanbod, Hulpsoort, Regio

from .conftest import aanbod_data, organisatiebeheerder

pytestmark = pytest.mark.django_db


def _post_data(**overrides):
    data = {k: v for k, v in aanbod_data(**overrides).items() if v not in (False, [], None)}
    data = {k: ("on" if v is True else v) for k, v in data.items()}
    return data


def _edit_url(aanbod):
    return reverse("wegwijzer:aanbod-edit", args=[aanbod.public_id])


def _events(**filters):
    return AuditEvent.objects.filter(object_type="aanbod", **filters)


def test_org_admin_adds_an_offer_that_appears_in_the_directory(client, zorgbeheerder):
    client.force_login(zorgbeheerder)
    response = client.post(
        reverse("wegwijzer:aanbod-create"),
        {
            **_post_data(titel="Nieuwe opvang", capaciteit="3 plekken"),
            "uitbuitingsvormen": ["arbeid"],
        },
    )
    assert response.status_code == 302
    aanbod = Aanbod.objects.get(titel="Nieuwe opvang")
    assert aanbod.organisatie == zorgbeheerder.organisatie
    assert aanbod.uitbuitingsvormen == ["arbeid"]
    assert aanbod.capaciteit_bijgewerkt_op is not None
    event = _events(actie=AuditEvent.Actie.AANMAKEN, object_id=aanbod.public_id).get()
    assert event.gebruiker == zorgbeheerder
    assert "Nieuwe opvang" in client.get(reverse("wegwijzer:index")).text


def test_org_admin_edits_own_offer_audited(client, zorgbeheerder, opvang):
    client.force_login(zorgbeheerder)
    assert client.get(reverse("wegwijzer:mijn-aanbod")).status_code == 200
    assert client.get(_edit_url(opvang)).status_code == 200
    response = client.post(
        _edit_url(opvang), _post_data(titel=opvang.titel, capaciteit="Vol", regio=Regio.LIMBURG)
    )
    assert response.status_code == 302
    opvang.refresh_from_db()
    assert (opvang.capaciteit, opvang.regio) == ("Vol", Regio.LIMBURG)
    event = _events(actie=AuditEvent.Actie.WIJZIGEN, object_id=opvang.public_id).get()
    assert event.gebruiker == zorgbeheerder
    assert set(event.detail["velden"]) >= {"capaciteit", "regio"}


def test_another_organisations_admin_gets_404_audited(client, anderebeheerder, opvang):
    client.force_login(anderebeheerder)
    voor = Aanbod.objects.filter(pk=opvang.pk).values().get()
    assert client.get(_edit_url(opvang)).status_code == 404
    assert client.post(_edit_url(opvang), _post_data(titel="Overgenomen")).status_code == 404
    actief_url = reverse("wegwijzer:aanbod-actief", args=[opvang.public_id])
    assert client.post(actief_url, {"actief": "0"}).status_code == 404
    assert Aanbod.objects.filter(pk=opvang.pk).values().get() == voor
    geweigerd = _events(
        uitkomst=AuditEvent.Uitkomst.GEWEIGERD,
        object_id=opvang.public_id,
        gebruiker=anderebeheerder,
    )
    assert geweigerd.count() == 3


def test_an_unknown_offer_is_the_same_404(client, zorgbeheerder):
    client.force_login(zorgbeheerder)
    assert client.get(reverse("wegwijzer:aanbod-edit", args=["bestaat-niet"])).status_code == 404


@pytest.mark.parametrize("url_name", ["wegwijzer:mijn-aanbod", "wegwijzer:aanbod-create"])
def test_a_professional_without_the_role_gets_404(client, zorg, opvang, url_name):
    client.force_login(zorg)  # same organisation, but not its organisation administrator
    assert client.get(reverse(url_name)).status_code == 404
    assert client.get(_edit_url(opvang)).status_code == 404
    assert _events(uitkomst=AuditEvent.Uitkomst.GEWEIGERD, gebruiker=zorg).count() == 2


def test_the_directory_offers_the_own_profile_only_to_an_org_admin(client, zorg, opvang):
    client.force_login(zorg)
    assert reverse("wegwijzer:mijn-aanbod") not in client.get(reverse("wegwijzer:index")).text
    client.force_login(organisatiebeheerder(zorg))
    assert reverse("wegwijzer:mijn-aanbod") in client.get(reverse("wegwijzer:index")).text


def test_deactivating_hides_the_offer_and_keeps_it(client, zorgbeheerder, opvang):
    client.force_login(zorgbeheerder)
    url = reverse("wegwijzer:aanbod-actief", args=[opvang.public_id])
    assert client.post(url, {"actief": "0"}).status_code == 302
    opvang.refresh_from_db()
    assert not opvang.actief
    assert opvang.titel not in client.get(reverse("wegwijzer:index")).text
    assert opvang.titel in client.get(reverse("wegwijzer:mijn-aanbod")).text
    assert _events(actie=AuditEvent.Actie.WIJZIGEN, object_id=opvang.public_id).get().detail[
        "actief"
    ] == {"voor": True, "na": False}


@pytest.mark.parametrize(
    ("overrides", "veld", "fout"),
    [
        ({"titel": ""}, "titel", "Geef het aanbod een titel."),
        ({"soort": "ruimteschip"}, "soort", "Kies een soort hulp uit de lijst."),
        ({"regio": ""}, "regio", "Kies de regio."),
        ({"contact": ""}, "contact", "Geef een telefoonnummer of e-mailadres"),
        (
            {"voor_meerderjarigen": False},
            "voor_meerderjarigen",
            "Kies ten minste één leeftijdsgroep.",
        ),
        ({"voor_vrouwen": False, "voor_mannen": False}, "voor_mannen", "Kies vrouwen, mannen"),
        ({"uitbuitingsvormen": ["zwartwerk"]}, "uitbuitingsvormen", "Kies vormen van uitbuiting"),
        ({"titel": "x" * 201}, "titel", "Gebruik hoogstens 200 tekens"),
    ],
)
def test_bad_input_gives_a_dutch_error_on_the_field_and_saves_nothing(
    client, zorgbeheerder, overrides, veld, fout
):
    client.force_login(zorgbeheerder)
    response = client.post(reverse("wegwijzer:aanbod-create"), _post_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert veld in errors and any(fout in e for e in errors[veld]), errors
    assert not Aanbod.objects.exists()


def test_the_service_refuses_anyone_but_the_organisations_admin(zorg, anderebeheerder, opvang):
    for user in (zorg, anderebeheerder):
        with pytest.raises(PermissionDenied):
            services.aanbod_update(
                ctx=AuditContext.system(user), aanbod=opvang, data={"titel": "Gekaapt"}
            )
        with pytest.raises(PermissionDenied):
            services.aanbod_create(
                ctx=AuditContext.system(user), organisatie=opvang.organisatie, data=aanbod_data()
            )
        with pytest.raises(PermissionDenied):
            services.aanbod_actief_change(
                ctx=AuditContext.system(user), aanbod=opvang, actief=False
            )
    opvang.refresh_from_db()
    assert opvang.titel == "Opvanghuis De Haven" and opvang.actief
    assert Aanbod.objects.count() == 1


def test_an_inactive_org_admin_keeps_nothing(zorgbeheerder, opvang):
    zorgbeheerder.is_active = False
    with pytest.raises(PermissionDenied):
        services.aanbod_update(
            ctx=AuditContext.system(zorgbeheerder), aanbod=opvang, data={"soort": Hulpsoort.WERK}
        )
