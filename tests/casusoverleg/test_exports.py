import csv
import io

import pytest

from casusoverleg.exports import SafeDictWriter, csv_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_starts_like_a_formula_is_text(start):
    assert csv_cell(start + "SUM(A1:A9)") == "'" + start + "SUM(A1:A9)"


@pytest.mark.parametrize("value", ["CM-42", "2026-11-30", 30, "", None, "a=b"])
def test_other_cells_are_left_as_they_are(value):
    assert csv_cell(value) == ("" if value is None else str(value))


def test_the_writer_neutralises_every_cell_and_the_header():
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=["=kop", "waarde"])
    writer.writeheader()
    writer.writerow({"=kop": "@cmd", "waarde": "gewoon"})
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [["'=kop", "waarde"], ["'@cmd", "gewoon"]]
