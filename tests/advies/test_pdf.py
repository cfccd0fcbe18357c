"""The advice as a PDF: what it says, that user text stays text and nothing is
fetched, that it is bounded, and that the adopted file is stored once and proven."""

import hashlib
import io
import logging.config
import re
import socket

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from pypdf import PdfReader

from advies import pdf
from advies.models import Advies, AdviesPdf, ImmutableError
from casusoverleg import pdf as engine

from .conftest import ADVIES, to_review


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    # A hyphenated name broken over two lines ("Opper-" / "Lotharingen") reads as one.
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)


def test_the_adopted_pdf_holds_the_fields_and_each_disciplines_view(vastgesteld, politie, zorg):
    advies = vastgesteld
    data = bytes(advies.pdf.inhoud)
    text = text_of(data)
    for value in ADVIES.values():
        if isinstance(value, str) and value not in ("ind", "aannemelijk"):
            assert value in text, value
    assert "IND" in text and "Slachtofferschap aannemelijk" in text
    assert "VERTROUWELIJK" in text and advies.casus.nummer in text
    assert "Pagina 1 van" in text and "Versie 1" in text
    for org, standpunt in (
        (politie, "Standpunt van de politie."),
        (zorg, "Standpunt van de zorg."),
    ):
        assert str(org.organisatie) in text and standpunt in text
    assert "Afwijkend standpunt: De zorg ziet minder aanwijzingen." in text
    assert "CONCEPT" not in text  # no watermark on an adopted version
    assert advies.inhoud_sha256 in text.replace(" ", "")
    assert str(advies.beoordeeld_door) in text and str(advies.opgesteld_door) in text


def test_the_adopted_pdf_is_pdfa_with_metadata_and_embedded_fonts(vastgesteld):
    reader = PdfReader(io.BytesIO(bytes(vastgesteld.pdf.inhoud)))
    meta = reader.metadata
    assert vastgesteld.casus.nummer in meta.title and vastgesteld.casus.nummer in meta["/Keywords"]
    assert meta.author == str(vastgesteld.casus.coordinerende_organisatie)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>3</pdfaid:part>" in xmp or 'pdfaid:part="3"' in xmp
    assert "pdfaid:conformance" in xmp and "B" in xmp
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor  # embedded
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts and all(f.startswith("DejaVu") for f in fonts)
    assert vastgesteld.casus.naam not in text_of(bytes(vastgesteld.pdf.inhoud))


HOSTILE = {
    "doel": '<img src="http://127.0.0.1:9/x">',
    "vraag": '<link rel="stylesheet" href="file:///etc/passwd">',
    "onderbouwing": '<iframe src="http://127.0.0.1:9/frame"></iframe>',
    "aanbevelingen": "<style>@import url(http://127.0.0.1:9/css);</style>",
}


def test_hostile_fields_render_as_text_and_nothing_is_fetched(
    start, coordinator, politie, zorg, monkeypatch
):
    proces = start()
    advies = to_review(proces, coordinator, politie, zorg, advies=HOSTILE)

    def no_network(*args, **kwargs):
        raise AssertionError("the renderer opened a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    fetcher = engine.static_fetcher()
    engine.stylesheet()  # loaded once per process, before (see advies.engine.stylesheet)
    text = text_of(pdf.advies_pdf(advies, fetcher=fetcher))
    assert fetcher.asked == []
    for value in HOSTILE.values():
        assert value in text, value
    html = pdf.advies_html(advies)
    assert "<iframe" not in html and "<img" not in html and 'file:///etc/passwd"' not in html
    assert "&lt;iframe" in html


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x",
        "https://127.0.0.1/static/css/document.css",
        "https://casusoverleg.invalid.example.org/static/css/document.css",
        "https://casusoverleg.invalid/etc/passwd",
        "https://casusoverleg.invalid/static/../casusoverleg/settings.py",
        "https://casusoverleg.invalid/static/css/%2e%2e/%2e%2e/manage.py",
        "https://casusoverleg.invalid/static/css/document.css?x=1",
        "https://user@casusoverleg.invalid/static/css/document.css",
        "https://casusoverleg.invalid/static/js/app.js",
        "data:text/css,body{}",
        "ftp://casusoverleg.invalid/static/css/document.css",
    ],
)
def test_the_fetcher_refuses_everything_but_our_static_files(url):
    fetcher = engine.static_fetcher()
    with pytest.raises(engine.FetchRefused):
        fetcher.fetch(url)
    with pytest.raises(engine.FetchRefused):
        fetcher.open(url)


