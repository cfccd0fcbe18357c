"""The identification process, as a viewflow flow.

start (coordinator picks organisations and a deadline)
  → one assessment task per invited organisation (a small custom split)
  → join (all submitted, or the coordinator closes the round early)
  → zorgtafel (record the conference's outcome)
  → draft advice → review (four eyes) → adopt, or back to the draft
  → end.

Viewflow's own pages are not mounted: its lists check only model-wide
permissions. Every task runs through our own pages (the node's ``pagina``: the
assessment and conference steps in identificatie.views, the advice's draft and
review in advies.views) and services, which check need to know
(casusoverleg.permissions) before anything else. Who may take a step is stated
on its node and read from there (``taak_refusal``): ``.Permission(...)`` the
object permission on the case, ``.Rol(...)`` the role, ``.VierOgen()`` that
whoever edited the work may not judge it.
"""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes.split import Split, SplitActivation
from viewflow.workflow.nodes.view import View

from casusoverleg.models import Meldingsoort
from casusoverleg.permissions import task_refusal
from casusoverleg.services import (
    casustaken_vervallen,
    melding_send,
    organisatie_leden,
    termijn_afronden,
)

from .models import IdentificatieProces, Melding, Taak

#: Days a coordinator step may take before it counts as overdue.
TERMIJN_COORDINATIE_DAGEN = 14


def not_mounted(request, *args, **kwargs):
    """Viewflow's task pages are not mounted; tasks run through our own views."""
    raise Http404


def _casus(process):
    return process.coerced.casus


class Stap(View):
    """A step a person carries out, on our own pages (viewflow's are not mounted).

    Who may take it is written on the node and nowhere else: ``.Permission(perm,
    obj=...)`` names the object permission on the case, ``.Rol(flag)`` the user flag
    the step needs, ``.VierOgen()`` keeps everyone who edited the work off it.
    ``taak_refusal`` reads these; viewflow's ``can_assign`` and ``can_execute``
    answer by the same rule.
    """

    _rol = None
    _vier_ogen = False

    def __init__(self, *, pagina: str = "identificatie:taak", actie=None, **kwargs):
        super().__init__(not_mounted, **kwargs)
        #: The URL name of the step's page (it takes the task's public id).
        self.pagina = pagina
        #: What the button to the step says, on the case page ("Beoordeling invullen").
        self.actie = actie

    def Rol(self, flag):  # noqa: N802 (viewflow's builder style)
        self._rol = flag
        return self

    def VierOgen(self):  # noqa: N802
        self._vier_ogen = True
        return self

    def can_assign(self, user, task):
        return task.owner_id is None and taak_refusal(user, task.taak) is None

    def can_execute(self, user, task):
        return task.owner_id == user.pk and taak_refusal(user, task.taak) is None


def taak_refusal(user, taak: Taak) -> str | None:
    """Why ``user`` may not take or carry out ``taak``, or None: the rule of its node
    (permission, object, role, four eyes), decided by casusoverleg.permissions."""
    node = taak.task.flow_task
    return task_refusal(
        user,
        casus=node._owner_permission_obj(taak.proces),
        perm=node._owner_permission,
        organisatie_id=taak.organisatie_id,
        rol=node._rol,
        bewerkers_ids=list(taak.bewerkers.values_list("pk", flat=True))
        if node._vier_ogen
        else None,
    )


def taak_aanmaken(activation, *, casus, organisatie_id, deadline) -> Taak:
    """Our inbox's record of a new task (every ``Stap``'s ``onCreate``), and a notice
    to the members of its organisation who may take it, decided after commit (the
    step that offers it adds who edited the work it judges, ``taak_complete``)."""
    taak = Taak.objects.create(
        task=activation.task,
        proces=activation.process,
        casus=casus,
        organisatie_id=organisatie_id,
        deadline=deadline,
    )
    melding_send(
        soort=Meldingsoort.NIEUWE_TAAK,
        ontvangers=lambda: [
            u for u in organisatie_leden(organisatie_id) if taak_refusal(u, taak) is None
        ],
        casus=casus,
        url=reverse("identificatie:taak", args=[taak.public_id]),
    )
    return taak


def ronde_termijn_beeindigen(proces, *, reden: str) -> None:
    """The round closed: its deadline's term ends (when still running) and a
    coordinator's open decision on the passed deadline is moot."""
    termijn_afronden(
        casus=proces.casus,
        soort=IdentificatieProces.TERMIJNSOORT,
        sleutel=proces.public_id,
        reden=reden,
    )
    casustaken_vervallen(casus=proces.casus, soort=IdentificatieProces.ESCALATIESOORT, reden=reden)


