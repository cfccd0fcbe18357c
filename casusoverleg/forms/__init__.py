from .casus import (
    AccessibleFormRenderer,
    AuditRapportForm,
    BehoefteForm,
    CasusEditForm,
    CasusFilterForm,
    CasusForm,
    DateInput,
    DeelnameForm,
)

__all__ = [
    "AccessibleFormRenderer",
    "AuditRapportForm",
    "BehoefteForm",
    "CasusEditForm",
    "CasusFilterForm",
    "CasusForm",
    "DateInput",
    "DeelnameForm",
]
