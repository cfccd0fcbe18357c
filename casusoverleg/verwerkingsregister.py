"""The processing register (GDPR art. 30): which personal data, for what purpose,
on what legal basis, how long, and who receives it.

Each entry names its models by label (the core imports no app built on it); the
fields are read from the models themselves and the retention from the settings,
so ``docs/privacy.md``, which ``manage.py verwerkingsregister`` writes from this,
stays true: a test fails when the file and the code differ. The purposes, bases
and recipients are the application's proposal; the organisations' data
protection officers settle them in the pilot's covenant.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings

#: Columns that identify or order a row, not a person.
TECHNISCH = {
    "id",
    "public_id",
    "created_at",
    "updated_at",
    "volgnummer",
    "vorige_hash",
    "hash",
    "sha256",
    # viewflow's own bookkeeping of a process and its tasks
    "flow_class",
    "data",
    "parent_task",
    "seed_content_type",
    "seed_object_id",
    "artifact_content_type",
    "artifact_object_id",
    "process_ptr",
    "task",
    "created",
    "finished",
}


@dataclass(frozen=True)
class Verwerking:
    naam: str
    modellen: tuple[str, ...]
    doel: str
    grondslag: str
    bewaren: str
    ontvangers: str
    #: Fields of special-category or criminal data (GDPR art. 9 and 10), by name.
    bijzonder: frozenset[str] = field(default_factory=frozenset)


def _jaren(n: int) -> str:
    return f"{n} jaar"


def verwerkingen() -> list[Verwerking]:
    casus = _jaren(settings.BEWAARTERMIJN_JAREN)
    na_sluiten = f"{casus} na het sluiten van de casus (`BEWAARTERMIJN_JAREN`)"
    return [
        Verwerking(
            "Casusdossier",
            (
                "casusoverleg.Casus",
                "casusoverleg.CasusUitbuiting",
                "casusoverleg.Behoefte",
                "casusoverleg.Wijziging",
                "casusoverleg.Sluiting",
                "casusoverleg.Termijn",
                "casusoverleg.Deelname",
                "casusoverleg.Casustaak",
                "casusoverleg.Koppelverzoek",
                "casusoverleg.Persoonssleutel",
            ),
            "Een mogelijk slachtoffer van mensenhandel identificeren en de hulp afstemmen "
            "(National Referral Mechanism).",
            "AVG art. 6 lid 1 sub e (taak van algemeen belang); art. 9 lid 2 sub g en h "
            "met de UAVG voor gezondheidsgegevens; art. 10 AVG met UAVG art. 33 voor "
            "gegevens over strafbare feiten.",
            na_sluiten,
            "Alleen de organisaties die aan de casus deelnemen, zolang zij deelnemen; de "
            "advocaat van de persoon zelf.",
            frozenset({"vorm", "type", "toelichting", "reden_niet_mogelijk"}),
        ),
        Verwerking(
            "Signalen en melding aan CoMensha",
            ("identificatie.Signaal", "identificatie.Melding", "identificatie.Bedenktijd"),
            "Signalen van mensenhandel vastleggen en melden bij CoMensha (landelijke registratie).",
            "AVG art. 6 lid 1 sub e; art. 10 AVG met UAVG art. 33.",
            f"Met een casus: {na_sluiten}. Zonder casus: "
            f"{_jaren(settings.SIGNAAL_BEWAARTERMIJN_JAREN)} na het signaal "
            "(`SIGNAAL_BEWAARTERMIJN_JAREN`).",
            "De organisatie die het signaal vastlegde; CoMensha voor de melding; de "
            "deelnemers van de casus waaraan het signaal is gekoppeld.",
            frozenset({"observatie", "vorm", "vormen"}),
        ),
        Verwerking(
            "Beoordelingen en identificatieproces",
            (
                "identificatie.IdentificatieProces",
                "identificatie.Taak",
                "identificatie.Beoordeling",
                "identificatie.BeoordelingAddendum",
            ),
            "Elke deelnemende discipline beoordeelt vanuit haar eigen deskundigheid.",
            "AVG art. 6 lid 1 sub e; art. 9 lid 2 sub h en art. 10 met de UAVG.",
            na_sluiten,
            "De deelnemers van de casus; achtergehouden informatie alleen de eigen organisatie.",
            frozenset(
                {
                    "feiten",
                    "professioneel_oordeel",
                    "onderbouwing",
                    "strafzaak_toelichting",
                    "tekst",
                }
            ),
        ),
        Verwerking(
            "Multidisciplinair advies",
            (
                "advies.Advies",
                "advies.AdviesPdf",
                "advies.AdviesStandpunt",
                "advies.AdviesAftekening",
                "advies.AdviesVerzending",
                "advies.AdviesBesluit",
                "advies.CorrectieProces",
            ),
            "Het gezamenlijke advies over slachtofferschap, vastgesteld met vier ogen.",
            "AVG art. 6 lid 1 sub e; art. 9 lid 2 sub g en art. 10 met de UAVG.",
            na_sluiten,
            "De deelnemers van de casus; de geadresseerde van het advies (bijvoorbeeld "
            "de IND) via de coördinator.",
            frozenset({"onderbouwing", "conclusie"}),
        ),
        Verwerking(
            "Zorgtafels",
            (
                "zorgtafel.Zorgtafel",
                "zorgtafel.Agendapunt",
                "zorgtafel.Uitnodiging",
                "zorgtafel.Notule",
                "zorgtafel.Actiepunt",
                "zorgtafel.ActiepuntVoortgang",
            ),
            "Casussen bespreken, besluiten en acties vastleggen en opvolgen.",
            "AVG art. 6 lid 1 sub e; art. 9 lid 2 sub h met de UAVG.",
            na_sluiten,
            "Per agendapunt alleen wie aan die casus deelneemt; de voorzitter.",
            frozenset({"tekst"}),
        ),
        Verwerking(
            "Doorverwijzingen",
            ("wegwijzer.Doorverwijzing",),
            "Een warme doorverwijzing naar hulp, die pas toegang geeft na aanvaarding.",
            "AVG art. 6 lid 1 sub e.",
            na_sluiten,
            "De ontvangende organisatie ziet alleen het casusnummer, de behoefte, de "
            "afgeleide categorieën en de motivatie, tot zij aanvaardt.",
            frozenset({"motivatie"}),
        ),
        Verwerking(
            "Concepten",
            ("casusoverleg.Concept",),
            "Een lang formulier bewaren terwijl de professional eraan werkt.",
            "AVG art. 6 lid 1 sub e, als het formulier waarvan het een concept is.",
            f"{settings.CONCEPT_BEWAARDAGEN} dagen na de laatste keer opslaan "
            "(`CONCEPT_BEWAARDAGEN`), en weg zodra het formulier is verstuurd.",
            "Alleen de professional die het schreef.",
            frozenset({"gegevens"}),
        ),
        Verwerking(
            "Professionals (gebruikers)",
            ("casusoverleg.User", "casusoverleg.MeldingVoorkeur", "casusoverleg.Melding"),
            "Toegang tot de applicatie, taken en meldingen.",
            "AVG art. 6 lid 1 sub b en e (uitvoering van het werk bij de deelnemende organisatie).",
            "Zolang het account bestaat; meldingen zolang de casus waarover zij gaan.",
            "Functioneel beheer; collega's in een casus zien naam en organisatie.",
        ),
        Verwerking(
            "Audittrail",
            ("casusoverleg.AuditEvent",),
            "Verantwoording: wie wanneer welke gegevens inzag of wijzigde, met welk doel "
            "(NEN 7513).",
            "AVG art. 6 lid 1 sub c en art. 32 (beveiliging); NEN 7513.",
            f"{_jaren(settings.AUDIT_BEWAARTERMIJN_JAREN)} na elke regel "
            "(`AUDIT_BEWAARTERMIJN_JAREN`, ten minste 5).",
            "De coördinator (per casus), functioneel beheer en organisatiebeheerders "
            "(zonder casusinhoud).",
        ),
    ]


def velden(label: str, bijzonder: frozenset[str]) -> list[str]:
    model = apps.get_model(label)
    uit = []
    for f in model._meta.concrete_fields:
        if f.name in TECHNISCH or f.primary_key:
            continue
        naam = str(f.verbose_name)
        uit.append(f"{naam} (bijzonder)" if f.name in bijzonder else naam)
    return uit


def markdown() -> str:
    regels = [
        "# Verwerkingsregister",
        "",
        "Gemaakt door `manage.py verwerkingsregister` uit `casusoverleg/verwerkingsregister.py`,",
        "de modellen en de instellingen; een test faalt als dit bestand en de code verschillen.",
        "Doelen, grondslagen en ontvangers zijn het voorstel van de applicatie; de",
        "functionarissen gegevensbescherming van de deelnemende organisaties stellen ze vast",
        'in het convenant van de pilot. "(bijzonder)": bijzondere of strafrechtelijke',
        "persoonsgegevens (AVG art. 9 en 10).",
        "",
    ]
    for v in verwerkingen():
        regels += [
            f"## {v.naam}",
            "",
            f"- **Doel**: {v.doel}",
            f"- **Grondslag**: {v.grondslag}",
            f"- **Bewaartermijn**: {v.bewaren}",
            f"- **Ontvangers**: {v.ontvangers}",
            "- **Gegevens**:",
        ]
        for label in v.modellen:
            model = apps.get_model(label)
            regels.append(
                f"  - {str(model._meta.verbose_name).capitalize()} (`{label}`): "
                + ", ".join(velden(label, v.bijzonder))
            )
        regels.append("")
    return "\n".join(regels)
