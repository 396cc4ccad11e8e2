"""Time-consistent units: the smallest groups of divisions between which no land moves in a window.

Internal, for the county and the prefecture-level panels. Two divisions of any two tables
of the window are in one unit when they hold a common piece of land (a *leaf* of
``jijinan.loading.land``), and units are closed under that: what one division of a unit
held in one year, divisions of the same unit hold in every year. A unit's id is the
smallest code it has in the last table of the window (in the latest table where it has a
division, for the rare unit whose land left that level: 儋州市 became a prefecture-level
city without counties in 2015). The id depends on the divisions and the window alone, not
on the order in which they are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["unit_ids"]


def unit_ids(members: Sequence[tuple[int, str, Iterable[int]]]) -> list[str]:
    """The unit id of each member, given as ``(table, code, leaves)``: members that share land are one unit."""
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holder: dict[int, int] = {}
    for i, (_table, _code, leaves) in enumerate(members):
        for leaf in leaves:
            j = holder.setdefault(leaf, i)
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    best: dict[int, tuple[int, str]] = {}  # root -> (minus the table, code): the latest table, then the smallest code
    for i, (table, code, _leaves) in enumerate(members):
        root = find(i)
        key = (-table, code)
        if root not in best or key < best[root]:
            best[root] = key
    return [best[find(i)][1] for i in range(len(members))]
