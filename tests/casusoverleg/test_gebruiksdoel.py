"""The purpose of use: asked the first time in a session that a user opens a case,
on every case-scoped URL, before anything of the case is read; recorded on every
audit row of that session about that case; changeable; never asked of an outsider,
who gets the 404 of a missing case."""

import pytest
from django.urls import reverse

from casusoverleg.audit import GEBRUIKSDOELEN_SESSIE
from casusoverleg.models import AuditEvent
from casusoverleg.urls import casus_patterns
from tests.factories import make_casus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vragen(settings):
    settings.GEBRUIKSDOEL_VRAGEN = True


def _detail(casus):
    return reverse("casusoverleg:casus-detail", args=[casus.public_id])


def _vraag(casus):
    return reverse("casusoverleg:gebruiksdoel", args=[casus.public_id])


def _rijen(casus, **filters):
    return AuditEvent.objects.filter(casus_public_id=casus.public_id, **filters)


def test_asked_once_per_session_per_case_and_recorded_on_every_row(client, coordinator):
    casus, andere = make_casus(coordinator), make_casus(coordinator)
    client.force_login(coordinator)
    url = reverse("casusoverleg:tijdlijn", args=[casus.public_id])

    response = client.get(url)
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"{_vraag(casus)}?volgende=%2Fcasussen%2F{casus.public_id}%2Ftijdlijn%2F"
    )
    # Nothing of the case was read: no read row, only the question's page may follow.
    assert not _rijen(casus, actie=AuditEvent.Actie.LEZEN, gebruiker=coordinator).exists()

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert casus.nummer in html and "Waarvoor opent u deze casus?" in html
    assert casus.naam not in html  # the question shows the number only

    response = client.post(_vraag(casus), {"doel": "adviseren", "volgende": url})
    assert response.status_code == 302 and response["Location"] == url
    assert client.get(url).status_code == 200
    assert client.get(_detail(casus)).status_code == 200  # once per case, not per page
    assert "Het multidisciplinaire advies" in client.get(_detail(casus)).content.decode()

    rijen = _rijen(casus, gebruiker=coordinator).exclude(gebruiksdoel="")
    assert rijen.filter(actie=AuditEvent.Actie.DOEL_OPGEGEVEN).count() == 1
    assert rijen.filter(actie=AuditEvent.Actie.LEZEN).count() >= 3
    assert set(_rijen(casus, gebruiker=coordinator).values_list("gebruiksdoel", flat=True)) == {
        "adviseren",
        "",  # the question's own page, before the answer
    }

    # Another case: asked again. Another session: asked again.
    assert client.get(_detail(andere)).status_code == 302
    client.logout()
    client.force_login(coordinator)
    assert client.get(_detail(casus)).status_code == 302


def test_the_purpose_can_be_changed_and_later_rows_carry_the_new_one(client, coordinator):
    casus = make_casus(coordinator)
    client.force_login(coordinator)
    client.post(_vraag(casus), {"doel": "overleggen"})
    client.get(_detail(casus))
    assert client.get(_vraag(casus)).status_code == 200  # the page to change it
    client.post(_vraag(casus), {"doel": "anders", "toelichting": "Vraag van de toezichthouder"})
    client.get(_detail(casus))
    laatste = (
        _rijen(casus, actie=AuditEvent.Actie.LEZEN, object_type="casus")
        .order_by("volgnummer")
        .last()
    )
    assert (laatste.gebruiksdoel, laatste.gebruiksdoel_toelichting) == (
        "anders",
        "Vraag van de toezichthouder",
    )
    assert _rijen(casus, gebruiksdoel="overleggen", actie=AuditEvent.Actie.LEZEN).exists()
    assert client.session[GEBRUIKSDOELEN_SESSIE][casus.public_id]["doel"] == "anders"
    # The case's audit trail shows it, beside the kind of work the page served.
    audit = client.get(reverse("casusoverleg:casus-audit", args=[casus.public_id]))
    html = audit.content.decode()
    assert "Anders: Vraag van de toezichthouder" in html and "Opgegeven doel" in html


def test_an_outsider_gets_the_404_of_a_missing_case_never_the_question(
    client, coordinator, buitenstaander
):
    casus = make_casus(coordinator)
    client.force_login(buitenstaander)
    assert client.get(_detail(casus)).status_code == 404
    assert client.get(_vraag(casus)).status_code == 404
    assert client.post(_vraag(casus), {"doel": "adviseren"}).status_code == 404
    assert GEBRUIKSDOELEN_SESSIE not in client.session
    assert (
        _rijen(casus, gebruiker=buitenstaander, uitkomst=AuditEvent.Uitkomst.GEWEIGERD).count() == 3
    )


