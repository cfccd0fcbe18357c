"""Small-cell suppression: the one function every figure passes before anyone sees it.

The project group sees how the pilot goes without ever seeing a person. A count of
one or two in a table (one Eritrean minor in labour exploitation, signalled by one
police unit) may be enough to single someone out, so tables, charts, CSV and PDF
all go through ``tabel_onderdrukken`` and show what it returns, never the raw counts.

**What is suppressed.** Primary suppression (``Onderdrukking.KLEIN``): every count
``n`` with ``0 < n < drempel``, inside the table and in its margins (row totals,
column totals, the grand total), shown as "<5" (``weergave``). Zeros are shown, as
Statistics Netherlands does: "nobody" describes no one. A total below the threshold
is itself a small count and suppressed; its non-zero cells are then below the
threshold too, so they are suppressed as well.

**Secondary suppression** (``Onderdrukking.AANVULLEND``, shown as "x", Statistics
Netherlands' sign for "geheim"): a suppressed cell must not be recoverable from
what is shown. The attacker we defend against knows every shown cell and total,
that the table adds up (cells to row and column totals, totals to the grand total),
that zeros are shown, and which suppressed entries are small and which are
complementary: a small one is in ``1 .. drempel - 1``; a complementary one was
shown before, not zero, so it is at least ``drempel``. Under that knowledge each
suppressed entry must have more than one possible value. The simple rules ("at
least two suppressed cells in every row and column that has one") are not enough:
a row with a 1 and a complementary 5 whose total says 6 gives both away, since
``1 + 5`` is the only way to write 6 as small plus at-least-five. So instead of
rules we audit the table exactly, and add complements until the audit passes:

1. Suppress the small counts.
2. Find the first suppressed entry (row by row, each row's total after its cells,
   the column totals and grand total last) whose value the
   published table pins down. If there is none, stop.
3. Suppress its complements: the cheapest rectangle of entries through it (the
   hypercube method of τ-ARGUS in two dimensions) that frees it, cheapest meaning
   the smallest sum of the counts it adds, then the fewest entries, then the first
   in that same order (``_aanvulling``). Go back to 2.

Every round suppresses at least one more entry, so it ends. If every non-zero entry
is suppressed and one is still pinned down, the table cannot be published
(``NietPubliceerbaar``): with zeros shown, "<3" over a total "<3" with two non-empty
columns says 1 and 1, however much more is hidden. A zero is never a complement
(its "x" would be known to be 0 or at least the threshold, which the audit cannot
reason about, and it protects nothing that a non-zero neighbour would not).

**The audit** (``_vastgelegd``). Write the table with its margins as an
``(R+1) x (C+1)`` grid and flip the sign of the row and column totals (not of the
grand total): every row and every column of that grid then sums to zero. A change
to the suppressed entries that keeps everything shown and keeps the table adding
up is then a circulation on the bipartite graph of grid rows and grid columns,
each suppressed entry an edge. The constraint matrix is totally unimodular, so if
an entry can take another value at all it can move by exactly one, along a simple
cycle of suppressed entries each of which stays within its bounds. An entry is
pinned down exactly when no such cycle runs through it in either direction: that
is a path search in the residual graph, no LP solver needed. This is the sum rule
in its general form: "the suppressed cells of a line sum to what the total minus
the shown cells says" is one of the constraints, and the bounds are what the
attacker knows of each.

**What it does not cover.** The choice of complements (cheapest first) tells an
attacker who knows this code that the rectangle taken was no dearer than the
shown ones it was preferred over; the audit does not model that. Two tables (a
filtered figure subtracted from an unfiltered one) are compared by
``gekoppeld_onderdrukken`` below, which every dashboard table goes through.
"""

from __future__ import annotations

import enum
import statistics
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings

#: The smallest threshold that hides anything: with zeros shown, "<2" reads as 1.
MINIMALE_DREMPEL = 3

ONBEGRENSD = float("inf")


class NietPubliceerbaar(ValueError):
    """No suppression hides this table's counts: show "too few cases" instead of it."""


class Onderdrukking(enum.Enum):
    """Why an entry is not shown."""

    KLEIN = "klein"  # primary: a count from 1 to drempel - 1
    AANVULLEND = "aanvullend"  # secondary: shown, it would give a small count away
    #: Internal: an entry of a table that is not published at all (anything from 0).
    ONBEKEND = "onbekend"


