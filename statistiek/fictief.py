"""Fictional background cases for the project group's figures (issue 15).

``fictieve_casussen_maken`` writes N invented cases spread over the two years
before a day, each with a plausible process history in the real tables and
timestamp fields the statistics aggregate: signals, the CoMensha report, the
identification process and its assessments, the zorgtafel item, the adopted
advice and its sending, a closing, and some overdue work.

These cases are background for the figures only. They have NO participants (no
``Deelname``, no guardian permission rows), so no user sees them as a case; no
audit entries, notices, terms or viewflow tasks are written for them, and no
service runs: everything is bulk-inserted in batches, so 75,000 cases take
minutes. Their case numbers start with ``F-`` (``PREFIX``), which is how the demo
recognises them again. Deterministic for a given seed and day, except the random
public ids.
"""

import datetime
import random
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from advies.models import Advies, AdviesVerzending
from casusoverleg.models import (
    Casus,
    Casustaak,
    CasusUitbuiting,
    Discipline,
    Organisatie,
    Sluiting,
    Sluitreden,
    User,
)
from casusoverleg.models.casus import add_years
from casusoverleg.permissions import coordinerende_organisaties
from identificatie.flows import IdentificatieFlow
from identificatie.models import (
    Beoordeling,
    IdentificatieProces,
    IndicatorLijst,
    Melding,
    Signaal,
)
from zorgtafel.models import Agendapunt, Zorgtafel

#: The case number prefix of every fictional case.
PREFIX = "F-"
BATCH = 2000
DAGEN = 730

EU = ["RO", "BG", "PL", "HU", "LT", "SK", "CZ", "PT"]
NIET_EU = ["NG", "ER", "VN", "UA", "BR", "CN", "MA", "SY", "IN", "UG"]
#: The fictional regions that coordinate background cases besides the demo's own.
REGIO_S = ("Noord", "Oost", "Zuid")
PLAATSEN = ["Voorbeeldstad", "Demodorp", "Verzonnenveen", "Havenkwartier", "Industrieterrein"]
SIGNALERENDE_DISCIPLINES = [
    Discipline.POLITIE,
    Discipline.KMAR,
    Discipline.INSPECTIE_SZW,
    Discipline.ZORG,
    Discipline.JEUGDZORG,
    Discipline.NIDOS,
    Discipline.ADVOCATUUR,
    Discipline.GEMEENTE,
    Discipline.SLACHTOFFERHULP,
    Discipline.COMENSHA,
]
TEKST = "Fictieve tekst voor de statistiek."


class GeenDemoError(ValueError):
    """The demo organisations, accounts or indicator list are missing."""


def fictieve_casussen_maken(aantal: int, *, tot: datetime.date | None = None, seed: int = 0) -> int:
    """Create ``aantal`` fictional background cases over the two years before
    ``tot`` (default today); return how many were made.

    Cases without participants, for the figures only (see the module docstring).
    Needs the demo organisations and accounts: raises ``GeenDemoError`` otherwise.
    """
    if aantal <= 0:
        return 0
    tot = tot or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311  # nosec B311: fictional data, not secrets
    bron = _Bron.laden()
    start = Casus.objects.filter(nummer__startswith=PREFIX).count()
    with transaction.atomic(), _eigen_tijdstempels():
        for begin in range(0, aantal, BATCH):
            nummers = range(start + begin + 1, start + min(begin + BATCH, aantal) + 1)
            _batch_maken(nummers, tot=tot, rng=rng, bron=bron)
    return aantal


