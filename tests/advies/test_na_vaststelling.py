"""The advice after adoption (issue 14, point 5): a corrected version marks the one it
replaces "Vervangen door versie N" everywhere, only the version that holds is corrected
or sent, sendings and the addressee's decision are recorded, and a "niet akkoord"
sign-off blocks adoption until the advice records that discipline's dissent."""

import datetime
import hashlib
import io
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from viewflow.workflow.status import STATUS

from advies import selectors
from advies.models import Advies, AdviesBesluit, AdviesVerzending
from advies.services import (
    advies_besluit_record,
    advies_correct,
    advies_draft,
    advies_review,
    advies_sign_off,
    advies_update_correction,
    advies_verzending_record,
    advies_withdraw,
    standpunten_voorstel,
)
from casusoverleg.casuspagina import tijdlijn
from casusoverleg.models import AuditEvent, Melding, Termijn
from casusoverleg.services import casus_coordinatoren, termijnen_bijwerken
from casusoverleg.takenlijst import secties_voor
from identificatie.flows import IdentificatieFlow
from identificatie.models import Taak
from identificatie.services import taak_claim

from .conftest import ctx, open_taak, review, to_review

TODAY = timezone.localdate()


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def url(name, advies):
    return reverse(f"advies:{name}", args=[advies.casus.public_id, advies.versie])


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def correctie_taak(nieuw):
    return Taak.objects.select_related("task", "casus", "proces").get(
        proces__correctieproces__advies=nieuw,
        task__status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )


def corrigeer(advies, drafter, reviewer) -> Advies:
    """A correction of ``advies``, drafted by ``drafter`` and adopted by ``reviewer``."""
    nieuw = advies_correct(ctx=ctx(drafter), advies=advies)
    advies_update_correction(
        ctx=ctx(drafter),
        taak=correctie_taak(nieuw),
        data={"onderbouwing": "Gecorrigeerde onderbouwing."},
        indienen=True,
    )
    taak = correctie_taak(nieuw)
    taak_claim(ctx=ctx(reviewer), taak=taak)
    return advies_review(ctx=ctx(reviewer), taak=taak, advies=nieuw, akkoord=True, opmerkingen="")


@pytest.fixture
def gecorrigeerd(vastgesteld, coordinator, coordinator2):
    """Version 1 adopted, then superseded by an adopted version 2."""
    nieuw = corrigeer(vastgesteld, coordinator, coordinator2)
    vastgesteld.refresh_from_db()
    return vastgesteld, nieuw


# Superseded -----------------------------------------------------------------------------


def test_a_superseded_version_says_so_on_its_page_and_offers_no_correction(
    gecorrigeerd, coordinator
):
    oud, nieuw = gecorrigeerd
    assert nieuw.versie == 2 and nieuw.status == "vastgesteld"
    html = as_user(coordinator).get(url("advies-detail", oud)).content.decode()
    assert "Vervangen door versie 2" in html
    assert "Correctie maken" not in html and "Advies intrekken" not in html
    assert url("advies-corrigeren", oud) not in html
    # The version that holds says nothing of the kind, and offers the correction.
    html = as_user(coordinator).get(url("advies-detail", nieuw)).content.decode()
    assert "Vervangen door versie" not in html
    assert "Correctie maken" in html


def test_the_case_page_and_the_process_page_list_the_superseded_version_as_such(
    gecorrigeerd, politie
):
    oud, nieuw = gecorrigeerd
    client = as_user(politie)
    casus_html = client.get(
        reverse("casusoverleg:casus-detail", args=[oud.casus.public_id])
    ).content.decode()
    assert "Vervangen door versie 2" in casus_html
    proces_html = client.get(
        reverse("identificatie:proces-detail", args=[oud.casus.public_id, oud.proces.public_id])
    ).content.decode()
    assert "Vervangen door versie 2" in proces_html