@dataclass(frozen=True)
class Cel:
    """One published entry: its count, or ``None`` and the reason it is suppressed.

    A suppressed cell does not carry its count, so no output can show it by mistake.
    """

    getal: int | None
    onderdrukking: Onderdrukking | None = None

    @property
    def onderdrukt(self) -> bool:
        return self.onderdrukking is not None


@dataclass(frozen=True)
class Tabel:
    """A table as it may be published: cells, row and column totals, grand total."""

    rijen: tuple[str, ...]
    kolommen: tuple[str, ...]
    cellen: tuple[tuple[Cel, ...], ...]
    rijtotalen: tuple[Cel, ...]
    kolomtotalen: tuple[Cel, ...]
    totaal: Cel
    drempel: int


def tabel_onderdrukken(
    aantallen: Sequence[Sequence[int]],
    *,
    rijen: Sequence[str],
    kolommen: Sequence[str],
    drempel: int,
    verplicht: Iterable[tuple[int, int]] = (),
    onbekend: Iterable[tuple[int, int]] = (),
) -> Tabel:
    """Suppress the small counts of a rows x columns table and whatever gives them away.

    ``aantallen[i][j]`` is the count of row ``i``, column ``j``. Returns the table
    with its totals, each entry shown or suppressed as the module docstring says;
    after it, no suppressed entry has a single value consistent with what is shown.
    Raises ``NietPubliceerbaar`` when no suppression achieves that.

    ``verplicht`` names grid entries (``(i, j)``, the totals at row ``len(rijen)``
    and column ``len(kolommen)``) another table needs suppressed here
    (``gekoppeld_onderdrukken``); they are protected like the small ones.
    ``onbekend`` names entries nobody sees at all (of a table not published): the
    attacker knows nothing of them.
    """
    rijen, kolommen = tuple(rijen), tuple(kolommen)
    if len(aantallen) != len(rijen) or any(len(rij) != len(kolommen) for rij in aantallen):
        raise ValueError("The counts do not match the row and column labels.")
    raster = _raster(aantallen)
    status = _onderdrukt(raster, drempel=drempel, verplicht=verplicht, onbekend=onbekend)

    def cel(plek: tuple[int, int]) -> Cel:
        reden = status.get(plek)
        return Cel(None, reden) if reden else Cel(raster[plek])

    r, k = len(rijen), len(kolommen)
    return Tabel(
        rijen=rijen,
        kolommen=kolommen,
        cellen=tuple(tuple(cel((i, j)) for j in range(k)) for i in range(r)),
        rijtotalen=tuple(cel((i, k)) for i in range(r)),
        kolomtotalen=tuple(cel((r, j)) for j in range(k)),
        totaal=cel((r, k)),
        drempel=drempel,
    )


def _onderdrukt(
    raster: dict[tuple[int, int], int],
    *,
    drempel: int,
    verplicht: Iterable[tuple[int, int]] = (),
    onbekend: Iterable[tuple[int, int]] = (),
) -> dict[tuple[int, int], Onderdrukking]:
    """``tabel_onderdrukken``'s work on a grid (``_raster``): what is suppressed, and why.

    The linked tables' slices need only this, not a ``Tabel`` with a ``Cel`` per entry.
    """
    if drempel < MINIMALE_DREMPEL:
        raise ValueError(f"drempel {drempel} hides nothing; use at least {MINIMALE_DREMPEL}.")
    if any(n < 0 for n in raster.values()):
        raise ValueError("Counts cannot be negative.")
    status: dict[tuple[int, int], Onderdrukking] = {
        plek: Onderdrukking.KLEIN for plek, n in raster.items() if 0 < n < drempel
    }
    for plek in verplicht:
        if raster[plek] >= drempel:
            status[plek] = Onderdrukking.AANVULLEND
    for plek in onbekend:
        status[plek] = Onderdrukking.ONBEKEND
    # An entry found free stays free: more suppression only adds ways to move.
    vrij: set[tuple[int, int]] = set()
    while (plek := _eerste_vastgelegde(raster, status, drempel, vrij)) is not None:
        for aanvulling in _aanvulling(raster, status, drempel, plek):
            status[aanvulling] = Onderdrukking.AANVULLEND
    return status


