"""Limits instead of 500s in the meeting (issue 11, point 9): minute entries and
addenda are capped in length and number, a minutes PDF too long to render says
so, and the attendance form refuses bad values. Each answers 4xx with a message."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from casusoverleg.audit import AuditContext
from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, start
from zorgtafel.models import Agendapunt, Notule, Uitnodiging
from zorgtafel.services import addendum_add, notule_add, notule_update, zorgtafel_close


@pytest.fixture
def lopend(coordinator, politie):
    casus = make_casus(coordinator, deelnemers=[politie.organisatie])
    zorgtafel = start(plan(coordinator, [casus]), coordinator)
    bevestig(zorgtafel, coordinator, politie)
    return zorgtafel


@pytest.fixture
def gesloten(lopend, coordinator):
    zorgtafel_close(ctx=AuditContext.system(coordinator), zorgtafel=lopend)
    return lopend


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _item_url(name, zorgtafel):
    punt = zorgtafel.agendapunten.get()
    return reverse(f"zorgtafel:{name}", args=[zorgtafel.public_id, punt.public_id]), punt


@override_settings(ADDENDA_MAX_PER_AGENDAPUNT=2)
def test_the_addenda_of_an_item_are_capped_with_a_clear_message(gesloten, coordinator):
    url, punt = _item_url("zorgtafel-addendum", gesloten)
    client = _client(coordinator)
    for i in range(2):
        assert (
            client.post(url, {f"addendum-{punt.public_id}-tekst": f"Correctie {i}"}).status_code
            == 302
        )

    response = client.post(url, {f"addendum-{punt.public_id}-tekst": "Nog een"})

    assert response.status_code == 400
    assert "Dit agendapunt heeft al 2 addenda, het maximum." in response.content.decode()
    assert Notule.objects.filter(agendapunt=punt, addendum=True).count() == 2


@override_settings(NOTULEN_MAX_PER_AGENDAPUNT=1)
def test_the_minute_entries_of_an_item_are_capped_by_the_service_too(lopend, coordinator):
    punt = lopend.agendapunten.get()
    ctx = AuditContext.system(coordinator)
    notule_add(ctx=ctx, agendapunt=punt, tekst="Eerste.")

    with pytest.raises(ValidationError, match="al 1 notulen, het maximum"):
        notule_add(ctx=ctx, agendapunt=punt, tekst="Tweede.")
    assert punt.notulen.count() == 1


@override_settings(NOTULE_MAX_TEKENS=100)
def test_an_entry_too_long_is_refused_on_the_form_and_by_the_services(lopend, coordinator):
    url, punt = _item_url("zorgtafel-notule", lopend)

    response = _client(coordinator).post(url, {f"notule-{punt.public_id}-tekst": "x" * 101})

    assert response.status_code == 400
    assert "101" in response.content.decode()  # "… hoogstens 100 tekens (het zijn er nu 101)"
    ctx = AuditContext.system(coordinator)
    with pytest.raises(ValidationError, match="ten hoogste 100 tekens"):
        notule_add(ctx=ctx, agendapunt=punt, tekst="x" * 101)
    notule = notule_add(ctx=ctx, agendapunt=punt, tekst="Kort.")
    with pytest.raises(ValidationError, match="ten hoogste 100 tekens"):
        notule_update(ctx=ctx, notule=notule, tekst="x" * 101)
    zorgtafel_close(ctx=ctx, zorgtafel=lopend)
    punt = Agendapunt.objects.get(pk=punt.pk)
    with pytest.raises(ValidationError, match="ten hoogste 100 tekens"):
        addendum_add(ctx=ctx, agendapunt=punt, tekst="x" * 101)
    assert list(punt.notulen.values_list("tekst", flat=True)) == ["Kort."]


def test_minutes_too_long_to_render_answer_a_page_that_says_so_not_a_500(
    gesloten, coordinator, politie
):
    # As measured before the caps: 105 addenda of 10,000 characters on one item.
    punt = gesloten.agendapunten.get()
    Notule.objects.bulk_create(
        Notule(agendapunt=punt, tekst="x" * 10_000, auteur=coordinator, addendum=True)
        for _ in range(105)
    )
    url = reverse("zorgtafel:zorgtafel-notulen-pdf", args=[gesloten.public_id])

    response = _client(politie).get(url)

    assert response.status_code == 422
    assert "Dit document is te lang om als PDF te maken" in response.content.decode()


@pytest.mark.parametrize(
    "waarde", ["abc", "", "1.5", "99999999999999999999999", "-1", "\x00", "another-meeting"]
)
def test_the_attendance_form_refuses_a_bad_invitation_with_400_and_a_message(
    lopend, coordinator, politie, waarde
):
    if waarde == "another-meeting":
        ander = plan(coordinator, [lopend.agendapunten.get().casus], dagen=3)
        waarde = str(Uitnodiging.objects.filter(zorgtafel=ander).first().pk)
    url = reverse("zorgtafel:zorgtafel-aanwezigheid", args=[lopend.public_id])
    client = _client(coordinator)

    response = client.post(url, {"uitnodiging": waarde})
    htmx = client.post(url, {"uitnodiging": waarde}, headers={"HX-Request": "true"})

    # A NUL character is refused as such ("Null-tekens zijn niet toegestaan.").
    bericht = "Null-tekens" if waarde == "\x00" else "Kies een genodigde van dit overleg."
    assert response.status_code == 400 and bericht in response.content.decode()
    assert htmx.status_code == 400 and bericht in htmx.content.decode()


def test_the_attendance_form_refuses_an_unknown_attendance_with_400(lopend, coordinator, politie):
    uitnodiging = lopend.uitnodigingen.get(user=politie)
    url = reverse("zorgtafel:zorgtafel-aanwezigheid", args=[lopend.public_id])
    client = _client(coordinator)

    response = client.post(
        url,
        {"uitnodiging": uitnodiging.pk, f"aanwezigheid-{uitnodiging.pk}-aanwezigheid": "weg"},
    )

    assert response.status_code == 400
    assert "Kies een geldige aanwezigheid." in response.content.decode()
    ok = client.post(
        url,
        {"uitnodiging": uitnodiging.pk, f"aanwezigheid-{uitnodiging.pk}-aanwezigheid": "aanwezig"},
    )
    assert ok.status_code == 302
    uitnodiging.refresh_from_db()
    assert uitnodiging.aanwezigheid == "aanwezig"
