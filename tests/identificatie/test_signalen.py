import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casusoverleg.models import AuditEvent, Casus, Deelname
from casusoverleg.permissions import casussen_for_user
from identificatie.models import Indicator, IndicatorLijst, Signaal
from identificatie.permissions import signalen_for_user
from tests.factories import make_casus, make_signaal

TODAY = timezone.localdate()
URL = "/signalen/nieuw/"


@pytest.fixture
def lijst(db):
    return IndicatorLijst.objects.actueel()


def _ids(lijst, *codes):
    return [str(i.pk) for i in Indicator.objects.filter(groep__lijst=lijst, code__in=codes)]


def _post(client, lijst, **overrides):
    data = {
        "waargenomen_op": (TODAY - datetime.timedelta(days=1)).isoformat(),
        "plaats": "Parkeerplaats A12",
        "indicatoren": _ids(lijst, "ALG-01", "ARB-01"),
        "observatie": "Busje haalt elke ochtend dezelfde groep op.",
        "urgentie": "normaal",
        "grondslag": "toestemming",
        "toestemming_door": "persoon",
        "naam": "Ana Voorbeeld",
        "geboortedatum": "1998-06-01",
        "geschatte_leeftijd": "",
        "geslacht": "vrouw",
        "nationaliteit": "RO",
        "vorm": "arbeid",
    }
    data.update(overrides)
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


def test_zorg_records_a_signal_with_consent_and_is_told_what_to_do(client, zorg, lijst):
    client.force_login(zorg)
    response = _post(client, lijst)
    assert response.status_code == 302, response.context["form"].errors
    signaal = Signaal.objects.get()
    assert signaal.lijst == lijst and signaal.organisatie == zorg.organisatie
    assert signaal.grondslag == "toestemming" and signaal.indicatoren.count() == 2
    html = client.get(response.url).content.decode()
    for indicator in signaal.indicatoren.all():
        assert indicator.instructie in html
    assert AuditEvent.objects.filter(actie="aanmaken", object_type="signaal").exists()


def test_police_report_without_consent(client, politie, lijst):
    client.force_login(politie)
    response = _post(client, lijst, grondslag=None, toestemming_door=None)
    assert response.status_code == 302
    assert Signaal.objects.get().grondslag == "wettelijke_taak"


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"indicatoren": [], "observatie": ""}, "indicatoren", "Kies ten minste één indicator"),
        (
            {"waargenomen_op": (TODAY + datetime.timedelta(days=1)).isoformat()},
            "waargenomen_op",
            "niet in de toekomst",
        ),
        ({"grondslag": ""}, "grondslag", "Dit veld is verplicht."),
        ({"toestemming_door": ""}, "toestemming_door", "Geef aan wie de toestemming gaf."),
        (
            {"geboortedatum": (TODAY - datetime.timedelta(days=365 * 15)).isoformat()},
            "toestemming_door",
            "Onder de 16 jaar geeft een ouder of voogd",
        ),
        ({"toestemming_door": "ouder"}, "toestemming_door", "Vanaf 16 jaar geeft de persoon zelf"),
        (
            {"geboortedatum": "", "geschatte_leeftijd": ""},
            "geschatte_leeftijd",
            "die bepaalt wie toestemming geeft",
        ),
        ({"grondslag": "anoniem"}, "naam", "alleen een anonieme melding mogelijk"),
        ({"grondslag": "wettelijke_taak"}, "grondslag", "Selecteer een geldige keuze"),
        ({"indicatoren": ["999999"]}, "indicatoren", "Kies indicatoren uit de lijst"),
    ],
)
def test_bad_input_gives_an_error_on_the_field_and_saves_nothing(
    client, zorg, lijst, overrides, field, message
):
    client.force_login(zorg)
    response = _post(client, lijst, **overrides)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Signaal.objects.exists()


def test_anonymous_report_without_name_is_accepted(client, zorg, lijst):
    client.force_login(zorg)
    response = _post(
        client, lijst, grondslag="anoniem", toestemming_door="", naam="", geboortedatum=""
    )
    assert response.status_code == 302
    signaal = Signaal.objects.get()
    assert signaal.grondslag == "anoniem" and signaal.naam == "" and signaal.toestemming_door == ""