def _raster(aantallen: Sequence[Sequence[int]]) -> dict[tuple[int, int], int]:
    """The table with its margins: row ``R`` holds the column totals, column ``C`` the
    row totals, ``(R, C)`` the grand total."""
    r, k = len(aantallen), len(aantallen[0]) if aantallen else 0
    raster = {(i, j): aantallen[i][j] for i in range(r) for j in range(k)}
    for i in range(r):
        raster[i, k] = sum(aantallen[i])
    for j in range(k):
        raster[r, j] = sum(aantallen[i][j] for i in range(r))
    raster[r, k] = sum(raster[i, k] for i in range(r))
    return raster


def _grenzen(reden: Onderdrukking, drempel: int) -> tuple[float, float]:
    """What the attacker knows of a suppressed entry's count."""
    if reden is Onderdrukking.KLEIN:
        return 1, drempel - 1
    if reden is Onderdrukking.ONBEKEND:
        return 0, ONBEGRENSD
    return drempel, ONBEGRENSD


def _eerste_vastgelegde(
    raster: dict[tuple[int, int], int],
    status: dict[tuple[int, int], Onderdrukking],
    drempel: int,
    vrij: set[tuple[int, int]] | None = None,
) -> tuple[int, int] | None:
    """The first suppressed entry, in grid order, whose count the table gives away.

    ``vrij`` holds entries known to be free already; those found free are added.
    Suppressing more never pins a free entry down again (it only adds edges to the
    residual graph), so they need no second look.
    """
    vrij = set() if vrij is None else vrij
    graaf = _Restgraaf(raster, status, drempel)
    for plek in sorted(status):
        if plek in vrij:
            continue
        if graaf.vastgelegd(plek):
            return plek
        vrij.add(plek)
    return None


def _vastgelegd(
    raster: dict[tuple[int, int], int],
    status: dict[tuple[int, int], Onderdrukking],
    drempel: int,
    plek: tuple[int, int],
) -> bool:
    """Whether suppressed entry ``plek`` has only one value consistent with what is shown."""
    return _Restgraaf(raster, status, drempel).vastgelegd(plek)


class _Restgraaf:
    """The residual graph of a table's suppressed entries (built once, asked per entry).

    With the sign of the margins flipped (module docstring), the entry at grid row
    ``i``, column ``j`` is an edge from row node ``i`` to column node ``j``; raising
    its signed value by one is sending one unit along it, lowering it sending one
    unit back. An entry can move iff a unit can come back around a cycle of other
    suppressed entries, each within its bounds.
    """

    def __init__(self, raster, status, drempel):
        self.r = max(i for i, _ in raster)
        self.k = max(j for _, j in raster)
        self.ruimtes = {}
        self.buren: dict[tuple[str, int], list[tuple[tuple[str, int], tuple[int, int]]]] = {}
        self._toevoegen(raster, status, drempel)

    def _toevoegen(self, raster, status, drempel) -> None:
        for p, reden in status.items():
            op, neer = self.ruimtes[p] = self._ruimte(raster[p], reden, drempel, p)
            if op:
                self.buren.setdefault(("r", p[0]), []).append((("k", p[1]), p))
            if neer:
                self.buren.setdefault(("k", p[1]), []).append((("r", p[0]), p))

    def met(self, raster, extra, drempel) -> _Restgraaf:
        """This graph with the entries of ``extra`` (not yet in it) suppressed too."""
        graaf = object.__new__(_Restgraaf)
        graaf.r, graaf.k = self.r, self.k
        graaf.ruimtes = dict(self.ruimtes)
        graaf.buren = {knoop: list(buren) for knoop, buren in self.buren.items()}
        graaf._toevoegen(raster, extra, drempel)
        return graaf

    def _ruimte(self, waarde, reden, drempel, p) -> tuple[bool, bool]:
        """Whether entry ``p``'s signed value can go up by one, and down by one."""
        laag, hoog = _grenzen(reden, drempel)
        omhoog, omlaag = waarde + 1 <= hoog, waarde - 1 >= laag
        teken = -1 if (p[0] == self.r) != (p[1] == self.k) else 1
        return (omhoog, omlaag) if teken == 1 else (omlaag, omhoog)

    def _pad(self, van, naar, zonder) -> bool:
        gezien, stapel = {van}, [van]
        while stapel:
            knoop = stapel.pop()
            if knoop == naar:
                return True
            for buur, via in self.buren.get(knoop, ()):
                if via != zonder and buur not in gezien:
                    gezien.add(buur)
                    stapel.append(buur)
        return False

    def vastgelegd(self, plek: tuple[int, int]) -> bool:
        i, j = plek
        op, neer = self.ruimtes[plek]
        kan_op = op and self._pad(("k", j), ("r", i), plek)
        kan_neer = neer and self._pad(("r", i), ("k", j), plek)
        return not (kan_op or kan_neer)


