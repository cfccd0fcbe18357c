"""Suppression across filter choices (``gekoppeld_onderdrukken``): an attacker who sees
every choice's table (each quarter and both, each organisation and both) and knows
they add up, and still cannot work out a hidden count; and the derived tables of a
period outside the tree, which tell nothing the published ones do not.

The attacker is the one of ``test_onderdrukking`` (interval propagation with branching
over integer values). It attacks each piece the module promises to protect on its own:
every choice's table, and every two-dimensional slice of the linked table (a year's
quarters by the organisations at one cell: the difference of two filter choices; the
organisations by the columns of one quarter's row). Given everything at once it finds
more: ``test_known_limit_a_chain_through_three_dimensions`` keeps that limit in view.
"""

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from statistiek.onderdrukking import (
    Cel,
    Onderdrukking,
    afgeleid,
    gekoppeld_onderdrukken,
    weergave,
)

from .test_onderdrukking import _bestaat

KLEIN, AANVULLEND = Onderdrukking.KLEIN, Onderdrukking.AANVULLEND
PERIODES = {"K1": frozenset({1}), "K2": frozenset({2}), "jaar": frozenset({1, 2})}
ORGANISATIES = {"A": frozenset({"a"}), "B": frozenset({"b"}), "alle": frozenset({"a", "b"})}


def _grid(tabel, r, k):
    cellen = {(i, j): tabel.cellen[i][j] for i in range(r) for j in range(k)}
    cellen |= {(i, k): tabel.rijtotalen[i] for i in range(r)}
    cellen |= {(r, j): tabel.kolomtotalen[j] for j in range(k)}
    cellen[r, k] = tabel.totaal
    return cellen


def _echt(basis, pset, oset, r, k):
    m = [[sum(basis[q, o][i][j] for q in pset for o in oset) for j in range(k)] for i in range(r)]
    echt = {(i, j): m[i][j] for i in range(r) for j in range(k)}
    for i in range(r):
        echt[i, k] = sum(m[i])
    for j in range(k):
        echt[r, j] = sum(m[i][j] for i in range(r))
    echt[r, k] = sum(echt[i, k] for i in range(r))
    return echt


def _aanval(basis, tabellen, r, k, drempel, *, per_stuk=False):
    """The hidden entries (choice, position) that what is published pins down.

    ``per_stuk``: one piece at a time, as the module promises: each choice's table,
    and each two-dimensional slice of the linked table (two choices' trees, or one
    tree and the rows or columns, at one value of the other two dimensions). Else
    every line of everything at once: the exact audit the module does not make.
    """
    knopen = [(p, o) for p in PERIODES for o in ORGANISATIES]
    echt = {kn: _echt(basis, PERIODES[kn[0]], ORGANISATIES[kn[1]], r, k) for kn in knopen}
    plafond = 2 * echt["jaar", "alle"][r, k] + 2 * drempel
    weten, verborgen = {}, []
    for kn in knopen:
        tabel = tabellen[kn]
        for plek, waarde in echt[kn].items():
            v = (kn, plek)
            cel = None if tabel is None else _grid(tabel, r, k)[plek]
            if cel is None:
                weten[v] = (0, plafond)  # an unpublished table: nothing known
                verborgen.append(v)
            elif cel.onderdrukking is None:
                assert cel.getal == waarde
                weten[v] = (waarde, waarde)
            elif cel.onderdrukking is KLEIN:
                weten[v] = (1, drempel - 1)
                verborgen.append(v)
            else:
                weten[v] = (drempel, plafond)
                verborgen.append(v)
    lijnen = []
    for kn in knopen:
        lijnen += [
            [(1, (kn, (i, j))) for j in range(k)] + [(-1, (kn, (i, k)))] for i in range(r + 1)
        ]
        lijnen += [
            [(1, (kn, (i, j))) for i in range(r)] + [(-1, (kn, (r, j)))] for j in range(k + 1)
        ]
    for plek in echt["jaar", "alle"]:
        for o in ORGANISATIES:
            lijnen.append(
                [(1, (("K1", o), plek)), (1, (("K2", o), plek)), (-1, (("jaar", o), plek))]
            )
        for p in PERIODES:
            lijnen.append([(1, ((p, "A"), plek)), (1, ((p, "B"), plek)), (-1, ((p, "alle"), plek))])
    assert _bestaat(weten, lijnen), "the real tables must fit what is published"
    stukken = _stukken(lijnen, knopen, r, k) if per_stuk else [lijnen]
    gevonden = set()
    for stuk in stukken:
        namen = {v for lijn in stuk for _c, v in lijn}
        domein = {v: weten[v] for v in namen}
        for v in verborgen:
            if v not in namen or v in gevonden:
                continue
            lo, hi = weten[v]
            w = echt[v[0]][v[1]]
            lager = w > lo and _bestaat(domein | {v: (lo, w - 1)}, stuk)
            hoger = w < hi and _bestaat(domein | {v: (w + 1, hi)}, stuk)
            if not (lager or hoger):
                gevonden.add(v)
    # An unpublished table's entry that follows from shown counts (0, or at least
    # the threshold each) is no disclosure unless it is itself small.
    gevonden = {v for v in gevonden if tabellen[v[0]] is not None or 0 < echt[v[0]][v[1]] < drempel}
    return sorted(gevonden, key=repr)