def test_a_correction_in_progress_supersedes_nothing_yet(vastgesteld, coordinator, politie):
    advies_correct(ctx=ctx(coordinator), advies=vastgesteld)
    html = as_user(coordinator).get(url("advies-detail", vastgesteld)).content.decode()
    assert "Vervangen door versie" not in html
    # One correction at a time: no second one is offered while this one is under way.
    assert "Correctie maken" not in html
    casus_html = (
        as_user(politie)
        .get(reverse("casusoverleg:casus-detail", args=[vastgesteld.casus.public_id]))
        .content.decode()
    )
    assert "Vervangen door versie" not in casus_html


def test_the_download_of_a_superseded_version_is_marked_and_the_stored_record_is_not_touched(
    gecorrigeerd, politie
):
    oud, _nieuw = gecorrigeerd
    client = as_user(politie)
    stored = bytes(oud.pdf.inhoud)
    assert "Vervangen door versie" not in pdf_text(stored)

    response = client.get(url("advies-pdf", oud))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    text = pdf_text(response.content)
    assert "Vervangen door versie 2" in text
    # The fingerprint of the content recorded at adoption is printed on the copy.
    assert oud.inhoud_sha256 in text.replace(" ", "")
    assert hashlib.sha256(response.content).hexdigest() != oud.pdf_sha256
    event = AuditEvent.objects.order_by("-pk").first()
    assert (event.actie, event.object_id) == ("afdrukken", oud.public_id)

    # The stored file and its hash stay the record, and stay downloadable as they are.
    oud.pdf.refresh_from_db()
    assert bytes(oud.pdf.inhoud) == stored and oud.pdf.sha256 == oud.pdf_sha256
    response = client.get(url("advies-pdf", oud) + "?origineel=1")
    assert hashlib.sha256(response.content).hexdigest() == oud.pdf_sha256
    assert AuditEvent.objects.order_by("-pk").first().actie == "exporteren"


def test_the_version_that_holds_downloads_its_stored_pdf_unmarked(gecorrigeerd, politie):
    _oud, nieuw = gecorrigeerd
    response = as_user(politie).get(url("advies-pdf", nieuw))
    assert hashlib.sha256(response.content).hexdigest() == nieuw.pdf_sha256
    assert "Vervangen door versie" not in pdf_text(response.content)
    assert "vervangt versie 1" in pdf_text(response.content)


def test_only_the_version_that_holds_is_corrected_the_old_one_is_refused(gecorrigeerd, coordinator):
    oud, _nieuw = gecorrigeerd
    response = as_user(coordinator).post(url("advies-corrigeren", oud), follow=True)
    assert "Alleen het geldende vastgestelde advies kan worden gecorrigeerd." in (
        response.content.decode()
    )
    assert not Advies.objects.filter(casus=oud.casus, versie=3).exists()
    with pytest.raises(ValidationError):
        advies_correct(ctx=ctx(coordinator), advies=oud)


def test_a_superseded_version_is_not_withdrawn(gecorrigeerd, coordinator):
    oud, _nieuw = gecorrigeerd
    with pytest.raises(ValidationError, match="vervangen door versie 2"):
        advies_withdraw(ctx=ctx(coordinator), advies=oud, reden="Vergissing.")
    oud.refresh_from_db()
    assert oud.status == "vastgesteld"


# Sending and the addressee's decision ---------------------------------------------------


def verzend(advies, user, **extra):
    return advies_verzending_record(
        ctx=ctx(user),
        advies=advies,
        **{
            "verzonden_op": TODAY,
            "kanaal": "beveiligde_email",
            "geadresseerde": "ind",
            **extra,
        },
    )


