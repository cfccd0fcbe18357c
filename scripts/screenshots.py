"""Make the README's screenshots (docs/screenshots/*.png) from the demo data.

Run with ``make screenshots``. The application runs exactly as in the browser
tests (tests/e2e/server.py): production settings with DEBUG off, its own
temporary folder and SQLite file, the demo data, MFA with backup codes, daphne on
a free port of 127.0.0.1. Debian's Chromium, driven by Playwright, logs in as the
demo users and walks to each page the way a person would: by link texts, roles
and labels, never by CSS classes, so the pages' look may change without breaking
this script. When a page or a control is missing, it stops with the step's name.

    .venv/bin/python scripts/screenshots.py                # all of them
    .venv/bin/python scripts/screenshots.py casus advies-pdf   # only these

Images are 1366 px wide at device scale 1 (one phone image 320 px wide), whole
pages up to MAX_HEIGHT, reduced to 256 colours and optimised so the README stays
light.
"""

import argparse
import contextlib
import io
import re
import subprocess  # nosec B404  # only its CalledProcessError, to report a failed step
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import pypdfium2
from PIL import Image, ImageOps
from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e import server  # noqa: E402 - the browser tests' server, after the path is set

OUT = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 320, "height": 640}
MAX_HEIGHT = 2000  # px; a whole page taller than this is cut off here
PHONE_MAX_HEIGHT = 1400
TIMEOUT_MS = 15_000

# Demo data the shots rely on (casusoverleg/demo, identificatie/demo, advies/demo,
# zorgtafel/demo): Alina's case is mid-process with needs and a coming meeting;
# Zorgcentrum De Vuurtoren still owes its assessment there; Dawit's advice waits
# for the second coordinator's review; Mei's advice is adopted (has a PDF).
CASUS = "Alina Voorbeeld"
CASUS_MET_PDF = "Mei Fictief"
# The coming meeting's first item, a case the police take part in.
ZORGTAFEL_PUNT = "Sanne Fictief"
ZORGTAFEL_NOTULE = (
    "Politie: het onderzoek naar de dader loopt; Sanne hoeft daarvoor geen aangifte te doen."
)


class StepFailed(Exception):
    pass


@contextlib.contextmanager
def step(name: str) -> Iterator[None]:
    """Name the step a failure happened in: the pages change, and whoever re-runs
    this needs to know which link, label or page is no longer there."""
    try:
        yield
    except StepFailed:
        raise
    except Exception as exc:  # a missing link, a timeout, an unreadable PDF: all stop here
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        raise StepFailed(f"{name}: {first_line}") from exc


def save(
    png: bytes,
    name: str,
    *,
    max_width: int = 0,
    max_height: int = MAX_HEIGHT,
    border: bool = False,
    out: Path = OUT,
) -> Path:
    """Cut the image to ``max_width`` × ``max_height``, reduce it to 256 colours
    (screenshots of flat pages lose nothing visible) and write it optimised. A
    border sets a white paper page off from the README's white background."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.crop(
        (0, 0, min(image.width, max_width or image.width), min(image.height, max_height))
    )
    if border:
        image = ImageOps.expand(image, border=1, fill="#888888")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = out / f"{name}.png"
    image.save(path, optimize=True)
    kilobytes = path.stat().st_size // 1024
    print(f"  {path}  {image.width}×{image.height}  {kilobytes} kB")
    return path


def shoot(page: Page, name: str, *, max_height: int = MAX_HEIGHT) -> None:
    """The whole page (up to ``max_height``), as wide as the window: a page wider
    than a phone's screen is shown as the phone shows it, not widened."""
    with step(f"{name}: screenshot"):
        page.wait_for_load_state("networkidle")
        # Keep the caret and focus rings out of the picture.
        page.evaluate("document.activeElement && document.activeElement.blur()")
        png = page.screenshot(full_page=True, animations="disabled")
        save(png, name, max_width=page.viewport_size["width"], max_height=max_height)


