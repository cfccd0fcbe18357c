"""Password policy beyond length: no common or Dutch word dressed up.

``welkom123456`` is twelve characters and not in Django's list of common
passwords, yet it is the first thing an attacker tries. This validator refuses a
password whose letters form one word from ``data/wachtwoorden.txt`` (or a keyboard
run, or a short pattern repeated), whatever digits, symbols or years stand before
or after it, and with simple leetspeak undone (``w3lkom``, ``p@ssw0rd``).

Passphrases of several words pass: only a single word with padding is refused,
because that is what guessing lists are built from.
"""

import unicodedata
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WOORDENLIJST = Path(__file__).resolve().parent / "data" / "wachtwoorden.txt"

# Leetspeak read back as letters; "1" is tried both as "i" and as "l".
_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "!": "i",
        "|": "i",
        "2": "z",
        "3": "e",
        "4": "a",
        "@": "a",
        "5": "s",
        "$": "s",
        "6": "g",
        "7": "t",
        "+": "t",
        "8": "b",
        "9": "g",
    }
)
_LEET_L = str.maketrans({"1": "l"})

# Keys next to each other (rows, columns of the QWERTY and AZERTY layouts), the
# alphabet and the digits; a run along any of them, either way, is no secret.
_TOETSENBORD = (
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "1azq2wsx3edc4rfv5tgb6yhn7ujn8ik9ol0pm",
    "abcdefghijklmnopqrstuvwxyz",
    "1234567890",
    "!@#$%^&*()_+",
)
_RUNS = tuple(run for r in _TOETSENBORD for run in (r, r[::-1]))

# Longer passwords are checked on their first characters only: the check looks
# at every split, and a long password is not a padded word anyway.
_MAX_CHECKED = 64


@cache
def woorden(path: Path = WOORDENLIJST) -> frozenset[str]:
    """The words of the list, lower case, without accents."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        _plain(line.strip()) for line in lines if line.strip() and not line.startswith("#")
    )


def _plain(text: str) -> str:
    """Lower case without accents: ``Één`` and ``een`` are the same guess."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_run(kern: str) -> bool:
    return len(kern) >= 3 and any(kern in run for run in _RUNS)


def _is_repeat(kern: str, lijst: frozenset[str]) -> bool:
    """A short unit (up to three characters, or a listed word) said again and again."""
    for size in range(1, len(kern) // 2 + 1):
        unit = kern[:size]
        if len(kern) % size == 0 and unit * (len(kern) // size) == kern:
            return size <= 3 or unit in lijst or _is_run(unit)
    return False


def _weak(kern: str, lijst: frozenset[str]) -> bool:
    return kern in lijst or _is_run(kern) or _is_repeat(kern, lijst)


def zwak_wachtwoord(password: str, lijst: frozenset[str] | None = None) -> bool:
    """Whether the password is one listed word, keyboard run or repeated pattern,
    with only digits, symbols or spaces before and after it (leetspeak undone)."""
    lijst = woorden() if lijst is None else lijst
    plain = _plain(password)[:_MAX_CHECKED]
    letters = [i for i, c in enumerate(plain) if c.isalpha()]
    if not letters:
        # Digits and symbols only: refused when the whole is a run or a pattern.
        return _is_run(plain) or _is_repeat(plain, lijst)
    variants = {plain, plain.translate(_LEET), plain.translate(_LEET_L).translate(_LEET)}
    # The word may start anywhere in the padding before the first letter and end
    # anywhere after the last (a leading "4" may be the "a" of "4jax").
    for start in range(letters[0] + 1):
        for end in range(letters[-1] + 1, len(plain) + 1):
            if any(_weak(variant[start:end], lijst) for variant in variants):
                return True
    return False


class NederlandseWachtwoordValidator:
    """Refuse a common or Dutch word with padding around it (see the module)."""

    def __init__(self, woordenlijst: str | None = None):
        self.path = Path(woordenlijst) if woordenlijst else WOORDENLIJST

    def validate(self, password, user=None):
        if zwak_wachtwoord(password, woorden(self.path)):
            raise ValidationError(
                _(
                    "Dit wachtwoord is te makkelijk te raden: het is een bekend woord of "
                    "toetsenbordreeks met alleen cijfers of tekens ervoor of erachter. "
                    "Kies bijvoorbeeld een zin van een paar woorden die niet bij elkaar horen."
                ),
                code="password_too_common",
            )

    def get_help_text(self):
        return _(
            "Uw wachtwoord mag geen bekend woord of toetsenbordreeks zijn met alleen "
            "cijfers of tekens eromheen."
        )