def test_the_fetcher_serves_our_stylesheet():
    from django.contrib.staticfiles.storage import staticfiles_storage

    url = engine.BASE_URL.rstrip("/") + staticfiles_storage.url(engine.STYLESHEET)
    response = engine.static_fetcher().fetch(url)
    assert response.content_type == "text/css" and b"@page" in response.read()


def test_rendering_is_bounded_in_time_and_size():
    with pytest.raises(pdf.RenderLimitError):
        pdf.render_pdf("<p>x</p>" * 1000, seconds=0)
    with pytest.raises(pdf.RenderLimitError):
        pdf.render_pdf("x" * (engine.MAX_HTML + 1))
    assert pdf.render_pdf("<p>x</p>").startswith(b"%PDF")  # the limits are per render


def test_the_render_limit_survives_the_logging_being_configured_again(settings):
    # The limit listens on WeasyPrint's progress logger; a server started in the same
    # process configures logging again, which must not silence that logger.
    pdf.render_pdf("<p>x</p>")
    logging.config.dictConfig(settings.LOGGING)
    with pytest.raises(pdf.RenderLimitError):
        pdf.render_pdf("<p>x</p>" * 1000, seconds=0)


def test_an_overlong_field_is_refused_on_the_field(start, coordinator, politie, zorg):
    proces = start()
    with pytest.raises(ValidationError) as error:
        to_review(proces, coordinator, politie, zorg, advies={"onderbouwing": "x" * 20_001})
    assert "onderbouwing" in error.value.error_dict
    assert not Advies.objects.exists()


def test_adopted_versions_cannot_change_and_the_hash_matches_the_stored_file(vastgesteld):
    advies = Advies.objects.get(pk=vastgesteld.pk)
    stored = AdviesPdf.objects.get(advies=advies)
    data = bytes(stored.inhoud)
    assert hashlib.sha256(data).hexdigest() == advies.pdf_sha256 == stored.sha256
    assert stored.grootte == len(data) and data.startswith(b"%PDF")
    assert advies.inhoud_sha256 == pdf.inhoud_sha256(advies)

    advies.onderbouwing = "Anders."
    with pytest.raises(ImmutableError):
        advies.save()
    advies.refresh_from_db()
    advies.pdf_sha256 = "0" * 64
    with pytest.raises(ImmutableError):
        advies.save()
    stored.sha256 = "0" * 64
    with pytest.raises(ImmutableError):
        stored.save()
    with pytest.raises(ImmutableError):
        stored.delete()
    # Past the models, the database refuses too.
    for qs, change in (
        (Advies.objects.filter(pk=advies.pk), {"pdf_sha256": "0" * 64}),
        (Advies.objects.filter(pk=advies.pk), {"inhoud_sha256": ""}),
        (Advies.objects.filter(pk=advies.pk), {"onderbouwing": "Anders."}),
        (AdviesPdf.objects.filter(pk=stored.pk), {"inhoud": b"%PDF-vervalst"}),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            qs.update(**change)
    assert bytes(AdviesPdf.objects.get(pk=stored.pk).inhoud) == data
    # Withdrawing keeps the stored document as it is.
    Advies.objects.filter(pk=advies.pk).update(status="ingetrokken")
    assert Advies.objects.get(pk=advies.pk).pdf_sha256 == hashlib.sha256(data).hexdigest()


def test_a_draft_renders_with_the_watermark_and_is_not_stored(start, coordinator, politie, zorg):
    advies = to_review(start(), coordinator, politie, zorg)
    data = pdf.advies_pdf(advies)
    assert "CONCEPT" in text_of(data)
    assert not AdviesPdf.objects.exists() and not advies.pdf_sha256
    assert b"pdfaid" not in data
