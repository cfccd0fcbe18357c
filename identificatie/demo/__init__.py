"""Fictional demo data of identification: signals, reports to CoMensha,
identification processes and their assessments.

``manage.py demo`` calls ``load()`` after the core's demo data (organisations,
accounts and cases), which this finds again through ``casusoverleg.demo``.
"""

from casusoverleg.demo import demo_organisaties, demo_users
from identificatie.demo.bedenktijden import bedenktijden_create
from identificatie.demo.meldingen import meldingen_update
from identificatie.demo.processen import processen_create
from identificatie.demo.signalen import SIGNALEN, signalen_create

__all__ = ["load"]


def load() -> list[str]:
    """Load the signals, reports and processes; return the lines to report."""
    organisaties, users = demo_organisaties(), demo_users()
    signalen = signalen_create(organisaties=organisaties, users=users)
    meldingen = meldingen_update(organisaties=organisaties, users=users)
    processen = processen_create(organisaties=organisaties, users=users)
    bedenktijden = bedenktijden_create(organisaties=organisaties, users=users)
    return [
        f"{signalen} signalen vastgelegd, {len(SIGNALEN) - signalen} bestonden al; "
        f"{meldingen} meldingen aan CoMensha bijgewerkt.",
        f"{processen} identificatieprocessen gestart; {bedenktijden} bedenktijden vastgelegd.",
    ]