def test_a_parent_consents_for_a_child_under_16(client, jeugdzorg, lijst):
    client.force_login(jeugdzorg)
    response = _post(
        client,
        lijst,
        toestemming_door="ouder",
        geboortedatum=(TODAY - datetime.timedelta(days=365 * 14)).isoformat(),
    )
    assert response.status_code == 302


def test_the_instruction_appears_when_ticked_and_goes_when_unticked(client, zorg, lijst):
    client.force_login(zorg)
    indicator = Indicator.objects.filter(groep__lijst=lijst).first()
    url = reverse("identificatie:indicator-instructie", args=[indicator.pk])
    ticked = client.get(url, {"indicatoren": indicator.pk}, HTTP_HX_REQUEST="true")
    assert indicator.instructie in ticked.content.decode()
    unticked = client.get(url, HTTP_HX_REQUEST="true")
    assert indicator.instructie not in unticked.content.decode()


def test_acute_danger_puts_the_emergency_instruction_first(client, zorg, lijst):
    client.force_login(zorg)
    nood = client.get(reverse("identificatie:noodinstructie"), {"urgentie": "acuut"})
    assert lijst.noodinstructie in nood.content.decode()
    geen = client.get(reverse("identificatie:noodinstructie"), {"urgentie": "normaal"})
    assert lijst.noodinstructie not in geen.content.decode()

    signaal = make_signaal(zorg, codes=("ALG-01", "ARB-01"), urgentie="acuut")
    html = client.get(reverse("identificatie:signaal-detail", args=[signaal.public_id])).content
    html = html.decode()
    assert html.index(lijst.noodinstructie) < min(
        html.index(i.instructie) for i in signaal.indicatoren.all()
    )


def test_the_form_page_renders_the_groups(client, politie, lijst):
    client.force_login(politie)
    html = client.get(URL).content.decode()
    for groep in lijst.groepen.all():
        assert groep.titel in html
    assert 'hx-get="/signalen/indicatoren/' in html
    assert "wettelijke taak" in html


def test_administrator_and_project_group_do_not_record_signals(client, beheerder, projectgroep):
    for user in (beheerder, projectgroep):
        client.force_login(user)
        assert client.get(URL).status_code == 403


# What happens to a signal ------------------------------------------------------------


def test_attach_to_a_case_the_user_takes_part_in(client, coordinator, zorg):
    casus = make_casus(coordinator, deelnemers=[zorg.organisatie])
    signaal = make_signaal(zorg, waargenomen_op=TODAY - datetime.timedelta(days=9))
    client.force_login(zorg)
    response = client.post(
        reverse("identificatie:signaal-koppelen", args=[signaal.public_id]), {"casus": casus.pk}
    )
    assert response.status_code == 302
    signaal.refresh_from_db()
    casus.refresh_from_db()
    assert signaal.casus == casus and signaal.status == "gekoppeld"
    assert casus.datum_eerste_signaal == signaal.waargenomen_op


def test_cannot_attach_to_a_case_one_does_not_take_part_in(client, coordinator, zorg):
    vreemd = make_casus(coordinator)
    signaal = make_signaal(zorg)
    client.force_login(zorg)
    response = client.post(
        reverse("identificatie:signaal-koppelen", args=[signaal.public_id]), {"casus": vreemd.pk}
    )
    assert response.status_code == 200
    assert "Kies een casus waaraan u deelneemt." in response.content.decode()
    signaal.refresh_from_db()
    assert signaal.casus is None and signaal.status == "nieuw"


def test_outsider_cannot_see_or_attach_a_signal_of_a_case(
    client, coordinator, zorg, buitenstaander
):
    casus = make_casus(coordinator, deelnemers=[zorg.organisatie])
    signaal = make_signaal(zorg)
    from casusoverleg.audit import AuditContext
    from identificatie.services import signaal_attach

    signaal_attach(ctx=AuditContext.system(zorg), signaal=signaal, casus=casus)
    eigen = make_casus(coordinator, deelnemers=[buitenstaander.organisatie])
    client.force_login(buitenstaander)
    assert (
        client.get(reverse("identificatie:signaal-detail", args=[signaal.public_id])).status_code
        == 404
    )
    response = client.post(
        reverse("identificatie:signaal-koppelen", args=[signaal.public_id]), {"casus": eigen.pk}
    )
    assert response.status_code == 404
    signaal.refresh_from_db()
    assert signaal.casus == casus
    assert signaal not in signalen_for_user(user=buitenstaander)
    assert (
        AuditEvent.objects.filter(
            gebruiker=buitenstaander, uitkomst="geweigerd", object_id=signaal.public_id
        ).count()
        == 2
    )