class _Bron:
    """The demo rows the fictional data points at."""

    @classmethod
    def laden(cls) -> "_Bron":
        self = cls()
        leden = {}
        for user in User.objects.filter(is_active=True).order_by("pk"):
            leden.setdefault(user.organisatie_id, []).append(user)
        organisaties = list(Organisatie.objects.filter(actief=True).order_by("pk"))
        coordinerend = {o.pk for o in coordinerende_organisaties(Organisatie.objects.all())}
        self.coordinatie = []  # (organisation, coordinator, reviewer)
        for org in organisaties:
            coordinators = [u for u in leden.get(org.pk, []) if u.is_coordinator]
            if org.pk in coordinerend and coordinators:
                anderen = [u for u in leden[org.pk] if u != coordinators[0]]
                reviewer = next((u for u in anderen if u.is_reviewer), None) or (
                    anderen[0] if anderen else None
                )
                if reviewer is not None:
                    self.coordinatie.append((org, coordinators[0], reviewer))
        # Background regions, so the figures can be compared per coordinating
        # organisation: inactive organisations with inactive, password-less accounts
        # that only author the fictional cases' advices. Nobody logs in as them.
        for regio in REGIO_S:
            org, _ = Organisatie.objects.get_or_create(
                naam=f"Zorgcoördinatie regio {regio} (fictief)",
                defaults={"discipline": Discipline.GEMEENTE, "actief": False},
            )
            accounts = []
            for n, rol in ((1, "is_coordinator"), (2, "is_reviewer")):
                user = User.objects.filter(username=f"fictief-{regio.lower()}-{n}").first()
                if user is None:
                    user = User(
                        username=f"fictief-{regio.lower()}-{n}",
                        organisatie=org,
                        is_active=False,
                        **{rol: True},
                    )
                    user.set_unusable_password()
                    user.save()
                accounts.append(user)
            self.coordinatie.append((org, *accounts))
        self.signalerend = [
            (org, leden[org.pk][0])
            for org in organisaties
            if org.discipline in SIGNALERENDE_DISCIPLINES and org.pk in leden
        ]
        self.beoordelend = [
            (org, leden.get(org.pk, [None])[0])
            for org in organisaties
            if org.discipline in SIGNALERENDE_DISCIPLINES or org.discipline == Discipline.OM
        ]
        self.lijst = IndicatorLijst.objects.actueel()
        if not self.coordinatie or not self.signalerend or self.lijst is None:
            raise GeenDemoError(
                "Geen demo-organisaties, -accounts of indicatorenlijst: laad eerst de demo "
                "(manage.py demo)."
            )
        return self


@contextmanager
def _eigen_tijdstempels():
    """Let bulk_create keep the history's own ``created_at``/``updated_at``: their
    ``auto_now(_add)`` is switched off for the models written here, and back on."""
    modellen = [
        Casus,
        Signaal,
        Melding,
        Beoordeling,
        Zorgtafel,
        Agendapunt,
        Advies,
        AdviesVerzending,
        Sluiting,
        Casustaak,
    ]
    velden = [
        m._meta.get_field(naam)
        for m in modellen
        for naam in ("created_at", "updated_at")
        if any(f.name == naam for f in m._meta.fields)
    ]
    bewaard = [(f, f.auto_now, f.auto_now_add) for f in velden]
    for f in velden:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in bewaard:
            f.auto_now, f.auto_now_add = now, now_add


def _moment(dag: datetime.date, rng: random.Random) -> datetime.datetime:
    """A working-hours moment on ``dag``, in the current time zone."""
    tijd = datetime.time(rng.randint(8, 17), rng.randint(0, 59))
    return timezone.make_aware(datetime.datetime.combine(dag, tijd))


def _kies(rng: random.Random, gewogen: list[tuple]) -> object:
    waarden, gewichten = zip(*gewogen, strict=True)
    return rng.choices(waarden, weights=gewichten)[0]


