"""Benchmark: rendering the advice to PDF.

Renders, in one process and one run, with ``advies.pdf`` against unsaved model
instances (no database is needed):

* a trivial one-page WeasyPrint document (``<p>…</p>``, default options): the floor;
* an adopted advice of two pages (PDF/A-3b, as stored at adoption);
* an adopted advice of twenty pages.

Each is rendered a few times to warm up (imports, font lookups, the cached
stylesheet), then timed ``--runs`` times; the medians are compared with the
floor. Targets: two pages at most 2x the floor, twenty pages at most 10x.
For reference it also times two pages of bare paragraphs (no template): text
layout alone costs WeasyPrint about 20-40 ms a page here, so the targets are
out of reach for any document with real text.
An adopted advice is rendered once, at adoption; downloads serve the stored file.

Run from the repository root::

    .venv/bin/python bench/pdf.py

The last line of output is one JSON object with the figures.
"""

import argparse
import datetime
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

ALINEA = (
    "Betrokkene werkte zes dagen per week, twaalf uur per dag, in een distributiecentrum, "
    "voor een loon ver onder het minimumloon; het paspoort werd door de werkgever bewaard "
    "en de huur van een gedeelde kamer werd ingehouden op het loon. "
)


def say(*args):
    print(*args, flush=True)


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casusoverleg.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 50)
    os.environ.setdefault("PERSOON_SLEUTEL", "bench-only-persoon-" + "p" * 40)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.test.utils import override_settings

    # No collectstatic needed: plain static storage, files found by the finders.
    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()


def advies(alineas: int, disciplines: int):
    """An adopted advice, unsaved: ``alineas`` paragraphs of reasoning and one
    view per discipline (every third one dissenting)."""
    from django.utils import timezone

    from advies.models import Advies, AdviesAftekening, AdviesStandpunt
    from casusoverleg.models import Casus, Organisatie, User

    gemeente = Organisatie(pk=1, naam="Gemeente Voorbeeldstad", discipline="gemeente")
    casus = Casus(nummer="MH-2026-0042", coordinerende_organisatie=gemeente)
    opsteller = User(pk=1, username="a", first_name="Anna", last_name="de Vries")
    opsteller.organisatie = gemeente
    reviewer = User(pk=2, username="b", first_name="Bram", last_name="Jansen")
    reviewer.organisatie = gemeente
    nu = timezone.now()
    a = Advies(
        casus=casus,
        versie=1,
        status=Advies.Status.VASTGESTELD,
        doel="Beslissing over verblijf op grond van de verblijfsregeling mensenhandel.",
        geadresseerde="ind",
        vraag="Zijn er aanwijzingen van slachtofferschap van mensenhandel?",
        moment_datum=datetime.date(2026, 3, 1),
        moment_fase="B8-aanvraag",
        conclusie="aannemelijk",
        onderbouwing="\n\n".join([ALINEA * 4] * alineas),
        aanbevelingen="Opvang in de categorale opvang; juridische bijstand; "
        "behandeling bij een gespecialiseerde ggz-instelling.",
        effect_strafzaak="Geen nadelig effect verwacht.",
        opgesteld_door=opsteller,
        beoordeeld_door=reviewer,
        vastgesteld_op=nu,
        inhoud_sha256="0" * 64,
    )
    standpunten, aftekeningen = [], []
    for i in range(disciplines):
        org = Organisatie(pk=10 + i, naam=f"Organisatie {i + 1}", discipline="zorg")
        standpunten.append(
            AdviesStandpunt(
                organisatie=org,
                oordeel="duidelijk" if i % 2 else "enige",
                samenvatting=ALINEA,
                afwijkend=i % 3 == 2,
                toelichting_afwijking=ALINEA if i % 3 == 2 else "",
            )
        )
        door = User(pk=100 + i, username=f"u{i}", first_name="Medewerker", last_name=str(i))
        aftekeningen.append(AdviesAftekening(organisatie=org, oordeel="akkoord", door=door, op=nu))
    return a, standpunten, aftekeningen


def pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def median_seconds(fn, runs: int, warmup: int) -> tuple[float, bytes]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        data = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), data


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    setup()
    from weasyprint import HTML

    from advies.pdf import advies_pdf

    def trivial():
        return HTML(string="<p>Vertrouwelijk</p>").write_pdf()

    # For reference, not a target: two pages of bare paragraphs, no template, no
    # tables, no margin boxes; what laying out the text alone costs.
    tekst = "<body style='font: 10pt DejaVu Sans'>" + f"<p>{ALINEA * 4}</p>" * 6 + "</body>"

    def plain():
        return HTML(string=tekst).write_pdf()

    kort = advies(alineas=1, disciplines=2)
    lang = advies(alineas=64, disciplines=12)

    def render(doc):
        a, standpunten, aftekeningen = doc
        return lambda: advies_pdf(a, standpunten=standpunten, aftekeningen=aftekeningen)

    floor, data_floor = median_seconds(trivial, args.runs, args.warmup)
    bare, data_bare = median_seconds(plain, args.runs, args.warmup)
    two, data_two = median_seconds(render(kort), args.runs, args.warmup)
    twenty, data_twenty = median_seconds(render(lang), args.runs, args.warmup)
    figures = {
        "trivial_ms": round(floor * 1000, 1),
        "advies_2p_ms": round(two * 1000, 1),
        "advies_20p_ms": round(twenty * 1000, 1),
        "ratio_2p": round(two / floor, 2),
        "ratio_20p": round(twenty / floor, 2),
        "pages": [pages(data_floor), pages(data_two), pages(data_twenty)],
        "reference_plain_text_2p_ms": round(bare * 1000, 1),
        "reference_plain_text_pages": pages(data_bare),
    }
    say(f"trivial document ({figures['pages'][0]} page): {figures['trivial_ms']} ms")
    say(f"advice, {figures['pages'][1]} pages: {figures['advies_2p_ms']} ms")
    say(f"advice, {figures['pages'][2]} pages: {figures['advies_20p_ms']} ms")
    say(
        f"reference, {figures['reference_plain_text_pages']} pages of bare paragraphs: "
        f"{figures['reference_plain_text_2p_ms']} ms"
    )
    say(
        f"targets: ratio_2p <= 2: {figures['ratio_2p'] <= 2}, "
        f"ratio_20p <= 10: {figures['ratio_20p'] <= 10}"
    )
    print(json.dumps(figures), flush=True)
    return figures


if __name__ == "__main__":
    main()
