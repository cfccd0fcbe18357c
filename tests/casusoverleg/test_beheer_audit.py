"""Every change in the admin is in the audit trail with its values before and after
(issue 11, point 4), and no password hash, secret or token ever is."""

from django.contrib import admin
from django.urls import reverse

from casusoverleg.admin import VERBORGEN, AuditedModelAdmin, admin_waarden
from casusoverleg.audit import AuditContext
from casusoverleg.models import AuditEvent, Organisatie
from identificatie.models import Indicator
from identificatie.services import indicatorlijst_copy
from tests.factories import OrganisatieFactory


def _form_data(response):
    """The admin form's current values, as the browser would post them back."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    return data


def _beheer_rows(user, actie=None):
    qs = AuditEvent.objects.filter(gebruiker=user, doel="beheer")
    return list(qs.filter(actie=actie) if actie else qs)


def test_every_model_in_the_admin_is_audited():
    assert admin.site._registry
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, AuditedModelAdmin), model


def test_changing_an_organisation_records_its_values_before_and_after(client, beheerder):
    org = OrganisatieFactory(naam="Gemeente Oud", discipline="gemeente")
    client.force_login(beheerder)
    url = reverse("admin:casusoverleg_organisatie_change", args=[org.pk])
    data = {**_form_data(client.get(url)), "naam": "Gemeente Nieuw"}
    assert client.post(url, data).status_code == 302
    [event] = _beheer_rows(beheerder, "wijzigen")
    assert event.object_type == "casusoverleg.organisatie"
    assert event.object_id == str(org.pk)
    assert event.detail["velden"] == ["naam"]
    assert event.detail["voor"] == {"naam": "Gemeente Oud"}
    assert event.detail["na"] == {"naam": "Gemeente Nieuw"}


def test_adding_an_organisation_is_audited_with_its_values(client, beheerder):
    client.force_login(beheerder)
    add = reverse("admin:casusoverleg_organisatie_add")
    response = client.post(add, {"naam": "Stichting Nieuw", "discipline": "zorg", "actief": "on"})
    assert response.status_code == 302
    org = Organisatie.objects.get(naam="Stichting Nieuw")
    [aangemaakt] = _beheer_rows(beheerder, "aanmaken")
    assert aangemaakt.object_id == str(org.pk)
    assert aangemaakt.detail["na"]["naam"] == "Stichting Nieuw"
    assert aangemaakt.detail["na"]["discipline"] == "zorg"


def _concept(beheerder, bron):
    return indicatorlijst_copy(ctx=AuditContext.system(beheerder), bron=bron, versie="concept-test")


def test_deleting_in_the_admin_is_audited_with_the_values_before(client, beheerder, indicatorlijst):
    concept = _concept(beheerder, indicatorlijst)
    een, twee, drie = Indicator.objects.filter(groep__lijst=concept).order_by("pk")[:3]
    client.force_login(beheerder)
    delete = reverse("admin:identificatie_indicator_delete", args=[een.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    changelist = reverse("admin:identificatie_indicator_changelist")
    response = client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [twee.pk, drie.pk], "post": "yes"},
    )
    assert response.status_code == 302
    rows = _beheer_rows(beheerder, "verwijderen")
    assert {(e.object_id, e.detail["voor"]["code"]) for e in rows} == {
        (str(i.pk), i.code) for i in (een, twee, drie)
    }


def test_inline_changes_are_audited_on_the_inline_objects(client, beheerder, indicatorlijst):
    concept = _concept(beheerder, indicatorlijst)
    groep = concept.groepen.order_by("volgorde").first()
    weg = concept.groepen.order_by("volgorde").last()
    client.force_login(beheerder)
    url = reverse("admin:identificatie_indicatorlijst_change", args=[concept.pk])
    response = client.get(url)
    data = _form_data(response)
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        data.update(
            {
                f"{fs.prefix}-TOTAL_FORMS": fs.total_form_count(),
                f"{fs.prefix}-INITIAL_FORMS": fs.initial_form_count(),
            }
        )
        for form in fs.forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None and value is not False:
                    data[form.add_prefix(name)] = value
            if form.instance.pk == groep.pk:
                data[form.add_prefix("titel")] = "Nieuwe titel"
            if form.instance.pk == weg.pk:
                data[form.add_prefix("DELETE")] = "on"
        nieuw = f"{fs.prefix}-{fs.total_form_count()}"
        data.update({f"{nieuw}-volgorde": 99, f"{nieuw}-code": "NW", f"{nieuw}-titel": "Nieuw"})
        data[f"{fs.prefix}-TOTAL_FORMS"] = fs.total_form_count() + 1
    response = client.post(url, data)
    assert response.status_code == 302
    groepen = [e for e in _beheer_rows(beheerder) if e.object_type.endswith("indicatorgroep")]
    [gewijzigd] = [e for e in groepen if e.actie == "wijzigen"]
    assert gewijzigd.object_id == str(groep.pk)
    assert gewijzigd.detail["voor"] == {"titel": groep.titel}
    assert gewijzigd.detail["na"] == {"titel": "Nieuwe titel"}
    [aangemaakt] = [e for e in groepen if e.actie == "aanmaken"]
    assert aangemaakt.detail["na"]["code"] == "NW"
    [verwijderd] = [e for e in groepen if e.actie == "verwijderen"]
    assert verwijderd.object_id == str(weg.pk)
    assert verwijderd.detail["voor"]["code"] == weg.code


def test_changing_a_user_records_before_and_after_and_never_the_password_hash(
    client, beheerder, politie
):
    client.force_login(beheerder)
    url = reverse("admin:casusoverleg_user_change", args=[politie.pk])
    data = {**_form_data(client.get(url)), "first_name": "Petra", "email": "petra@example.org"}
    assert client.post(url, data).status_code == 302
    [event] = _beheer_rows(beheerder, "wijzigen")
    assert event.object_type == "casusoverleg.user"
    assert event.detail["na"]["first_name"] == "Petra"
    assert event.detail["voor"]["first_name"] == politie.first_name
    assert "email" in event.detail["velden"]
    politie.refresh_from_db()
    for row in AuditEvent.objects.all():
        assert politie.password not in str(row.detail)
        assert "md5$" not in str(row.detail)


def test_secrets_are_hidden_whatever_the_field(politie):
    waarden = admin_waarden(politie, ["password", "first_name", "api_token", "geheime_sleutel"])
    assert waarden["password"] == VERBORGEN
    assert waarden["api_token"] == VERBORGEN
    assert waarden["geheime_sleutel"] == VERBORGEN
    assert waarden["first_name"] == politie.first_name


def test_an_admin_action_is_audited_with_the_objects_it_ran_on(client, beheerder, indicatorlijst):
    concept = _concept(beheerder, indicatorlijst)
    client.force_login(beheerder)
    url = reverse("admin:identificatie_indicatorlijst_changelist")
    response = client.post(url, {"action": "publiceren", "_selected_action": [concept.pk]})
    assert response.status_code == 302
    [event] = [e for e in _beheer_rows(beheerder) if "beheeractie" in e.detail]
    assert event.detail["beheeractie"] == "publiceren"
    assert event.detail["objecten"] == [str(concept.pk)]
