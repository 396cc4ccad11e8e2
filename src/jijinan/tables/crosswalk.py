"""Crosswalks between any two tables: ``jijinan.crosswalk()``.

One row for each pair of a county-level division of the source table and one of the target
table whose land overlaps, read from the pieces of land the build follows (a pair shares a
piece, or it is no pair). The tables give no areas or populations, so a crosswalk says
*whether* land is shared and whether all of one side lies in the other, never *how much*.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING

import attrs

from jijinan.tables.rows import Rows

if TYPE_CHECKING:
    from jijinan.loading.divisions import DivisionIndex
    from jijinan.loading.land import Land
    from jijinan.tables.schema import Column, Value

__all__ = ["Crosswalk", "CrosswalkRow", "build_crosswalk", "crosswalk", "table_of"]


@attrs.frozen(kw_only=True)
class CrosswalkRow:
    """A source division and a target division whose land overlaps (or one of them alone)."""

    source_code: str | None
    """Its code in the source table; None when the target's land lay outside the source's counties."""
    source_name: str | None
    target_code: str | None
    """Its code in the target table; None when the source's land left the target's counties."""
    target_name: str | None
    whole_source: bool
    """All of the source division's land lies in the target division."""
    whole_target: bool
    """All of the target division's land comes from the source division."""


class Crosswalk(Rows[CrosswalkRow]):
    """The rows of ``jijinan.crosswalk()``, by source code, then target code. Immutable."""

    __slots__ = ("source", "target")
    source: str
    """The source table: ``"2005"``, ``"2015-07"``, …"""
    target: str

    def __init__(self, rows: tuple[CrosswalkRow, ...], source: str, target: str) -> None:
        super().__init__(rows)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "target", target)

    def __repr__(self) -> str:
        return f"<Crosswalk: {len(self._rows):,} pairs, {self.source} to {self.target}>"

    def _records(self) -> list[dict[str, Value]]:
        return [attrs.asdict(r) for r in self._rows]

    def _columns(self) -> tuple[Column, ...]:
        from jijinan.tables.research import CROSSWALK_COLUMNS

        return CROSSWALK_COLUMNS


def table_of(index: DivisionIndex, table: object, what: str) -> int:
    """The table a year (``2005``, ``"2005"``) or the notice date (``"2015-07"``) names.

    Raises:
        TypeError: neither an int nor a str.
        ValueError: no such table.
    """
    first, last = index.periods[0], index.periods[-1]
    if isinstance(table, str):
        if table in index.periods:
            return index.periods.index(table)
        raise ValueError(
            f"{what} must be a year from {first} to {last} or {index.periods[index.notice]!r} "
            f"(the notice date), got {table!r}"
        )
    if isinstance(table, bool):
        raise TypeError(f"{what} must be a year (int or str) or '2015-07', got bool")
    try:
        year = operator.index(table)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{what} must be a year (int or str) or '2015-07', got {type(table).__name__}") from None
    if not int(first) <= year <= int(last):
        raise ValueError(f"{what} must be a year from {first} to {last}, got {year}")
    return index.period_of_year(year)


def _county_land(index: DivisionIndex, land: Land, period: int) -> dict[int, frozenset[int]]:
    return {s: frozenset(land.at(s, period)) for s in index.at(period) if not index.codes[s].endswith("00")}


def build_crosswalk(index: DivisionIndex, land: Land, source: int, target: int) -> Crosswalk:
    """Every overlapping pair of county-level divisions of tables ``source`` and ``target``."""
    before, after = _county_land(index, land, source), _county_land(index, land, target)
    holders: dict[int, list[int]] = {}
    for span, leaves in after.items():
        for leaf in leaves:
            holders.setdefault(leaf, []).append(span)
    codes, names = index.codes, index.names
    rows = []
    reached: set[int] = set()
    for span, leaves in before.items():
        partners = sorted({t for leaf in leaves for t in holders.get(leaf, ())}, key=codes.__getitem__)
        reached.update(partners)
        for other in partners:
            rows.append(
                CrosswalkRow(
                    source_code=codes[span],
                    source_name=names[span],
                    target_code=codes[other],
                    target_name=names[other],
                    whole_source=leaves <= after[other],
                    whole_target=after[other] <= leaves,
                )
            )
        if not partners:
            rows.append(_alone(source_code=codes[span], source_name=names[span]))
    for span in after:
        if span not in reached:
            rows.append(_alone(target_code=codes[span], target_name=names[span]))
    rows.sort(key=lambda r: (r.source_code is None, r.source_code or "", r.target_code or ""))
    return Crosswalk(tuple(rows), index.periods[source], index.periods[target])


def _alone(
    source_code: str | None = None,
    source_name: str | None = None,
    target_code: str | None = None,
    target_name: str | None = None,
) -> CrosswalkRow:
    return CrosswalkRow(
        source_code=source_code,
        source_name=source_name,
        target_code=target_code,
        target_name=target_name,
        whole_source=False,
        whole_target=False,
    )


def crosswalk(source: int | str, target: int | str) -> Crosswalk:
    """The crosswalk between two code tables: every pair of county-level divisions whose land overlaps.

    ``source`` and ``target`` are tables: a year (``2005`` or ``"2005"``, its year-end table,
    2000-2024) or ``"2015-07"`` (the notice date's). One row per pair of a county-level
    division of ``source`` and one of ``target`` that hold common land, with ``whole_source``
    (all of the source's land lies in the target) and ``whole_target`` (all of the target's
    land comes from the source). Every county-level division of both tables is in at least
    one row; one whose land lay outside the other table's county-level divisions (儋州市 after
    2015, the districts of 三亚 formed in 2014 from the city's own land) has a row with the
    other side empty. The tables give no areas or populations: a crosswalk has no weights.

    Examples:
        >>> xw = jijinan.crosswalk(2014, 2016)
        >>> [(r.source_name, r.target_name, r.whole_source, r.whole_target) for r in xw if r.source_code == "310108"]
        [('闸北区', '静安区', True, False)]

    Raises:
        TypeError: a table is neither an int nor a str.
        ValueError: no such table.
        DataIntegrityError: the packaged data is missing or damaged.
    """
    from jijinan.loading import load_division_index
    from jijinan.loading.land import load_land

    index = load_division_index()
    first, second = table_of(index, source, "source"), table_of(index, target, "target")
    return build_crosswalk(index, load_land(), first, second)