def _aanvulling(
    raster: dict[tuple[int, int], int],
    status: dict[tuple[int, int], Onderdrukking],
    drempel: int,
    plek: tuple[int, int],
) -> list[tuple[int, int]]:
    """The complements for a pinned-down entry: the cheapest rectangle through it.

    A rectangle ``(i, j), (i, j2), (i2, j), (i2, j2)`` of suppressed entries is the
    smallest cycle that lets ``(i, j)`` move (the hypercube method of τ-ARGUS, in
    two dimensions). Of the rectangles whose missing corners are non-zero, take the
    one that frees the entry and adds the least: smallest sum of counts, then fewest
    entries, then first in grid order. If none frees it (bounds too tight), the
    cheapest rectangle still adds to what can move; if there is none, the smallest
    non-zero shown entry anywhere.
    """
    i, j = plek
    rijen = sorted({p[0] for p in raster})
    kolommen = sorted({p[1] for p in raster})
    rechthoeken = []
    for i2 in rijen:
        for j2 in kolommen:
            if i2 == i or j2 == j:
                continue
            nieuw = [p for p in ((i, j2), (i2, j), (i2, j2)) if p not in status]
            if not nieuw or any(raster[p] == 0 for p in nieuw):
                continue
            rechthoeken.append((sum(raster[p] for p in nieuw), len(nieuw), (i2, j2), nieuw))
    rechthoeken.sort()
    graaf = _Restgraaf(raster, status, drempel) if rechthoeken else None
    for *_, nieuw in rechthoeken:
        proef = graaf.met(raster, dict.fromkeys(nieuw, Onderdrukking.AANVULLEND), drempel)
        if not proef.vastgelegd(plek):
            return nieuw
    if rechthoeken:
        return rechthoeken[0][-1]
    getoond = [p for p, n in sorted(raster.items()) if n > 0 and p not in status]
    if not getoond:
        # Everything non-zero is suppressed and the bounds alone give the entry away
        # (``[[1, 1]]`` at threshold 3: a total below 3 over two non-empty columns).
        raise NietPubliceerbaar("Too few cases to publish this table safely.")
    return [min(getoond, key=lambda p: (raster[p], p))]


# Linked tables: the same figures under every filter choice -----------------------

#: What the attacker knows of an entry of a table that is not published at all.
VERBORGEN = "verborgen"

Knoop = tuple[Hashable, Hashable]


