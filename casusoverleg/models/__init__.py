from .audit import AppendOnlyError, AuditEvent
from .beheer import WachtwoordReset
from .casus import (
    Behoefte,
    Casus,
    CasusUitbuiting,
    Gemeente,
    Uitbuitingsvorm,
    Volgnummer,
    Wijziging,
    new_public_id,
)
from .concepten import Concept
from .deelname import CasusGroupObjectPermission, CasusUserObjectPermission, Deelname
from .herinneringen import Herinnering
from .koppelingen import Koppelverzoek, Persoonssleutel
from .meldingen import Frequentie, Melding, Meldingsoort, MeldingVoorkeur
from .mfa import Herstelcode, HerstelcodeApparaat
from .organisaties import (
    DISCIPLINES_WITHOUT_CASE_ACCESS,
    Discipline,
    Organisatie,
    TimeStampedModel,
    User,
)
from .sluiting import Sluiting, Sluitreden
from .termijnen import Casustaak, Termijn
from .toegangsreview import Toegangsreview

__all__ = [
    "Casustaak",
    "Termijn",
    "Concept",
    "Frequentie",
    "Melding",
    "Meldingsoort",
    "MeldingVoorkeur",
    "Herinnering",
    "Koppelverzoek",
    "Persoonssleutel",
    "Herstelcode",
    "HerstelcodeApparaat",
    "AppendOnlyError",
    "DISCIPLINES_WITHOUT_CASE_ACCESS",
    "AuditEvent",
    "Behoefte",
    "Casus",
    "new_public_id",
    "CasusGroupObjectPermission",
    "CasusUitbuiting",
    "CasusUserObjectPermission",
    "Deelname",
    "Gemeente",
    "Discipline",
    "Organisatie",
    "TimeStampedModel",
    "User",
    "Uitbuitingsvorm",
    "Volgnummer",
    "Wijziging",
    "Sluiting",
    "Sluitreden",
    "WachtwoordReset",
    "Toegangsreview",
]
