"""One way to show each kind of data (issue 12, point 5), on pages, in PDFs, mails
and CSV files alike: dates, date-times, choices, statuses, people and audit events.

Templates reach these through ``{% load weergave %}`` (``templatetags/weergave.py``);
Python code calls them directly. Every function works in the active language.
"""

import datetime
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from .models.casus import Uitbuitingsvorm

#: What is shown for a value that is not there.
LEEG = "—"

#: The one date format: "30 november 2026" (English: "30 November 2026").
DATUM = "j F Y"
TIJD = "H:i"


def datum(value, default: str = LEEG) -> str:
    """A date (or the local date of a date-time): "30 november 2026"."""
    if value in (None, ""):
        return default
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(value, DATUM)


def datumtijd(value, default: str = LEEG) -> str:
    """A moment in Amsterdam time: "30 november 2026, 14:05"."""
    if value in (None, ""):
        return default
    if not isinstance(value, datetime.datetime):
        return datum(value, default)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{formats.date_format(value, DATUM)}, {formats.time_format(value, TIJD)}"


def tijd(value, default: str = LEEG) -> str:
    """The time of day in Amsterdam time, where the date is already shown: "14:05"."""
    if value in (None, ""):
        return default
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.time_format(value, TIJD)


# -- choices --------------------------------------------------------------------


def keuze_label(choices, code, default: str = LEEG) -> str:
    """The label of ``code`` in ``choices`` (a TextChoices class or a list of pairs);
    a list of codes becomes its labels joined by commas. An unknown code is shown
    as it is (never silently dropped)."""
    if isinstance(code, list | tuple):
        return ", ".join(keuze_label(choices, c, default) for c in code) or default
    if code in (None, ""):
        return default
    pairs = choices.choices if hasattr(choices, "choices") else choices
    return str(dict(pairs).get(code, code))


def keuze(obj, veld: str, default: str = LEEG) -> str:
    """The label of choice field ``veld`` of ``obj``, never its code."""
    field = obj._meta.get_field(veld)
    value = getattr(obj, veld)
    if field.choices:
        return keuze_label(field.flatchoices, value, default)
    base = getattr(field, "base_field", None)  # an ArrayField of choices
    if base is not None and base.choices:
        return keuze_label(base.flatchoices, value, default)
    if value in (None, ""):
        return default
    return str(value)


def uitbuitingsvormen(codes, default: str = LEEG) -> str:
    """Forms of exploitation stored as codes (a report's ``vormen``) as their labels."""
    return keuze_label(Uitbuitingsvorm, list(codes or []), default)


# -- statuses -------------------------------------------------------------------

#: The colour of a badge (the Utrecht ``utrecht-status-badge--*`` modifiers).
NEUTRAAL, ACTIEF, BEZIG, GOED, INACTIEF, GEVAAR = (
    "neutral",
    "active",
    "warning",
    "success",
    "inactive",
    "danger",
)

# viewflow's own labels are English and technical; these are ours.
_PROCES = {
    PROCESS.NEW: (pgettext_lazy("proces", "Loopt"), ACTIEF),
    PROCESS.DONE: (pgettext_lazy("proces", "Afgerond"), GOED),
    PROCESS.CANCELED: (pgettext_lazy("proces", "Geannuleerd"), INACTIEF),
}
_TAAK = {
    STATUS.NEW: (pgettext_lazy("taak", "Open"), NEUTRAAL),
    STATUS.ASSIGNED: (pgettext_lazy("taak", "In behandeling"), BEZIG),
    STATUS.STARTED: (pgettext_lazy("taak", "In behandeling"), BEZIG),
    STATUS.SCHEDULED: (pgettext_lazy("taak", "Gepland"), ACTIEF),
    STATUS.REVIVED: (pgettext_lazy("taak", "Open"), NEUTRAAL),
    STATUS.DONE: (pgettext_lazy("taak", "Afgerond"), GOED),
    STATUS.CANCELED: (pgettext_lazy("taak", "Geannuleerd"), INACTIEF),
    STATUS.ERROR: (pgettext_lazy("taak", "Fout"), GEVAAR),
}


@dataclass(frozen=True)
class Status:
    label: str
    variant: str
    code: str


def _capitalised(label) -> str:
    label = str(label)
    return label[:1].upper() + label[1:]


def status(value, veld: str = "status") -> Status:
    """Label and badge colour of a status: of ``obj.<veld>`` for a model instance
    (its model's ``badge_varianten`` give the colours), of a viewflow process or
    task, or a literal label."""
    if isinstance(value, Process):
        label, variant = _PROCES.get(value.status, (value.status, NEUTRAAL))
        return Status(_capitalised(label), variant, value.status)
    if isinstance(value, Task):
        label, variant = _TAAK.get(value.status, (value.status, NEUTRAAL))
        return Status(_capitalised(label), variant, value.status)
    if hasattr(value, "_meta"):
        code = getattr(value, veld)
        varianten = getattr(type(value), f"badge_varianten_{veld}", None)
        if varianten is None and veld == "status":
            varianten = getattr(type(value), "badge_varianten", {})
        return Status(_capitalised(keuze(value, veld)), (varianten or {}).get(code, NEUTRAAL), code)
    return Status(_capitalised(value), NEUTRAAL, str(value))


# -- people -----------------------------------------------------------------------


def naam(user, default: str = LEEG) -> str:
    """A person's full name; the username only when no name is known."""
    if user is None:
        return default
    return user.get_full_name() or user.username


def persoon(user, default: str = LEEG) -> str:
    """ "Voornaam Achternaam (Organisatie)". Select the organisation with the user."""
    if user is None:
        return default
    organisatie = getattr(user, "organisatie", None)
    return f"{naam(user)} ({organisatie})" if organisatie else naam(user)


