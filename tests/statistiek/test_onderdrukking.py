"""Small-cell suppression (statistiek.onderdrukking): hand-computed tables, and an
attacker who knows everything shown and still cannot name a suppressed count.

The attacker here is written independently of the module's audit: a brute-force
search with interval propagation over the unknown entries, asking "is there a
table consistent with everything published in which this entry has another value?".
"""

from dataclasses import replace

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from statistiek.onderdrukking import (
    Cel,
    NietPubliceerbaar,
    Onderdrukking,
    tabel_onderdrukken,
    tijdstatistiek,
    weergave,
)

KLEIN, AANVULLEND = Onderdrukking.KLEIN, Onderdrukking.AANVULLEND


def _tabel(aantallen, drempel=5):
    return tabel_onderdrukken(
        aantallen,
        rijen=[f"r{i}" for i in range(len(aantallen))],
        kolommen=[f"k{j}" for j in range(len(aantallen[0]))],
        drempel=drempel,
    )


def _gelezen(tabel):
    """The table as a reader sees it, totals included: rows, then the column totals."""
    regels = [
        [weergave(c, tabel.drempel) for c in (*rij, totaal)]
        for rij, totaal in zip(tabel.cellen, tabel.rijtotalen, strict=True)
    ]
    regels.append([weergave(c, tabel.drempel) for c in (*tabel.kolomtotalen, tabel.totaal)])
    return regels


# Hand-computed tables -----------------------------------------------------------


def test_a_table_that_no_suppression_hides_is_refused():
    # A total below 3 over two non-empty columns: 1 and 1, whatever is hidden.
    with pytest.raises(NietPubliceerbaar):
        _tabel([[1, 1]], drempel=3)


def test_a_table_without_small_counts_is_shown_whole():
    assert _gelezen(_tabel([[10, 20], [30, 40]])) == [
        ["10", "20", "30"],
        ["30", "40", "70"],
        ["40", "60", "100"],
    ]


def test_zeros_are_shown_they_describe_no_one():
    assert _gelezen(_tabel([[0, 12], [7, 9]])) == [
        ["0", "12", "12"],
        ["7", "9", "16"],
        ["7", "21", "28"],
    ]


def test_one_small_cell_takes_the_cheapest_rectangle_with_it():
    # The 3 alone would be 25 - 10 - 12. Rectangles through it: with rows 1 or 2 and
    # columns 1 or 2 (or the totals); the cheapest adds 10 + 8 + 9 = 27.
    assert _gelezen(_tabel([[3, 10, 12], [8, 9, 11], [6, 14, 20]])) == [
        ["<5", "x", "12", "25"],
        ["x", "x", "11", "28"],
        ["6", "14", "20", "40"],
        ["17", "33", "43", "93"],
    ]


def test_a_small_total_is_suppressed_and_its_small_cells_too():
    tabel = _tabel([[1, 2], [20, 30]])
    assert tabel.rijtotalen[0].onderdrukking is KLEIN
    assert [c.onderdrukking for c in tabel.cellen[0]] == [KLEIN, KLEIN]
    assert tabel.totaal.getal == 53


def test_small_plus_at_least_the_threshold_is_not_given_away_by_the_total():
    # Two suppressed cells in the row would do for the "two per line" rule, but a row
    # total of 6 is only 1 + 5 when one is small and the other at least 5: the total
    # goes too. The column totals are the cells themselves and the 5 stays shown.
    assert _gelezen(_tabel([[1, 5]])) == [["<5", "5", "x"], ["<5", "5", "x"]]


def test_suppressed_cells_carry_no_count():
    tabel = _tabel([[3, 10, 12], [8, 9, 11], [6, 14, 20]])
    assert tabel.cellen[0][0] == Cel(None, KLEIN)
    assert tabel.cellen[0][1] == Cel(None, AANVULLEND)


def test_weergave_reads_the_threshold_from_the_settings():
    with override_settings(ONDERDRUKKING_DREMPEL=10):
        assert weergave(Cel(None, KLEIN)) == "<10"
    assert weergave(Cel(None, KLEIN), 5) == "<5"
    assert weergave(Cel(None, AANVULLEND)) == "x"
    assert weergave(Cel(0)) == "0"
    assert weergave(Cel(17)) == "17"


