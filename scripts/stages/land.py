"""What the panel and the crosswalk read, for scripts/build_data.py: ``land.json``.

Every division of every table holds land, tracked by scripts/stages/history.py as pieces. Here
each piece is written as the *leaves* it split into by the end of 2024, numbered in a
fixed order (by the record of the first table it belonged to, then its path of splits),
so two divisions of any two tables share land exactly when they share a leaf number.
For each span of divisions.json (same order): its own land's leaves at its first table,
and again at every table where they change; the name romanised (``romanize.display_name``)
for every span; and the July-2015 codes of the pilot's area. The package loads the file
only when a panel or a crosswalk is asked for.
"""

from __future__ import annotations

from typing import Any

from stages import romanize
from stages.history import History, Piece


def land_payload(history: History, spans: list[list[Any]], pilot_codes: set[str]) -> dict[str, Any]:
    """The content of land.json, for the rows of divisions.json (``tables.division_spans``)."""
    numbers: dict[Piece, int] = {}
    held: dict[tuple[int, int], frozenset[Piece]] = {}  # (table, uid) -> the leaves it holds
    for period, holdings in enumerate(history.holdings):
        for uid, pieces in holdings.items():
            held[(period, uid)] = frozenset().union(*(history.leaves(p) for p in pieces))
    for leaf in sorted(frozenset().union(*held.values())):
        numbers[leaf] = len(numbers)
    by_code = [{r.code: r for r in alive} for alive in history.alive]
    land = []
    for code, name, first, last, _versions in spans:
        versions: list[list[Any]] = []
        for period in range(first, last + 1):
            record = by_code[period][code]
            if history.name_at(period, record) != name:
                raise ValueError(f"span {code} {name}: the history names it otherwise at table {period}")
            leaves = sorted(numbers[leaf] for leaf in held[(period, record.uid)])
            if not versions or versions[-1][1] != leaves:
                versions.append([period, leaves])
        land.append(versions)
    return {
        "leaves": len(numbers),
        "land": land,
        "pinyin": [romanize.display_name(name) for _c, name, *_rest in spans],
        "pilot": sorted(pilot_codes),
    }