def test_waiting_signal_is_seen_by_its_own_organisation_only(zorg, politie):
    signaal = make_signaal(zorg)
    from tests.factories import UserFactory

    collega = UserFactory(username="zorg2", organisatie=zorg.organisatie)
    assert signaal in signalen_for_user(user=collega)
    assert signaal not in signalen_for_user(user=politie)


def test_open_a_new_case_with_a_chosen_coordinating_organisation(client, zorg, coordinator):
    signaal = make_signaal(
        zorg, naam="Dana Voorbeeld", vorm="seksueel", nationaliteit="NG", geschatte_leeftijd=19
    )
    client.force_login(zorg)
    response = client.post(
        reverse("identificatie:signaal-casus-openen", args=[signaal.public_id]),
        {"coordinerende_organisatie": coordinator.organisatie.pk},
    )
    assert response.status_code == 302
    casus = Casus.objects.get()
    assert casus.naam == "Dana Voorbeeld" and casus.coordinator is None
    assert casus.coordinerende_organisatie == coordinator.organisatie
    assert casus.herkomst == "buiten_eu"
    assert list(casus.uitbuitingsvormen.values_list("vorm", flat=True)) == ["seksueel"]
    rollen = dict(Deelname.objects.filter(casus=casus).values_list("organisatie", "rol"))
    assert rollen == {coordinator.organisatie.pk: "coordinator", zorg.organisatie.pk: "deelnemer"}
    assert casus in casussen_for_user(user=coordinator)
    assert casus in casussen_for_user(user=zorg)
    signaal.refresh_from_db()
    assert signaal.casus == casus
    assert (
        casus.melding.status == "te_melden"
        and casus.melding.meldende_organisatie == zorg.organisatie
    )


def test_close_without_further_action_needs_a_reason(client, zorg):
    signaal = make_signaal(zorg)
    client.force_login(zorg)
    url = reverse("identificatie:signaal-afsluiten", args=[signaal.public_id])
    response = client.post(url, {"reden": ""})
    assert response.status_code == 200
    signaal.refresh_from_db()
    assert signaal.status == "nieuw"
    assert (
        client.post(url, {"reden": "Bleek een arbeidsconflict.", "bevestigd": "1"}).status_code
        == 302
    )
    signaal.refresh_from_db()
    assert (
        signaal.status == "afgesloten" and signaal.reden_afsluiten == "Bleek een arbeidsconflict."
    )
    assert (
        client.post(url, {"reden": "Nog eens", "bevestigd": "1"}).status_code == 200
    )  # already decided


def test_signal_list_shows_the_waiting_signals_of_the_organisation(client, zorg, politie):
    eigen = make_signaal(zorg, plaats="Eigen plek")
    make_signaal(politie, plaats="Politieplek")
    client.force_login(zorg)
    html = client.get(reverse("identificatie:signaal-list")).content.decode()
    assert "Eigen plek" in html and "Politieplek" not in html
    assert eigen.public_id in html


def test_closing_a_signal_asks_for_confirmation_first(client, zorg, buitenstaander):
    signaal = make_signaal(zorg)
    url = reverse("identificatie:signaal-afsluiten", args=[signaal.public_id])
    client.force_login(buitenstaander)
    assert client.post(url, {"reden": "Misverstand.", "bevestigd": "1"}).status_code == 404
    assert client.post(url, {"reden": "Misverstand."}).status_code == 404
    client.force_login(zorg)
    response = client.post(url, {"reden": "Misverstand."})
    assert response.status_code == 200 and "Ja, signaal afsluiten" in response.content.decode()
    signaal.refresh_from_db()
    assert signaal.status == "nieuw"
    assert client.post(url, {"reden": "Misverstand.", "bevestigd": "1"}).status_code == 302
    signaal.refresh_from_db()
    assert signaal.status == "afgesloten"
