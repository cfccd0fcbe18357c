"""The correction of an adopted advice, as a viewflow flow.

start (a coordinator asks for a correction; a new draft version is made)
  → draft the correction → review (four eyes) → adopt, or back to the draft
  → end.

Its tasks are ``identificatie.models.Taak`` rows like every other step, so they
appear in "Mijn taken"; who may take each one is stated on its node
(``identificatie.flows.Stap``) and read by ``identificatie.flows.taak_refusal``.
The pages are advies.views' task pages; the writes are advies.services.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from identificatie.flows import IdentificatieFlow, Stap, coordinatie_deadline, taak_aanmaken

from .models import CorrectieProces


def _casus(process):
    return process.coerced.casus


class CorrectieFlow(flow.Flow):
    process_class = CorrectieProces
    lock_impl = IdentificatieFlow.lock_impl  # waits; see there
    process_title = _("Correctie van een advies")

    start = (
        flow.StartHandle(this.start_correctie)
        .Annotation(title=_("Correctie gestart"))
        .Next(this.opstellen)
    )
    opstellen = (
        Stap(pagina="advies:correctie-taak")
        .Annotation(title=_("Correctie opstellen"))
        .Permission("casusoverleg.coordinate_casus", obj=_casus)
        .Rol("is_coordinator")
        .onCreate(this.taak_aangemaakt)
        .Next(this.review)
    )
    review = (
        Stap(pagina="advies:correctie-taak")
        .Annotation(title=_("Correctie beoordelen (vier ogen)"))
        .Permission("casusoverleg.coordinate_casus", obj=_casus)
        .Rol("is_reviewer")
        .VierOgen()
        .onCreate(this.taak_aangemaakt)
        .Next(this.review_uitkomst)
    )
    review_uitkomst = (
        flow.If(lambda activation: activation.process.coerced.review_akkoord)
        .Annotation(title=_("Akkoord?"))
        .Then(this.vastgesteld)
        .Else(this.opstellen)
    )
    vastgesteld = (
        flow.Function(this.correctie_vastgesteld)
        .Annotation(title=_("Correctie vastgesteld"))
        .Next(this.einde)
    )
    einde = flow.End().Annotation(title=_("Afgerond"))

    def start_correctie(self, activation, *, advies, gestart_door):
        proces = activation.process
        proces.casus = advies.casus
        proces.advies = advies
        proces.gestart_door = gestart_door
        proces.save()
        return proces

    def taak_aangemaakt(self, activation):
        """Both steps are for the case's coordinating organisation."""
        casus = activation.process.coerced.casus
        taak_aanmaken(
            activation,
            casus=casus,
            organisatie_id=casus.coordinerende_organisatie_id,
            deadline=coordinatie_deadline(),
        )

    def correctie_vastgesteld(self, activation):
        """The reviewer's approval adopted the correction (``advies_review``, which
        then completes the review): the process only checks that it did."""
        proces = activation.process.coerced
        if proces.advies.vastgesteld_op is None:
            raise ValueError(f"correction {proces.pk}: approved, but not adopted")
