from .audit import AppendOnlyError, AuditEvent
from .beheer import WachtwoordReset
from .casus import (
    Behoefte,
    Casus,
    CasusGroupObjectPermission,
    CasusUitbuiting,
    CasusUserObjectPermission,
    Deelname,
    Uitbuitingsvorm,
    Volgnummer,
    Wijziging,
)
from .organisaties import (
    DISCIPLINES_WITHOUT_CASE_ACCESS,
    Discipline,
    Organisatie,
    TimeStampedModel,
    User,
)
from .zorgtafel import (
    Actiepunt,
    Agendapunt,
    Herinnering,
    Notule,
    Uitnodiging,
    Zorgtafel,
)

__all__ = [
    "Actiepunt",
    "Agendapunt",
    "Herinnering",
    "Notule",
    "Uitnodiging",
    "Zorgtafel",
    "AppendOnlyError",
    "DISCIPLINES_WITHOUT_CASE_ACCESS",
    "AuditEvent",
    "Behoefte",
    "Casus",
    "CasusGroupObjectPermission",
    "CasusUitbuiting",
    "CasusUserObjectPermission",
    "Deelname",
    "Discipline",
    "Organisatie",
    "TimeStampedModel",
    "User",
    "Uitbuitingsvorm",
    "Volgnummer",
    "Wijziging",
    "WachtwoordReset",
]