def test_the_coordinator_records_a_sending_shown_on_the_advice_the_case_and_the_timeline(
    vastgesteld, coordinator, politie
):
    client = as_user(coordinator)
    assert "Verzending vastleggen" in client.get(url("advies-detail", vastgesteld)).content.decode()
    assert client.get(url("advies-verzenden", vastgesteld)).status_code == 200
    response = client.post(
        url("advies-verzenden", vastgesteld),
        {
            "verzonden_op": TODAY.isoformat(),
            "geadresseerde": "ind",
            "geadresseerde_toelichting": "Unit Mensenhandel",
            "kanaal": "beveiligd_platform",
            "toelichting": "",
        },
    )
    assert response.status_code == 302
    verzending = AdviesVerzending.objects.get()
    assert (verzending.advies, verzending.door, verzending.geadresseerde) == (
        vastgesteld,
        coordinator,
        "ind",
    )
    event = AuditEvent.objects.filter(object_type="adviesverzending").get()
    assert (event.actie, event.object_id, event.gebruiker) == (
        "aanmaken",
        verzending.public_id,
        coordinator,
    )

    # Every participant reads it on the advice and on the case.
    html = as_user(politie).get(url("advies-detail", vastgesteld)).content.decode()
    assert "Verzonden op" in html and "Beveiligd platform (zoals Zivver)" in html
    casus_html = (
        as_user(politie)
        .get(reverse("casusoverleg:casus-detail", args=[vastgesteld.casus.public_id]))
        .content.decode()
    )
    assert "Verzonden op" in casus_html
    wat = [g.wat for g in tijdlijn(user=politie, casus=vastgesteld.casus)]
    assert "Advies versie 1 verzonden aan IND (kanaal: Beveiligd platform (zoals Zivver))" in wat


def test_a_sending_date_in_the_future_or_before_adoption_is_refused_on_its_field(
    vastgesteld, coordinator
):
    client = as_user(coordinator)
    data = {"geadresseerde": "ind", "kanaal": "post", "toelichting": ""}
    morgen = TODAY + datetime.timedelta(days=1)
    response = client.post(
        url("advies-verzenden", vastgesteld), {**data, "verzonden_op": morgen.isoformat()}
    )
    assert response.status_code == 200
    assert "niet in de toekomst" in str(response.context["form"].errors["verzonden_op"])
    gisteren = TODAY - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        verzend(vastgesteld, coordinator, verzonden_op=gisteren)
    assert "verzonden_op" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        verzend(vastgesteld, coordinator, kanaal="anders")
    assert "toelichting" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        verzend(vastgesteld, coordinator, geadresseerde="anders", geadresseerde_toelichting=" ")
    assert "geadresseerde_toelichting" in error.value.message_dict
    assert not AdviesVerzending.objects.exists()


def test_only_the_coordinator_sends_and_only_the_version_that_holds(
    gecorrigeerd, coordinator, politie
):
    oud, nieuw = gecorrigeerd
    assert as_user(politie).get(url("advies-verzenden", nieuw)).status_code == 404
    with pytest.raises(PermissionDenied):
        verzend(nieuw, politie)
    # The superseded version is not sent: no link, the page sends the user back.
    client = as_user(coordinator)
    assert "Verzending vastleggen" not in client.get(url("advies-detail", oud)).content.decode()
    response = client.get(url("advies-verzenden", oud), follow=True)
    assert "vervangen door versie 2" in response.content.decode()
    with pytest.raises(PermissionDenied):
        verzend(oud, coordinator)
    assert not AdviesVerzending.objects.exists()
    verzend(nieuw, coordinator)
    assert AdviesVerzending.objects.get().advies == nieuw


def test_a_draft_is_not_sent(start, coordinator, politie, zorg):
    advies = to_review(start(), coordinator, politie, zorg)
    with pytest.raises(PermissionDenied):
        verzend(advies, coordinator)


def test_outsiders_get_404_on_the_new_pages(vastgesteld, coordinator, buitenstaander):
    verzend(vastgesteld, coordinator)
    client = as_user(buitenstaander)
    for name in ("advies-verzenden", "advies-besluit"):
        assert client.get(url(name, vastgesteld)).status_code == 404
        assert client.post(url(name, vastgesteld), {}).status_code == 404
    assert client.get(url("advies-pdf", vastgesteld) + "?origineel=1").status_code == 404


