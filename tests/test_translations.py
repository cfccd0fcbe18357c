"""The English translation is kept working: every Dutch text has an English one,
and the compiled catalogue holds what the source catalogue says."""

import gettext
import re
from pathlib import Path

PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

_ENTRY = re.compile(
    r'^msgid ((?:"(?:[^"\\]|\\.)*"\n)+)(?:msgid_plural (?:"(?:[^"\\]|\\.)*"\n)+)?'
    r'((?:msgstr(?:\[\d\])? (?:"(?:[^"\\]|\\.)*"\n)+)+)',
    re.MULTILINE,
)


def _unquote(block: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    return "".join(parts).encode("latin-1", "backslashreplace").decode("unicode_escape")


def _entries():
    text = PO.read_text(encoding="utf-8")
    for match in _ENTRY.finditer(text + "\n"):
        msgid = _unquote(match.group(1))
        if msgid:
            start = text.rfind("\n\n", 0, match.start())
            header = text[start : match.start()]
            context = re.search(r'^msgctxt ((?:"(?:[^"\\]|\\.)*"\n)+)', header, re.MULTILINE)
            if context:  # gettext keys a text with a context as "context\x04text"
                msgid = f"{_unquote(context.group(1))}\x04{msgid}"
            yield msgid, _unquote(match.group(2)), "fuzzy" in header


def test_every_text_has_an_english_translation():
    entries = list(_entries())
    assert len(entries) > 50
    untranslated = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
    assert untranslated == []


def test_compiled_catalogue_matches_the_source():
    with MO.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    missing = [
        msgid
        for msgid, _, _ in _entries()
        if msgid not in catalog._catalog and (msgid, 0) not in catalog._catalog
    ]
    assert missing == [], "run `make messages`"