def test_the_setting_defaults_to_five():
    from django.conf import settings as django_settings

    assert django_settings.ONDERDRUKKING_DREMPEL == 5


@pytest.mark.parametrize("drempel", [0, 1, 2])
def test_a_threshold_below_three_is_refused_it_would_hide_nothing(drempel):
    with pytest.raises(ValueError, match="hides nothing"):
        _tabel([[1, 2]], drempel=drempel)


def test_negative_counts_and_ragged_tables_are_refused():
    with pytest.raises(ValueError):
        _tabel([[1, -2]])
    with pytest.raises(ValueError):
        tabel_onderdrukken([[1, 2], [3]], rijen=["a", "b"], kolommen=["x", "y"], drempel=5)


def test_time_statistics_need_the_threshold_of_cases():
    assert tijdstatistiek([3, 8, 1, 9], drempel=5) is None
    statistiek = tijdstatistiek([1, 2, 3, 4, 10], drempel=5)
    assert statistiek.aantal == 5
    assert statistiek.mediaan == 3
    # Inclusive percentile (percentile_cont): 4 + 0.6 * (10 - 4).
    assert statistiek.p90 == pytest.approx(7.6)
    assert tijdstatistiek(list(range(1, 11)), drempel=5).p90 == pytest.approx(9.1)


# The attacker ---------------------------------------------------------------------


def _echt(aantallen):
    """The real counts per grid entry (row R = column totals, column C = row totals)."""
    r, k = len(aantallen), len(aantallen[0])
    echt = {(i, j): aantallen[i][j] for i in range(r) for j in range(k)}
    for i in range(r):
        echt[i, k] = sum(aantallen[i])
    for j in range(k):
        echt[r, j] = sum(aantallen[i][j] for i in range(r))
    echt[r, k] = sum(echt[i, k] for i in range(r))
    return echt


def _onbekenden(aantallen, tabel):
    """Per grid entry its real count and what the attacker knows of it: its value if
    shown, else its bounds; and the lines that must add up."""
    r, k = len(aantallen), len(aantallen[0])
    echt = _echt(aantallen)
    cellen = {(i, j): tabel.cellen[i][j] for i in range(r) for j in range(k)}
    cellen |= {(i, k): tabel.rijtotalen[i] for i in range(r)}
    cellen |= {(r, j): tabel.kolomtotalen[j] for j in range(k)}
    cellen[r, k] = tabel.totaal
    # A finite cap only shrinks what the attacker must consider: it can make this test
    # fail where it need not, never pass where it should not.
    plafond = 2 * echt[r, k] + 2 * tabel.drempel
    weten = {}
    for plek, cel in cellen.items():
        if cel.onderdrukking is None:
            weten[plek] = (cel.getal, cel.getal)
        elif cel.onderdrukking is KLEIN:
            weten[plek] = (1, tabel.drempel - 1)
        else:
            # Shown before, not zero, not small: at least the threshold.
            weten[plek] = (tabel.drempel, plafond)
    lijnen = [[(1, (i, j)) for j in range(k)] + [(-1, (i, k))] for i in range(r + 1)]
    lijnen += [[(1, (i, j)) for i in range(r)] + [(-1, (r, j))] for j in range(k + 1)]
    return echt, cellen, weten, lijnen


def _vernauw(domein, lijnen):
    """Interval propagation of "each line sums to zero"; False if some domain empties."""
    veranderd = True
    while veranderd:
        veranderd = False
        for lijn in lijnen:
            for c, v in lijn:
                rest_min = sum(
                    c2 * domein[v2][0] if c2 > 0 else c2 * domein[v2][1]
                    for c2, v2 in lijn
                    if v2 != v
                )
                rest_max = sum(
                    c2 * domein[v2][1] if c2 > 0 else c2 * domein[v2][0]
                    for c2, v2 in lijn
                    if v2 != v
                )
                # c * x_v = -rest
                laag, hoog = (-rest_max, -rest_min) if c > 0 else (rest_min, rest_max)
                nieuw = (max(domein[v][0], laag), min(domein[v][1], hoog))
                if nieuw[0] > nieuw[1]:
                    return False
                if nieuw != domein[v]:
                    domein[v] = nieuw
                    veranderd = True
    return True


