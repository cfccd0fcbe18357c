import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casusoverleg.audit import AuditContext
from identificatie import indicatoren
from identificatie.models import Indicator, IndicatorGroep, IndicatorLijst, PublishedError
from identificatie.services import indicatorlijst_copy, indicatorlijst_publish
from tests.factories import make_signaal


def test_the_shipped_list_is_valid_and_names_its_sources():
    data = indicatoren.read()
    assert indicatoren.problems(data) == []
    codes = {g["code"] for g in data["groepen"]}
    assert codes == {
        "algemeen",
        "seksuele_uitbuiting",
        "arbeidsuitbuiting",
        "criminele_uitbuiting",
        "minderjarigen",
    }
    alle = [i for g in data["groepen"] for i in g["indicatoren"]]
    assert len(alle) >= 40
    assert all(i["instructie"].strip() for i in alle)
    teksten = [i["tekst"].lower() for i in alle]
    assert len(teksten) == len(set(teksten))
    bronnen = " ".join(b["titel"] for b in data["bronnen"])
    assert "ILO" in bronnen and "Verwijsmechanisme" in bronnen


def test_problems_finds_what_is_wrong():
    data = indicatoren.read()
    groep = data["groepen"][0]
    groep["indicatoren"][0]["instructie"] = " "
    groep["indicatoren"][1]["tekst"] = groep["indicatoren"][2]["tekst"].upper()
    found = indicatoren.problems(data)
    assert any("'instructie' is leeg" in p for p in found)
    assert any("tekst komt twee keer voor" in p for p in found)


@pytest.mark.django_db
def test_the_migration_loaded_and_published_the_first_list():
    lijst = IndicatorLijst.objects.actueel()
    assert lijst.versie == indicatoren.read()["versie"] and lijst.gepubliceerd
    assert Indicator.objects.filter(groep__lijst=lijst).count() >= 40


@pytest.mark.django_db
def test_a_published_list_cannot_be_changed_or_deleted():
    lijst = IndicatorLijst.objects.actueel()
    groep = lijst.groepen.first()
    indicator = groep.indicatoren.first()
    lijst.titel = "Anders"
    for action in (
        lijst.save,
        lijst.delete,
        groep.save,
        groep.delete,
        indicator.save,
        indicator.delete,
    ):
        with pytest.raises(PublishedError):
            action()
    with pytest.raises(PublishedError):
        Indicator(groep=groep, code="X", tekst="x", toelichting="x", instructie="x").save()


@pytest.mark.django_db
def test_administrator_makes_edits_and_publishes_a_new_version(beheerder, zorg):
    oud = IndicatorLijst.objects.actueel()
    signaal = make_signaal(zorg)
    ctx = AuditContext.system(beheerder)
    nieuw = indicatorlijst_copy(ctx=ctx, bron=oud, versie="2027.1")
    assert not nieuw.gepubliceerd
    indicator = Indicator.objects.filter(groep__lijst=nieuw).first()
    indicator.instructie = "Nieuwe instructie."
    indicator.save()  # a draft can be edited
    assert IndicatorLijst.objects.actueel() == oud

    indicatorlijst_publish(ctx=ctx, lijst=nieuw)
    assert IndicatorLijst.objects.actueel() == nieuw
    with pytest.raises(PublishedError):
        indicator.save()
    signaal.refresh_from_db()
    assert signaal.lijst == oud
    assert all(i.groep.lijst_id == oud.pk for i in signaal.indicatoren.all())


@pytest.mark.django_db
def test_an_incomplete_draft_is_not_published(beheerder):
    ctx = AuditContext.system(beheerder)
    nieuw = indicatorlijst_copy(ctx=ctx, bron=IndicatorLijst.objects.actueel(), versie="2027.2")
    IndicatorGroep.objects.create(lijst=nieuw, code="leeg", titel="Leeg")
    with pytest.raises(ValidationError, match="geen indicatoren"):
        indicatorlijst_publish(ctx=ctx, lijst=nieuw)
    nieuw.refresh_from_db()
    assert not nieuw.gepubliceerd


@pytest.mark.django_db
def test_only_administrators_publish(politie):
    with pytest.raises(PermissionDenied):
        indicatorlijst_publish(
            ctx=AuditContext.system(politie), lijst=IndicatorLijst.objects.actueel()
        )


@pytest.mark.django_db
def test_a_version_longer_than_its_field_is_refused_with_a_message(beheerder):
    # SQLite stores the overlong value; PostgreSQL answered with a 500.
    with pytest.raises(ValidationError, match="ten hoogste 20 tekens"):
        indicatorlijst_copy(
            ctx=AuditContext.system(beheerder),
            bron=IndicatorLijst.objects.actueel(),
            versie="2027.1-concept-20271130",
        )
    assert not IndicatorLijst.objects.filter(versie__startswith="2027.1-concept").exists()


@pytest.mark.django_db
def test_the_admin_action_makes_a_draft_with_a_version_that_fits(beheerder, client):
    client.force_login(beheerder)
    bron = IndicatorLijst.objects.actueel()
    response = client.post(
        "/beheer/identificatie/indicatorlijst/",
        {"action": "nieuwe_versie", "_selected_action": [bron.pk]},
    )
    assert response.status_code == 302
    concept = IndicatorLijst.objects.exclude(pk=bron.pk).get()
    assert concept.versie.startswith("concept-")
    assert len(concept.versie) <= 20
