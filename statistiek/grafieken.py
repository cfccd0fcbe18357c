"""Bar charts drawn on the server as SVG: no script, no CDN, the same in the PDF.

A chart shows what its table shows, read through the same ``weergave``: a
suppressed count gets no bar, only its "<5" or "x", so the chart cannot give away
what the table hides (a bar's length would). The table beside it is the version
for screen readers; the chart says so in its accessible name.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .onderdrukking import Cel, weergave

#: Narrow on purpose: each label stands above its bar, so at 320 px the chart keeps
#: its text at about the body size instead of shrinking a wide chart to a blur.
BREEDTE = 320
STAAFRUIMTE = 260
RIJHOOGTE = 42
KLEUR = "#1d4f91"  # 8.6:1 on white: above the 3:1 graphics need


def cellen(items: list[tuple[str, Cel]], drempel: int) -> list[tuple[str, float | None, str]]:
    """Counts as chart items: a suppressed one has no value, only its sign."""
    return [
        (label, None if cel.onderdrukt else cel.getal, weergave(cel, drempel))
        for label, cel in items
    ]


def staafdiagram(titel: str, items: list[tuple[str, float | None, str]]) -> SafeString:
    """A horizontal bar per ``(label, value, text)``; without a value, no bar, only the text."""
    grootste = max((w for _l, w, _t in items if w), default=0)
    hoogte = RIJHOOGTE * max(len(items), 1) + 8

    def staaf(index: int, label: str, waarde: float | None, tekst: str):
        y = 4 + index * RIJHOOGTE
        lengte = STAAFRUIMTE * waarde / grootste if waarde and grootste else 0
        return (
            y + 14,
            _kort(label),
            y + 20,
            f"{lengte:.1f}",
            f"{lengte + 6:.1f}",
            y + 32,
            tekst,
        )

    rijen = format_html_join(
        "",
        '<text x="0" y="{}">{}</text>'
        '<rect x="0" y="{}" width="{}" height="14"/>'
        '<text x="{}" y="{}">{}</text>',
        (staaf(i, *item) for i, item in enumerate(items)),
    )
    return format_html(
        # Presentation attributes, not a <style> element: the Content-Security-Policy
        # allows no inline style, and a group's attributes are inherited.
        '<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" viewBox="0 0 {} {}" '
        'role="img" aria-label="{}" focusable="false">'
        '<g fill="{}" font-family="sans-serif" font-size="14">{}</g></svg>',
        BREEDTE,
        hoogte,
        _("Grafiek: %(titel)s. De cijfers staan in de tabel.") % {"titel": titel},
        KLEUR,
        rijen,
    )


def _kort(label: str, maximum: int = 40) -> str:
    """A label that fits above its bar; the table has it whole."""
    return label if len(label) <= maximum else label[: maximum - 1].rstrip() + "…"
