"""Fixtures shared by the live room's tests."""

import pytest

from tests.factories import make_casus
from tests.zorgtafel.zorgtafel_helpers import bevestig, plan, start


@pytest.fixture
def meeting(coordinator, politie, zorg):
    """Item 1: a case of politie and zorg; item 2: a case of zorg only. Running."""
    een = make_casus(
        coordinator, naam="Eerste Persoon", deelnemers=[politie.organisatie, zorg.organisatie]
    )
    twee = make_casus(coordinator, naam="Tweede Persoon", deelnemers=[zorg.organisatie])
    zorgtafel = plan(coordinator, [een, twee])
    bevestig(zorgtafel, coordinator, politie, zorg)
    zorgtafel = start(zorgtafel, coordinator)
    punten = list(zorgtafel.agendapunten.order_by("volgorde"))
    return zorgtafel, een, twee, punten
