"""The person key: a keyed hash of a normalised name and an exact date of birth.

Two organisations may record the same person (a signal here, a case there). To
find each other without a plain name or birth date stored for matching, each
record keeps only ``HMAC-SHA256(PERSOON_SLEUTEL, name + date)``. Without the key
the hashes cannot be recomputed from a list of likely names, which a plain hash
could. The key comes from the settings (``PERSOON_SLEUTEL``, required in
production); changing it changes every hash, so stored ones must be recomputed.

The name is normalised so that the spellings people actually write match:
case, diacritics, punctuation and spacing do not count, nor the order of the name
parts ("Anna Maria Popescu" = "Popescu, Anna-Maria" = "POPESCU ANNA MARIA").
Only an exact date of birth counts: an estimated age or year would join people
who merely share a name.
"""

import datetime
import hashlib
import hmac
import unicodedata

from django.conf import settings

# Letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
)


def naam_normaliseren(naam: str) -> str:
    """The name as the hash sees it: casefolded, without diacritics, its parts
    (split on anything that is not a letter or digit) sorted and joined by one space."""
    zonder_tekens = "".join(
        c for c in unicodedata.normalize("NFKD", naam.casefold()) if not unicodedata.combining(c)
    ).translate(_LETTERS)
    # casefold may leave a form that decomposes further (e.g. "ǅ"); normalise once more.
    zonder_tekens = unicodedata.normalize("NFKC", zonder_tekens).casefold()
    delen = "".join(c if c.isalnum() else " " for c in zonder_tekens).split()
    return " ".join(sorted(delen))


def persoonssleutel(naam: str, geboortedatum: datetime.date | None, *, sleutel=None) -> str:
    """The keyed hash (64 hex digits) of ``naam`` and ``geboortedatum``, or "" when
    either is missing: no key without both a name and an exact date of birth.

    ``sleutel`` defaults to ``settings.PERSOON_SLEUTEL``."""
    genormaliseerd = naam_normaliseren(naam or "")
    if not genormaliseerd or geboortedatum is None:
        return ""
    sleutel = settings.PERSOON_SLEUTEL if sleutel is None else sleutel
    bericht = f"{genormaliseerd}\x1f{geboortedatum.isoformat()}"
    return hmac.new(sleutel.encode(), bericht.encode(), hashlib.sha256).hexdigest()


def namen(naam: str, aliassen: str = "") -> list[str]:
    """A case's names: its name and each alias (one per line), without empty lines."""
    return [n for n in [naam, *(aliassen or "").splitlines()] if naam_normaliseren(n)]


def persoonssleutels(naam: str, aliassen: str, geboortedatum, *, sleutel=None) -> set[str]:
    """Every key of a case: one per name (its name and each alias)."""
    if geboortedatum is None:
        return set()
    return {persoonssleutel(n, geboortedatum, sleutel=sleutel) for n in namen(naam, aliassen)}