def coordinatie_deadline():
    return timezone.localdate() + timezone.timedelta(days=TERMIJN_COORDINATIE_DAGEN)


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
    # Wait for the lock instead of viewflow's default NOWAIT: its retry catches the
    # database error inside the savepoint it opened, which on PostgreSQL aborts the
    # service's transaction. Waiting, the second of two claims sees the first's
    # result and is told the task was taken.
    lock_impl = lock.SelectForUpdateLock(nowait=False)
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
        Stap(actie=_("Beoordeling invullen"))
        .Annotation(title=_("Beoordeling indienen"))
        .Permission("casusoverleg.view_casus", obj=_casus)
        .onCreate(this.taak_aangemaakt)
        .Next(this.samenvoegen)
    )
    samenvoegen = flow.Join().Annotation(title=_("Beoordelingsronde gesloten")).Next(this.zorgtafel)
    zorgtafel = (
        Stap(actie=_("Uitkomst zorgtafel vastleggen"))
        .Annotation(title=_("Uitkomst zorgtafel vastleggen"))
        .Permission("casusoverleg.coordinate_casus", obj=_casus)
        .Rol("is_coordinator")
        .onCreate(this.taak_aangemaakt)
        .Next(this.opstellen)
    )
    opstellen = (
        Stap(pagina="advies:advies-taak", actie=_("Advies opstellen"))
        .Annotation(title=_("Advies opstellen"))
        .Permission("casusoverleg.coordinate_casus", obj=_casus)
        .Rol("is_coordinator")
        .onCreate(this.taak_aangemaakt)
        .Next(this.review)
    )
    review = (
        Stap(pagina="advies:advies-taak", actie=_("Advies beoordelen"))
        .Annotation(title=_("Advies beoordelen (vier ogen)"))
        .Permission("casusoverleg.coordinate_casus", obj=_casus)
        .Rol("is_reviewer")
        .VierOgen()
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
        """Record for our inbox which organisation a task is for, and by when. Who
        edited the advice under review is added by the step that offers it
        (``identificatie.services.taak_complete``)."""
        proces = activation.process.coerced
        task = activation.task
        if task.flow_task == IdentificatieFlow.beoordelen:
            organisatie_id = task.data["organisatie"]
            deadline = proces.deadline
        else:
            organisatie_id = proces.casus.coordinerende_organisatie_id
            deadline = coordinatie_deadline()
        if task.flow_task == IdentificatieFlow.zorgtafel and proces.ronde_gesloten_op is None:
            # Every assessment is in: the round closes on its own.
            IdentificatieProces.objects.filter(pk=proces.pk).update(
                ronde_gesloten_op=timezone.now(),
                ronde_gesloten_wegens=IdentificatieProces.Sluitwijze.COMPLEET,
            )
            ronde_termijn_beeindigen(proces, reden=gettext("Alle beoordelingen ingediend"))
        taak_aanmaken(
            activation, casus=proces.casus, organisatie_id=organisatie_id, deadline=deadline
        )

    def advies_vaststellen(self, activation):
        """The reviewer's approval adopted the advice (``advies.services.advies_review``,
        which then completes the review): the process only checks that it did."""
        proces = activation.process.coerced
        if not proces.adviezen.filter(vastgesteld_op__isnull=False).exists():
            raise ValueError(f"process {proces.pk}: approved, but no adopted advice")
        # Adoption needs the report to CoMensha or its exception (the service refuses
        # it first, ``melding_adoption_refusal``); the process holds the same line.
        if not Melding.objects.filter(
            casus=proces.casus_id, status__in=Melding.AFGEHANDELD
        ).exists():
            raise ValueError(f"process {proces.pk}: adopted, but the case is not reported")


#: The nodes a person carries out, in the order of the process.
MENSELIJKE_STAPPEN = [
    IdentificatieFlow.beoordelen,
    IdentificatieFlow.zorgtafel,
    IdentificatieFlow.opstellen,
    IdentificatieFlow.review,
]

#: The process's steps as its step indicator shows them, in order: every node but
#: the review's decision ("Akkoord?"), which is a fork in the road, not a step.
STAPPEN = [
    IdentificatieFlow.start,
    IdentificatieFlow.uitnodigen,
    IdentificatieFlow.beoordelen,
    IdentificatieFlow.samenvoegen,
    IdentificatieFlow.zorgtafel,
    IdentificatieFlow.opstellen,
    IdentificatieFlow.review,
    IdentificatieFlow.vaststellen,
    IdentificatieFlow.einde,
]