def _batch_maken(nummers, *, tot, rng, bron) -> None:
    vandaag_eind = timezone.make_aware(datetime.datetime.combine(tot, datetime.time(18)))
    casussen, plannen = [], []
    for nummer in nummers:
        casus, plan = _casus_plannen(nummer, tot=tot, rng=rng, bron=bron)
        casussen.append(casus)
        plannen.append(plan)
    Casus.objects.bulk_create(casussen, batch_size=BATCH)
    for casus, plan in zip(casussen, plannen, strict=True):
        for obj in plan["rijen"]:
            obj.casus = casus
    for model in (CasusUitbuiting, Signaal, Melding):
        model.objects.bulk_create(
            [o for p in plannen for o in p["rijen"] if type(o) is model], batch_size=BATCH
        )
    # Signals that never became a case (~15%).
    Signaal.objects.bulk_create(
        [_los_signaal(tot=tot, rng=rng, bron=bron) for _ in range(len(casussen) * 15 // 100)],
        batch_size=BATCH,
    )
    _processen_maken(casussen, plannen, tot=tot, rng=rng, bron=bron, grens=vandaag_eind)
    Casus.objects.bulk_update(casussen, ["status", "bewaren_tot"], batch_size=BATCH)


def _casus_plannen(nummer, *, tot, rng, bron):
    """One case and the rows that hang on it (not yet saved)."""
    signaal_dag = tot - datetime.timedelta(days=int(rng.triangular(0, DAGEN, 0)))
    aangemaakt = _moment(min(tot, signaal_dag + datetime.timedelta(days=rng.randint(0, 60))), rng)
    org, coordinator, reviewer = rng.choice(bron.coordinatie)
    leeftijd = rng.randint(12, 17) if rng.random() < 0.2 else rng.randint(18, 58)
    geboortedatum = geschat = None
    bekend = rng.random()
    if bekend < 0.6:
        geboortedatum = add_years(signaal_dag, -leeftijd) - datetime.timedelta(
            days=rng.randint(1, 360)
        )
    elif bekend < 0.9:
        geschat = signaal_dag.year - leeftijd
    herkomst = rng.random()
    if herkomst < 0.30:
        nationaliteit = "NL"
    elif herkomst < 0.65:
        nationaliteit = rng.choice(EU)
    elif herkomst < 0.95:
        nationaliteit = rng.choice(NIET_EU)
    else:
        nationaliteit = ""
    geslacht = _kies(
        rng,
        [
            (Casus.Geslacht.VROUW, 55),
            (Casus.Geslacht.MAN, 38),
            (Casus.Geslacht.ANDERS, 2),
            (Casus.Geslacht.ONBEKEND, 5),
        ],
    )
    casus = Casus(
        nummer=f"{PREFIX}{nummer:07d}",
        status=Casus.Status.OPEN,
        coordinerende_organisatie=org,
        coordinator=coordinator,
        naam=f"Fictief {nummer:05d}",
        geboortedatum=geboortedatum,
        geschat_geboortejaar=geschat,
        geslacht=geslacht,
        nationaliteit=nationaliteit,
        datum_eerste_signaal=signaal_dag,
        created_at=aangemaakt,
        updated_at=aangemaakt,
    )
    vormen = []
    if rng.random() > 0.03:
        vormen.append(
            _kies(
                rng,
                [
                    ("seksueel", 40),
                    ("arbeid", 30),
                    ("crimineel", 15),
                    ("bedelarij", 5),
                    ("orgaanverwijdering", 1),
                    ("overig", 9),
                ],
            )
        )
        if rng.random() < 0.10:
            tweede = rng.choice(["seksueel", "arbeid", "crimineel", "bedelarij"])
            if tweede not in vormen:
                vormen.append(tweede)
    rijen = [CasusUitbuiting(vorm=v) for v in vormen]
    signaal_org, signaal_user = rng.choice(bron.signalerend)
    signalen = [(signaal_dag, signaal_org, signaal_user)]
    if rng.random() < 0.3:
        tweede_dag = signaal_dag + datetime.timedelta(
            days=rng.randint(0, (aangemaakt.date() - signaal_dag).days)
        )
        signalen.append((tweede_dag, *rng.choice(bron.signalerend)))
    for dag, s_org, s_user in signalen:
        moment = _moment(dag, rng)
        moment = min(moment, aangemaakt)
        rijen.append(
            Signaal(
                lijst=bron.lijst,
                waargenomen_op=dag,
                plaats=rng.choice(PLAATSEN),
                gemeld_door=s_user,
                organisatie=s_org,
                grondslag=_kies(rng, [("wettelijke_taak", 60), ("toestemming", 40)]),
                naam=casus.naam,
                geboortedatum=geboortedatum,
                geschatte_leeftijd=None if geboortedatum else (leeftijd if bekend < 0.9 else None),
                geslacht=geslacht,
                nationaliteit=nationaliteit,
                vorm=vormen[0] if vormen else "",
                status=Signaal.Status.GEKOPPELD,
                created_at=moment,
                updated_at=moment,
            )
        )
    rijen.append(_melding(casus, vormen, leeftijd, signaal_org, tot=tot, rng=rng))
    plan = {"rijen": rijen, "coordinator": coordinator, "reviewer": reviewer, "org": org}
    return casus, plan


def _melding(casus, vormen, leeftijd, signaal_org, *, tot, rng):
    aangemaakt = casus.created_at
    melding = Melding(
        status=Melding.Status.TE_MELDEN,
        vormen=vormen,
        herkomstland=casus.nationaliteit,
        leeftijd=leeftijd if casus.geboortedatum or casus.geschat_geboortejaar else None,
        geslacht=casus.geslacht,
        meldende_organisatie=signaal_org,
        datum_signaal=casus.datum_eerste_signaal,
        created_at=aangemaakt,
        updated_at=aangemaakt,
    )
    wacht = rng.randint(0, 14) if rng.random() < 0.85 else rng.randint(15, 90)
    gemeld_op = aangemaakt.date() + datetime.timedelta(days=wacht)
    if rng.random() < 0.05:
        melding.status = Melding.Status.NIET_GEMELD
        melding.reden_niet_gemeld = rng.choice(Melding.RedenNietGemeld.values)
        melding.toelichting_niet_gemeld = TEKST
        melding.gemeld_op = min(gemeld_op, tot)
        melding.gemeld_door = casus.coordinator
    elif gemeld_op <= tot:
        melding.status = Melding.Status.INGEDIEND
        melding.gemeld_op = gemeld_op
        melding.gemeld_door = casus.coordinator
        geregistreerd = gemeld_op + datetime.timedelta(days=rng.randint(0, 10))
        if geregistreerd <= tot:
            melding.status = Melding.Status.GEREGISTREERD
            melding.registratienummer = f"{casus.nummer}-REG"
            melding.geregistreerd_op = _moment(geregistreerd, rng)
    return melding


def _los_signaal(*, tot, rng, bron):
    dag = tot - datetime.timedelta(days=rng.randint(0, DAGEN))
    org, user = rng.choice(bron.signalerend)
    moment = _moment(dag, rng)
    afgesloten = dag < tot - datetime.timedelta(days=30) or rng.random() < 0.3
    return Signaal(
        lijst=bron.lijst,
        waargenomen_op=dag,
        plaats=rng.choice(PLAATSEN),
        gemeld_door=user,
        organisatie=org,
        grondslag=Signaal.Grondslag.ANONIEM,
        geschatte_leeftijd=rng.randint(14, 50),
        geslacht=rng.choice(Casus.Geslacht.values),
        vorm=rng.choice(["seksueel", "arbeid", "crimineel"]),
        status=Signaal.Status.AFGESLOTEN if afgesloten else Signaal.Status.NIEUW,
        reden_afsluiten=TEKST if afgesloten else "",
        afgehandeld_door=user if afgesloten else None,
        created_at=moment,
        updated_at=moment,
    )


def _processen_maken(casussen, plannen, *, tot, rng, bron, grens) -> None:
    """The identification process and all that follows it, per case."""
    processen, beoordelingen, agendapunten, adviezen, verzendingen = [], [], [], [], []
    sluitingen, casustaken = [], []
    zorgtafels = {}
    for casus, plan in zip(casussen, plannen, strict=True):
        laatste = casus.created_at
        proces = None
        if rng.random() < 0.8:
            start = casus.created_at + datetime.timedelta(days=rng.randint(1, 6), hours=1)
            if start.date() <= tot:
                proces = _proces(casus, plan, start, tot=tot, rng=rng, bron=bron)
                processen.append(proces)
                beoordelingen += proces.fictief_beoordelingen
                laatste = proces.ronde_gesloten_op or start
                casus.status = Casus.Status.IN_BEHANDELING
        agendapunt = advies = None
        if proces and proces.ronde_gesloten_op and rng.random() < 0.95:
            gewenst = proces.ronde_gesloten_op.date() + datetime.timedelta(days=rng.randint(2, 28))
            dinsdag = gewenst + datetime.timedelta(days=(1 - gewenst.weekday()) % 7)
            if dinsdag <= tot:
                sleutel = (plan["org"].pk, dinsdag)
                if sleutel not in zorgtafels:
                    begint = timezone.make_aware(
                        datetime.datetime.combine(dinsdag, datetime.time(10))
                    )
                    zorgtafels[sleutel] = Zorgtafel(
                        type=Zorgtafel.Type.IDENTIFICATIE,
                        begint_op=begint,
                        duur_minuten=120,
                        plaats="Fictief overleg",
                        voorzitter=plan["coordinator"],
                        aangemaakt_door=plan["coordinator"],
                        status=Zorgtafel.Status.GESLOTEN
                        if begint + datetime.timedelta(hours=2) <= grens
                        else Zorgtafel.Status.GEPLAND,
                        gesloten_op=begint + datetime.timedelta(hours=2)
                        if begint + datetime.timedelta(hours=2) <= grens
                        else None,
                        created_at=min(begint, proces.ronde_gesloten_op),
                        updated_at=begint,
                    )
                zt = zorgtafels[sleutel]
                agendapunt = Agendapunt(
                    zorgtafel=zt,
                    casus=casus,
                    volgorde=0,
                    created_at=zt.created_at,
                    updated_at=zt.begint_op,
                )
                if zt.status == Zorgtafel.Status.GESLOTEN:
                    agendapunt.uitkomst = _kies(
                        rng,
                        [
                            ("advies_opstellen", 85),
                            ("vervolg", 8),
                            ("aanhouden", 5),
                            ("afgerond", 2),
                        ],
                    )
                    agendapunt.besluit = TEKST
                    agendapunt.besluit_door = plan["coordinator"]
                    agendapunt.besluit_op = zt.begint_op + datetime.timedelta(minutes=30)
                    laatste = agendapunt.besluit_op
                agendapunten.append(agendapunt)
        if agendapunt and agendapunt.uitkomst == "advies_opstellen" and rng.random() < 0.95:
            vastgesteld = agendapunt.besluit_op + datetime.timedelta(
                days=rng.randint(2, 21), hours=rng.randint(0, 4)
            )
            if vastgesteld <= grens:
                advies = _advies(casus, plan, proces, vastgesteld, rng=rng)
                adviezen.append(advies)
                laatste = vastgesteld
                casus.status = Casus.Status.ADVIES_GEGEVEN
                proces.status, proces.finished = "DONE", vastgesteld
                verzonden = vastgesteld.date() + datetime.timedelta(days=rng.randint(0, 20))
                if verzonden <= tot and rng.random() < 0.9:
                    verzendingen.append(
                        AdviesVerzending(
                            advies=advies,
                            geadresseerde=advies.geadresseerde,
                            verzonden_op=verzonden,
                            kanaal=rng.choice(["beveiligde_email", "beveiligd_platform", "post"]),
                            door=plan["coordinator"],
                            created_at=_moment(verzonden, rng).replace(hour=17),
                            updated_at=_moment(verzonden, rng).replace(hour=17),
                        )
                    )
                    laatste = max(laatste, verzendingen[-1].created_at)
        sluit_kans = 0.55 if advies else 0.12
        sluit_op = laatste + datetime.timedelta(days=rng.randint(5, 60))
        if rng.random() < sluit_kans and sluit_op <= grens:
            reden = (
                Sluitreden.ADVIES_OPGEVOLGD
                if advies
                else rng.choice(
                    [Sluitreden.GEEN_SLACHTOFFER, Sluitreden.VERTROKKEN, Sluitreden.OVERGEDRAGEN]
                )
            )
            bewaren = add_years(sluit_op.date(), settings.BEWAARTERMIJN_JAREN)
            sluitingen.append(
                Sluiting(
                    casus=casus,
                    soort=Sluiting.Soort.GESLOTEN,
                    reden=reden,
                    vorige_status=casus.status,
                    bewaren_tot=bewaren,
                    door=plan["coordinator"],
                    op=sluit_op,
                    created_at=sluit_op,
                    updated_at=sluit_op,
                )
            )
            casus.status, casus.bewaren_tot = Casus.Status.GESLOTEN, bewaren
            if proces and proces.status == "NEW":
                proces.status, proces.finished = "CANCELED", sluit_op
        elif proces and proces.status == "NEW" and rng.random() < 0.08:
            # Work overdue now: the coordinator still has to decide on the round.
            casustaken.append(
                Casustaak(
                    casus=casus,
                    soort=IdentificatieProces.ESCALATIESOORT,
                    sleutel=proces.public_id,
                    organisatie=plan["org"],
                    deadline=tot - datetime.timedelta(days=rng.randint(1, 20)),
                    toelichting=TEKST,
                    created_at=laatste,
                    updated_at=laatste,
                )
            )
    _processen_opslaan(processen)
    for b in beoordelingen:
        b.proces = b.proces  # the parent's pk is known now
    Beoordeling.objects.bulk_create(beoordelingen, batch_size=BATCH)
    Zorgtafel.objects.bulk_create(list(zorgtafels.values()), batch_size=BATCH)
    for a in agendapunten:
        a.zorgtafel = a.zorgtafel
    Agendapunt.objects.bulk_create(agendapunten, batch_size=BATCH)
    for a in adviezen:
        a.proces = a.proces
    Advies.objects.bulk_create(adviezen, batch_size=BATCH)
    for v in verzendingen:
        v.advies = v.advies
    AdviesVerzending.objects.bulk_create(verzendingen, batch_size=BATCH)
    Sluiting.objects.bulk_create(sluitingen, batch_size=BATCH)
    Casustaak.objects.bulk_create(casustaken, batch_size=BATCH)


def _proces(casus, plan, start, *, tot, rng, bron) -> IdentificatieProces:
    deadline = start.date() + datetime.timedelta(days=rng.randint(14, 21))
    proces = IdentificatieProces(
        flow_class=IdentificatieFlow,
        status="NEW",
        created=start,
        casus=casus,
        gestart_door=plan["coordinator"],
        indicatorlijst=bron.lijst,
        deadline=deadline,
    )
    gekozen = rng.sample(bron.beoordelend, k=min(len(bron.beoordelend), rng.randint(3, 5)))
    proces.fictief_beoordelingen = []
    laatst_ingediend = start
    for org, user in gekozen:
        kans = rng.random()
        if kans < 0.72:
            ingediend = start + datetime.timedelta(
                days=rng.randint(1, (deadline - start.date()).days), hours=rng.randint(0, 5)
            )
        elif kans < 0.92:
            ingediend = _moment(deadline + datetime.timedelta(days=rng.randint(1, 14)), rng)
        else:
            ingediend = None
        if ingediend and ingediend.date() > tot:
            ingediend = None
        laatst_ingediend = max(laatst_ingediend, ingediend or start)
        oordeel = _kies(rng, [("duidelijk", 40), ("enige", 35), ("geen", 15), ("kan_niet", 10)])
        proces.fictief_beoordelingen.append(
            Beoordeling(
                proces=proces,
                organisatie=org,
                oordeel=oordeel,
                feiten=TEKST,
                professioneel_oordeel=TEKST,
                onderbouwing=TEKST,
                ingediend_op=ingediend,
                ingediend_door=user if ingediend else None,
                te_laat=bool(ingediend and ingediend.date() > deadline),
                created_at=start,
                updated_at=ingediend or start,
            )
        )
    ingediend_alle = all(b.ingediend_op for b in proces.fictief_beoordelingen)
    gesloten = (
        laatst_ingediend if ingediend_alle else _moment(deadline + datetime.timedelta(days=1), rng)
    )
    if gesloten.date() <= tot:
        proces.ronde_gesloten_op = gesloten
        proces.ronde_gesloten_wegens = (
            IdentificatieProces.Sluitwijze.COMPLEET
            if ingediend_alle
            else IdentificatieProces.Sluitwijze.DEADLINE
        )
    return proces


def _advies(casus, plan, proces, vastgesteld, *, rng) -> Advies:
    return Advies(
        casus=casus,
        proces=proces,
        versie=1,
        status=Advies.Status.VASTGESTELD,
        doel=TEKST,
        geadresseerde=_kies(
            rng, [("ind", 35), ("om", 25), ("zorgaanbieder", 20), ("gemeente", 15), ("anders", 5)]
        ),
        vraag=TEKST,
        moment_datum=vastgesteld.date(),
        moment_fase=rng.choice(["bedenktijd", "aangifte", "B8-aanvraag"]),
        conclusie=_kies(
            rng,
            [("aannemelijk", 45), ("aanwijzingen", 30), ("onvoldoende", 18), ("geen_oordeel", 7)],
        ),
        onderbouwing=TEKST,
        opgesteld_door=plan["coordinator"],
        beoordeeld_door=plan["reviewer"],
        vastgesteld_op=vastgesteld,
        created_at=vastgesteld - datetime.timedelta(days=rng.randint(1, 5)),
        updated_at=vastgesteld,
    )


def _processen_opslaan(processen) -> None:
    """Insert the processes: viewflow's ``Process`` rows in bulk, then the
    ``IdentificatieProces`` rows by hand, since bulk_create refuses a model with
    multi-table inheritance."""
    if not processen:
        return
    ouders = IdentificatieProces._meta.get_field("process_ptr").related_model
    rijen = ouders.objects.bulk_create(
        [
            ouders(flow_class=p.flow_class, status=p.status, created=p.created, finished=p.finished)
            for p in processen
        ],
        batch_size=BATCH,
    )
    for proces, rij in zip(processen, rijen, strict=True):
        proces.pk = proces.process_ptr_id = rij.pk
    velden = IdentificatieProces._meta.local_concrete_fields
    qn = connection.ops.quote_name
    # Only quoted names from the model go into the text; the values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  # nosec B608
        qn(IdentificatieProces._meta.db_table),
        ", ".join(qn(f.column) for f in velden),
        ", ".join(["%s"] * len(velden)),
    )
    waarden = [
        [f.get_db_prep_save(f.pre_save(p, True), connection) for f in velden] for p in processen
    ]
    with connection.cursor() as cursor:
        for begin in range(0, len(waarden), BATCH):
            cursor.executemany(sql, waarden[begin : begin + BATCH])
