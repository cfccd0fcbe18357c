"""A closed meeting's minutes as PDF/A, through the core's safe engine."""

from django.utils import timezone
from django.utils.translation import gettext as _

from casusoverleg import weergave
from casusoverleg.pdf import render_template_pdf


def zorgtafel_notulen_pdf(*, zorgtafel, items: list[dict]) -> bytes:
    """The minutes of a closed meeting as PDF/A: ``items`` are the contents
    (``zorgtafel.selectors.agendapunt_inhoud``) of only those items the reader
    may see; the others are left out altogether."""
    datum = zorgtafel.gesloten_op or zorgtafel.begint_op
    return render_template_pdf(
        "zorgtafel/notulen_pdf.html",
        {
            "zorgtafel": zorgtafel,
            "items": items,
            "titel": _("Notulen zorgtafel van %(datum)s")
            % {"datum": weergave.datum(zorgtafel.begint_op)},
            "datum": timezone.localtime(datum),
        },
        pdfa=True,
    )


def notulen_bestandsnaam(zorgtafel) -> str:
    """The download's file name: the meeting's date only."""
    return f"notulen-zorgtafel-{timezone.localtime(zorgtafel.begint_op):%Y-%m-%d}.pdf"
