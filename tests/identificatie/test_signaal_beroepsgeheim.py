"""A lawyer's signal that waits (not attached to a case) is the recording lawyer's
alone, under professional privilege, until they share it with their firm
(issue 11, point 10). Other disciplines' waiting signals are their organisation's;
an attached signal follows its case, whoever recorded it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent
from identificatie import services
from identificatie.permissions import signalen_for_user
from tests.factories import UserFactory, make_casus, make_signaal

PRIVE = {
    "naam": "Mila Voorbeeld",
    "geboortedatum": datetime.date(1999, 4, 2),
    "plaats": "Kerkstraat 1, Zwolle",
}


@pytest.fixture
def kantoorgenoot(advocaat):
    """A lawyer of the same firm as ``advocaat``, acting for other clients."""
    return UserFactory(username="advocaat-collega", organisatie=advocaat.organisatie)


@pytest.fixture
def signaal(advocaat):
    return make_signaal(advocaat, **PRIVE)


def _url(name, signaal):
    return reverse(f"identificatie:{name}", args=[signaal.public_id])


def _share(client, signaal, delen="ja"):
    return client.post(_url("signaal-delen", signaal), {"delen": delen})


def test_the_recording_lawyer_sees_and_handles_their_waiting_signal(client, advocaat, signaal):
    client.force_login(advocaat)

    html = client.get(_url("signaal-detail", signaal)).content.decode()

    assert "Mila Voorbeeld" in html and "Delen met mijn organisatie" in html
    assert "Wat gebeurt er met dit signaal?" in html
    assert signaal in signalen_for_user(user=advocaat)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("signaal-detail", None),
        ("signaal-afsluiten", {"reden": "Geen vervolg."}),
        ("signaal-koppelen", {"casus": "1"}),
        ("signaal-casus-openen", {"coordinerende_organisatie": "1"}),
        ("signaal-delen", {"delen": "ja"}),
    ],
)
def test_a_colleague_of_the_same_firm_gets_404_on_every_url_of_an_unshared_signal(
    client, kantoorgenoot, signaal, name, data
):
    client.force_login(kantoorgenoot)
    url = _url(name, signaal)

    response = client.get(url) if data is None else client.post(url, data)

    assert response.status_code == 404
    signaal.refresh_from_db()
    assert signaal.status == "nieuw" and signaal.gedeeld_op is None
    assert AuditEvent.objects.filter(
        gebruiker=kantoorgenoot, object_id=signaal.public_id, uitkomst="geweigerd"
    ).exists()


def test_a_colleague_of_the_same_firm_does_not_see_an_unshared_signal_in_any_list(
    client, kantoorgenoot, signaal
):
    client.force_login(kantoorgenoot)

    for status in ("nieuw", "afgesloten", "gekoppeld"):
        html = client.get(reverse("identificatie:signaal-list"), {"status": status}).content
        assert signaal.public_id.encode() not in html and b"Mila Voorbeeld" not in html
    assert signaal not in signalen_for_user(user=kantoorgenoot)


def test_the_services_refuse_a_colleague_an_unshared_signal(kantoorgenoot, signaal, coordinator):
    ctx = AuditContext.system(kantoorgenoot)

    with pytest.raises(PermissionDenied):
        services.signaal_close(ctx=ctx, signaal=signaal, reden="Geen vervolg.")
    with pytest.raises(PermissionDenied):
        services.casus_open_from_signaal(
            ctx=ctx, signaal=signaal, coordinerende_organisatie=coordinator.organisatie
        )
    with pytest.raises(PermissionDenied):
        services.signaal_share(ctx=ctx, signaal=signaal)
    signaal.refresh_from_db()
    assert signaal.status == "nieuw" and signaal.gedeeld_op is None


def test_after_sharing_the_colleague_sees_and_closes_it_and_the_sharing_is_audited(
    client, advocaat, kantoorgenoot, signaal
):
    client.force_login(advocaat)
    assert _share(client, signaal).status_code == 302
    signaal.refresh_from_db()
    assert signaal.gedeeld_op is not None
    assert AuditEvent.objects.filter(
        object_type="signaal", object_id=signaal.public_id, detail__gedeeld_met_organisatie=True
    ).exists()

    client.force_login(kantoorgenoot)
    assert b"Mila Voorbeeld" in client.get(_url("signaal-detail", signaal)).content
    assert signaal.public_id.encode() in client.get(reverse("identificatie:signaal-list")).content
    # Only the recording lawyer decides about sharing.
    assert b"Delen met mijn organisatie" not in client.get(_url("signaal-detail", signaal)).content
    assert _share(client, signaal, "nee").status_code == 403
    response = client.post(
        _url("signaal-afsluiten", signaal), {"reden": "Geen vervolg.", "bevestigd": "1"}
    )
    assert response.status_code == 302
    signaal.refresh_from_db()
    assert signaal.status == "afgesloten"


def test_taking_the_sharing_back_makes_it_private_again(client, advocaat, kantoorgenoot, signaal):
    client.force_login(advocaat)
    _share(client, signaal)

    assert _share(client, signaal, "nee").status_code == 302

    signaal.refresh_from_db()
    assert signaal.gedeeld_op is None
    assert signaal not in signalen_for_user(user=kantoorgenoot)
    assert AuditEvent.objects.filter(
        object_id=signaal.public_id, detail__gedeeld_met_organisatie=False
    ).exists()


def test_a_share_request_without_a_choice_is_refused_with_a_message(client, advocaat, signaal):
    client.force_login(advocaat)

    response = _share(client, signaal, delen="misschien")

    assert response.status_code == 400
    assert "Kies of u het signaal wel of niet wilt delen." in response.content.decode()
    signaal.refresh_from_db()
    assert signaal.gedeeld_op is None


def test_a_lawyer_of_another_firm_never_sees_it(client, advocaat2, advocaat, signaal):
    client.force_login(advocaat)
    _share(client, signaal)
    client.force_login(advocaat2)

    assert client.get(_url("signaal-detail", signaal)).status_code == 404


def test_other_disciplines_share_waiting_signals_within_the_organisation_as_before(zorg):
    signaal = make_signaal(zorg)
    collega = UserFactory(username="zorg-collega", organisatie=zorg.organisatie)

    assert signaal in signalen_for_user(user=collega)
    services.signaal_close(ctx=AuditContext.system(collega), signaal=signaal, reden="Niets.")
    with pytest.raises(PermissionDenied):
        services.signaal_share(ctx=AuditContext.system(zorg), signaal=signaal)


def test_an_attached_lawyers_signal_follows_the_case(advocaat, kantoorgenoot, coordinator):
    casus = make_casus(coordinator, advocaten=[advocaat])
    signaal = make_signaal(advocaat, **PRIVE)
    services.signaal_attach(ctx=AuditContext.system(advocaat), signaal=signaal, casus=casus)

    assert signaal in signalen_for_user(user=coordinator)
    assert signaal in signalen_for_user(user=advocaat)
    # The firm's other lawyer does not act in this case.
    assert signaal not in signalen_for_user(user=kantoorgenoot)
