"""The access review (issue 17, point 4): per organisation, every case it has
access to, with where the access comes from and when it was last used.

A grant is an active ``Deelname``: the organisation's (reaching every member
through its group) or one lawyer's own. Its last use is the latest allowed audit
row on that case by a member of the organisation (by the lawyer, for a personal
grant); a grant nobody used for ``TOEGANG_ONGEBRUIKT_DAGEN`` days, counted from
when it was granted, is flagged. The review itself leaves audit rows on the cases
it shows (``object_type`` "toegangsreview"), which are not use.

Reviewing is the organisation administrators' work: they are reminded once when
their organisation's last review is ``TOEGANG_REVIEW_DAGEN`` days old (or, never
reviewed, that long after the organisation was made) and find it in Mijn taken
while it is due. The review names case numbers only, never the person.
"""

import datetime

from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import herinneringen, takenlijst
from .models import Deelname, Meldingsoort, Organisatie, Toegangsreview, User
from .permissions import may_review_toegang, toegangsreviewers
from .selectors import vervaldatum


def _te_reviewen(vandaag: datetime.date):
    """The organisations with at least one grant whose review is due on ``vandaag``,
    each with its due date: one query."""
    organisaties = (
        Organisatie.objects.filter(
            Exists(Deelname.objects.actief().filter(organisatie=OuterRef("pk"))), actief=True
        )
        .annotate(laatste_review=Max("toegangsreviews__created_at"))
        .order_by("pk")
    )
    for organisatie in organisaties:
        if not organisatie.may_access_cases:
            continue
        datum = vervaldatum(organisatie, organisatie.laatste_review)
        if datum <= vandaag:
            yield organisatie, datum


def reviews_due(*, vandaag):
    """The yearly reminder: each due organisation's administrators, once per due date
    (a new review moves the date, and with it the reminder's key)."""
    for organisatie, datum in _te_reviewen(vandaag):
        yield herinneringen.Te(
            soort="toegangsreview",
            sleutel=f"{organisatie.pk}:{datum:%Y-%m-%d}",
            ontvangers=toegangsreviewers(User.objects.all(), organisatie=organisatie),
            melding=Meldingsoort.TOEGANGSREVIEW,
            url=reverse("casusoverleg:toegangsreview"),
        )


def _takenlijst(*, user) -> list[takenlijst.Rij]:
    """Mijn taken: the review of the user's own organisation while it is due and it
    has grants (for its administrators only; nobody else is asked a query)."""
    organisatie = user.organisatie
    if not may_review_toegang(user, organisatie):
        return []
    if not Deelname.objects.actief().filter(organisatie=organisatie).exists():
        return []
    laatste = organisatie.toegangsreviews.values_list("created_at", flat=True).first()
    datum = vervaldatum(organisatie, laatste)
    if datum > timezone.localdate():
        return []
    return [
        takenlijst.Rij(
            casus=None,
            wat=_("Toegangsreview van uw organisatie"),
            deadline=datum,
            link=reverse("casusoverleg:toegangsreview"),
            status=_("Te doen"),
            # The review to do (unsaved): audited by the list as this organisation's.
            object=Toegangsreview(organisatie=organisatie),
        )
    ]


herinneringen.register(reviews_due)
takenlijst.register("toegangsreview", gettext_lazy("Toegangsreview"), _takenlijst)