def _stukken(lijnen, knopen, r, k):
    """The lines grouped into the pieces the module audits one by one: a choice's
    table, or a 2D slice (the lines whose entries all share two of the four
    coordinates: period, organisation, row, column)."""

    def coordinaten(v):
        (p, o), (i, j) = v
        return {"p": p, "o": o, "i": i, "j": j}

    stukken = {}
    for lijn in lijnen:
        coords = [coordinaten(v) for _c, v in lijn]
        vast = tuple(
            sorted((d, coords[0][d]) for d in "poij" if all(c[d] == coords[0][d] for c in coords))
        )
        # A line fixes three coordinates; it lies in the slices that fix two of them.
        for weg in vast:
            sleutel = tuple(x for x in vast if x != weg)
            stukken.setdefault(sleutel, []).append(lijn)
    return list(stukken.values())


def _basis(r, k):
    return st.fixed_dictionaries(
        {
            (q, o): st.lists(
                st.lists(st.integers(0, 8), min_size=k, max_size=k), min_size=r, max_size=r
            )
            for q in (1, 2)
            for o in ("a", "b")
        }
    )


voorbeelden = st.tuples(st.integers(1, 2), st.integers(1, 2)).flatmap(
    lambda rk: st.tuples(st.just(rk), _basis(*rk))
)


# The threshold in use (5, and 4): at the smallest threshold 3 a slice of "<3" entries
# adding up to a "<3" total can be pinned by its bounds alone, with nothing left to
# hide but whole tables; the module then hides only tables below the threshold, and
# such a slice may stay pinned (the known limit, with the one below). Derandomized,
# so CI runs the same examples every time.
@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(voorbeeld=voorbeelden, drempel=st.integers(4, 5))
def test_no_hidden_count_can_be_worked_out_from_any_table_or_slice_of_choices(voorbeeld, drempel):
    (r, k), basis = voorbeeld
    tabellen = gekoppeld_onderdrukken(
        basis,
        periodes=PERIODES,
        organisaties=ORGANISATIES,
        rijen=[f"r{i}" for i in range(r)],
        kolommen=[f"k{j}" for j in range(k)],
        drempel=drempel,
    )
    assert set(tabellen) == {(p, o) for p in PERIODES for o in ORGANISATIES}
    event("some table unpublishable" if None in tabellen.values() else "all published")
    assert _aanval(basis, tabellen, r, k, drempel, per_stuk=True) == []


def test_the_attacker_subtracts_when_each_table_is_only_protected_on_its_own():
    """The check can fail: A's 2 hidden in its own table, but all minus B shows it."""
    from statistiek.onderdrukking import tabel_onderdrukken

    basis = {
        (1, "a"): [[2, 9]],
        (1, "b"): [[7, 8]],
        (2, "a"): [[0, 0]],
        (2, "b"): [[0, 0]],
    }

    def som(p, o):
        return [
            [sum(basis[q, x][0][j] for q in PERIODES[p] for x in ORGANISATIES[o]) for j in (0, 1)]
        ]

    los = {
        (p, o): tabel_onderdrukken(som(p, o), rijen=["r"], kolommen=["k0", "k1"], drempel=5)
        for p in PERIODES
        for o in ORGANISATIES
    }
    assert _aanval(basis, los, 1, 2, 5) != []
    gekoppeld = gekoppeld_onderdrukken(
        basis,
        periodes=PERIODES,
        organisaties=ORGANISATIES,
        rijen=["r"],
        kolommen=["k0", "k1"],
        drempel=5,
    )
    assert _aanval(basis, gekoppeld, 1, 2, 5) == []


@settings(max_examples=60, deadline=None)
@given(
    k1=st.lists(st.integers(0, 12), min_size=3, max_size=3),
    k2=st.lists(st.integers(0, 12), min_size=3, max_size=3),
)
def test_a_derived_period_shows_a_sum_only_where_every_part_is_shown(k1, k2):
    delen = gekoppeld_onderdrukken(
        {(1, "a"): [k1], (2, "a"): [k2]},
        periodes={"K1": frozenset({1}), "K2": frozenset({2})},
        organisaties={"A": frozenset({"a"})},
        rijen=["r"],
        kolommen=["k0", "k1", "k2"],
        drempel=5,
    )
    k1_tabel, k2_tabel = delen["K1", "A"], delen["K2", "A"]
    tabel = afgeleid([k1_tabel, k2_tabel], rijen=["r"], kolommen=["k0", "k1", "k2"], drempel=5)
    for j in range(3):
        cel = tabel.cellen[0][j]
        delen_j = [None if t is None else t.cellen[0][j] for t in (k1_tabel, k2_tabel)]
        if all(d is not None and not d.onderdrukt for d in delen_j):
            assert weergave(cel) == str(k1[j] + k2[j])
        else:
            # Hidden, and never as "<5": whether a sum of hidden parts is small would
            # be news.
            assert cel == Cel(None, AANVULLEND)


@pytest.mark.xfail(
    strict=True,
    reason="Known limit: the linked table is audited slice by slice (as τ-ARGUS's "
    "modular method does), not all at once; a chain through three dimensions can "
    "pin a count at its bounds.",
)
def test_known_limit_a_chain_through_three_dimensions():
    """K1's cells for A and B, the year's row totals and the quarters' "x at least 4":
    no single table or slice pins anything, the chain of them does (A's 4 in K1)."""
    basis = {(1, "a"): [[4, 12]], (1, "b"): [[8, 3]], (2, "a"): [[4, 4]], (2, "b"): [[4, 0]]}
    tabellen = gekoppeld_onderdrukken(
        basis,
        periodes=PERIODES,
        organisaties=ORGANISATIES,
        rijen=["r"],
        kolommen=["k0", "k1"],
        drempel=4,
    )
    assert _aanval(basis, tabellen, 1, 2, 4, per_stuk=True) == []  # each piece holds
    assert _aanval(basis, tabellen, 1, 2, 4) == []  # the whole does not