# -- audit events -----------------------------------------------------------------

# What was done, as a sentence: %(wie)s is the person, %(wat)s the object.
_GEDAAN = {
    "lezen": gettext_lazy("%(wie)s las %(wat)s"),
    "aanmaken": gettext_lazy("%(wie)s maakte %(wat)s aan"),
    "wijzigen": gettext_lazy("%(wie)s wijzigde %(wat)s"),
    "verwijderen": gettext_lazy("%(wie)s verwijderde %(wat)s"),
    "exporteren": gettext_lazy("%(wie)s exporteerde %(wat)s"),
    "afdrukken": gettext_lazy("%(wie)s drukte %(wat)s af"),
    "zoeken": gettext_lazy("%(wie)s zocht in %(wat)s"),
    "toegang_verleend": gettext_lazy("%(wie)s verleende toegang: %(wat)s"),
    "toegang_ingetrokken": gettext_lazy("%(wie)s trok toegang in: %(wat)s"),
    "inloggen": gettext_lazy("%(wie)s logde in"),
    "uitloggen": gettext_lazy("%(wie)s logde uit"),
    "wachtwoord_wijzigen": gettext_lazy("%(wie)s wijzigde het wachtwoord"),
    "wachtwoordherstel_aanvragen": gettext_lazy("%(wie)s vroeg wachtwoordherstel aan"),
    "wachtwoordherstel": gettext_lazy("%(wie)s stelde een nieuw wachtwoord in"),
    "mfa_ingeschreven": gettext_lazy("%(wie)s stelde een tweede factor in"),
    "mfa_gebruikt": gettext_lazy("%(wie)s gebruikte een tweede factor"),
    "mfa_verwijderd": gettext_lazy("%(wie)s verwijderde een tweede factor"),
}

# Object types that are not a model (lists, pages, an account's parts).
_SOORTEN = {
    "casuslijst": gettext_lazy("de casuslijst"),
    "toegangsreview": gettext_lazy("de toegangsreview"),
    "signalenlijst": gettext_lazy("de signalenlijst"),
    "takenlijst": gettext_lazy("de takenlijst"),
    "meldingenlijst": gettext_lazy("de meldingenlijst"),
    "zorgtafellijst": gettext_lazy("de overleggenlijst"),
    "actiepuntenlijst": gettext_lazy("de actiepuntenlijst"),
    "auditrapport": gettext_lazy("het auditrapport"),
    "audittrail": gettext_lazy("de audittrail"),
    "inzage": gettext_lazy("de inzage-export"),
    "pagina": gettext_lazy("een pagina"),
    "netwerkadres": gettext_lazy("netwerkadres"),
    "gebruikersnaam": gettext_lazy("gebruikersnaam"),
    "emailadres": gettext_lazy("e-mailadres"),
    "addendum": gettext_lazy("addendum"),
}


@cache
def _verbose_names() -> dict[str, str]:
    """Object type → the model's verbose name, by label ("identificatie.signaal"),
    model name and ``audit_type``."""
    names = {}
    for model in apps.get_models():
        for key in (model._meta.label_lower, model._meta.model_name):
            names.setdefault(key, model._meta.verbose_name)
        audit_type = model.__dict__.get("audit_type")
        if isinstance(audit_type, str):
            names[audit_type] = model._meta.verbose_name
    return names


def object_soort(object_type: str) -> str:
    """The name of an audit event's object type for people, never its code."""
    if object_type in _SOORTEN:
        return str(_SOORTEN[object_type])
    return str(_verbose_names().get(object_type, object_type))


# Events about an account rather than by a signed-in person (no actor).
_ACCOUNT = {
    "inloggen_mislukt": gettext_lazy("Inloggen mislukt voor %(wie)s"),
    "geblokkeerd": gettext_lazy("Inloggen voor %(wie)s tijdelijk geblokkeerd"),
}


def _account(event) -> str:
    if getattr(event, "account", ""):
        return event.account
    if event.object_type == "netwerkadres":
        return _("een netwerkadres")
    if event.object_type == "gebruikersnaam":
        return _("een onbekende gebruikersnaam")
    return _("een account")


def audit_zin(event, casus_nummer: str = "") -> str:
    """An audit event as one sentence: "Sanne de Vries (Politie) las casus 2026-0001".
    Case numbers only, never a name from the case. ``casus_nummer`` defaults to
    ``event.casus_nummer``, ``event.account`` names the account of an event
    without actor (a failed login), when the caller has looked them up."""
    casus_nummer = casus_nummer or getattr(event, "casus_nummer", "")
    if event.gebruiker_id is not None:
        wie = naam(event.gebruiker)
        if event.organisatie_id is not None:
            wie = f"{wie} ({event.organisatie})"
    else:
        wie = event.gebruikersnaam or _account(event)
    if event.actie in _ACCOUNT:
        return str(_ACCOUNT[event.actie]) % {"wie": wie}
    soort = object_soort(event.object_type)
    if event.object_type == "casus" and casus_nummer:
        wat = _("casus %(nummer)s") % {"nummer": casus_nummer}
    elif casus_nummer:
        wat = _("%(soort)s van casus %(nummer)s") % {"soort": soort, "nummer": casus_nummer}
    else:
        wat = soort
    if event.uitkomst == "geweigerd":
        return _("%(wie)s: %(actie)s van %(wat)s werd geweigerd") % {
            "wie": wie,
            "actie": str(event.get_actie_display()).lower(),
            "wat": wat,
        }
    zin = _GEDAAN.get(event.actie)
    if zin is None:
        return f"{wie}: {event.get_actie_display()} {wat}"
    return str(zin) % {"wie": wie, "wat": wat}