def gekoppeld_onderdrukken(
    basis: Mapping[tuple[Hashable, Hashable], Sequence[Sequence[int]]],
    *,
    periodes: Mapping[Hashable, frozenset],
    organisaties: Mapping[Hashable, frozenset],
    rijen: Sequence[str],
    kolommen: Sequence[str],
    drempel: int,
) -> dict[Knoop, Tabel | None]:
    """One table under every filter choice, suppressed so no choice gives another away.

    ``basis[kwartaal, organisatie]`` holds the counts of one quarter and one
    organisation (missing: all zero). ``periodes`` and ``organisaties`` name the
    filter choices, each the set of quarters or organisations it adds up: every
    quarter alone, each year, the whole pilot; every organisation alone and all of
    them. Each family must be *laminar* (two choices are disjoint or one holds the
    other), and every choice must be the union of the smaller choices in it, so that
    the choices form trees: a year is its quarters, "all organisations" is each one.
    A choice nobody may pick (signals no organisation coordinates yet) is still
    passed in, so that "all" minus the others cannot give its counts away.

    **Why trees.** Two filter choices ``A`` containing ``B`` show ``A - B`` to
    anyone who subtracts: the year minus three of its quarters is the fourth, all
    organisations minus the others is the last. So the choices and their tables
    are one four-dimensional table (period x organisation x row x column, each
    with its totals), and it is protected the way τ-ARGUS protects hierarchical
    tables (its modular method, HiTaS): piece by piece, each piece audited
    exactly, suppressions carried from piece to piece until nothing changes.

    The pieces: each choice's own table (``tabel_onderdrukken``); each sum of a
    parent choice and its children, entry by entry (``_vastgelegd_in_som``: the
    difference of two filter choices); and every other two-dimensional slice of
    the four-dimensional table (``_plakken``): a year's quarters by the
    organisations at one cell, the organisations by the columns of one quarter's
    row, the quarters by the rows of one organisation's column, and so on, each
    audited as a table of its own with what is hidden already forced. A
    complement found in a piece is forced into the choice's table it belongs to
    (``verplicht``), which may need complements of its own, and round it goes.

    **What it does not cover.** Like HiTaS, it does not audit every piece at once:
    a chain through three dimensions (K1's cells of A and B, the year's row
    totals, and what "x" means: at least the threshold) can still pin a count
    that no single piece pins. The tests keep one such case in view
    (``test_known_limit_a_chain_through_three_dimensions``). Overlapping choices
    ("January to March" and "February to April") are not trees at all: their
    differences isolate single months, which no suppression of both can stop;
    ``afgeleid`` builds those from published choices instead.

    Returns every ``(periode, organisatie)`` choice's table, or ``None`` where the
    table cannot be published at all (``NietPubliceerbaar``, or a sum whose hidden
    entries their bounds alone give away: then the parent is not published): its
    entries are then unknown to the attacker.
    """
    rijen, kolommen = tuple(rijen), tuple(kolommen)
    r, k = len(rijen), len(kolommen)
    leeg = [[0] * k for _ in range(r)]
    # Choices with the same content are the same table (one year of data: the year
    # and the whole pilot).
    periode_knopen = _unieke_knopen(periodes)
    organisatie_knopen = _unieke_knopen(organisaties)

    rasters: dict[tuple[frozenset, frozenset], dict[tuple[int, int], int]] = {}
    matrices = {}
    for pset in periode_knopen:
        for oset in organisatie_knopen:
            matrix = [
                [sum(basis.get((q, o), leeg)[i][j] for q in pset for o in oset) for j in range(k)]
                for i in range(r)
            ]
            matrices[pset, oset] = matrix
            rasters[pset, oset] = _raster(matrix) if r and k else {}

    sommen = [
        ((ouder, o), [(kind, o) for kind in kinderen])
        for ouder, kinderen in _boom(periode_knopen).items()
        for o in organisatie_knopen
    ] + [
        ((p, ouder), [(p, kind) for kind in kinderen])
        for ouder, kinderen in _boom(organisatie_knopen).items()
        for p in periode_knopen
    ]

    # The tables and the trees of choices together form one four-dimensional table
    # (period x organisation x row x column). Besides each choice's own table, its
    # other two-dimensional slices are audited as tables too (``_plakken``): a year's
    # quarters by the organisations at one cell, the organisations by the columns in
    # one quarter's row, and so on. They catch what no single sum shows: A's and B's
    # two cells in one row, hidden, whose rectangle the totals would pin down.
    groepen = _plakken(
        _groepen(periode_knopen),
        _groepen(organisatie_knopen),
        periode_knopen,
        organisatie_knopen,
        len(rijen),
        len(kolommen),
    )

    verplicht: dict[tuple[frozenset, frozenset], set[tuple[int, int]]] = {
        knoop: set() for knoop in matrices
    }
    tabellen: dict[tuple[frozenset, frozenset], Tabel | None] = {}
    statussen: dict[tuple[frozenset, frozenset], dict] = {}
    te_doen = set(matrices)
    onpubliceerbaar: set[tuple[frozenset, frozenset]] = set()
    _modulair(
        te_doen,
        matrices,
        rasters,
        verplicht,
        onpubliceerbaar,
        tabellen,
        statussen,
        sommen,
        groepen,
        rijen,
        kolommen,
        drempel,
    )

    return {
        (pnaam, onaam): tabellen[frozenset(pset), frozenset(oset)]
        for pnaam, pset in periodes.items()
        for onaam, oset in organisaties.items()
    }


