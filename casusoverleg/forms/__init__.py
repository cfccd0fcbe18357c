from .beheer import (
    GebruikerChangeForm,
    GebruikerCreationForm,
    OrganisatieWijzigenForm,
    RollenForm,
    WachtwoordResetForm,
)
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
    "GebruikerChangeForm",
    "GebruikerCreationForm",
    "OrganisatieWijzigenForm",
    "RollenForm",
    "WachtwoordResetForm",
    "AccessibleFormRenderer",
    "AuditRapportForm",
    "BehoefteForm",
    "CasusEditForm",
    "CasusFilterForm",
    "CasusForm",
    "DateInput",
    "DeelnameForm",
]
