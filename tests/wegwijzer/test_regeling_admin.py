"""Functional management keeps a scheme's forms of exploitation as checkboxes in
the admin: stored as a sorted list, a value outside the list a form error."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from casusoverleg.models import AuditEvent, Uitbuitingsvorm
from wegwijzer.demo import BEHEER_PERMISSIONS

from .conftest import make_regeling

pytestmark = pytest.mark.django_db


@pytest.fixture
def regelingbeheerder(beheerder, beheergroep):
    """Functional management with the wegwijzer rights the demo gives it."""
    beheergroep.permissions.add(
        *(
            Permission.objects.get(content_type__app_label="wegwijzer", codename=f"{actie}_{model}")
            for model, acties in BEHEER_PERMISSIONS
            for actie in acties
        )
    )
    return beheerder


def _post_data(regeling, **overrides):
    data = {
        "naam": regeling.naam,
        "soort": regeling.soort,
        "omschrijving": regeling.omschrijving,
        "voorwaarden": regeling.voorwaarden,
        "aanvragen": regeling.aanvragen,
        "actief": "on",
        "voor_meerderjarigen": "on",
        "voor_vrouwen": "on",
        "voor_mannen": "on",
        "herkomst_nl": "on",
        "herkomst_eu": "on",
        "herkomst_buiten_eu": "on",
    }
    return {**data, **overrides}


def _url(regeling):
    return reverse("admin:wegwijzer_regeling_change", args=[regeling.pk])


def test_the_forms_of_exploitation_are_checkboxes(client, regelingbeheerder):
    regeling = make_regeling(uitbuitingsvormen=[Uitbuitingsvorm.ARBEID])
    client.force_login(regelingbeheerder)
    response = client.get(_url(regeling))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="checkbox" name="uitbuitingsvormen" value="arbeid"' in html
    assert '<textarea name="uitbuitingsvormen"' not in html
    veld = response.context["adminform"].form["uitbuitingsvormen"]
    assert veld.value() == ["arbeid"]


def test_two_ticked_are_stored_sorted_and_audited(client, regelingbeheerder):
    regeling = make_regeling()
    client.force_login(regelingbeheerder)
    response = client.post(
        _url(regeling),
        _post_data(regeling, uitbuitingsvormen=["seksueel", "arbeid"]),
    )
    assert response.status_code == 302
    regeling.refresh_from_db()
    assert regeling.uitbuitingsvormen == ["arbeid", "seksueel"]
    event = AuditEvent.objects.filter(object_type="wegwijzer.regeling").latest("pk")
    assert event.gebruiker == regelingbeheerder
    assert event.detail["voor"]["uitbuitingsvormen"] == []
    assert event.detail["na"]["uitbuitingsvormen"] == ["arbeid", "seksueel"]


def test_none_ticked_is_all_forms(client, regelingbeheerder):
    regeling = make_regeling(uitbuitingsvormen=[Uitbuitingsvorm.ARBEID])
    client.force_login(regelingbeheerder)
    assert client.post(_url(regeling), _post_data(regeling)).status_code == 302
    regeling.refresh_from_db()
    assert regeling.uitbuitingsvormen == []


def test_a_value_outside_the_list_is_a_form_error(client, regelingbeheerder):
    regeling = make_regeling(uitbuitingsvormen=[Uitbuitingsvorm.ARBEID])
    client.force_login(regelingbeheerder)
    response = client.post(
        _url(regeling), _post_data(regeling, uitbuitingsvormen=["arbeid", "slavernij"])
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["uitbuitingsvormen"] == [
        "Kies vormen van uitbuiting uit de lijst."
    ]
    regeling.refresh_from_db()
    assert regeling.uitbuitingsvormen == ["arbeid"]
