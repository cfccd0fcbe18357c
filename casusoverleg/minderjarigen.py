"""Minors: the rules of a minor's case, in one place.

- An unaccompanied minor (``Casus.amv``) has a guardian of Nidos, so Nidos must
  take part: while it does not, the coordinating organisation has a task
  (``amv_nidos``); it lapses when Nidos takes part and comes back if Nidos leaves.
- The youth-care delineation (``Gemeente.coordinerende_organisatie_minderjarigen``)
  says which organisation coordinates a minor's case in a municipality; when the
  case's coordinating organisation is another, it has a task to hand over or to
  record why not (``afbakening``).
- Turning 18 is a term (``Termijn`` of kind ``achttien``, ending on the 18th
  birthday, only with an exact date of birth). At the reminders of
  ``settings.TERMIJNEN["achttien"]["herinneren"]`` (100 and 30 days before) the
  handover tasks are made (``taken_bij_herinnering``); on the birthday, when the
  case does not yet record what happens at 18, the coordinator gets a task to
  record it.

The services that keep these in step live in ``casusoverleg.services.minderjarigen``;
the kinds and the term's rule are registered in ``CasusoverlegConfig.ready``
(``register``).
"""

from django.utils.translation import gettext_lazy as _

from . import casustaken, termijnen

ACHTTIEN = "achttien"

AMV_NIDOS = "amv_nidos"
AFBAKENING = "afbakening"
CONTINUITEITSPLAN = "achttien_continuiteitsplan"
VOOGD_MENTOR = "achttien_voogd_mentor"
OVERDRACHT = "achttien_overdracht"
TOEGANG = "achttien_toegang"
UITKOMST = "achttien_uitkomst"

#: The tasks made at each reminder before the 18th birthday, by days before it:
#: the work that needs lead time at the first reminder; who keeps access at the
#: last, when it can be decided. Each kind's organisation: ``services.minderjarigen``.
TAKEN_PER_HERINNERING = {
    100: (CONTINUITEITSPLAN, VOOGD_MENTOR, OVERDRACHT),
    30: (TOEGANG,),
}

#: Every task kind of a turning-18 term (they lapse together when the term moves).
ACHTTIEN_TAKEN = (CONTINUITEITSPLAN, VOOGD_MENTOR, OVERDRACHT, TOEGANG, UITKOMST)

SOORTEN = [
    casustaken.Soort(
        AMV_NIDOS,
        _("Nidos laten deelnemen (amv)"),
        _(
            "Deze casus gaat over een alleenstaande minderjarige vreemdeling. Nidos (de "
            "voogdij-instelling) moet deelnemen: voeg Nidos toe bij de deelnemers. De taak "
            "vervalt vanzelf zodra Nidos deelneemt."
        ),
    ),
    casustaken.Soort(
        AFBAKENING,
        _("Coördinatie overdragen volgens de afbakening jeugdzorg"),
        _(
            "Volgens de afbakening van de gemeente coördineert een andere organisatie de "
            "casus van een minderjarige. Draag de coördinatie over, of schrijf op waarom niet."
        ),
        toelichting_verplicht=True,
    ),
    casustaken.Soort(
        CONTINUITEITSPLAN,
        _("Continuïteitsplan voor de 18e verjaardag"),
        _(
            "De persoon wordt binnenkort 18. Maak met de deelnemers een plan voor de "
            "begeleiding, opvang en verblijf na de 18e verjaardag."
        ),
        toelichting_verplicht=True,
    ),
    casustaken.Soort(
        VOOGD_MENTOR,
        _("Voogd als mentor na 18 jaar"),
        _(
            "De voogdij eindigt op de 18e verjaardag. Spreek af of de voogd als mentor "
            "betrokken blijft, en leg dat vast."
        ),
        toelichting_verplicht=True,
    ),
    casustaken.Soort(
        OVERDRACHT,
        _("Overdracht van jeugdzorg naar volwassenenzorg"),
        _(
            "Regel de warme overdracht van de jeugdzorg naar de zorg voor volwassenen vóór "
            "de 18e verjaardag."
        ),
        toelichting_verplicht=True,
    ),
    casustaken.Soort(
        TOEGANG,
        _("Bepalen wie na 18 jaar toegang houdt"),
        _(
            "Bekijk welke deelnemers na de 18e verjaardag nog toegang tot de casus nodig "
            "hebben, en beëindig de deelname van wie die niet meer nodig heeft."
        ),
        toelichting_verplicht=True,
    ),
    casustaken.Soort(
        UITKOMST,
        _("Vastleggen wat er bij 18 jaar met de casus gebeurt"),
        _(
            "De persoon is 18 geworden. Leg op de pagina 'Minderjarigheid' van de casus vast "
            "wat er met de casus gebeurt; de taak vervalt dan vanzelf."
        ),
    ),
]


def register(*, ontvangers, bij_herinnering, bij_verlopen) -> None:
    """Register the task kinds and the turning-18 term (from ``ready()``)."""
    for soort in SOORTEN:
        casustaken.register(soort)
    termijnen.register(
        termijnen.Regel(
            soort=ACHTTIEN,
            label=_("18e verjaardag"),
            ontvangers=ontvangers,
            bij_herinnering=bij_herinnering,
            bij_verlopen=bij_verlopen,
            uitleg=_("Overdracht en continuïteit regelen vóór de persoon 18 wordt."),
            # The person is 18 on the birthday itself: the outcome is asked that day.
            verloopt_op_einde=True,
        )
    )
