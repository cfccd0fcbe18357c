"""The safe PDF engine: a document template (the advice, a meeting's minutes) to PDF.

Rendering is made safe in three ways:

* **Nothing user-written becomes markup.** The HTML comes from a Django
  template with autoescaping on; user text only ever appears as text.
* **Nothing is fetched but our own static files.** ``StaticFetcher`` answers
  only URLs under ``STATIC_URL`` on a base URL that cannot resolve
  (``https://casusoverleg.invalid``, RFC 2606), reads the file from the static
  root or the static finders, and refuses every other scheme, host, path or
  file type: no ``file://``, no network, no redirects (it never opens a
  connection, so there is nothing to redirect).
* **Rendering is bounded.** Input is bounded first: the services cap every
  text field (``MAX_VELD``), and ``render_pdf`` refuses HTML over ``MAX_HTML``.
  On top of that a deadline and a page cap are checked while WeasyPrint lays
  out the pages: WeasyPrint reports each step and each page on its progress
  logger, and a filter on that logger raises ``RenderLimitError`` once the
  time (``PDF_RENDER_SECONDS``) or the page count (``MAX_PAGINAS``) is
  exceeded. That stops runaway work in-process, without the cost and the
  hazards of a worker process per render (a fork of a threaded ASGI server,
  or a fresh interpreter that re-imports WeasyPrint for every document); the
  template is fixed and user text cannot add markup, so text volume is the
  only thing a user controls and the input caps bound it.
"""

import hashlib
import logging
import os
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

#: A base URL that can never resolve (RFC 2606): relative URLs in the template
#: become absolute URLs on it, and only the fetcher below answers them.
BASE_URL = "https://casusoverleg.invalid/"
#: The file types a document may load.
TOEGESTAAN = {".css": "text/css", ".png": "image/png", ".ttf": "font/ttf", ".woff2": "font/woff2"}

#: Characters per text field of an advice (checked by the services).
MAX_VELD = 20_000
#: Characters of HTML handed to WeasyPrint.
MAX_HTML = 1_000_000
#: Pages of one document.
MAX_PAGINAS = 100

logger = logging.getLogger(__name__)


class RenderLimitError(Exception):
    """The document took too long or grew too large to render."""


class FetchRefused(ValueError):
    """A resource outside the application's static files was asked for."""


def _static_prefix() -> str:
    url = settings.STATIC_URL
    return url if urlsplit(url).scheme else BASE_URL.rstrip("/") + "/" + url.lstrip("/")


def static_path(url: str) -> Path:
    """The file behind ``url`` if it is one of our static files; else ``FetchRefused``."""
    prefix = _static_prefix()
    if not url.startswith(prefix):
        raise FetchRefused("not a static URL")
    parts = urlsplit(url)
    if parts.query or parts.fragment or parts.username or parts.password:
        raise FetchRefused("not a static URL")
    name = unquote(url[len(prefix) :])
    segments = name.split("/")
    if not name or "\\" in name or "\x00" in name or any(s in ("", ".", "..") for s in segments):
        raise FetchRefused("not a static file name")
    if Path(name).suffix.lower() not in TOEGESTAAN:
        raise FetchRefused("file type not allowed")
    candidates = []
    if settings.STATIC_ROOT and os.path.isdir(settings.STATIC_ROOT):
        candidates.append((Path(settings.STATIC_ROOT) / name, Path(settings.STATIC_ROOT)))
    found = finders.find(name)
    if found:
        candidates.append((Path(found), None))
    for path, root in candidates:
        real = path.resolve()
        if root is not None and not real.is_relative_to(root.resolve()):
            continue
        if real.is_file():
            return real
    raise FetchRefused("no such static file")


class StaticFetcher(URLFetcher):
    """WeasyPrint's fetcher, reduced to reading our own static files.

    ``asked`` records every URL WeasyPrint asked for (tests assert on it).
    """

    def __init__(self):
        super().__init__(allowed_protocols=("https",), allow_redirects=False)
        self.asked: list[str] = []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        path = static_path(url)
        content_type = TOEGESTAAN[path.suffix.lower()]
        body = path.read_bytes()
        return URLFetcherResponse(url, body, {"Content-Type": content_type})

    def open(self, url, data=None, timeout=None):
        raise FetchRefused("no network")


def static_fetcher():
    return StaticFetcher()


# Bounding the render ---------------------------------------------------------------

_limits = threading.local()


class _Limits(logging.Filter):
    """Checks the deadline and the page count on each of WeasyPrint's progress
    messages (one per step, one per page laid out), and drops the message."""

    def filter(self, record):
        deadline = getattr(_limits, "deadline", None)
        if deadline is None:
            return False
        if time.monotonic() > deadline:
            raise RenderLimitError("rendering took too long")
        if "Page %d" in str(record.msg) and record.args and record.args[0] > MAX_PAGINAS:
            raise RenderLimitError("too many pages")
        return False


_install_lock = threading.Lock()
_installed = False


def _install_limits():
    global _installed
    with _install_lock:
        if _installed:
            return
        # The logger WeasyPrint reports its progress on (weasyprint.logger), taken by
        # name so that it is set up before WeasyPrint's import logs its first steps.
        PROGRESS_LOGGER = logging.getLogger("weasyprint.progress")  # noqa: N806
        PROGRESS_LOGGER.addFilter(_Limits())
        # The filter sees only messages at the logger's level; it drops them all,
        # so nothing reaches the application's log.
        PROGRESS_LOGGER.setLevel(logging.INFO)
        PROGRESS_LOGGER.propagate = False
        _installed = True


#: The document stylesheet, shared by the HTML preview (a <link>) and the PDF.
STYLESHEET = "css/document.css"
_stylesheets: dict = {}


def stylesheet(name: str = STYLESHEET):
    """The parsed stylesheet, loaded once per process through the static fetcher
    (parsing it for every document would cost more than laying out a page)."""
    css = _stylesheets.get(name)
    if css is None:
        # Parsing reports on the progress logger too: keep it out of the log.
        _install_limits()
        url = staticfiles_storage.url(name)
        if not urlsplit(url).scheme:
            url = BASE_URL.rstrip("/") + url
        css = _stylesheets[name] = CSS(url=url, url_fetcher=static_fetcher())
    return css


def render_pdf(
    html: str,
    *,
    pdfa: bool = False,
    stylesheets=(STYLESHEET,),
    seconds: float | None = None,
    fetcher=None,
) -> bytes:
    """HTML (already escaped by a template) → PDF bytes, safely and within bounds.

    With ``pdfa`` the document is PDF/A-3b (for adopted versions). ``fetcher``
    defaults to a new ``StaticFetcher`` (tests pass one to inspect it).
    """
    if len(html) > MAX_HTML:
        raise RenderLimitError("document too large")
    _install_limits()
    seconds = seconds if seconds is not None else getattr(settings, "PDF_RENDER_SECONDS", 30)
    fetcher = fetcher or static_fetcher()
    styles = [stylesheet(name) for name in stylesheets]
    _limits.deadline = time.monotonic() + seconds
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
        options = {"pdf_variant": "pdf/a-3b"} if pdfa else {}
        return document.write_pdf(stylesheets=styles, presentational_hints=False, **options)
    finally:
        _limits.deadline = None


def render_template_pdf(template: str, context: dict, *, pdfa: bool = False, **kwargs) -> bytes:
    """Render a document template to PDF (the advice, a meeting's minutes)."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return render_pdf(html, pdfa=pdfa, **kwargs)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