def new_page(browser: Browser, url: str, username: str, *, viewport=DESKTOP) -> Page:
    context = browser.new_context(
        viewport=viewport, device_scale_factor=1, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    with step(f"log in as {username}"):
        server.log_in(page, url, username)
        expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    return page


def nav(page: Page, name: str) -> None:
    """Follow a link of the main navigation."""
    with step(f"main menu link {name!r}"):
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name).click()
        page.wait_for_load_state("load")


def open_casus(page: Page, naam: str, *, url: str = "") -> None:
    """From "Mijn casussen", open the case of the person called ``naam``. With
    ``url``, go to the list by its address (a phone's menu may be folded away)."""
    if url:
        with step("case list"):
            page.goto(f"{url}/casussen/")
    else:
        nav(page, "Mijn casussen")
    with step(f"case list: search {naam!r}"):
        page.get_by_role("searchbox", name="Zoeken").fill(naam)
        page.get_by_role("button", name="Zoeken").click()
        page.wait_for_load_state("load")
    with step(f"case list: open the case of {naam!r}"):
        row = page.get_by_role("row", name=re.compile(re.escape(naam)))
        row.first.get_by_role("link").first.click()
        page.wait_for_load_state("load")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Casus")


def open_taak(page: Page, stap: str) -> None:
    """From "Mijn taken", open this organisation's first task of step ``stap``: its
    "Openen" takes an open task in the same click (the form appears at once)."""
    nav(page, "Mijn taken")
    with step(f"task list: open a task {stap!r}"):
        row = page.locator("main tr").filter(has_text=stap)
        row.locator("a, button").filter(has_text="Openen").first.click()
        page.wait_for_load_state("load")
        expect(page.get_by_role("heading", level=1)).to_contain_text(stap)


# The shots, in the README's order. Each gets the browser and the server's address.


def start(browser: Browser, url: str) -> None:
    page = new_page(browser, url, "coordinator")
    with step("start page"):
        expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    shoot(page, "start")


def casus(browser: Browser, url: str) -> None:
    page = new_page(browser, url, "coordinator")
    open_casus(page, CASUS)
    shoot(page, "casus")


def casus_telefoon(browser: Browser, url: str) -> None:
    page = new_page(browser, url, "coordinator", viewport=PHONE)
    open_casus(page, CASUS, url=url)
    shoot(page, "casus-telefoon", max_height=PHONE_MAX_HEIGHT)


def signaal(browser: Browser, url: str) -> None:
    page = new_page(browser, url, "politie")
    nav(page, "Signalen")
    with step("signals: open the signal form"):
        page.get_by_role("link", name="Signaal vastleggen").first.click()
        page.wait_for_load_state("load")
        expect(page.get_by_role("button", name="Signaal vastleggen")).to_be_visible()
    shoot(page, "signaal")


def beoordeling(browser: Browser, url: str) -> None:
    page = new_page(browser, url, "zorg")
    open_taak(page, "Beoordeling indienen")
    with step("assessment form"):
        expect(page.get_by_role("button", name=re.compile("indienen", re.I)).first).to_be_visible()
    shoot(page, "beoordeling")


def zorgtafel(browser: Browser, url: str) -> None:
    chair = new_page(browser, url, "coordinator")
    _enter_room(chair, "coordinator")
    with step("meeting room: start the meeting"):
        begin = chair.get_by_role("button", name="Overleg starten")
        if begin.count():
            begin.click()
            chair.wait_for_load_state("load")
    # A second participant in the room, so the chair sees who is present.
    politie = new_page(browser, url, "politie")
    _enter_room(politie, "politie")
    with step(f"meeting room: discuss the item of {ZORGTAFEL_PUNT!r} and minute it"):
        item = chair.get_by_role("listitem").filter(
            has=chair.get_by_role("button", name="Dit punt bespreken")
        )
        item = item.filter(has_text=ZORGTAFEL_PUNT).first
        item.get_by_role("button", name="Dit punt bespreken").click()
        item.get_by_label("Notulen").fill(ZORGTAFEL_NOTULE)
        item.get_by_role("button", name="Notulen toevoegen").click()
        expect(item.get_by_text(ZORGTAFEL_NOTULE)).to_be_visible()
        # The police follow live: the minute reaches their room too.
        expect(politie.get_by_text(ZORGTAFEL_NOTULE)).to_be_visible()
    shoot(chair, "zorgtafel")


