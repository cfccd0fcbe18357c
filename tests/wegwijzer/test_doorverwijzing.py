"""Warm referrals: the receiving organisation sees only the minimal referral until
it accepts, and gets access to the case only by accepting (through the core's
access service); declining needs a reason and tells the sender; an unanswered
referral reminds once and escalates once; to anyone else a referral does not
exist (404, audited)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.herinneringen import herinneringen_versturen
from casusoverleg.models import AuditEvent, Behoefte, Deelname, Melding, Meldingsoort
from casusoverleg.services import behoefte_add, deelname_add
from tests.factories import make_casus
from wegwijzer import services
from wegwijzer.herinneringen import doorverwijzingen_onbeantwoord
from wegwijzer.models import Doorverwijzing

pytestmark = pytest.mark.django_db

NAAM = "Testpersoon Voorbeeld"
GEBOORTEDATUM = datetime.date(2001, 2, 3)


@pytest.fixture
def casus(coordinator, politie):
    return make_casus(
        coordinator, deelnemers=[politie.organisatie], naam=NAAM, geboortedatum=GEBOORTEDATUM
    )


@pytest.fixture
def behoefte(casus, coordinator):
    return behoefte_add(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        data={"type": Behoefte.Type.OPVANG, "eigenaar": coordinator.organisatie},
    )


def _voorstellen(coordinator, casus, organisatie, **kwargs):
    return services.doorverwijzing_voorstellen(
        ctx=AuditContext.system(coordinator),
        casus=casus,
        organisatie=organisatie,
        motivatie="Zoekt een veilige opvangplek.",
        **kwargs,
    )


@pytest.fixture
def verwijzing(coordinator, casus, zorg, behoefte, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return _voorstellen(coordinator, casus, zorg.organisatie, behoefte=behoefte)


def _url(verwijzing):
    return reverse("wegwijzer:doorverwijzing", args=[verwijzing.public_id])


def _casus_url(casus):
    return reverse("casusoverleg:casus-detail", args=[casus.public_id])


def test_receiving_org_gets_a_task_and_a_notice_with_the_case_number_only(
    client, verwijzing, zorg, casus
):
    melding = Melding.objects.get(soort=Meldingsoort.DOORVERWIJZING, ontvanger=zorg)
    assert melding.url == _url(verwijzing)
    assert casus.nummer in melding.tekst and NAAM not in melding.tekst
    client.force_login(zorg)
    html = client.get(reverse("identificatie:taken")).content.decode()
    assert _url(verwijzing) in html and NAAM not in html


def test_access_only_after_acceptance(
    client, verwijzing, zorg, casus, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(zorg)
    assert client.get(_casus_url(casus)).status_code == 404
    assert AuditEvent.objects.filter(
        gebruiker=zorg, uitkomst=AuditEvent.Uitkomst.GEWEIGERD, object_id=casus.public_id
    ).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(verwijzing), {"besluit": "akkoord"})
    assert response.status_code == 302
    assert client.get(_casus_url(casus)).status_code == 200

    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.AANVAARD
    assert verwijzing.beantwoord_door == zorg
    assert Deelname.objects.actief().filter(casus=casus, organisatie=zorg.organisatie).exists()
    assert AuditEvent.objects.filter(
        gebruiker=zorg, actie=AuditEvent.Actie.TOEGANG_VERLEEND, casus_public_id=casus.public_id
    ).exists()
    verwijzing.behoefte.refresh_from_db()
    assert verwijzing.behoefte.eigenaar == zorg.organisatie
    assert Melding.objects.filter(
        soort=Meldingsoort.DOORVERWIJZING_BEANTWOORD, ontvanger=coordinator
    ).exists()


def test_deelname_add_for_a_referral_only_for_its_receiving_org(
    verwijzing, casus, zorg, politie, buitenstaander
):
    # Neither another organisation's member nor a participant can use the referral
    # to add anyone: only a member of the receiving organisation, for itself.
    for user, organisatie in (
        (buitenstaander, zorg.organisatie),
        (politie, zorg.organisatie),
        (zorg, buitenstaander.organisatie),
    ):
        with pytest.raises(PermissionDenied):
            deelname_add(
                ctx=AuditContext.system(user),
                casus=casus,
                organisatie=organisatie,
                doorverwijzing=verwijzing,
            )
    assert not Deelname.objects.filter(casus=casus, organisatie=zorg.organisatie).exists()


def test_only_the_receiving_org_answers(verwijzing, politie, buitenstaander, coordinator):
    for user in (politie, buitenstaander, coordinator):
        with pytest.raises(PermissionDenied):
            services.doorverwijzing_beantwoorden(
                ctx=AuditContext.system(user), verwijzing=verwijzing, akkoord=True
            )
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.VOORGESTELD


def test_declining_needs_a_reason_and_tells_the_sender(
    client, verwijzing, zorg, casus, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(zorg)
    response = client.post(_url(verwijzing), {"besluit": "afwijzen", "reden": ""})
    assert response.status_code == 200
    assert "Geef een reden" in response.content.decode()
    with pytest.raises(ValidationError):
        services.doorverwijzing_beantwoorden(
            ctx=AuditContext.system(zorg),
            verwijzing=verwijzing,
            akkoord=False,
            reden=" ",
            reden_soort=Doorverwijzing.RedenSoort.GEEN_PLEK,
        )
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.VOORGESTELD

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(verwijzing),
            {"besluit": "afwijzen", "reden_soort": "geen_plek", "reden": "Vol tot maart."},
        )
    assert response.status_code == 302
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.AFGEWEZEN
    assert verwijzing.reden == "Vol tot maart."
    assert verwijzing.reden_soort == Doorverwijzing.RedenSoort.GEEN_PLEK
    assert Melding.objects.filter(
        soort=Meldingsoort.DOORVERWIJZING_BEANTWOORD, ontvanger=coordinator
    ).exists()
    assert client.get(_casus_url(casus)).status_code == 404
    # The sender reads the kind of reason and the explanation on the referral.
    client.force_login(coordinator)
    html = client.get(_url(verwijzing)).content.decode()
    assert "Geen plek of capaciteit" in html and "Vol tot maart." in html


def test_declining_needs_a_kind_of_reason_from_the_list(client, verwijzing, zorg):
    client.force_login(zorg)
    for keuze, melding in (("", "Kies waarom u"), ("geen_zin", "Kies een reden uit de lijst")):
        response = client.post(
            _url(verwijzing), {"besluit": "afwijzen", "reden_soort": keuze, "reden": "Vol."}
        )
        assert response.status_code == 200
        fouten = response.context["form"].errors
        assert list(fouten) == ["reden_soort"] and melding in fouten["reden_soort"][0]
        # The error is tied to the radio group: its fieldset names it for screen readers.
        html = response.content.decode()
        assert 'aria-describedby="id_reden_soort_helptext id_reden_soort_error"' in html
        assert 'aria-invalid="true"' in html and melding in html
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.VOORGESTELD and not verwijzing.reden_soort


@pytest.mark.parametrize(
    ("akkoord", "reden_soort", "fout"),
    [
        (False, "", "Kies waarom u"),
        (False, "geen_zin", "Kies een reden uit de lijst"),
        (True, "geen_plek", "geen reden van afwijzen"),
    ],
)
def test_the_service_checks_the_kind_of_reason_on_its_field(
    verwijzing, zorg, akkoord, reden_soort, fout
):
    with pytest.raises(ValidationError) as error:
        services.doorverwijzing_beantwoorden(
            ctx=AuditContext.system(zorg),
            verwijzing=verwijzing,
            akkoord=akkoord,
            reden="Vol.",
            reden_soort=reden_soort,
        )
    assert fout in " ".join(error.value.message_dict["reden_soort"])
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.VOORGESTELD


def test_a_reason_ticked_before_accepting_is_not_kept(
    client, verwijzing, zorg, django_capture_on_commit_callbacks
):
    client.force_login(zorg)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(verwijzing), {"besluit": "akkoord", "reden_soort": "regio"})
    assert response.status_code == 302
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.AANVAARD and verwijzing.reden_soort == ""


def test_minimal_view_shows_nothing_beyond_its_fields(client, verwijzing, zorg, casus):
    client.force_login(zorg)
    response = client.get(_url(verwijzing))
    assert response.status_code == 200
    html = response.content.decode()
    assert casus.nummer in html
    assert "Opvang" in html and "Zoekt een veilige opvangplek." in html
    assert "Arbeidsuitbuiting" in html and "18 jaar en ouder" in html
    assert NAAM not in html and "Testpersoon" not in html
    for vorm in ("2001-02-03", "03-02-2001", "3 februari 2001", "03-02-01"):
        assert vorm not in html
    assert AuditEvent.objects.filter(
        gebruiker=zorg, object_type="doorverwijzing", object_id=verwijzing.public_id
    ).exists()


def test_outsider_gets_404_on_referral_urls_audited(client, verwijzing, buitenstaander):
    client.force_login(buitenstaander)
    urls = [
        _url(verwijzing),
        reverse("wegwijzer:doorverwijzing-intrekken", args=[verwijzing.public_id]),
        reverse("wegwijzer:doorverwijzing-create", args=[verwijzing.casus.public_id]),
    ]
    assert client.get(urls[0]).status_code == 404
    assert client.post(urls[0], {"besluit": "akkoord"}).status_code == 404
    assert client.post(urls[1]).status_code == 404
    assert client.get(urls[2]).status_code == 404
    assert (
        AuditEvent.objects.filter(
            gebruiker=buitenstaander,
            object_id=verwijzing.public_id,
            uitkomst=AuditEvent.Uitkomst.GEWEIGERD,
        ).count()
        == 3
    )
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.VOORGESTELD


def test_a_participant_who_does_not_coordinate_cannot_refer_or_withdraw(
    client, verwijzing, politie, casus, buitenstaander
):
    client.force_login(politie)
    assert client.get(_url(verwijzing)).status_code == 200
    assert (
        client.get(reverse("wegwijzer:doorverwijzing-create", args=[casus.public_id])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("wegwijzer:doorverwijzing-intrekken", args=[verwijzing.public_id])
        ).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        _voorstellen(politie, casus, buitenstaander.organisatie)


def test_coordinator_refers_through_the_case_page(client, coordinator, casus, zorg, behoefte):
    client.force_login(coordinator)
    assert "Doorverwijzen" in client.get(_casus_url(casus)).content.decode()
    url = reverse("wegwijzer:doorverwijzing-create", args=[casus.public_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisatie": zorg.organisatie.pk,
            "behoefte": behoefte.pk,
            "urgentie": "hoog",
            "motivatie": "Snel opvang nodig.",
        },
    )
    assert response.status_code == 302
    verwijzing = Doorverwijzing.objects.get(casus=casus)
    assert verwijzing.organisatie == zorg.organisatie and verwijzing.urgentie == "hoog"
    assert AuditEvent.objects.filter(
        gebruiker=coordinator, actie=AuditEvent.Actie.AANMAKEN, object_id=verwijzing.public_id
    ).exists()


def test_refused_for_a_participant_an_inactive_org_or_a_second_open_referral(
    coordinator, casus, politie, zorg, buitenstaander, verwijzing
):
    with pytest.raises(ValidationError):
        _voorstellen(coordinator, casus, politie.organisatie)
    with pytest.raises(ValidationError):
        _voorstellen(coordinator, casus, zorg.organisatie)
    buitenstaander.organisatie.actief = False
    buitenstaander.organisatie.save(update_fields=["actief"])
    with pytest.raises(ValidationError):
        _voorstellen(coordinator, casus, buitenstaander.organisatie)


def test_sender_withdraws_and_the_task_is_gone(
    client, coordinator, verwijzing, zorg, casus, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wegwijzer:doorverwijzing-intrekken", args=[verwijzing.public_id])
        )
    assert response.status_code == 302
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.INGETROKKEN
    # The receiving organisation is told, with the case number and the referral's
    # page only (which it may still read: it says "ingetrokken").
    melding = Melding.objects.get(ontvanger=zorg, soort=Meldingsoort.DOORVERWIJZING_INGETROKKEN)
    assert melding.url == _url(verwijzing)
    assert not Melding.objects.filter(
        ontvanger=coordinator, soort=Meldingsoort.DOORVERWIJZING_INGETROKKEN
    ).exists()
    with pytest.raises(PermissionDenied):
        services.doorverwijzing_beantwoorden(
            ctx=AuditContext.system(zorg), verwijzing=verwijzing, akkoord=True
        )
    client.force_login(zorg)
    assert _url(verwijzing) not in client.get(reverse("identificatie:taken")).content.decode()


def test_unanswered_referral_reminds_once_then_escalates_once(
    verwijzing, zorg, coordinator, django_capture_on_commit_callbacks
):
    def versturen(dagen):
        moment = verwijzing.gevraagd_op + datetime.timedelta(days=dagen)
        with time_machine.travel(moment, tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                return herinneringen_versturen(
                    vandaag=timezone.localdate(), soorten=[doorverwijzingen_onbeantwoord]
                )

    def aantal(soort, ontvanger):
        return Melding.objects.filter(soort=soort, ontvanger=ontvanger).count()

    assert versturen(2) == {}
    assert versturen(3) == {"doorverwijzing_herinnering": 1}
    assert versturen(4) == {}
    assert aantal(Meldingsoort.DOORVERWIJZING, zorg) == 2  # the referral and one reminder
    verwijzing.refresh_from_db()
    assert verwijzing.herinnerd_op is not None and verwijzing.geescaleerd_op is None

    assert versturen(7) == {"doorverwijzing_escalatie": 1}
    assert versturen(8) == {}
    assert aantal(Meldingsoort.DOORVERWIJZING_OPEN, coordinator) == 1
    assert aantal(Meldingsoort.DOORVERWIJZING_OPEN, zorg) == 0
    verwijzing.refresh_from_db()
    assert verwijzing.geescaleerd_op is not None


def test_an_answered_referral_is_neither_reminded_nor_escalated(verwijzing, zorg):
    services.doorverwijzing_beantwoorden(
        ctx=AuditContext.system(zorg),
        verwijzing=verwijzing,
        akkoord=False,
        reden="Vol.",
        reden_soort=Doorverwijzing.RedenSoort.GEEN_PLEK,
    )
    later = timezone.localdate() + datetime.timedelta(days=30)
    assert herinneringen_versturen(vandaag=later, soorten=[doorverwijzingen_onbeantwoord]) == {}


def test_with_the_purpose_question_on_the_receiving_organisation_reads_its_referral(
    client, settings, verwijzing, zorg, casus
):
    """The purpose of use is asked of who opens the case; the receiving organisation
    does not, it reads the referral (and is never sent to a question about a case
    it may not see, which would be the 404 of a missing case). Once it accepts, the
    case asks."""
    settings.GEBRUIKSDOEL_VRAGEN = True
    client.force_login(zorg)
    assert client.get(_url(verwijzing)).status_code == 200
    client.post(_url(verwijzing), {"besluit": "akkoord"})
    verwijzing.refresh_from_db()
    assert verwijzing.status == Doorverwijzing.Status.AANVAARD
    response = client.get(_casus_url(casus))
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("casusoverleg:gebruiksdoel", args=[casus.public_id])
    )