def _modulair(
    te_doen,
    matrices,
    rasters,
    verplicht,
    onpubliceerbaar,
    tabellen,
    statussen,
    sommen,
    groepen,
    rijen,
    kolommen,
    drempel,
) -> None:
    """Each table and each sum on its own, complements carried over, to a fixed point."""
    geaudit: dict[int, tuple] = {}
    while te_doen:
        for knoop in te_doen:
            try:
                if knoop in onpubliceerbaar:
                    raise NietPubliceerbaar(knoop)
                tabel = tabel_onderdrukken(
                    matrices[knoop],
                    rijen=rijen,
                    kolommen=kolommen,
                    drempel=drempel,
                    verplicht=verplicht[knoop],
                )
            except NietPubliceerbaar:
                tabellen[knoop] = None
                statussen[knoop] = dict.fromkeys(rasters[knoop], VERBORGEN)
            else:
                tabellen[knoop] = tabel
                statussen[knoop] = _statussen(tabel)
        gewijzigd, te_doen = te_doen, set()
        for ouder, kinderen in sommen:
            leden = [ouder, *kinderen]
            if gewijzigd.isdisjoint(leden):
                continue  # audited before, and nothing in it has changed since
            for plek in rasters[ouder]:
                waarden = [rasters[lid][plek] for lid in leden]
                status = [statussen[lid].get(plek) for lid in leden]
                for index in range(len(leden)):
                    # An unpublished table's entry that the others pin down is a
                    # disclosure only if it is small.
                    if status[index] is None:
                        continue
                    if status[index] == VERBORGEN and not 0 < waarden[index] < drempel:
                        continue
                    if not _vastgelegd_in_som(waarden, status, index, drempel):
                        continue
                    aanvulling = _aanvulling_in_som(waarden, status)
                    if aanvulling is None:
                        # Everything non-zero is hidden and the bounds alone still give
                        # it away ("<3" as 1 + 1): leave the smallest child unpublished,
                        # which leaves its entries unknown and the others free.
                        kinderen_ = [
                            lid
                            for lid, w in zip(leden[1:], waarden[1:], strict=True)
                            if w > 0 and lid not in onpubliceerbaar
                        ]
                        if not kinderen_:
                            continue  # hidden as far as it goes
                        kleinste = min(
                            kinderen_, key=lambda kn: (max(rasters[kn].values()), repr(kn))
                        )
                        onpubliceerbaar.add(kleinste)
                        te_doen.add(kleinste)
                    else:
                        lid = leden[aanvulling]
                        verplicht[lid].add(plek)
                        te_doen.add(lid)
                    break
        _subtabellen(
            groepen,
            gewijzigd,
            rasters,
            statussen,
            verplicht,
            onpubliceerbaar,
            te_doen,
            drempel,
            geaudit,
        )


def _groepen(knopen: list[frozenset]) -> list[tuple[frozenset, list[frozenset]]]:
    """Each parent choice with its children; a lone choice stands for itself."""
    boom = _boom(knopen)
    if boom:
        return list(boom.items())
    return [(k, [k]) for k in knopen]


def _plakken(pgroepen, ogroepen, pknopen, oknopen, r, k):
    """Every two-dimensional slice of the linked table but the choices' own tables.

    A slice is a grid of (choice, cell) pairs whose last row and column are the
    totals of the others: two axes (a tree's parent with its children, or the rows
    or columns with their total), the other two dimensions held at one value.
    """

    def assen(dimensie, groepen):
        return [[(dimensie, c) for c in kind] + [(dimensie, o)] for o, kind in groepen]

    echte_p = [(ouder, kinderen) for ouder, kinderen in pgroepen if kinderen != [ouder]]
    assen_o = assen("o", ogroepen)
    as_r = [("i", i) for i in range(r + 1)]
    as_c = [("j", j) for j in range(k + 1)]
    vast_p = [("p", p) for p in pknopen]
    vast_o = [("o", o) for o in oknopen]
    vast_r = [("i", i) for i in range(r + 1)]
    vast_c = [("j", j) for j in range(k + 1)]
    assen_p = assen("p", pgroepen)
    soorten = [(a, b, v1, v2) for a in assen_p for b in assen_o for v1 in vast_r for v2 in vast_c]
    soorten += [(a, as_c, v1, v2) for a in assen_o for v1 in vast_p for v2 in vast_r]
    soorten += [(a, as_r, v1, v2) for a in assen_o for v1 in vast_p for v2 in vast_c]
    soorten += [(a, as_c, v1, v2) for a in assen("p", echte_p) for v1 in vast_o for v2 in vast_r]
    soorten += [(a, as_r, v1, v2) for a in assen("p", echte_p) for v1 in vast_o for v2 in vast_c]
    plakken = []
    for as_a, as_b, v1, v2 in soorten:
        raster = [[_coordinaat(dict([a, b, v1, v2])) for b in as_b] for a in as_a]
        plakken.append((raster, {knoop for rij in raster for knoop, _plek in rij}))
    return plakken


def _coordinaat(waarden: dict) -> tuple:
    return (waarden["p"], waarden["o"]), (waarden["i"], waarden["j"])


