"""Every kind of notification, triggered by its own event along one journey through
the apps, reaches the right people (never an outsider) and carries no name or other
case content: not in its text, its link, nor in any mail that went out."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from casusoverleg.audit import AuditContext
from casusoverleg.herinneringen import herinneringen_versturen
from casusoverleg.meldingen import SOORTEN
from casusoverleg.models import Deelname, Melding, Meldingsoort, Termijn
from casusoverleg.permissions import VIEW, user_can
from casusoverleg.services import (
    deelname_remove,
    gebruiker_organisatiebeheerder_change,
    koppelverzoek_answer,
    koppelverzoek_send,
    termijnen_bijwerken,
)
from casusoverleg.toegangsreview import reviews_due
from identificatie import services as identificatie
from identificatie.flows import IdentificatieFlow
from identificatie.herinneringen import taken_verlopen
from tests.factories import OrganisatieFactory, UserFactory, make_casus
from tests.identificatie.test_proces_web import (
    BEOORDELING,
    advies_post,
    as_user,
    do_task,
    step_url,
    taak_of,
)
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, start
from wegwijzer import services as wegwijzer
from wegwijzer.herinneringen import doorverwijzingen_onbeantwoord
from zorgtafel import services as zorgtafel
from zorgtafel.herinneringen import actiepunten_verlopen

TODAY = timezone.localdate()
NAAM = "Zwanhilde Quirijnsdochter"
ALIAS = "Wilde Zwaan"
# Nothing of the person or of what is recorded about them may travel in a notice.
VERBODEN = [
    NAAM,
    *NAAM.split(),
    ALIAS,
    "1987",
    "14-03",
    "maart",
    "Feit.",
    "Oordeel.",
    "Aanscherpen",
    "Slachtoffer?",
    "Waterkering regelen",
    "Kanaalzone",
]


@pytest.fixture
def reis(
    coordinator,
    coordinator2,
    politie,
    zorg,
    jeugdzorg,
    comensha,
    buitenstaander,
    indicatorlijst,
    django_capture_on_commit_callbacks,
):
    """One journey that triggers every kind: who is who in it, by role."""
    collega = UserFactory(username="politie2", organisatie=politie.organisatie)
    reviewer = UserFactory(
        username="coordinator3",
        organisatie=coordinator.organisatie,
        is_coordinator=True,
        is_reviewer=True,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        casus = make_casus(
            coordinator,
            naam=NAAM,
            aliassen=ALIAS,
            geboortedatum=datetime.date(1987, 3, 14),
            deelnemers=[politie.organisatie, zorg.organisatie, jeugdzorg.organisatie],
        )
        ctx = AuditContext.system(coordinator)
        deelname_remove(
            ctx=ctx, deelname=Deelname.objects.get(casus=casus, organisatie=jeugdzorg.organisatie)
        )
        proces = identificatie.proces_start(
            ctx=ctx,
            casus=casus,
            organisaties=[politie.organisatie, zorg.organisatie],
            deadline=TODAY + datetime.timedelta(days=14),
            aftekenen_vereist=True,
        )
        politie_taak = taak_of(proces, IdentificatieFlow.beoordelen, politie.organisatie)
        identificatie.taak_claim(ctx=AuditContext.system(politie), taak=politie_taak)
        identificatie.taak_reassign(
            ctx=AuditContext.system(politie), taak=politie_taak, user=collega
        )
        # An overdue task's notice, for a process from before its deadline ran as a
        # term (a termed deadline is reminded of by the term: identificatie.termijnen).
        Termijn.objects.filter(sleutel=proces.public_id).delete()
        herinneringen_versturen(
            vandaag=TODAY + datetime.timedelta(days=20), soorten=[taken_verlopen]
        )
        assert as_user(collega).post(step_url(politie_taak), BEOORDELING).status_code == 302
        zorg_taak = taak_of(proces, IdentificatieFlow.beoordelen, zorg.organisatie)
        assert do_task(as_user(zorg), zorg_taak, BEOORDELING).status_code == 302
        zt = taak_of(proces, IdentificatieFlow.zorgtafel)
        assert do_task(as_user(coordinator), zt, {"uitkomst": "Feit."}).status_code == 302
        opstellen = taak_of(proces, IdentificatieFlow.opstellen)
        assert do_task(as_user(coordinator2), opstellen, advies_post(proces)).status_code == 302
        review = taak_of(proces, IdentificatieFlow.review)
        response = do_task(
            as_user(reviewer), review, {"besluit": "terug", "opmerkingen": "Aanscherpen."}
        )
        assert response.status_code == 302

        overleg = plan(coordinator, [casus], plaats="Stadskantoor")
        zorgtafel.zorgtafel_update(
            ctx=ctx,
            zorgtafel=overleg,
            data={"begint_op": overleg.begint_op + datetime.timedelta(hours=1)},
        )
        zorgtafel.zorgtafel_cancel(ctx=ctx, zorgtafel=overleg)
        lopend = plan(coordinator, [casus])
        bevestig(lopend, coordinator, politie, zorg)
        lopend = start(lopend, coordinator)
        zorgtafel.actiepunt_add(
            ctx=ctx,
            agendapunt=lopend.agendapunten.get(),
            omschrijving="Waterkering regelen in de Kanaalzone",
            eigenaar=politie.organisatie,
            deadline=TODAY + datetime.timedelta(days=3),
        )
        herinneringen_versturen(
            vandaag=TODAY + datetime.timedelta(days=10), soorten=[actiepunten_verlopen]
        )
        ingediend = identificatie.melding_submit(
            ctx=ctx, melding=identificatie.melding_create(casus=casus)
        )
        identificatie.melding_register(
            ctx=AuditContext.system(comensha), melding=ingediend, registratienummer="CM-2026-0001"
        )
        # A reflection period (a term) that nears its end, then passes. Its end date is
        # in the reminder's text: never in March, the person's birth month (VERBODEN).
        einde = TODAY + datetime.timedelta(days=30)
        if einde.month == 3:
            einde += datetime.timedelta(days=31)
        identificatie.bedenktijd_start(ctx=ctx, casus=casus, start=TODAY, einde=einde)
        termijnen_bijwerken(vandaag=einde - datetime.timedelta(days=3))
        termijnen_bijwerken(vandaag=einde + datetime.timedelta(days=1))
        # Another organisation opens a case of the same person and asks to link.
        elders = UserFactory(
            username="elders",
            organisatie=OrganisatieFactory(naam="Gemeente Andersstad", discipline="gemeente"),
            is_coordinator=True,
        )
        later = make_casus(elders, naam=ALIAS, geboortedatum=datetime.date(1987, 3, 14))
        verzoek = koppelverzoek_send(ctx=AuditContext.system(elders), van_casus=later, casus=casus)
        koppelverzoek_answer(ctx=ctx, verzoek=verzoek, akkoord=True)
        # A warm referral to youth care, withdrawn; another: unanswered, it
        # reminds and escalates; then youth care accepts.
        ingetrokken = wegwijzer.doorverwijzing_voorstellen(
            ctx=ctx, casus=casus, organisatie=jeugdzorg.organisatie, motivatie="Toch niet."
        )
        wegwijzer.doorverwijzing_intrekken(ctx=ctx, verwijzing=ingetrokken)
        verwijzing = wegwijzer.doorverwijzing_voorstellen(
            ctx=ctx, casus=casus, organisatie=jeugdzorg.organisatie, motivatie="Hulp nodig."
        )
        herinneringen_versturen(
            vandaag=TODAY + datetime.timedelta(days=10), soorten=[doorverwijzingen_onbeantwoord]
        )
        wegwijzer.doorverwijzing_beantwoorden(
            ctx=AuditContext.system(jeugdzorg), verwijzing=verwijzing, akkoord=True
        )
        # A year on, the police's organisation administrator reviews its access.
        politiebeheerder = gebruiker_organisatiebeheerder_change(
            ctx=AuditContext.system(),
            gebruiker=UserFactory(username="politiebeheerder", organisatie=politie.organisatie),
            is_organisatiebeheerder=True,
        )
        herinneringen_versturen(vandaag=TODAY + datetime.timedelta(days=400), soorten=[reviews_due])
    return {
        "casus": casus,
        "review": review,
        "coordinator": coordinator,
        "drafter": coordinator2,
        "reviewer": reviewer,
        "politie": politie,
        "collega": collega,
        "zorg": zorg,
        "jeugdzorg": jeugdzorg,
        "comensha": comensha,
        "buitenstaander": buitenstaander,
        "elders": elders,
        "politiebeheerder": politiebeheerder,
    }


#: Per kind, someone who must have received it.
ONTVANGER = {
    Meldingsoort.TOEGEVOEGD: "politie",
    Meldingsoort.VERWIJDERD: "jeugdzorg",
    Meldingsoort.NIEUWE_TAAK: "zorg",
    Meldingsoort.TAAK_OVERGEDRAGEN: "collega",
    Meldingsoort.TAAK_VERLOPEN: "zorg",
    Meldingsoort.CONCEPT_TERUGGESTUURD: "drafter",
    Meldingsoort.AFTEKENEN_GEVRAAGD: "politie",
    Meldingsoort.UITNODIGING: "politie",
    Meldingsoort.ZORGTAFEL_GEWIJZIGD: "zorg",
    Meldingsoort.ZORGTAFEL_GEANNULEERD: "politie",
    Meldingsoort.ACTIEPUNT_TOEGEWEZEN: "collega",
    Meldingsoort.ACTIEPUNT_VERLOPEN: "politie",
    Meldingsoort.MELDING_ONTVANGEN: "comensha",
    Meldingsoort.TERMIJN_HERINNERING: "zorg",
    Meldingsoort.TERMIJN_VERLOPEN: "coordinator",
    Meldingsoort.MELDING_TE_MAKEN: "coordinator",
    Meldingsoort.MELDING_GEREGISTREERD: "coordinator",
    Meldingsoort.KOPPELVERZOEK: "coordinator",
    Meldingsoort.KOPPELVERZOEK_BEANTWOORD: "elders",
    Meldingsoort.DOORVERWIJZING: "jeugdzorg",
    Meldingsoort.DOORVERWIJZING_BEANTWOORD: "coordinator",
    Meldingsoort.DOORVERWIJZING_OPEN: "coordinator",
    Meldingsoort.DOORVERWIJZING_INGETROKKEN: "jeugdzorg",
    Meldingsoort.TOEGANGSREVIEW: "politiebeheerder",
}


def test_every_kind_has_an_event_in_the_journey():
    assert set(ONTVANGER) == set(SOORTEN)


def _mail_tekst(message) -> str:
    delen = [message.subject, message.body]
    for bijlage in message.attachments:
        inhoud = bijlage[1]
        delen.append(inhoud.decode() if isinstance(inhoud, bytes) else str(inhoud))
    return "\n".join(delen)


@pytest.mark.parametrize("soort", list(SOORTEN))
def test_each_kind_reaches_the_right_people_and_names_no_one(reis, soort):
    meldingen = list(Melding.objects.filter(soort=soort).select_related("ontvanger", "casus"))
    ontvangers = {m.ontvanger for m in meldingen}

    assert reis[ONTVANGER[soort]] in ontvangers
    assert reis["buitenstaander"] not in ontvangers
    if soort != Meldingsoort.MELDING_ONTVANGEN:
        assert reis["comensha"] not in ontvangers
    if SOORTEN[soort].regel == "casus":
        # Each about its own case (the journey opens a second one, elsewhere).
        assert all(user_can(m.ontvanger, m.casus, VIEW) for m in meldingen)
    for melding in meldingen:
        for woord in VERBODEN:
            assert woord not in melding.tekst and woord not in melding.url, (woord, melding.tekst)
        if melding.casus is not None:
            assert melding.casus.nummer in melding.tekst

    # Mailed directly (the default), or by the meeting's own invitation.
    info = SOORTEN[soort]
    if not info.eigen_mail:
        onderwerpen = [m.subject for m in mail.outbox]
        assert any(o.startswith(str(info.label)) for o in onderwerpen), onderwerpen
    for message in mail.outbox:
        tekst = _mail_tekst(message)
        for woord in VERBODEN:
            assert woord not in tekst, (woord, message.subject)


def test_the_new_review_task_is_not_announced_to_whoever_drafted_it(reis):
    """Four eyes: the review task's notice goes to other reviewers, never the drafter."""
    url = f"/taken/{reis['review'].public_id}/"
    ontvangers = set(
        Melding.objects.filter(soort=Meldingsoort.NIEUWE_TAAK, url=url).values_list(
            "ontvanger__username", flat=True
        )
    )
    assert "coordinator3" in ontvangers
    assert "coordinator2" not in ontvangers
