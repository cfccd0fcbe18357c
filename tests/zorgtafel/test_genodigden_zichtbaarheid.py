"""A meeting about several cases names an invitee to another invitee only when they
share an item they may both read; the chair sees everyone. Otherwise: "a participant
of another item" (that Nidos takes part can reveal that a case is a minor's)."""

import io
import json

import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from casusoverleg.audit import AuditContext
from casusoverleg.permissions import may_lead, user_can, zichtbare_genodigden
from casusoverleg.weergave import naam
from tests.factories import UserFactory, make_casus
from tests.zorgtafel.zorgtafel_helpers import bevestig, connect, plan, start
from zorgtafel import services
from zorgtafel.models import Uitnodiging

LABEL = "Een deelnemer aan een ander agendapunt"
NIDOS_NAAM = "Nadia Voogdijtestnaam"
NIDOS_ORG = "Nidos Voorbeeld"


@pytest.fixture
def tafel(coordinator, politie, zorg, nidos):
    """Item A: a case of Nidos and zorg (a minor's); item B: a case of the police only."""
    nidos.first_name, nidos.last_name = NIDOS_NAAM.split()
    nidos.save(update_fields=["first_name", "last_name"])
    a = make_casus(
        coordinator, naam="Minderjarige Persoon", deelnemers=[nidos.organisatie, zorg.organisatie]
    )
    b = make_casus(coordinator, naam="Volwassen Persoon", deelnemers=[politie.organisatie])
    zorgtafel = plan(coordinator, [a, b])
    bevestig(zorgtafel, coordinator, politie, zorg, nidos)
    return start(zorgtafel, coordinator), a, b


def _room(user, zorgtafel) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("zorgtafel:zorgtafel-detail", args=[zorgtafel.public_id]))
    assert response.status_code == 200
    return response.content.decode()


def _uitnodiging(zorgtafel, user):
    return Uitnodiging.objects.select_related("zorgtafel").get(zorgtafel=zorgtafel, user=user)


@pytest.mark.django_db
def test_an_invitee_of_another_item_sees_neither_name_nor_organisation_of_nidos(
    tafel, politie, nidos, zorg
):
    zorgtafel, *_ = tafel
    html = _room(politie, zorgtafel)
    assert NIDOS_NAAM not in html and NIDOS_ORG not in html
    assert naam(zorg) not in html and "Zorgcentrum De Vuurtoren" not in html
    assert f'data-uitnodiging="{_uitnodiging(zorgtafel, nidos).pk}"' not in html
    # Two people hidden, one label: nothing counts them.
    assert html.count(LABEL) == 1
    # One's own entry is always there, and the chair is named on the meeting.
    assert naam(politie) in html
    assert f'data-uitnodiging="{_uitnodiging(zorgtafel, politie).pk}"' in html


@pytest.mark.django_db
def test_the_chair_sees_every_invitee(tafel, coordinator, politie, nidos, zorg):
    zorgtafel, *_ = tafel
    html = _room(coordinator, zorgtafel)
    assert f"{NIDOS_NAAM} ({NIDOS_ORG})" in html
    assert naam(politie) in html and naam(zorg) in html
    assert LABEL not in html


@pytest.mark.django_db
def test_an_invitee_sharing_the_item_sees_nidos_but_not_the_others(tafel, zorg, politie):
    zorgtafel, *_ = tafel
    html = _room(zorg, zorgtafel)
    assert f"{NIDOS_NAAM} ({NIDOS_ORG})" in html
    assert naam(politie) not in html and "Politie Voorbeeld" not in html
    assert html.count(LABEL) == 1