def test_the_addressees_decision_is_recorded_once_after_sending(vastgesteld, coordinator, politie):
    with pytest.raises(PermissionDenied):  # not sent to the OM
        advies_besluit_record(
            ctx=ctx(coordinator),
            advies=vastgesteld,
            geadresseerde="ind",
            besluit_op=TODAY,
            uitkomst="conform",
        )
    client = as_user(coordinator)
    assert client.get(url("advies-besluit", vastgesteld)).status_code == 302
    verzend(vastgesteld, coordinator)
    assert "Besluit van de geadresseerde vastleggen" in (
        client.get(url("advies-detail", vastgesteld)).content.decode()
    )

    # Recording it is a task in the coordinators' Mijn taken, due at the term's end.
    def besluittaken(user):
        return [
            r for s in secties_voor(user=user) if s["sleutel"] == "besluiten" for r in s["rijen"]
        ]

    (taak,) = besluittaken(coordinator)
    assert (taak.wat, taak.link) == (
        "Besluit van IND vastleggen (versie 1)",
        url("advies-besluit", vastgesteld),
    )
    assert taak.deadline == Termijn.objects.get(soort="advies_besluit").einde
    assert besluittaken(politie) == []
    response = client.post(
        url("advies-besluit", vastgesteld),
        {"geadresseerde": "ind", "besluit_op": TODAY.isoformat(), "uitkomst": "conform"},
    )
    assert response.status_code == 302
    besluit = AdviesBesluit.objects.get()
    assert (besluit.geadresseerde, besluit.uitkomst) == ("ind", "conform")
    assert besluit.door == coordinator
    assert besluittaken(coordinator) == []
    html = as_user(politie).get(url("advies-detail", vastgesteld)).content.decode()
    assert "Besluit van IND op" in html
    with pytest.raises(PermissionDenied):
        advies_besluit_record(
            ctx=ctx(coordinator),
            advies=vastgesteld,
            geadresseerde="ind",
            besluit_op=TODAY,
            uitkomst="afwijkend",
        )
    assert as_user(politie).get(url("advies-besluit", vastgesteld)).status_code == 404


def test_the_figures_count_first_sendings_per_addressee_with_the_days_since_adoption(
    vastgesteld, coordinator
):
    with_adoption_on = timezone.localdate(vastgesteld.vastgesteld_op)
    verzend(vastgesteld, coordinator)
    verzend(vastgesteld, coordinator, kanaal="post")  # sent again: counted once
    verzend(vastgesteld, coordinator, geadresseerde="om")
    rijen = selectors.verzendingen_statistiek()
    assert sorted(r["geadresseerde"] for r in rijen) == ["ind", "om"]
    assert {r["dagen_na_vaststelling"] for r in rijen} == {(TODAY - with_adoption_on).days}
    assert next(r for r in rijen if r["geadresseerde"] == "ind")["kanaal"] == "beveiligde_email"
    assert selectors.verzonden_per_geadresseerde() == {"ind": 1, "om": 1}
    assert set(rijen[0]) == {"geadresseerde", "kanaal", "verzonden_op", "dagen_na_vaststelling"}


# "Niet akkoord" blocks adoption ------------------------------------------------------------


def _review_page(proces, reviewer):
    taak = open_taak(proces, IdentificatieFlow.review)
    if taak.task.owner_id is None:
        taak_claim(ctx=ctx(reviewer), taak=taak)
    return as_user(reviewer), reverse("advies:advies-taak", args=[taak.public_id])