def _bestaat(domein, lijnen):
    """Whether some integer table within ``domein`` adds up (branch and propagate)."""
    domein = dict(domein)
    if not _vernauw(domein, lijnen):
        return False
    open_ = [v for v, (lo, hi) in domein.items() if lo < hi]
    if not open_:
        return True
    v = min(open_, key=lambda v: (domein[v][1] - domein[v][0], v))
    lo, hi = domein[v]
    midden = (lo + hi) // 2
    return _bestaat(domein | {v: (lo, midden)}, lijnen) or _bestaat(
        domein | {v: (midden + 1, hi)}, lijnen
    )


def _te_achterhalen(aantallen, tabel):
    """The suppressed entries whose value is the only one consistent with what is shown."""
    echt, cellen, weten, lijnen = _onbekenden(aantallen, tabel)
    assert _bestaat(weten, lijnen), "the real table must fit what is published"
    gevonden = []
    for plek, cel in cellen.items():
        if not cel.onderdrukt:
            continue
        lo, hi = weten[plek]
        lager = echt[plek] > lo and _bestaat(weten | {plek: (lo, echt[plek] - 1)}, lijnen)
        hoger = echt[plek] < hi and _bestaat(weten | {plek: (echt[plek] + 1, hi)}, lijnen)
        if not (lager or hoger):
            gevonden.append(plek)
    return gevonden


def test_the_attacker_finds_a_lone_small_cell():
    """The check can fail: with only primary suppression the 3 is 25 - 10 - 12."""
    aantallen = [[3, 10, 12], [8, 9, 11], [6, 14, 20]]
    tabel = _tabel(aantallen)
    alleen_primair = replace(
        tabel,
        cellen=tuple(
            tuple(Cel(None, KLEIN) if 0 < n < 5 else Cel(n) for n in rij) for rij in aantallen
        ),
    )
    assert _te_achterhalen(aantallen, alleen_primair) == [(0, 0)]
    assert _te_achterhalen(aantallen, tabel) == []


tabellen = st.integers(1, 5).flatmap(
    lambda r: st.integers(1, 5).flatmap(
        lambda k: st.lists(
            st.lists(st.integers(0, 20), min_size=k, max_size=k), min_size=r, max_size=r
        )
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(aantallen=tabellen, drempel=st.integers(3, 6))
def test_no_suppressed_count_can_be_worked_out_from_what_is_shown(aantallen, drempel):
    try:
        tabel = _tabel(aantallen, drempel)
    except NietPubliceerbaar:
        # Refusing is safe, and needed only when hiding every non-zero entry still
        # leaves one that the attacker works out.
        event("refused")
        echt = _echt(aantallen)
        r, k = len(aantallen), len(aantallen[0])

        def verborgen(plek):
            n = echt[plek]
            if n == 0:
                return Cel(0)
            return Cel(None, KLEIN if n < drempel else AANVULLEND)

        alles = replace(
            _tabel([[20]], drempel),  # a table of the right kind, filled in below
            rijen=tuple(range(r)),
            kolommen=tuple(range(k)),
            cellen=tuple(tuple(verborgen((i, j)) for j in range(k)) for i in range(r)),
            rijtotalen=tuple(verborgen((i, k)) for i in range(r)),
            kolomtotalen=tuple(verborgen((r, j)) for j in range(k)),
            totaal=verborgen((r, k)),
        )
        assert _te_achterhalen(aantallen, alles) != []
        return
    echt, cellen, _, _ = _onbekenden(aantallen, tabel)
    for plek, cel in cellen.items():
        if cel.onderdrukt:
            assert cel.getal is None
            # Never a zero: an "x" is known to be at least the threshold.
            assert echt[plek] > 0
        else:
            # Shown means the real count, totals too, and never a small one.
            assert cel.getal == echt[plek]
            assert not 0 < cel.getal < drempel
        assert (cel.onderdrukking is KLEIN) == (0 < echt[plek] < drempel)
    assert _te_achterhalen(aantallen, tabel) == []