@pytest.mark.django_db
def test_the_rule_is_a_shared_readable_item_or_leading_the_meeting(
    tafel, coordinator, coordinator2, politie, zorg, nidos, jeugdzorg
):
    """``zichtbare_genodigden`` against the per-case rule, pair by pair."""
    zorgtafel, a, b = tafel
    services.agendapunt_gast_add(
        ctx=AuditContext.system(coordinator),
        agendapunt=zorgtafel.agendapunten.get(casus=b),
        user=jeugdzorg,
    )
    mensen = [coordinator, coordinator2, politie, zorg, nidos, jeugdzorg]
    leiders = {zorgtafel.voorzitter_id, zorgtafel.aangemaakt_door_id}
    for viewer in mensen:
        zichtbaar = zichtbare_genodigden(viewer, zorgtafel)
        for ander in mensen:
            if not zorgtafel.uitnodigingen.filter(user=ander).exists() and ander.pk not in leiders:
                continue
            verwacht = (
                ander == viewer
                or ander.pk in leiders
                or may_lead(viewer, zorgtafel)
                or any(user_can(viewer, c) and user_can(ander, c) for c in (a, b))
            )
            assert (ander.pk in zichtbaar) == verwacht, (viewer.username, ander.username)
    # The extra invitee reads no case: only the chair and they themselves know them.
    assert jeugdzorg.pk not in zichtbare_genodigden(politie, zorgtafel)


@pytest.mark.django_db
def test_the_rule_and_the_room_cost_the_same_queries_however_many_are_invited(
    tafel, politie, zorg, nidos
):
    zorgtafel, *_ = tafel

    def tel():
        with CaptureQueriesContext(connection) as regel:
            zichtbare_genodigden(politie, zorgtafel)
        with CaptureQueriesContext(connection) as kamer:
            _room(politie, zorgtafel)
        return len(regel), len(kamer)

    voor = tel()
    aantal = zorgtafel.uitnodigingen.filter(actief=True).count()
    for org in (nidos.organisatie, zorg.organisatie, politie.organisatie):
        for _ in range(3):
            UserFactory(organisatie=org)
    services.casus_uitnodigingen_sync(casus=zorgtafel.agendapunten.first().casus)
    assert zorgtafel.uitnodigingen.filter(actief=True).count() == aantal + 9
    assert tel() == voor
    assert voor[0] <= 2


@pytest.mark.django_db
def test_the_minutes_pdf_names_no_invitee_of_another_item(tafel, coordinator, politie):
    zorgtafel, a, b = tafel
    for punt in zorgtafel.agendapunten.all():
        services.notule_add(
            ctx=AuditContext.system(coordinator), agendapunt=punt, tekst="Besproken."
        )
    services.zorgtafel_close(ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel)
    client = Client()
    client.force_login(politie)
    response = client.get(reverse("zorgtafel:zorgtafel-notulen-pdf", args=[zorgtafel.public_id]))
    assert response.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Besproken." in text
    assert NIDOS_NAAM not in text and NIDOS_ORG not in text and "Nidos" not in text
    # The closed meeting's page (its minutes) hides them as well.
    html = _room(politie, zorgtafel)
    assert NIDOS_NAAM not in html and NIDOS_ORG not in html and LABEL in html


@pytest.mark.django_db
def test_the_calendar_file_and_the_invitation_mail_name_only_their_reader(
    django_capture_on_commit_callbacks, tafel, coordinator, politie, nidos, mailoutbox
):
    _, a, b = tafel
    with django_capture_on_commit_callbacks(execute=True):
        zorgtafel = plan(coordinator, [a, b], dagen=14)
    client = Client()
    client.force_login(politie)
    ics = client.get(reverse("zorgtafel:zorgtafel-ics", args=[zorgtafel.public_id])).content
    assert politie.email.encode() in ics
    assert nidos.email.encode() not in ics and b"Nidos" not in ics
    mails = [m for m in mailoutbox if m.to == [politie.email]]
    assert mails
    for mail in mails:
        inhoud = mail.body + "".join(str(a[1]) for a in mail.attachments)
        assert nidos.email not in inhoud and NIDOS_NAAM not in inhoud and "Nidos" not in inhoud


# The live room -------------------------------------------------------------------------


async def _drain(communicator, quiet=0.3) -> list[dict]:
    events = []
    while not await communicator.receive_nothing(timeout=quiet):
        events.append(await communicator.receive_json_from())
    return events


