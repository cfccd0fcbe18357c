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
from .mfa import CodeForm, MfaResetForm, TotpBevestigForm

__all__ = [
    "CodeForm",
    "MfaResetForm",
    "TotpBevestigForm",
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