def _subtabellen(
    plakken, gewijzigd, rasters, statussen, verplicht, onpubliceerbaar, te_doen, drempel, geaudit
) -> None:
    """Each slice (``_plakken``) audited as a table by ``tabel_onderdrukken``, with
    what is hidden already forced; what it adds is forced in the choices' tables."""
    for nummer, (raster, knopen) in enumerate(plakken):
        if gewijzigd.isdisjoint(knopen):
            continue
        verborgen, onbekend = set(), set()
        for a, rij in enumerate(raster):
            for b, (kn, plek) in enumerate(rij):
                status = statussen[kn].get(plek)
                if status == VERBORGEN:
                    onbekend.add((a, b))
                elif status is not None:
                    verborgen.add((a, b))
        # What the slice shows and hides is all its audit depends on: if that is as it
        # was at its last audit, the audit would add nothing new.
        stand = (frozenset(verborgen), frozenset(onbekend))
        if geaudit.get(nummer) == stand:
            continue
        geaudit[nummer] = stand
        interieur = [[rasters[kn][plek] for kn, plek in rij[:-1]] for rij in raster[:-1]]
        try:
            uitkomst = _onderdrukt(
                _raster(interieur), drempel=drempel, verplicht=verborgen, onbekend=onbekend
            )
        except NietPubliceerbaar:
            # Every non-zero entry of the slice is hidden already, and their bounds
            # alone still pin one ("<5" entries adding up to a "<5" total). Leave a
            # choice whose whole table is below the threshold unpublished (it says
            # hardly more than "<5" anyway), which frees the rest; never a larger one.
            klein = [
                kn
                for kn in knopen - onpubliceerbaar
                if 0 < max(rasters[kn].values(), default=0) < drempel
            ]
            if klein:
                kleinste = min(klein, key=lambda kn: (max(rasters[kn].values()), repr(kn)))
                onpubliceerbaar.add(kleinste)
                te_doen.add(kleinste)
            continue
        for (a, b), reden in uitkomst.items():
            kn, plek = raster[a][b]
            if reden is not Onderdrukking.ONBEKEND and statussen[kn].get(plek) is None:
                verplicht[kn].add(plek)
                te_doen.add(kn)


def _unieke_knopen(familie: Mapping[Hashable, frozenset]) -> list[frozenset]:
    knopen = sorted(
        {frozenset(s) for s in familie.values()}, key=lambda s: (len(s), sorted(map(repr, s)))
    )
    for a in knopen:
        for b in knopen:
            if a & b and not (a <= b or b <= a):
                raise ValueError("Filter choices overlap without one holding the other.")
    return knopen


def _boom(knopen: list[frozenset]) -> dict[frozenset, list[frozenset]]:
    """Each choice's children: the largest smaller choices inside it, which must add up to it."""
    boom = {}
    for ouder in knopen:
        binnen = [s for s in knopen if s < ouder]
        kinderen = [s for s in binnen if not any(s < t for t in binnen)]
        if not kinderen:
            continue
        if frozenset().union(*kinderen) != ouder:
            raise ValueError("A filter choice is not the union of the choices inside it.")
        boom[ouder] = kinderen
    return boom


def _statussen(tabel: Tabel) -> dict[tuple[int, int], Onderdrukking]:
    r, k = len(tabel.rijen), len(tabel.kolommen)
    cellen = {
        **{(i, j): c for i, rij in enumerate(tabel.cellen) for j, c in enumerate(rij)},
        **{(i, k): c for i, c in enumerate(tabel.rijtotalen)},
        **{(r, j): c for j, c in enumerate(tabel.kolomtotalen)},
        (r, k): tabel.totaal,
    }
    return {plek: c.onderdrukking for plek, c in cellen.items() if c.onderdrukt}


def _grenzen_in_som(status, drempel: int) -> tuple[float, float]:
    if status == VERBORGEN:
        return 0, ONBEGRENSD
    return _grenzen(status, drempel)


def _vastgelegd_in_som(waarden: Sequence[int], status: Sequence, index: int, drempel: int) -> bool:
    """Whether suppressed entry ``index`` of ``parent = children`` has a single value.

    Entry 0 is the parent, the others its children. Written as ``children - parent
    = 0``, the entry can go up by one iff another suppressed entry can make up for it,
    and down likewise; each stays within what the attacker knows of it.
    """

    def ruimte(n: int) -> tuple[bool, bool]:
        laag, hoog = _grenzen_in_som(status[n], drempel)
        op, neer = waarden[n] + 1 <= hoog, waarden[n] - 1 >= laag
        return (neer, op) if n == 0 else (op, neer)

    op, neer = ruimte(index)
    anderen = [ruimte(n) for n in range(len(waarden)) if n != index and status[n] is not None]
    kan_op = op and any(o_neer for _, o_neer in anderen)
    kan_neer = neer and any(o_op for o_op, _ in anderen)
    return not (kan_op or kan_neer)


