"""Need to know: the one place that decides who may see or do what.

An organisation sees a case only while it takes part in it (``Deelname``); a
lawyer only the cases of their own clients. Object permissions live in
guardian's direct-foreign-key tables and are granted and revoked only by
``casusoverleg.services``. Every case-scoped view, form, download, search,
task, template tag and websocket asks this module; "no access" and "does not
exist" give the same 404, and every refusal is audited.

The rules about the other apps' models (meetings, signals, reports, assessments,
advice drafts) live here too; they take the queryset or object they judge, since
the core never imports the apps built on it.
"""

from .beheer import account_change_refusal, may_administer_users, may_read_audit_report
from .casussen import (
    CHANGE,
    COORDINATE,
    ROL_PERMISSIONS,
    VIEW,
    casus_for_user,
    casus_view,
    casuscoordinatoren,
    casussen_for_user,
    coordinerende_organisaties,
    deelname_advocaten,
    deelname_organisaties,
    deelname_refusal,
    may_access_cases,
    may_be_casuscoordinator,
    may_change_coordinator,
    may_coordinate,
    may_coordinate_as,
    may_coordinate_cases,
    may_keep_concept,
    object_or_404,
    perms_for,
    user_can,
)
from .meldingen import gebruikersmeldingen_for_user, may_receive_melding
from .signalen import (
    beoordelingen_for_user,
    may_handle_signaal,
    may_read_advies,
    may_read_meldingen,
    may_record_signals,
    may_see_withheld,
    may_share_signaal,
    meldingen_for_user,
    signalen_for_user,
)
from .taken import may_review, taken_for_user, taken_zonder_eigen_werk, task_refusal
from .zorgtafels import (
    may_act_on_item,
    may_chair,
    may_confirm_confidentiality,
    may_enter_room,
    may_lead,
    may_plan_meetings,
    voorzitters_for_user,
    zichtbare_casus_ids,
    zorgtafel_lezers,
    zorgtafel_view,
    zorgtafels_for_user,
)

__all__ = [
    "gebruikersmeldingen_for_user",
    "may_receive_melding",
    "may_review",
    "task_refusal",
    "taken_for_user",
    "taken_zonder_eigen_werk",
    "account_change_refusal",
    "may_administer_users",
    "may_read_audit_report",
    "CHANGE",
    "COORDINATE",
    "ROL_PERMISSIONS",
    "VIEW",
    "beoordelingen_for_user",
    "casus_for_user",
    "casus_view",
    "casuscoordinatoren",
    "casussen_for_user",
    "coordinerende_organisaties",
    "deelname_advocaten",
    "deelname_organisaties",
    "deelname_refusal",
    "may_access_cases",
    "may_act_on_item",
    "may_be_casuscoordinator",
    "may_change_coordinator",
    "may_chair",
    "may_confirm_confidentiality",
    "may_coordinate",
    "may_coordinate_as",
    "may_coordinate_cases",
    "may_enter_room",
    "may_keep_concept",
    "may_handle_signaal",
    "may_lead",
    "may_plan_meetings",
    "may_read_advies",
    "may_read_meldingen",
    "may_record_signals",
    "may_see_withheld",
    "may_share_signaal",
    "meldingen_for_user",
    "object_or_404",
    "perms_for",
    "signalen_for_user",
    "user_can",
    "voorzitters_for_user",
    "zichtbare_casus_ids",
    "zorgtafel_lezers",
    "zorgtafel_view",
    "zorgtafels_for_user",
]