def _aanwezig(events) -> list[str]:
    return [e["namen"] for e in events if e["soort"] == "aanwezig"][-1]


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_the_live_room_names_nidos_only_to_whom_may_see_them(
    tafel, coordinator, politie, zorg, nidos
):
    zorgtafel, *_ = tafel
    chair = await connect(zorgtafel, coordinator)
    pol = await connect(zorgtafel, politie)
    zrg = await connect(zorgtafel, zorg)
    nid = await connect(zorgtafel, nidos)
    gezien = {c: await _drain(c) for c in (chair, pol, zrg)}
    uitnodiging = await sync_to_async(_uitnodiging)(zorgtafel, nidos)
    await sync_to_async(services.aanwezigheid_record)(
        ctx=AuditContext.system(coordinator), uitnodiging=uitnodiging, aanwezigheid="aanwezig"
    )
    for c in (chair, pol, zrg):
        gezien[c] += await _drain(c)

    politie_ziet = json.dumps(gezien[pol], ensure_ascii=False)
    assert NIDOS_NAAM not in politie_ziet and NIDOS_ORG not in politie_ziet
    assert not [e for e in gezien[pol] if e["soort"] == "aanwezigheid"]
    # Zorg and Nidos are both hidden from the police: one label, not two.
    assert _aanwezig(gezien[pol]) == sorted(
        [
            f"{naam(coordinator)} (Gemeente Voorbeeldstad)",
            f"{naam(politie)} (Politie Voorbeeld)",
            LABEL,
        ]
    )

    for c in (chair, zrg):
        assert f"{NIDOS_NAAM} ({NIDOS_ORG})" in _aanwezig(gezien[c])
        bericht = [e for e in gezien[c] if e["soort"] == "aanwezigheid"]
        assert [e["uitnodiging"] for e in bericht] == [uitnodiging.pk]
    assert LABEL not in _aanwezig(gezien[chair])
    for c in (chair, pol, zrg, nid):
        await c.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_who_leaves_the_shared_case_is_no_longer_named_live(tafel, coordinator, zorg, nidos):
    from casusoverleg.models import Deelname
    from casusoverleg.services import deelname_remove

    zorgtafel, a, b = tafel

    def derde():
        c = make_casus(coordinator, naam="Derde Persoon", deelnemers=[nidos.organisatie])
        services.agendapunt_add(ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel, casus=c)

    # Nidos stays invited (item C) when it leaves case A, which zorg shares with it.
    await sync_to_async(derde)()
    zrg = await connect(zorgtafel, zorg)
    nid = await connect(zorgtafel, nidos)
    assert f"{NIDOS_NAAM} ({NIDOS_ORG})" in _aanwezig(await _drain(zrg))

    def weg():
        deelname = Deelname.objects.actief().get(casus=a, organisatie=nidos.organisatie)
        deelname_remove(ctx=AuditContext.system(coordinator), deelname=deelname)

    await sync_to_async(weg)()
    events = await _drain(zrg, quiet=0.5)
    assert NIDOS_NAAM not in json.dumps(_aanwezig(events), ensure_ascii=False)
    assert LABEL in _aanwezig(events)
    for c in (zrg, nid):
        await c.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_case_put_on_the_agenda_that_both_read_names_them_live(
    tafel, coordinator, politie, nidos
):
    zorgtafel, *_ = tafel
    pol = await connect(zorgtafel, politie)
    nid = await connect(zorgtafel, nidos)
    assert LABEL in _aanwezig(await _drain(pol))

    def gedeeld():
        samen = [politie.organisatie, nidos.organisatie]
        c = make_casus(coordinator, naam="Gedeelde Persoon", deelnemers=samen)
        services.agendapunt_add(ctx=AuditContext.system(coordinator), zorgtafel=zorgtafel, casus=c)

    await sync_to_async(gedeeld)()
    assert f"{NIDOS_NAAM} ({NIDOS_ORG})" in _aanwezig(await _drain(pol, quiet=0.5))
    for c in (pol, nid):
        await c.disconnect()
