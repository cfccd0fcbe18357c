"""Whether a user must pass a second factor, and whether a session has.

One rule for pages (``middleware.MfaRequiredMiddleware``) and websockets
(``zorgtafel.consumers``): MFA is required for every account (``MFA_VERPLICHT``),
except the demo accounts of a local ``make run`` when ``MFA_DEMO_VRIJSTELLING``
is set, which the settings allow only with DEBUG on (and which is checked here
again). A session has passed when django-otp's session key names a device that
still exists, is confirmed and belongs to the user: removing or resetting a
device ends the verification of every session it verified.
"""

from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.models import Device

from .demo.organisaties import USERS as DEMO_USERS

DEMO_USERNAMES = frozenset(username for username, *_ in DEMO_USERS)


def demo_vrijgesteld(user) -> bool:
    """A demo account on a local development run with the documented exemption."""
    return bool(
        settings.DEBUG and settings.MFA_DEMO_VRIJSTELLING and user.username in DEMO_USERNAMES
    )


def mfa_vereist(user) -> bool:
    """Must this signed-in user pass a second factor before anything else?"""
    return settings.MFA_VERPLICHT and not demo_vrijgesteld(user)


def sessie_geverifieerd(user) -> bool:
    """Has this request's session passed the second factor, or is none required?
    ``user`` is the request's user, on which django-otp's ``OTPMiddleware`` set
    ``is_verified``. Until then a page offers nothing but the way to pass it."""
    if not getattr(user, "is_authenticated", False):
        return False
    return not mfa_vereist(user) or user.is_verified()


def heeft_apparaat(user) -> bool:
    """Has the user a confirmed second factor (else they must enrol first)?"""
    return next(devices_for_user(user, confirmed=True), None) is not None


def session_device_ok(session, user) -> bool:
    """Did this session pass a second factor with a device that is still valid?"""
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    if not persistent_id or not getattr(user, "is_authenticated", False):
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == user.pk and device.confirmed


def session_mfa_ok(session, user) -> bool:
    """May this session be used for case data as far as MFA goes? True when MFA is
    not required for the user, else only when the session passed a valid device.
    Anonymous users never pass. Synchronous (it reads the database): call it from
    a consumer through ``database_sync_to_async``."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not mfa_vereist(user):
        return True
    return session_device_ok(session, user)
