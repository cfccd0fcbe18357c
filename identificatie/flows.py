"""The identification process, as a viewflow flow.

start (coordinator picks organisations and a deadline)
  → one assessment task per invited organisation (a small custom split)
  → join (all submitted, or the coordinator closes the round early)
  → zorgtafel (record the conference's outcome)
  → draft advice → review (four eyes) → adopt, or back to the draft
  → end.

Viewflow's own pages are not mounted: its lists check only model-wide
permissions. Every task runs through identificatie.views and
identificatie.services, which check need to know (casusoverleg.permissions)
before anything else. ``.Permission(...)`` on each human node records the
object permission the task needs; our inbox enforces it.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes.split import Split, SplitActivation

from .models import IdentificatieProces, Taak

#: Days a coordinator step may take before it counts as overdue.
TERMIJN_COORDINATIE_DAGEN = 14


def not_mounted(request, *args, **kwargs):
    """Viewflow's task pages are not mounted; tasks run through our own views."""
    raise Http404


def _casus(process):
    return process.coerced.casus


class PerOrganisatieSplitActivation(SplitActivation):
    @Activation.status.super()
    def activate(self):
        """One task per invited organisation; each carries its organisation's id."""
        proces = self.process.coerced
        for node, _cond, _data in self.flow_task._branches:
            for pk in proces.uitgenodigd.order_by("naam").values_list("pk", flat=True):
                self.next_tasks.append((node, {"organisatie": pk}))


class PerOrganisatieSplit(Split):
    """Parallel split into one task per invited organisation, any number of them
    (viewflow's ``data_source`` does this only in its PRO edition)."""

    activation_class = PerOrganisatieSplitActivation

    def PerOrganisatie(self, node):  # noqa: N802 (viewflow's builder style)
        return self.Next(node)


class IdentificatieFlow(flow.Flow):
    process_class = IdentificatieProces
    lock_impl = lock.select_for_update_lock
    process_title = _("Identificatie van slachtofferschap")

    start = (
        flow.StartHandle(this.start_proces)
        .Annotation(title=_("Proces gestart"))
        .Next(this.uitnodigen)
    )
    uitnodigen = (
        PerOrganisatieSplit()
        .Annotation(title=_("Disciplines uitgenodigd"))
        .PerOrganisatie(this.beoordelen)
    )
    beoordelen = (
        flow.View(not_mounted)
        .Annotation(title=_("Beoordeling indienen"))
        .Permission("casusoverleg.view_casus", obj=_casus)
        .onCreate(this.taak_aangemaakt)
        .Next(this.samenvoegen)
    )
    samenvoegen = flow.Join().Annotation(title=_("Beoordelingsronde gesloten")).Next(this.zorgtafel)
    zorgtafel = (
        flow.View(not_mounted)
        .Annotation(title=_("Uitkomst zorgtafel vastleggen"))
        .Permission("casusoverleg.coordinate_casus", obj=_casus)
        .onCreate(this.taak_aangemaakt)
        .Next(this.opstellen)
    )
    opstellen = (
        flow.View(not_mounted)
        .Annotation(title=_("Advies opstellen"))
        .Permission("casusoverleg.coordinate_casus", obj=_casus)
        .onCreate(this.taak_aangemaakt)
        .Next(this.review)
    )
    review = (
        flow.View(not_mounted)
        .Annotation(title=_("Advies beoordelen (vier ogen)"))
        .Permission("casusoverleg.coordinate_casus", obj=_casus)
        .onCreate(this.taak_aangemaakt)
        .Next(this.review_uitkomst)
    )
    review_uitkomst = (
        flow.If(lambda activation: activation.process.coerced.review_akkoord)
        .Annotation(title=_("Akkoord?"))
        .Then(this.vaststellen)
        .Else(this.opstellen)
    )
    vaststellen = (
        flow.Function(this.advies_vaststellen)
        .Annotation(title=_("Advies vastgesteld"))
        .Next(this.einde)
    )
    einde = flow.End().Annotation(title=_("Afgerond"))

    def start_proces(self, activation, *, casus, organisaties, deadline, gestart_door, lijst):
        proces = activation.process
        proces.casus = casus
        proces.deadline = deadline
        proces.gestart_door = gestart_door
        proces.indicatorlijst = lijst
        proces.save()
        proces.uitgenodigd.set(organisaties)
        return proces

    def taak_aangemaakt(self, activation):
        """Record for our inbox which organisation a task is for, and by when."""
        proces = activation.process.coerced
        task = activation.task
        if task.flow_task == IdentificatieFlow.beoordelen:
            organisatie_id = task.data["organisatie"]
            deadline = proces.deadline
        else:
            organisatie_id = proces.casus.coordinerende_organisatie_id
            deadline = timezone.localdate() + timezone.timedelta(days=TERMIJN_COORDINATIE_DAGEN)
        if task.flow_task == IdentificatieFlow.zorgtafel and proces.ronde_gesloten_op is None:
            # Every assessment is in: the round closes on its own.
            IdentificatieProces.objects.filter(pk=proces.pk).update(
                ronde_gesloten_op=timezone.now()
            )
        uitgesloten = None
        if task.flow_task == IdentificatieFlow.review:
            # Four eyes: whoever drafted the advice may not review it.
            advies = proces.adviezen.order_by("-versie").first()
            uitgesloten = advies.opgesteld_door if advies else None
        Taak.objects.create(
            task=task,
            proces=proces,
            casus=proces.casus,
            organisatie_id=organisatie_id,
            deadline=deadline,
            uitgesloten=uitgesloten,
        )

    def advies_vaststellen(self, activation):
        """The reviewer's approval adopted the advice (``advies.services.advies_review``,
        which then completes the review): the process only checks that it did."""
        proces = activation.process.coerced
        if not proces.adviezen.filter(vastgesteld_op__isnull=False).exists():
            raise ValueError(f"process {proces.pk}: approved, but no adopted advice")


#: The nodes a person carries out, in the order of the process.
MENSELIJKE_STAPPEN = [
    IdentificatieFlow.beoordelen,
    IdentificatieFlow.zorgtafel,
    IdentificatieFlow.opstellen,
    IdentificatieFlow.review,
]
