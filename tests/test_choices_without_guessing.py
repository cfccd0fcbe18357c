"""Forms that do not guess (issue 12, point 4): no ``---------`` radio option, selects
that start on "Kies…" or "(geen)", and no preselected answer to a consequential
question; a missing answer is a Dutch error on the field and nothing is saved."""

import pytest
from django import forms

from advies.forms import AdviesForm
from advies.models import Advies
from casusoverleg.forms import ChoicesWithoutGuessingMixin
from identificatie.flows import IdentificatieFlow
from identificatie.forms import BeoordelingForm, NieuweCasusForm
from identificatie.models import Beoordeling, IndicatorLijst
from tests.identificatie.test_proces_web import (
    BEOORDELING,
    advies_post,
    as_user,
    casus,  # noqa: F401 (a fixture)
    do_task,
    start,
    taak_of,
)
from zorgtafel.forms import BesluitForm


class Voorbeeld(ChoicesWithoutGuessingMixin, forms.Form):
    radio = forms.ChoiceField(
        choices=[("", "---------"), ("ja", "Ja"), ("nee", "Nee")], widget=forms.RadioSelect
    )
    verplicht = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
    optioneel = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
    zonder_leeg = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    met_begin = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], initial="b")


def test_a_radio_loses_the_blank_option_and_selects_say_kies_or_geen():
    html = str(Voorbeeld())

    assert "---------" not in html
    assert [c[0] for c in Voorbeeld().fields["radio"].choices] == ["ja", "nee"]
    assert "checked" not in str(Voorbeeld()["radio"])
    form = Voorbeeld()
    assert str(form.fields["verplicht"].choices[0][1]) == "Kies…"
    assert str(form.fields["optioneel"].choices[0][1]) == "(geen)"
    # A required select with no value of its own no longer submits its first option.
    assert str(form.fields["zonder_leeg"].choices[0][1]) == "Kies…"
    # One with a value of its own shows that value and needs no empty option.
    assert form.fields["met_begin"].choices == [("a", "A"), ("b", "B")]


def test_the_meeting_decision_select_starts_on_kies():
    form = BesluitForm()
    assert str(form.fields["uitkomst"].choices[0][1]) == "Kies…"
    assert "---------" not in str(form)


def test_a_required_model_choice_select_says_kies(coordinator):
    form = NieuweCasusForm(user=coordinator)
    assert str(form.fields["coordinerende_organisatie"].empty_label) == "Kies…"
    assert "---------" not in str(form)


def _beoordeling_form(politie, data=None):
    return BeoordelingForm(
        data, lijst=IndicatorLijst.objects.actueel(), organisatie=politie.organisatie
    )


def test_the_assessment_preselects_neither_the_opinion_nor_the_criminal_case(politie):
    form = _beoordeling_form(politie)

    assert "---------" not in str(form)
    assert "checked" not in str(form["oordeel"])
    assert "checked" not in str(form["strafzaak"])
    assert isinstance(form.fields["strafzaak"].widget, forms.RadioSelect)


@pytest.mark.parametrize(
    ("veld", "melding"),
    [
        ("oordeel", "Kies een oordeel over slachtofferschap."),
        ("strafzaak", "Kies of een advies gevolgen heeft voor de strafzaak."),
    ],
)
def test_an_assessment_without_an_answer_is_a_dutch_error_on_the_field(politie, veld, melding):
    data = {k: v for k, v in BEOORDELING.items() if k != veld}

    form = _beoordeling_form(politie, data)

    assert not form.is_valid()
    assert form.errors[veld] == [melding]


def test_a_police_assessment_without_the_criminal_case_answer_saves_nothing(
    casus,  # noqa: F811
    coordinator,
    politie,
    zorg,
):
    proces = start(as_user(coordinator), casus, politie.organisatie, zorg.organisatie)
    taak = taak_of(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    data = {k: v for k, v in BEOORDELING.items() if k != "strafzaak"}

    response = do_task(as_user(politie), taak, data)

    assert response.status_code == 200
    assert response.context["form"].errors["strafzaak"] == [
        "Kies of een advies gevolgen heeft voor de strafzaak."
    ]
    assert not Beoordeling.objects.filter(proces=proces, ingediend_op__isnull=False).exists()


def test_the_advice_form_preselects_no_conclusion_and_requires_one():
    assert "---------" not in str(AdviesForm())
    assert "checked" not in str(AdviesForm()["conclusie"])

    form = AdviesForm({"conclusie": ""})

    assert not form.is_valid()
    assert form.errors["conclusie"] == ["Kies een conclusie."]


def test_an_advice_without_a_conclusion_saves_nothing(
    casus,  # noqa: F811
    coordinator,
    politie,
    zorg,
):
    c = as_user(coordinator)
    proces = start(c, casus, politie.organisatie, zorg.organisatie)
    for user in (politie, zorg):
        taak = taak_of(proces, IdentificatieFlow.beoordelen, user.organisatie)
        assert do_task(as_user(user), taak, BEOORDELING).status_code == 302
    taak = taak_of(proces, IdentificatieFlow.zorgtafel)
    assert do_task(c, taak, {"uitkomst": "Aannemelijk."}).status_code == 302
    taak = taak_of(proces, IdentificatieFlow.opstellen)

    response = do_task(c, taak, advies_post(proces, conclusie=""))

    assert response.status_code == 200
    assert response.context["form"].errors["conclusie"] == ["Kies een conclusie."]
    assert not Advies.objects.filter(proces=proces).exists()
