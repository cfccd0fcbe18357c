"""The correction's task pages are task pages like the others (issue 13, point 3):
opening an unclaimed one claims it in one step (no separate "Taak oppakken"), and
"Teruggeven" and "Overdragen aan collega" are secondary to the step's own action."""

import re

from django.test import Client
from django.urls import reverse

from advies.models import Advies
from identificatie.models import Taak
from tests.factories import UserFactory


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def _review_taak(vastgesteld, coordinator2):
    """A correction drafted by coordinator2 and offered for review: the review task
    is open for the municipality."""
    c2 = as_user(coordinator2)
    c2.post(reverse("advies:advies-corrigeren", args=[vastgesteld.casus.public_id, 1]))
    nieuw = Advies.objects.get(versie=2)
    opstellen = Taak.objects.get(proces__correctieproces__advies=nieuw)
    c2.post(
        reverse("advies:correctie-taak", args=[opstellen.public_id]),
        {
            **{
                f: getattr(vastgesteld, f)
                for f in ("doel", "geadresseerde", "vraag", "moment_fase", "conclusie")
            },
            "moment_datum": vastgesteld.moment_datum.isoformat(),
            "onderbouwing": "Gecorrigeerd.",
            "indienen": "1",
        },
    )
    return Taak.objects.get(
        proces__correctieproces__advies=nieuw, task__status__in=["NEW", "ASSIGNED"]
    )


def _button_classes(html, text):
    """The classes of the button or link whose text starts with ``text``."""
    match = re.search(r'class="([^"]*)"[^>]*>\s*' + re.escape(text), html)
    assert match, text
    return match.group(1)


def test_an_unclaimed_correction_task_opens_in_one_step(vastgesteld, coordinator, coordinator2):
    review = _review_taak(vastgesteld, coordinator2)
    assert review.task.flow_task.name == "review" and review.task.owner is None
    reviewer = UserFactory(
        username="reviewer", organisatie=coordinator.organisatie, is_reviewer=True
    )
    client = as_user(reviewer)
    page = reverse("advies:correctie-taak", args=[review.public_id])
    html = client.get(page).content.decode()
    assert "Taak oppakken" not in html
    assert "primary-action" in _button_classes(html, "Taak openen")

    # Mijn taken's "Openen" claims it and lands on the step itself.
    response = client.post(reverse("identificatie:taak-oppakken", args=[review.public_id]))
    assert client.get(response.url, follow=True).request["PATH_INFO"] == page
    html = client.get(page).content.decode()
    assert "primary-action" in _button_classes(html, "Oordeel vastleggen")
    for secundair in ("Overdragen aan collega", "Teruggeven aan mijn organisatie"):
        classes = _button_classes(html, secundair)
        assert "secondary-action" in classes and "primary-action" not in classes
