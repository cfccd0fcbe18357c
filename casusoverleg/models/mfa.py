"""Backup codes for multi-factor authentication, stored as hashes.

django-otp's own StaticDevice keeps its tokens in plain text: anyone who reads
the database (a backup, a support query) could log in as every user with MFA.
Here only the SHA-256 of each code is kept. A plain hash, not a keyed one or a
password hasher: a code is 80 random bits (``HERSTELCODE_BITS``), so guessing
it from its hash takes 2**80 tries whatever the speed of the hash, and no salt
is needed because no two codes are alike. A key (SECRET_KEY) would add nothing
against guessing and would make every code useless when the key is rotated.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

HERSTELCODE_BITS = 80
HERSTELCODE_AANTAL = 10
_ALFABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed


def herstelcode_new() -> str:
    """A random backup code of at least 80 bits, in groups of four: ``abcd-efgh-...``."""
    lengte = 0
    while len(_ALFABET) ** lengte < 2**HERSTELCODE_BITS:
        lengte += 1
    lengte += -lengte % 4
    code = "".join(secrets.choice(_ALFABET) for _ in range(lengte))
    return "-".join(code[i : i + 4] for i in range(0, lengte, 4))


def herstelcode_hash(code: str) -> str:
    """The stored form of a code; spaces, dashes and capitals do not matter."""
    genormaliseerd = "".join(code.lower().split()).replace("-", "")
    return hashlib.sha256(genormaliseerd.encode()).hexdigest()


class HerstelcodeApparaat(TimestampMixin, ThrottlingMixin, Device):
    """A user's set of single-use backup codes, for when the phone or key is lost.

    Throttled like the TOTP device (a failed code makes the next try wait 1, 2,
    4... seconds), so the codes cannot be guessed online either."""

    class Meta(Device.Meta):
        verbose_name = _("herstelcodes")
        verbose_name_plural = _("herstelcodes")

    def get_throttle_factor(self):
        return settings.MFA_HERSTELCODE_THROTTLE_FACTOR

    def verify_token(self, token):
        """Accept an unused code once: the code's hash is deleted when it is used."""
        allowed, _ = self.verify_is_allowed()
        if not allowed or not isinstance(token, str) or not token.strip():
            return False
        gebruikt, _ = self.codes.filter(code_hash=herstelcode_hash(token)).delete()
        if gebruikt:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return bool(gebruikt)

    def codes_replace(self) -> list[str]:
        """Replace every code with new ones; the plain codes are returned once, never stored."""
        self.codes.all().delete()
        nieuw = [herstelcode_new() for _ in range(HERSTELCODE_AANTAL)]
        Herstelcode.objects.bulk_create(
            [Herstelcode(apparaat=self, code_hash=herstelcode_hash(code)) for code in nieuw]
        )
        return nieuw


class Herstelcode(models.Model):
    """One unused backup code, as its SHA-256 only."""

    apparaat = models.ForeignKey(
        HerstelcodeApparaat, on_delete=models.CASCADE, related_name="codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("herstelcode")
        verbose_name_plural = _("herstelcodes")

    def __str__(self):
        return f"herstelcode {self.pk}"
