"""The advice's pages: preview, download and sign-off, for participants and outsiders."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from advies.models import AdviesAftekening
from advies.services import (
    _adopt,
    advies_draft,
    advies_review,
    advies_sign_off,
    standpunten_voorstel,
)
from casusoverleg import services as core_services
from casusoverleg.models import AuditEvent, Deelname
from identificatie import services
from identificatie.flows import IdentificatieFlow
from tests.factories import make_casus

from .conftest import ADVIES, ctx, open_taak, review, to_review


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def urls(advies):
    args = [advies.casus.public_id, advies.versie]
    return {
        name: reverse(f"advies:{name}", args=args)
        for name in ("advies-detail", "advies-pdf", "advies-aftekenen")
    }


def test_a_participant_downloads_the_stored_pdf_audited_as_an_export(vastgesteld, politie):
    response = as_user(politie).get(urls(vastgesteld)["advies-pdf"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    nummer = vastgesteld.casus.nummer
    assert response["Content-Disposition"] == f'attachment; filename="advies-{nummer}-v1.pdf"'
    assert hashlib.sha256(response.content).hexdigest() == vastgesteld.pdf_sha256
    event = AuditEvent.objects.order_by("-pk").first()
    assert (event.actie, event.object_type, event.object_id, event.gebruiker) == (
        "exporteren",
        "advies",
        vastgesteld.public_id,
        politie,
    )
    assert event.casus_public_id == vastgesteld.casus.public_id


def test_a_draft_pdf_has_the_watermark_and_is_audited_as_a_print(start, coordinator, politie, zorg):
    advies = to_review(start(), coordinator, politie, zorg)
    response = as_user(politie).get(urls(advies)["advies-pdf"])
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "CONCEPT" in text
    assert AuditEvent.objects.order_by("-pk").first().actie == "afdrukken"


def test_the_preview_uses_the_document_template_and_escapes(start, coordinator, politie, zorg):
    advies = to_review(
        start(), coordinator, politie, zorg, advies={"doel": "<iframe src=x></iframe>"}
    )
    html = as_user(politie).get(urls(advies)["advies-detail"]).content.decode()
    assert "advies-document is-concept" in html and "watermerk" in html
    assert "&lt;iframe src=x&gt;&lt;/iframe&gt;" in html and "<iframe" not in html
    assert "Standpunt van de zorg." in html


def test_a_draft_in_concept_is_for_the_coordinators_only(
    start, coordinator, coordinator2, politie, zorg
):
    proces = start()
    advies = to_review(proces, coordinator, politie, zorg)
    review(coordinator2, proces, akkoord=False, opmerkingen="Scherper.")
    assert as_user(politie).get(urls(advies)["advies-detail"]).status_code == 404
    assert as_user(politie).get(urls(advies)["advies-pdf"]).status_code == 404
    assert as_user(coordinator).get(urls(advies)["advies-detail"]).status_code == 200


def test_an_outsider_gets_404_on_the_pdf_and_the_preview(vastgesteld, buitenstaander):
    client = as_user(buitenstaander)
    for name, url in urls(vastgesteld).items():
        before = AuditEvent.objects.count()
        response = client.get(url)
        assert response.status_code == 404, name
        assert vastgesteld.casus.nummer not in response.content.decode()
        event = AuditEvent.objects.order_by("-pk").first()
        assert AuditEvent.objects.count() == before + 1
        assert (
            event.uitkomst == "geweigerd" and event.casus_public_id == vastgesteld.casus.public_id
        )


def test_the_case_page_shows_the_hash_and_the_download(vastgesteld, politie):
    url = reverse("casusoverleg:casus-detail", args=[vastgesteld.casus.public_id])
    html = as_user(politie).get(url).content.decode()
    assert vastgesteld.pdf_sha256 in html
    assert urls(vastgesteld)["advies-pdf"] in html


def test_the_detail_page_shows_both_fingerprints(vastgesteld, politie):
    html = as_user(politie).get(urls(vastgesteld)["advies-detail"]).content.decode()
    assert vastgesteld.pdf_sha256 in html and vastgesteld.inhoud_sha256 in html
    assert "is-concept" not in html


# Sign-off per discipline -------------------------------------------------------------


def test_with_sign_off_required_the_review_waits_for_every_discipline(
    start, coordinator, coordinator2, politie, zorg
):
    proces = start(aftekenen_vereist=True)
    advies = to_review(proces, coordinator, politie, zorg)
    with pytest.raises(ValidationError, match="Nog niet afgetekend door"):
        review(coordinator2, proces)

    response = as_user(politie).post(urls(advies)["advies-aftekenen"], {"oordeel": "akkoord"})
    assert response.status_code == 302
    # Disagreeing needs a reason, shown on the field.
    response = as_user(zorg).post(urls(advies)["advies-aftekenen"], {"oordeel": "niet_akkoord"})
    assert response.status_code == 200
    assert response.context["form"].errors["toelichting"] == ["Licht uw aftekening toe."]
    response = as_user(zorg).post(
        urls(advies)["advies-aftekenen"],
        {"oordeel": "akkoord_met_minderheidsstandpunt", "toelichting": "Zie ons standpunt."},
    )
    assert response.status_code == 302

    adopted = review(coordinator2, proces)
    assert adopted.status == "vastgesteld"
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(bytes(adopted.pdf.inhoud))).pages
    )
    assert "Akkoordmetminderheidsstandpunt:Zieonsstandpunt." in "".join(text.split())
    with pytest.raises(Exception):  # noqa: B017 - ImmutableError or PermissionDenied
        advies_sign_off(ctx=ctx(politie), advies=adopted, oordeel="niet_akkoord", toelichting="x")


def test_only_a_discipline_with_a_view_signs_off_and_a_new_draft_resets(
    start, coordinator, coordinator2, politie, zorg
):
    proces = start(aftekenen_vereist=True)
    advies = to_review(proces, coordinator, politie, zorg)
    # The coordinating municipality has no view in the advice.
    response = as_user(coordinator).post(urls(advies)["advies-aftekenen"], {"oordeel": "akkoord"})
    assert response.status_code == 302 and not AdviesAftekening.objects.exists()
    advies_sign_off(ctx=ctx(politie), advies=advies, oordeel="akkoord", toelichting="")
    assert AdviesAftekening.objects.count() == 1
    review(coordinator2, proces, akkoord=False, opmerkingen="Scherper.")
    to_review_again = advies.__class__.objects.get(pk=advies.pk)
    assert to_review_again.status == "concept"
    taak = open_taak(proces, IdentificatieFlow.opstellen)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)
    advies_draft(
        ctx=ctx(coordinator),
        taak=taak,
        data=ADVIES,
        standpunten=standpunten_voorstel(proces),
        indienen=True,
    )
    assert not AdviesAftekening.objects.exists()


def test_without_sign_off_required_there_is_nothing_to_sign(
    start, coordinator, coordinator2, politie, zorg
):
    proces = start()
    advies = to_review(proces, coordinator, politie, zorg)
    response = as_user(politie).post(urls(advies)["advies-aftekenen"], {"oordeel": "akkoord"})
    assert response.status_code == 302 and not AdviesAftekening.objects.exists()
    assert review(coordinator2, proces).status == "vastgesteld"


def test_the_process_start_form_offers_sign_off(casus, coordinator, politie):
    response = as_user(coordinator).post(
        reverse("identificatie:proces-start", args=[casus.public_id]),
        {
            "organisaties": [politie.organisatie.pk],
            "deadline": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            "aftekenen_vereist": "on",
        },
    )
    assert response.status_code == 302
    assert casus.processen.get().aftekenen_vereist


def test_the_review_page_refuses_a_reviewer_who_wrote_the_draft_a_colleague_submitted(
    start, coordinator, coordinator2, politie, zorg
):
    proces = start()
    services.taak_claim(
        ctx=ctx(politie), taak=open_taak(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    )
    services.ronde_close(ctx=ctx(coordinator), proces=proces, reden="Zorgtafel is morgen.")
    taak = open_taak(proces, IdentificatieFlow.zorgtafel)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)
    services.zorgtafel_uitkomst_record(ctx=ctx(coordinator), taak=taak, uitkomst="Aannemelijk.")
    taak = open_taak(proces, IdentificatieFlow.opstellen)
    services.taak_claim(ctx=ctx(coordinator2), taak=taak)  # coordinator2, a reviewer, writes
    advies_draft(ctx=ctx(coordinator2), taak=taak, data=ADVIES, standpunten=[], indienen=False)
    services.taak_release(ctx=ctx(coordinator2), taak=taak)
    services.taak_claim(ctx=ctx(coordinator), taak=taak)  # a colleague submits it unchanged
    advies_draft(ctx=ctx(coordinator), taak=taak, data=ADVIES, standpunten=[], indienen=True)

    review_taak = open_taak(proces, IdentificatieFlow.review)
    c2 = as_user(coordinator2)
    page = reverse("advies:advies-taak", args=[review_taak.public_id])
    assert review_taak.public_id not in c2.get(reverse("identificatie:taken")).content.decode()
    assert "vier ogen" in c2.get(page).content.decode()
    c2.post(reverse("identificatie:taak-oppakken", args=[review_taak.public_id]))
    review_taak.task.refresh_from_db()
    assert review_taak.task.owner is None
    response = c2.post(page, {"besluit": "akkoord"})
    assert response.status_code == 200 and "vier ogen" in response.content.decode()
    advies = proces.adviezen.get()
    assert advies.status == "in_review" and advies.beoordeeld_door is None


def test_adoption_refuses_a_reviewer_who_edited_the_version(
    start, coordinator, coordinator2, politie, zorg
):
    """The last line before a version becomes final checks four eyes itself."""
    proces = start()
    advies = to_review(proces, coordinator, politie, zorg)
    advies.bewerkers.add(coordinator2)
    advies.beoordeeld_door = coordinator2
    with pytest.raises(PermissionDenied):
        _adopt(advies)
    advies.refresh_from_db()
    assert advies.status == "in_review" and not advies.vastgesteld_op


def test_a_review_task_judges_only_its_own_advice(start, coordinator, coordinator2, politie, zorg):
    proces = start()
    to_review(proces, coordinator, politie, zorg)
    ander_proces = services.proces_start(
        ctx=ctx(coordinator),
        casus=make_casus(coordinator, deelnemers=[politie.organisatie, zorg.organisatie]),
        organisaties=[politie.organisatie, zorg.organisatie],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    ander = to_review(ander_proces, coordinator, politie, zorg)
    taak = open_taak(proces, IdentificatieFlow.review)
    services.taak_claim(ctx=ctx(coordinator2), taak=taak)
    with pytest.raises(ValidationError):
        advies_review(ctx=ctx(coordinator2), taak=taak, advies=ander, akkoord=True, opmerkingen="")
    ander.refresh_from_db()
    assert ander.status == "in_review"


def test_completing_a_task_checks_its_node_again(proces_met_beoordeling_in_hand):
    taak, politie, deelname_weg = proces_met_beoordeling_in_hand
    deelname_weg()
    with pytest.raises(PermissionDenied):
        services.taak_complete(taak, politie)
    taak.task.refresh_from_db()
    assert taak.task.status == "ASSIGNED"


@pytest.fixture
def proces_met_beoordeling_in_hand(start, casus, coordinator, politie):
    """politie holds its assessment task; calling the returned function ends its
    participation in the case."""
    proces = start()
    taak = open_taak(proces, IdentificatieFlow.beoordelen, politie.organisatie)
    services.taak_claim(ctx=ctx(politie), taak=taak)

    def deelname_weg():
        deelname = Deelname.objects.get(casus=casus, organisatie=politie.organisatie)
        core_services.deelname_remove(ctx=ctx(coordinator), deelname=deelname)

    return taak, politie, deelname_weg


def test_a_draft_too_long_to_render_answers_a_page_that_says_so_not_a_500(
    start, coordinator, politie, zorg, monkeypatch
):
    advies = to_review(start(), coordinator, politie, zorg)
    monkeypatch.setattr("casusoverleg.pdf.MAX_HTML", 1_000)

    response = as_user(politie).get(urls(advies)["advies-pdf"])

    assert response.status_code == 422
    assert "Dit document is te lang om als PDF te maken" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
