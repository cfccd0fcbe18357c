"""The advice as a document: one template for the HTML preview and the PDF,
rendered by the core's safe engine (``casusoverleg.pdf``)."""

import hashlib
import json

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casusoverleg.pdf import (  # noqa: F401 (the engine's names, for this app's callers)
    MAX_HTML,
    MAX_PAGINAS,
    MAX_VELD,
    STYLESHEET,
    RenderLimitError,
    render_pdf,
    sha256,
    static_fetcher,
)

from .models import INHOUD


def _naam(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def advies_context(advies, *, standpunten=None, aftekeningen=None) -> dict:
    """What the advice template shows. ``standpunten`` and ``aftekeningen`` may be
    given (lists) to render an advice that is not saved (bench/pdf.py)."""
    if standpunten is None:
        standpunten = list(advies.standpunten.select_related("organisatie"))
    if aftekeningen is None:
        aftekeningen = list(
            advies.aftekeningen.select_related("organisatie", "door") if advies.pk else []
        )
    per_organisatie = {a.organisatie_id: a for a in aftekeningen}
    rijen = [(s, per_organisatie.get(s.organisatie_id)) for s in standpunten]
    casus = advies.casus
    datum = advies.vastgesteld_op or timezone.now()
    vastgesteld = advies.vastgesteld
    # A superseded version says so on every rendering (never in its stored PDF,
    # which was made before the correction existed and does not change).
    vervangen_door = advies.vervanger if advies.pk else None
    return {
        "advies": advies,
        "casus_nummer": casus.nummer,
        "auteur": str(casus.coordinerende_organisatie)
        if casus.coordinerende_organisatie_id
        else "",
        "titel": _("Advies over slachtofferschap, casus %(nummer)s, versie %(versie)s")
        % {"nummer": casus.nummer, "versie": advies.versie},
        "datum": timezone.localtime(datum) if timezone.is_aware(datum) else datum,
        "vastgesteld": vastgesteld,
        "watermerk": not vastgesteld or vervangen_door is not None,
        "watermerk_tekst": _("VERVANGEN") if vervangen_door else _("CONCEPT"),
        "vervangen_door": vervangen_door,
        "rijen": rijen,
        "aftekeningen": aftekeningen,
        "opgesteld_door": advies.opgesteld_door if advies.opgesteld_door_id else None,
        "beoordeeld_door": advies.beoordeeld_door if advies.beoordeeld_door_id else None,
        "vervangt": advies.vervangt if advies.vervangt_id else None,
        "inhoud_sha256": advies.inhoud_sha256,
    }


def advies_html(advies, **kwargs) -> str:
    """The advice as a full HTML document, the input of the PDF."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("advies/document.html", advies_context(advies, **kwargs))


def advies_pdf(advies, *, fetcher=None, **kwargs) -> bytes:
    """The advice as PDF: PDF/A-3b when adopted, a watermarked draft otherwise."""
    return render_pdf(advies_html(advies, **kwargs), pdfa=advies.vastgesteld, fetcher=fetcher)


def inhoud_sha256(advies) -> str:
    """A fingerprint of what the advice says and who stands behind it.

    A file cannot hold its own hash, so the document prints this one (over a
    canonical JSON of its content); the file's own SHA-256 is stored and shown
    on the case page.
    """
    data = {
        "casus": advies.casus.nummer,
        "versie": advies.versie,
        "vervangt": advies.vervangt.versie if advies.vervangt_id else None,
        "inhoud": {name: str(getattr(advies, name)) for name in INHOUD},
        "standpunten": [
            [str(s.organisatie), s.oordeel, s.samenvatting, s.afwijkend, s.toelichting_afwijking]
            for s in advies.standpunten.select_related("organisatie")
        ],
        "aftekeningen": [
            [str(a.organisatie), a.oordeel, a.toelichting, _naam(a.door), a.op.isoformat()]
            for a in advies.aftekeningen.select_related("organisatie", "door")
        ],
        "opgesteld_door": _naam(advies.opgesteld_door),
        "beoordeeld_door": _naam(advies.beoordeeld_door),
        "vastgesteld_op": advies.vastgesteld_op.isoformat() if advies.vastgesteld_op else None,
    }
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def bestandsnaam(advies) -> str:
    """The download's file name: case number and version only."""
    nummer = "".join(c if c.isalnum() or c in "-_" else "-" for c in advies.casus.nummer)
    return f"advies-{nummer}-v{advies.versie}.pdf"
