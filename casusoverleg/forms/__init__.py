from .beheer import (
    GebruikerChangeForm,
    GebruikerCreationForm,
    OrganisatiebeheerForm,
    OrganisatieWijzigenForm,
    RollenForm,
    WachtwoordResetForm,
)
from .casus import (
    AccessibleFormRenderer,
    AuditOrganisatieForm,
    AuditRapportForm,
    AuditSignalenForm,
    BehoefteForm,
    CasusEditForm,
    CasusFilterForm,
    CasusForm,
    CoordinatorForm,
    DateInput,
    DeelnameForm,
    MinderjarigheidForm,
)
from .koppelingen import KoppelverzoekAntwoordForm
from .meldingen import MeldingVoorkeurenForm
from .mfa import CodeForm, MfaResetForm, TotpBevestigForm
from .sluiten import CasusHeropenenForm, CasusSluitenForm
from .velden import (
    GEEN,
    KIES,
    ChoicesWithoutGuessingMixin,
    ModelKeuzesField,
    choices_without_guessing,
    field_without_guessing,
)

__all__ = [
    "CasusHeropenenForm",
    "CasusSluitenForm",
    "MinderjarigheidForm",
    "KoppelverzoekAntwoordForm",
    "MeldingVoorkeurenForm",
    "CodeForm",
    "MfaResetForm",
    "TotpBevestigForm",
    "ModelKeuzesField",
    "GEEN",
    "KIES",
    "ChoicesWithoutGuessingMixin",
    "choices_without_guessing",
    "field_without_guessing",
    "GebruikerChangeForm",
    "GebruikerCreationForm",
    "OrganisatiebeheerForm",
    "OrganisatieWijzigenForm",
    "RollenForm",
    "WachtwoordResetForm",
    "AccessibleFormRenderer",
    "AuditOrganisatieForm",
    "AuditRapportForm",
    "AuditSignalenForm",
    "BehoefteForm",
    "CasusEditForm",
    "CasusFilterForm",
    "CasusForm",
    "CoordinatorForm",
    "DateInput",
    "DeelnameForm",
]
