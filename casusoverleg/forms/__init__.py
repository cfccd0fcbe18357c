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
from .velden import ModelKeuzesField

__all__ = [
    "CodeForm",
    "MfaResetForm",
    "TotpBevestigForm",
    "ModelKeuzesField",
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
