"""The access review (issue 17, point 4): an organisation's administrator sees every
case their organisation has access to, with its source and last use, revokes what is
not needed (access gone at once) and records the review; reminded once a year."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from casusoverleg import selectors, takenlijst
from casusoverleg.audit import Actie, AuditContext, Uitkomst, audit_log
from casusoverleg.herinneringen import herinneringen_versturen
from casusoverleg.models import AuditEvent, Deelname, Melding, Meldingsoort, Toegangsreview
from casusoverleg.permissions import VIEW, user_can
from casusoverleg.services import (
    gebruiker_organisatiebeheerder_change,
    toegang_intrekken,
    toegangsreview_vastleggen,
)
from casusoverleg.toegangsreview import reviews_due
from tests.factories import UserFactory, make_casus

URL = reverse("casusoverleg:toegangsreview")
INTREKKEN = reverse("casusoverleg:toegangsreview-intrekken")
BEVESTIGEN = reverse("casusoverleg:toegangsreview-bevestigen")
NAAM = "Quirina Zeldenrust"


def beheerder_van(organisatie, username):
    user = UserFactory(username=username, organisatie=organisatie)
    return gebruiker_organisatiebeheerder_change(
        ctx=AuditContext.system(), gebruiker=user, is_organisatiebeheerder=True
    )


@pytest.fixture
def politiebeheerder(politie):
    return beheerder_van(politie.organisatie, "politiebeheerder")


@pytest.fixture
def casus(coordinator, politie, zorg):
    return make_casus(coordinator, naam=NAAM, deelnemers=[politie.organisatie, zorg.organisatie])


def _deelname(casus, organisatie):
    return Deelname.objects.actief().get(casus=casus, organisatie=organisatie)


def test_an_access_review_revocation_removes_access_at_once(
    client, casus, politie, politiebeheerder, django_capture_on_commit_callbacks
):
    lid = client.__class__()
    lid.force_login(politie)
    assert user_can(politie, casus, VIEW)
    client.force_login(politiebeheerder)
    deelname = _deelname(casus, politie.organisatie)

    # Without confirming, nothing happens: the confirmation page names the case number.
    response = client.post(INTREKKEN, {"deelname": deelname.pk})
    assert response.status_code == 200
    assert casus.nummer in response.content.decode()
    assert user_can(politie, casus, VIEW)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INTREKKEN, {"deelname": deelname.pk, "bevestigd": "1"})
    assert response.status_code == 302

    assert not user_can(politie, casus, VIEW)
    detail = reverse("casusoverleg:casus-detail", args=[casus.public_id])
    assert lid.get(detail).status_code == 404
    deelname.refresh_from_db()
    assert deelname.beeindigd_door == politiebeheerder
    assert AuditEvent.objects.filter(
        actie=Actie.TOEGANG_INGETROKKEN,
        object_type="deelname",
        object_id=str(deelname.pk),
        gebruiker=politiebeheerder,
        detail__reden="toegangsreview",
    ).exists()
    # The members are told, as when a coordinator ends the participation.
    assert Melding.objects.filter(ontvanger=politie, soort=Meldingsoort.VERWIJDERD).exists()


def test_the_coordinating_organisations_own_grant_cannot_be_revoked(client, casus, coordinator):
    beheerder = beheerder_van(coordinator.organisatie, "gemeentebeheerder")
    deelname = _deelname(casus, coordinator.organisatie)
    client.force_login(beheerder)
    response = client.post(INTREKKEN, {"deelname": deelname.pk, "bevestigd": "1"}, follow=True)
    assert "kan niet worden ingetrokken" in response.content.decode()
    deelname.refresh_from_db()
    assert deelname.actief
    assert user_can(coordinator, casus, VIEW)


@pytest.mark.parametrize("wie", ["politie", "zorg", "buitenstaander", "coordinator"])
def test_no_one_but_the_organisations_administrators_revokes_its_access(
    client, casus, politie, politiebeheerder, request, wie
):
    """An ordinary member, another organisation, even another organisation's
    administrator: 404, audited, and the grant stays (a test fails without the guard)."""
    user = request.getfixturevalue(wie)
    if wie == "zorg":
        user = beheerder_van(user.organisatie, "zorgbeheerder")
    deelname = _deelname(casus, politie.organisatie)
    client.force_login(user)
    assert client.post(INTREKKEN, {"deelname": deelname.pk, "bevestigd": "1"}).status_code == 404
    assert _deelname(casus, politie.organisatie) == deelname
    assert AuditEvent.objects.filter(
        gebruiker=user, object_type="toegangsreview", uitkomst=Uitkomst.GEWEIGERD
    ).exists()
    with pytest.raises(PermissionDenied):
        toegang_intrekken(ctx=AuditContext.system(user), deelname=deelname)
    assert user_can(politie, casus, VIEW)


@pytest.mark.parametrize("wie", ["politie", "buitenstaander", "projectgroep"])
def test_an_ordinary_member_or_outsider_cannot_open_the_review(
    client, casus, politie, politiebeheerder, request, wie
):
    user = request.getfixturevalue(wie)
    client.force_login(user)
    assert client.get(URL).status_code == 404
    organisatie = politie.organisatie.pk
    assert client.get(URL, {"organisatie": organisatie}).status_code == 404
    assert client.post(BEVESTIGEN, {"organisatie": organisatie}).status_code == 404
    assert not Toegangsreview.objects.exists()
    assert AuditEvent.objects.filter(
        gebruiker=user, object_type="toegangsreview", uitkomst=Uitkomst.GEWEIGERD
    ).exists()


def test_another_organisations_administrator_cannot_open_its_review(client, casus, politie, zorg):
    client.force_login(beheerder_van(zorg.organisatie, "zorgbeheerder"))
    assert client.get(URL, {"organisatie": politie.organisatie.pk}).status_code == 404
    assert client.get(URL).status_code == 200  # their own


def test_the_list_shows_each_grant_with_its_source_last_use_and_the_unused_flag(
    client, coordinator, politie, zorg, advocaat, politiebeheerder
):
    begin = timezone.now()
    with time_machine.travel(begin, tick=False):
        casus = make_casus(
            coordinator,
            naam=NAAM,
            deelnemers=[politie.organisatie, (zorg.organisatie, Deelname.Rol.WAARNEMER)],
            advocaten=[advocaat],
        )
    with time_machine.travel(begin + datetime.timedelta(days=10), tick=False):
        audit_log(AuditContext.system(politie), actie=Actie.LEZEN, object_type="casus", casus=casus)

    with time_machine.travel(begin + datetime.timedelta(days=50), tick=False):
        toegangen = selectors.toegangen(organisatie=politie.organisatie, user=politiebeheerder)
        assert [t.casus for t in toegangen] == [casus]
        assert toegangen[0].laatst_gebruikt == begin + datetime.timedelta(days=10)
        assert toegangen[0].laatst_door == politie
        assert not toegangen[0].ongebruikt
        zorg_toegang = selectors.toegangen(organisatie=zorg.organisatie, user=politiebeheerder)[0]
        assert zorg_toegang.laatst_gebruikt is None and not zorg_toegang.ongebruikt

    with time_machine.travel(begin + datetime.timedelta(days=101), tick=False):
        client.force_login(politiebeheerder)
        response = client.get(URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert casus.nummer in html
        assert NAAM not in html and "Quirina" not in html
        assert "ongebruikt" in html
        toegangen = selectors.toegangen(organisatie=politie.organisatie, user=politiebeheerder)
        # 91 days since the last use: flagged; looking at the review is no use.
        assert toegangen[0].ongebruikt
        assert toegangen[0].laatst_gebruikt == begin + datetime.timedelta(days=10)
        assert toegangen[0].deelname.rol == Deelname.Rol.DEELNEMER
        assert toegangen[0].intrekbaar
        # A lawyer's grant is personal: only the lawyer's own use counts.
        [persoonlijk] = selectors.toegangen(organisatie=advocaat.organisatie, user=politiebeheerder)
        assert persoonlijk.deelname.persoon == advocaat and persoonlijk.ongebruikt
        assert not persoonlijk.intrekbaar  # not politiebeheerder's organisation
    # The page's read of each case number is on that case's trail.
    assert AuditEvent.objects.filter(
        gebruiker=politiebeheerder, object_type="toegangsreview", casus_public_id=casus.public_id
    ).exists()


def test_the_grants_are_read_in_a_fixed_number_of_queries(
    coordinator, politie, politiebeheerder, django_assert_num_queries
):
    for i in range(4):
        casus = make_casus(coordinator, naam=f"Persoon {i}", deelnemers=[politie.organisatie])
        audit_log(AuditContext.system(politie), actie=Actie.LEZEN, object_type="casus", casus=casus)
    with django_assert_num_queries(3):
        toegangen = selectors.toegangen(organisatie=politie.organisatie, user=politiebeheerder)
        assert all(t.laatst_door == politie for t in toegangen)
    assert len(toegangen) == 4


def test_functional_management_chooses_an_organisation_and_reviews_it(
    client, casus, politie, beheerder
):
    client.force_login(beheerder)
    keuze = client.get(URL)
    assert keuze.status_code == 200
    assert politie.organisatie.naam in keuze.content.decode()
    response = client.get(URL, {"organisatie": politie.organisatie.pk})
    assert response.status_code == 200
    assert casus.nummer in response.content.decode()


def test_confirming_records_a_review_and_audit_rows(client, casus, politie, politiebeheerder):
    client.force_login(politiebeheerder)
    response = client.post(BEVESTIGEN, {"organisatie": politie.organisatie.pk})
    assert response.status_code == 302
    review = Toegangsreview.objects.get()
    assert (review.organisatie, review.door) == (politie.organisatie, politiebeheerder)
    assert (review.aantal_bevestigd, review.aantal_ingetrokken) == (1, 0)
    assert AuditEvent.objects.filter(
        gebruiker=politiebeheerder,
        actie=Actie.AANMAKEN,
        object_type="toegangsreview",
        object_id=str(politie.organisatie.pk),
    ).exists()
    assert AuditEvent.objects.filter(
        gebruiker=politiebeheerder,
        object_type="toegangsreview",
        casus_public_id=casus.public_id,
        detail__besluit="bevestigen",
    ).exists()
    assert user_can(politie, casus, VIEW)


def test_a_review_counts_the_grants_revoked_in_it(coordinator, politie, politiebeheerder):
    eerste = make_casus(coordinator, naam="Een", deelnemers=[politie.organisatie])
    make_casus(coordinator, naam="Twee", deelnemers=[politie.organisatie])
    ctx = AuditContext.system(politiebeheerder)
    toegang_intrekken(ctx=ctx, deelname=_deelname(eerste, politie.organisatie))
    review = toegangsreview_vastleggen(ctx=ctx, organisatie=politie.organisatie)
    assert (review.aantal_bevestigd, review.aantal_ingetrokken) == (1, 1)
    again = toegangsreview_vastleggen(ctx=ctx, organisatie=politie.organisatie)
    assert (again.aantal_bevestigd, again.aantal_ingetrokken) == (1, 0)


def test_the_reminder_goes_out_once_when_due_and_not_before(
    casus, politie, politiebeheerder, django_capture_on_commit_callbacks, settings
):
    settings.TOEGANG_REVIEW_DAGEN = 365
    vandaag = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        voor = herinneringen_versturen(
            vandaag=vandaag + datetime.timedelta(days=364), soorten=[reviews_due]
        )
        assert voor == {}
        due = vandaag + datetime.timedelta(days=365)
        assert herinneringen_versturen(vandaag=due, soorten=[reviews_due]) == {"toegangsreview": 1}
        assert herinneringen_versturen(vandaag=due, soorten=[reviews_due]) == {}
    meldingen = Melding.objects.filter(soort=Meldingsoort.TOEGANGSREVIEW)
    assert {m.ontvanger for m in meldingen} == {politiebeheerder}
    assert meldingen.get().casus is None


def test_mijn_taken_shows_the_review_while_it_is_due(casus, politie, politiebeheerder):
    def rijen(user):
        secties = takenlijst.secties_voor(user=user)
        return [s for s in secties if s["sleutel"] == "toegangsreview"][0]["rijen"]

    assert rijen(politiebeheerder) == []
    later = timezone.now() + datetime.timedelta(days=366)
    with time_machine.travel(later, tick=False):
        [rij] = rijen(politiebeheerder)
        assert rij.link == URL and rij.casus is None
        assert rijen(politie) == []  # an ordinary member is not asked
        toegangsreview_vastleggen(
            ctx=AuditContext.system(politiebeheerder), organisatie=politie.organisatie
        )
        assert rijen(politiebeheerder) == []


def test_an_organisation_without_access_is_not_reminded(
    casus, nidos, django_capture_on_commit_callbacks
):
    beheerder_van(nidos.organisatie, "nidosbeheerder")
    later = timezone.localdate() + datetime.timedelta(days=400)
    with django_capture_on_commit_callbacks(execute=True):
        herinneringen_versturen(vandaag=later, soorten=[reviews_due])
    assert not Melding.objects.filter(
        soort=Meldingsoort.TOEGANGSREVIEW, ontvanger__username="nidosbeheerder"
    ).exists()


def test_mijn_taken_and_the_start_page_show_the_due_review(client, casus, politiebeheerder):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=366), tick=False):
        client.force_login(politiebeheerder)
        for url in (reverse("identificatie:taken"), reverse("casusoverleg:home")):
            response = client.get(url)
            assert response.status_code == 200
            assert "Toegangsreview van uw organisatie" in response.content.decode(), url


def test_the_page_query_count_does_not_grow_with_the_grants(
    client, coordinator, politie, politiebeheerder
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(politiebeheerder)

    def queries():
        client.get(URL)  # the session's own first queries
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured.captured_queries)

    casus = make_casus(coordinator, naam="Een", deelnemers=[politie.organisatie])
    audit_log(AuditContext.system(politie), actie=Actie.LEZEN, object_type="casus", casus=casus)
    een = queries()
    for i in range(3):
        casus = make_casus(coordinator, naam=f"Meer {i}", deelnemers=[politie.organisatie])
        audit_log(AuditContext.system(politie), actie=Actie.LEZEN, object_type="casus", casus=casus)
    assert queries() == een