def test_a_niet_akkoord_blocks_adoption_until_the_advice_records_that_dissent(
    start, coordinator, coordinator2, politie, zorg
):
    proces = start(aftekenen_vereist=True)
    advies = to_review(proces, coordinator, politie, zorg, dissent=False)
    advies_sign_off(ctx=ctx(politie), advies=advies, oordeel="akkoord", toelichting="")
    advies_sign_off(ctx=ctx(zorg), advies=advies, oordeel="niet_akkoord", toelichting="Te stellig.")

    # The adopting step says why, in Dutch, and does not offer "Akkoord".
    client, page = _review_page(proces, coordinator2)
    html = client.get(page).content.decode()
    assert "Niet akkoord van" in html
    assert str(zorg.organisatie) in html and "afwijkende standpunt" in html
    assert 'value="akkoord"' not in html
    response = client.post(page, {"besluit": "akkoord", "opmerkingen": ""})
    assert response.status_code == 200
    advies.refresh_from_db()
    assert advies.status == "in_review"
    # The service refuses it too.
    with pytest.raises(ValidationError, match="Niet akkoord van"):
        review(coordinator2, proces)
    advies.refresh_from_db()
    assert advies.status == "in_review"

    # Back to the draft, which now records the dissent; the disciplines sign again.
    review(coordinator2, proces, akkoord=False, opmerkingen="Neem het standpunt van de zorg op.")
    taak = open_taak(proces, IdentificatieFlow.opstellen)
    if taak.task.owner_id is None:
        taak_claim(ctx=ctx(coordinator), taak=taak)
    standpunten = standpunten_voorstel(proces)
    for s in standpunten:
        if s["organisatie"] == zorg.organisatie:
            s.update(afwijkend=True, toelichting_afwijking="De zorg ziet minder aanwijzingen.")
    advies = advies_draft(
        ctx=ctx(coordinator),
        taak=taak,
        data={},
        standpunten=standpunten,
        indienen=True,
    )
    advies_sign_off(ctx=ctx(politie), advies=advies, oordeel="akkoord", toelichting="")
    advies_sign_off(ctx=ctx(zorg), advies=advies, oordeel="niet_akkoord", toelichting="Te stellig.")
    client, page = _review_page(proces, coordinator2)
    assert 'value="akkoord"' in client.get(page).content.decode()
    assert client.post(page, {"besluit": "akkoord", "opmerkingen": ""}).status_code == 302
    advies.refresh_from_db()
    assert advies.status == "vastgesteld"


def test_a_minority_sign_off_does_not_block_adoption(
    start, coordinator, coordinator2, politie, zorg
):
    proces = start(aftekenen_vereist=True)
    advies = to_review(proces, coordinator, politie, zorg, dissent=False)
    advies_sign_off(ctx=ctx(politie), advies=advies, oordeel="akkoord", toelichting="")
    advies_sign_off(
        ctx=ctx(zorg),
        advies=advies,
        oordeel="akkoord_met_minderheidsstandpunt",
        toelichting="Wij zien minder.",
    )
    assert review(coordinator2, proces).status == "vastgesteld"


def _verzendrijen(user):
    return next(s["rijen"] for s in secties_voor(user=user) if s["sleutel"] == "verzenden")


def test_sending_is_a_task_for_the_coordinators_until_a_sending_is_recorded(
    gecorrigeerd, coordinator, politie
):
    oud, nieuw = gecorrigeerd
    rijen = _verzendrijen(coordinator)
    # Only the version that holds is to be sent, not the one it superseded.
    assert [r.object for r in rijen] == [nieuw]
    assert rijen[0].link == url("advies-verzenden", nieuw)
    assert rijen[0].deadline == timezone.localdate(nieuw.vastgesteld_op) + datetime.timedelta(
        days=selectors.VERZENDEN_BINNEN_DAGEN
    )
    assert _verzendrijen(politie) == []
    verzend(nieuw, coordinator)
    assert _verzendrijen(coordinator) == []


# The addressee's decision term --------------------------------------------------------------


def besluittermijnen(casus, **filters):
    return Termijn.objects.filter(casus=casus, soort="advies_besluit", **filters)


def test_the_first_sending_starts_the_addressees_decision_term_from_the_settings(
    vastgesteld, coordinator
):
    verzend(vastgesteld, coordinator)
    termijn = besluittermijnen(vastgesteld.casus).get()
    assert termijn.sleutel == f"{vastgesteld.public_id}:ind"
    assert (termijn.start, termijn.einde) == (TODAY, TODAY + datetime.timedelta(days=90))
    assert termijn.status == "lopend"
    # A resend to the same addressee does not move it; another addressee gets its own.
    verzend(vastgesteld, coordinator, kanaal="post")
    assert besluittermijnen(vastgesteld.casus).get().einde == termijn.einde
    verzend(vastgesteld, coordinator, geadresseerde="gemeente")
    gemeente = besluittermijnen(vastgesteld.casus, sleutel__endswith=":gemeente").get()
    assert gemeente.einde == TODAY + datetime.timedelta(days=56)


def test_the_length_per_addressee_is_a_setting(vastgesteld, coordinator, settings):
    settings.TERMIJNEN = {
        **settings.TERMIJNEN,
        "advies_besluit": {"dagen_per_geadresseerde": {"ind": 10}, "herinneren": [3]},
    }
    verzend(vastgesteld, coordinator)
    assert besluittermijnen(vastgesteld.casus).get().einde == TODAY + datetime.timedelta(days=10)