def _aanvulling_in_som(waarden: Sequence[int], status: Sequence) -> int | None:
    """The complement in a sum: the smallest non-zero shown child, else the parent."""
    kandidaten = [n for n in range(1, len(waarden)) if status[n] is None and waarden[n] > 0]
    if kandidaten:
        return min(kandidaten, key=lambda n: (waarden[n], n))
    if status[0] is None and waarden[0] > 0:
        return 0
    return None


def afgeleid(
    delen: Sequence[Tabel | None], *, rijen: Sequence[str], kolommen: Sequence[str], drempel: int
) -> Tabel | None:
    """A table for a choice outside the trees, added up from published tables only.

    A period of whole quarters that is no quarter, year or the whole pilot ("the
    third quarter of 2025 to the second of 2026") is the sum of the disjoint
    published choices it is made of. Each entry is their sum where every part is
    shown, and suppressed ("x") where one is not: it tells nothing that the parts'
    own tables do not, so no difference with another choice can reveal more than
    those do. Suppressed entries here are all shown as "x", never "<5": whether
    a sum of hidden parts is small would be new information.
    """
    rijen, kolommen = tuple(rijen), tuple(kolommen)
    if not delen or all(deel is None for deel in delen):
        return None

    def som(kies) -> Cel:
        cellen = [None if deel is None else kies(deel) for deel in delen]
        if any(c is None or c.onderdrukt for c in cellen):
            return Cel(None, Onderdrukking.AANVULLEND)
        return Cel(sum(c.getal for c in cellen))

    return Tabel(
        rijen=rijen,
        kolommen=kolommen,
        cellen=tuple(
            tuple(som(lambda t, i=i, j=j: t.cellen[i][j]) for j in range(len(kolommen)))
            for i in range(len(rijen))
        ),
        rijtotalen=tuple(som(lambda t, i=i: t.rijtotalen[i]) for i in range(len(rijen))),
        kolomtotalen=tuple(som(lambda t, j=j: t.kolomtotalen[j]) for j in range(len(kolommen))),
        totaal=som(lambda t: t.totaal),
        drempel=drempel,
    )


def weergave(cel: Cel, drempel: int | None = None) -> str:
    """How a cell reads in every output: its count, "<5" if small, "x" if complementary.

    ``drempel`` defaults to the setting; pass the table's own (``Tabel.drempel``).
    """
    if cel.onderdrukking is Onderdrukking.KLEIN:
        return f"<{settings.ONDERDRUKKING_DREMPEL if drempel is None else drempel}"
    if cel.onderdrukt:
        return "x"
    return str(cel.getal)


@dataclass(frozen=True)
class Tijdstatistiek:
    """Median and 90th percentile of durations (in whatever unit they came, e.g. days)."""

    aantal: int
    mediaan: float
    p90: float


def tijdstatistiek(duren: Sequence[float], *, drempel: int) -> Tijdstatistiek | None:
    """Median and 90th percentile of ``duren``; ``None`` over fewer than ``drempel``.

    A median over three cases is nearly one case's own duration, so below the
    threshold nothing is shown. The percentile interpolates between observations
    (``statistics.quantiles``, inclusive method: the same as PostgreSQL's
    ``percentile_cont``, so a figure computed in the database agrees).
    """
    waarden = sorted(duren)
    return tijdstatistiek_van(
        len(waarden),
        lambda p: statistics.quantiles(waarden, n=100, method="inclusive")[round(p * 100) - 1],
        drempel=drempel,
    )


def tijdstatistiek_van(
    aantal: int, kwantiel: Callable[[float], float], *, drempel: int
) -> Tijdstatistiek | None:
    """Median and 90th percentile from ``kwantiel(p)``, or ``None`` over fewer than
    ``drempel`` cases: the one threshold every time statistic passes, whether the
    quantiles come from the database (``cijfers``) or from a list."""
    if aantal < max(drempel, MINIMALE_DREMPEL):
        return None
    return Tijdstatistiek(aantal=aantal, mediaan=kwantiel(0.5), p90=kwantiel(0.9))
