"""The pieces of scripts/screenshots.py that need no browser: the advice PDF's
first page rendered to an image, and the image cut and reduced for the README.
The rest of the script drives the browser tests' server (tests/e2e/server.py),
which the browser tests exercise; `make screenshots` runs it all."""

import importlib.util
import io
from pathlib import Path

from PIL import Image

from casusoverleg.pdf import render_pdf

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "screenshots.py"


def _script():
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_page_one_of_a_pdf_becomes_a_cut_down_optimised_png(tmp_path):
    screenshots = _script()
    pdf = render_pdf("<h1>Advies over slachtofferschap</h1>" + "<p>Tekst.</p>" * 80)

    png = screenshots.pdf_page_png(pdf, width=420)
    page = Image.open(io.BytesIO(png))
    assert page.width == 420
    assert abs(page.height - 420 * 297 / 210) <= 1  # A4, page 1 only
    assert page.convert("L").getextrema()[0] < 100  # the text is on it, not a blank page

    path = screenshots.save(png, "pdf", max_height=300, border=True, out=tmp_path)
    saved = Image.open(path)
    assert saved.size == (422, 302)  # cut to the height, plus a one-pixel border
    assert saved.mode == "P"  # reduced to a palette: small enough for the README