def test_recording_the_decision_ends_the_term(vastgesteld, coordinator):
    verzend(vastgesteld, coordinator)
    advies_besluit_record(
        ctx=ctx(coordinator),
        advies=vastgesteld,
        geadresseerde="ind",
        besluit_op=TODAY,
        uitkomst="conform",
    )
    assert besluittermijnen(vastgesteld.casus).get().status == "afgerond"


def test_the_coordinator_is_reminded_before_the_decision_term_ends_and_told_when_it_passed(
    vastgesteld, coordinator, politie, django_capture_on_commit_callbacks
):
    verzend(vastgesteld, coordinator, geadresseerde="zorgaanbieder")  # 14 days
    einde = besluittermijnen(vastgesteld.casus).get().einde
    coordinatoren = set(casus_coordinatoren(vastgesteld.casus))
    assert coordinator in coordinatoren
    for dag, soort in (
        (einde - datetime.timedelta(days=3), "termijn_herinnering"),
        (einde + datetime.timedelta(days=1), "termijn_verlopen"),
    ):
        moment = datetime.datetime.combine(dag, datetime.time(9), tzinfo=datetime.UTC)
        with time_machine.travel(moment, tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                termijnen_bijwerken()
        meldingen = Melding.objects.filter(soort=soort)
        assert {m.ontvanger for m in meldingen} == coordinatoren
        assert politie not in {m.ontvanger for m in meldingen}
        assert meldingen.first().url == url("advies-detail", vastgesteld)
    assert besluittermijnen(vastgesteld.casus).get().status == "verlopen"


def test_a_correction_cancels_the_decision_terms_of_the_version_it_supersedes(
    vastgesteld, coordinator, coordinator2
):
    verzend(vastgesteld, coordinator)
    nieuw = corrigeer(vastgesteld, coordinator, coordinator2)
    termijn = besluittermijnen(vastgesteld.casus).get()
    assert termijn.status == "geannuleerd" and "versie 2" in termijn.reden
    verzend(nieuw, coordinator)
    assert (
        besluittermijnen(vastgesteld.casus, status="lopend")
        .get()
        .sleutel.startswith(nieuw.public_id)
    )


def test_withdrawing_the_advice_cancels_its_decision_terms(vastgesteld, coordinator):
    verzend(vastgesteld, coordinator)
    advies_withdraw(ctx=ctx(coordinator), advies=vastgesteld, reden="Nieuwe feiten.")
    termijn = besluittermijnen(vastgesteld.casus).get()
    assert (termijn.status, termijn.reden) == ("geannuleerd", "Advies ingetrokken")


def test_a_decision_date_in_the_future_or_before_the_sending_is_refused(vastgesteld, coordinator):
    verzend(vastgesteld, coordinator)
    for dag in (TODAY + datetime.timedelta(days=1), TODAY - datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            advies_besluit_record(
                ctx=ctx(coordinator),
                advies=vastgesteld,
                geadresseerde="ind",
                besluit_op=dag,
                uitkomst="conform",
            )
        assert "besluit_op" in error.value.message_dict
    assert not AdviesBesluit.objects.exists()
    assert besluittermijnen(vastgesteld.casus).get().status == "lopend"


def test_adoption_tells_the_coordinators_the_advice_waits_to_be_sent(
    start, coordinator, coordinator2, politie, zorg, django_capture_on_commit_callbacks
):
    """Sending is the coordinators' task once adopted (Mijn taken), and they are told:
    the reviewer who adopts it may be someone else."""
    proces = start()
    to_review(proces, coordinator, politie, zorg)
    with django_capture_on_commit_callbacks(execute=True):
        advies = review(coordinator2, proces)
    meldingen = Melding.objects.filter(soort="nieuwe_taak", url=url("advies-detail", advies))
    assert set(m.ontvanger for m in meldingen) == set(casus_coordinatoren(advies.casus))
    assert all(advies.casus.naam not in m.tekst for m in meldingen)