@pytest.mark.parametrize("naam", [p.name for p in casus_patterns if p.name != "gebruiksdoel"])
def test_every_case_url_asks_first(client, coordinator, naam):
    casus = make_casus(coordinator)
    pattern = next(p for p in casus_patterns if p.name == naam)
    args = [casus.public_id, *([1] * len(pattern.pattern.converters))]
    client.force_login(coordinator)
    response = client.get(reverse(f"casusoverleg:{naam}", args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(_vraag(casus))


def test_a_form_sent_without_a_purpose_is_not_carried_out(client, coordinator):
    casus = make_casus(coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("casusoverleg:behoefte-create", args=[casus.public_id]),
        {"type": "opvang", "eigenaar": coordinator.organisatie_id},
        HTTP_REFERER="http://testserver" + _detail(casus),
    )
    assert response.status_code == 303
    assert response["Location"].startswith(_vraag(casus))
    assert not casus.behoeften.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Uw wijziging is niet opgeslagen" in page


def test_htmx_is_sent_to_the_question_as_a_whole_page(client, coordinator):
    casus = make_casus(coordinator)
    client.force_login(coordinator)
    response = client.get(_detail(casus), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(_vraag(casus))


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({}, "Kies waarvoor u de casus opent."),
        ({"doel": "nieuwsgierigheid"}, "Kies een doel uit de lijst."),
        ({"doel": "anders", "toelichting": "  "}, "Zeg in een paar woorden"),
        ({"doel": "adviseren", "toelichting": "x" * 201}, "korter dan 200 tekens"),
    ],
)
def test_bad_answers_get_a_dutch_message_and_nothing_is_kept(client, coordinator, data, fout):
    casus = make_casus(coordinator)
    client.force_login(coordinator)
    response = client.post(_vraag(casus), data)
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert GEBRUIKSDOELEN_SESSIE not in client.session
    assert client.get(_detail(casus)).status_code == 302


def test_it_sends_on_only_within_the_site(client, coordinator):
    casus = make_casus(coordinator)
    client.force_login(coordinator)
    response = client.post(
        _vraag(casus), {"doel": "overleggen", "volgende": "https://elders.example/casus"}
    )
    assert response["Location"] == _detail(casus)


def test_who_opens_a_case_has_said_why_by_doing_so(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("casusoverleg:casus-create"),
        {
            "naam": "Mira Voorbeeld",
            "geboortedatum": "2001-05-17",
            "geslacht": "vrouw",
            "nationaliteit": "RO",
            "datum_eerste_signaal": "2026-01-10",
            "vormen": ["seksueel"],
        },
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    rij = AuditEvent.objects.get(actie=AuditEvent.Actie.DOEL_OPGEGEVEN, gebruiker=coordinator)
    assert rij.gebruiksdoel == "coordinatie"


def test_one_answer_for_the_cases_of_a_meeting_all_readable_or_404(client, coordinator, politie):
    een = make_casus(coordinator, deelnemers=[politie.organisatie])
    twee = make_casus(coordinator, deelnemers=[politie.organisatie])
    vreemd = make_casus(coordinator)  # the police take no part
    client.force_login(politie)
    url = reverse("casusoverleg:gebruiksdoel-meerdere")

    page = client.get(url, {"casus": [een.public_id, twee.public_id]})
    assert page.status_code == 200
    html = page.content.decode()
    assert een.nummer in html and twee.nummer in html and een.naam not in html

    # One case the user may not read among them: the 404 of a missing case, audited.
    assert client.get(url, {"casus": [een.public_id, vreemd.public_id]}).status_code == 404
    assert (
        client.post(
            url, {"casus": [een.public_id, vreemd.public_id], "doel": "overleggen"}
        ).status_code
        == 404
    )
    assert (
        AuditEvent.objects.filter(
            gebruiker=politie, casus_public_id=vreemd.public_id, uitkomst="geweigerd"
        ).count()
        == 2
    )
    assert GEBRUIKSDOELEN_SESSIE not in client.session
    assert client.get(url).status_code == 404  # no case at all

    response = client.post(
        url,
        {
            "casus": [een.public_id, twee.public_id],
            "doel": "overleggen",
            "volgende": "/zorgtafels/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/zorgtafels/"
    assert set(client.session[GEBRUIKSDOELEN_SESSIE]) == {een.public_id, twee.public_id}
    assert (
        AuditEvent.objects.filter(
            actie=AuditEvent.Actie.DOEL_OPGEGEVEN, gebruiksdoel="overleggen"
        ).count()
        == 2
    )
    assert client.get(_detail(een)).status_code == 200