def _enter_room(page: Page, username: str) -> None:
    nav(page, "Zorgtafels")
    with step(f"{username}: open the coming meeting"):
        page.get_by_role("region", name="Komende overleggen").get_by_role("link").first.click()
        page.wait_for_load_state("load")
    with step(f"{username}: confirm confidentiality"):
        checkbox = page.get_by_label("Ik heb de geheimhoudingsverklaring gelezen")
        if checkbox.count():
            checkbox.check()
            page.get_by_role("button", name="Naar het overleg").click()
            page.wait_for_load_state("load")
    with step(f"{username}: the room is live"):
        expect(page.get_by_text(re.compile(r"^\s*Live"))).to_be_visible()


def advies_review(browser: Browser, url: str) -> None:
    page = new_page(browser, url, "coordinator2")
    open_taak(page, "Advies beoordelen")
    shoot(page, "advies-review")


def advies_pdf(browser: Browser, url: str) -> None:
    page = new_page(browser, url, "coordinator2")
    open_casus(page, CASUS_MET_PDF)
    with step("case page: download the adopted advice's PDF"):
        link = page.get_by_role("link", name=re.compile("pdf", re.I)).first
        response = page.context.request.get(urljoin(page.url, link.get_attribute("href")))
        content_type = response.headers.get("content-type", "")
        if not response.ok or not content_type.startswith("application/pdf"):
            raise AssertionError(f"HTTP {response.status}, {content_type or 'no content type'}")
        pdf = response.body()
    with step("advice PDF: render page 1"):
        save(pdf_page_png(pdf), "advies-pdf", border=True)


def pdf_page_png(pdf: bytes, *, width: int = 1000) -> bytes:
    """Page 1 of a PDF as PNG, ``width`` px wide. WeasyPrint writes PDFs but does
    not rasterise them, and headless Chromium downloads a PDF instead of showing it:
    PDFium (pypdfium2, a wheel without system dependencies) renders it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=width / page.get_width())
        buffer = io.BytesIO()
        bitmap.to_pil().save(buffer, format="PNG")
        return buffer.getvalue()
    finally:
        document.close()


SHOTS: dict[str, Callable[[Browser, str], None]] = {
    "start": start,
    "casus": casus,
    "signaal": signaal,
    "beoordeling": beoordeling,
    "zorgtafel": zorgtafel,
    "advies-review": advies_review,
    "advies-pdf": advies_pdf,
    "casus-telefoon": casus_telefoon,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", metavar="SHOT", help=f"only these: {', '.join(SHOTS)}")
    args = parser.parse_args(argv)
    if unknown := set(args.only) - set(SHOTS):
        parser.error(f"unknown shot(s): {', '.join(sorted(unknown))}")
    if not Path(server.CHROMIUM).exists():
        print(f"screenshots: no Chromium at {server.CHROMIUM} (apt-get install chromium)")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="casusoverleg-screenshots-") as var:
        env = server.server_env(Path(var))
        print("Preparing the server (migrate, collectstatic, demo data, MFA)…", flush=True)
        prepare_log = Path(var) / "prepare.log"
        try:
            with open(prepare_log, "w") as output:
                server.prepare(env, output=output)
        except subprocess.CalledProcessError as exc:
            print(prepare_log.read_text()[-3000:], file=sys.stderr)
            print(f"screenshots: preparing the server failed: {exc}", file=sys.stderr)
            return 1
        with server.running(env) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=server.CHROMIUM, args=server.CHROMIUM_ARGS
            )
            try:
                for name, shot in SHOTS.items():
                    if args.only and name not in args.only:
                        continue
                    print(name, flush=True)
                    shot(browser, url)
            except StepFailed as exc:
                log = (Path(var) / "daphne.log").read_text().splitlines()
                print("\n".join(["Last lines of the server log:", *log[-15:]]), file=sys.stderr)
                print(f"screenshots: step failed: {exc}", file=sys.stderr)
                return 1
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
