"""Offers and organisation administrators for the wegwijzer's tests.

``zorg`` keeps the offers of Zorgcentrum De Vuurtoren, ``buitenstaander`` those of
Zorginstelling Elders: each an organisation administrator of their own
organisation, granted by the system through the one service that grants it.
"""

import pytest

from casusoverleg.audit import AuditContext
from casusoverleg.services import gebruiker_organisatiebeheerder_change
from wegwijzer import services
from wegwijzer.models import DOELGROEP_FIELDS, Aanbod, Hulpsoort, Regeling, Regio


def aanbod_data(**overrides) -> dict:
    data = {
        "titel": "Beschermde opvang",
        "soort": Hulpsoort.OPVANG,
        "omschrijving": "Opvang met begeleiding.",
        "regio": Regio.UTRECHT,
        "capaciteit": "",
        "verwijzen": "Bellen.",
        "contact": "Telefoon 030-0000000",
        **{f: Aanbod._meta.get_field(f).get_default() for f in DOELGROEP_FIELDS},
    }
    return {**data, **overrides}


def make_aanbod(organisatie, **overrides) -> Aanbod:
    return services.aanbod_create(
        ctx=AuditContext.system(), organisatie=organisatie, data=aanbod_data(**overrides)
    )


def make_regeling(**overrides) -> Regeling:
    regeling = Regeling(
        **{
            "naam": "Schadefonds Geweldsmisdrijven",
            "soort": Hulpsoort.INKOMEN,
            "omschrijving": "Een eenmalige uitkering bij ernstig letsel.",
            "voorwaarden": "Slachtoffers met ernstig letsel.",
            "aanvragen": "Bij het Schadefonds.",
            **overrides,
        }
    )
    regeling.full_clean()
    regeling.save()
    return regeling


def organisatiebeheerder(user):
    return gebruiker_organisatiebeheerder_change(
        ctx=AuditContext.system(), gebruiker=user, is_organisatiebeheerder=True
    )


@pytest.fixture
def zorgbeheerder(zorg):
    return organisatiebeheerder(zorg)


@pytest.fixture
def anderebeheerder(buitenstaander):
    return organisatiebeheerder(buitenstaander)


@pytest.fixture
def opvang(zorg):
    return make_aanbod(
        zorg.organisatie,
        titel="Opvanghuis De Haven",
        omschrijving="Wij hebben opvangplekken voor slachtoffer en kind.",
        capaciteit="2 vrije plekken",
    )
