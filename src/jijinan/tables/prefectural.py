"""The prefecture-level panel: ``jijinan.panel(start, end, level="prefectural")``.

One row per prefecture-level division per table, as city yearbooks count them: each
prefecture-level division; each municipality (北京市, 天津市, 上海市, 重庆市) as one row; and each
county-level division directly under a province (仙桃市, 济源市, 石河子市, Hainan's counties) as a
row of its own, ``kind`` ``province_administered``, since it belongs to no prefecture and
yearbooks list it beside the cities (drop ``kind == "province_administered"`` to keep the
prefecture-level cities alone). Its counts are the county panel's rows aggregated, and its
``stable_id`` joins prefecture-level divisions that shared land (巢湖市's, split in 2011).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

import attrs

from jijinan.tables.rows import Rows
from jijinan.tables.stable import unit_ids

if TYPE_CHECKING:
    from jijinan.loading.divisions import DivisionIndex
    from jijinan.loading.land import Land
    from jijinan.tables.schema import Column, Value

__all__ = ["PrefecturalPanel", "PrefectureRow", "build_prefectural_panel"]

_IN_PILOT = ("pilot", "covered")


@attrs.frozen(kw_only=True)
class PrefectureRow:
    """One prefecture-level division (or municipality, or county-level division under a province) in one table."""

    period: str
    """The table: a year's end (``"2016"``) or the notice date (``"2015-07"``, with ``notice=True``)."""
    year: int
    post: bool
    """Whether the table is after the notice (3 July 2015)."""
    event_time: int
    """``year - 2015``."""
    code: str
    """The prefecture's code; a municipality's province-level code (``110000``); a province-administered
    county-level division's own code (``429004``)."""
    name: str
    name_pinyin: str
    province: str
    province_code: str
    kind: str
    """``prefecture``, ``municipality`` or ``province_administered``."""
    county_divisions: int
    """Its county-level divisions in that table (itself, for a province-administered one; 0 for 东莞市)."""
    pilot_divisions: int
    """Of them, those whose land all lay in the pilot's area (status pilot or covered)."""
    pilot_share: float | None
    """``pilot_divisions / county_divisions``, by count (not area or population); None without any."""
    whole_pilot: bool
    """All of its land lay in the pilot's area (at the notice date: the 11 prefecture-level units and Beijing)."""
    stable_id: str
    """Its time-consistent unit: rows that shared land (a county moved between them) are one unit,
    named by its smallest code in the panel's last table."""


class PrefecturalPanel(Rows[PrefectureRow]):
    """The rows of ``jijinan.panel(level="prefectural")``, in table order, then code order. Immutable."""

    __slots__ = ("periods",)
    periods: tuple[str, ...]
    """The tables of the panel, in time order."""

    def __init__(self, rows: tuple[PrefectureRow, ...], periods: tuple[str, ...]) -> None:
        super().__init__(rows)
        object.__setattr__(self, "periods", periods)

    def __repr__(self) -> str:
        return f"<PrefecturalPanel: {len(self._rows):,} rows, tables {self.periods[0]} to {self.periods[-1]}>"

    def _records(self) -> list[dict[str, Value]]:
        return [attrs.asdict(r) for r in self._rows]

    def _columns(self) -> tuple[Column, ...]:
        from jijinan.tables.research import prefecture_columns

        return prefecture_columns(self.periods)


def prefecture_of(code: str, alive: Collection[str], municipalities: Collection[str]) -> tuple[str, str]:
    """The prefecture-level row a county-level division of a table counts in, and its kind."""
    if code[:2] + "0000" in municipalities:
        return code[:2] + "0000", "municipality"
    if code[:4] + "00" in alive:
        return code[:4] + "00", "prefecture"
    return code, "province_administered"


def build_prefectural_panel(index: DivisionIndex, land: Land, periods: list[int]) -> PrefecturalPanel:
    """The prefecture-level rows of the tables ``periods`` (in time order)."""
    codes, names = index.codes, index.names
    found = []  # (period, code, kind, span of the row's own division, member spans)
    tables = {}
    for period in periods:
        alive = tables[period] = {codes[s]: s for s in index.at(period)}
        municipalities = {c for c, s in alive.items() if c.endswith("0000") and names[s].endswith("市")}
        groups: dict[str, tuple[str, list[int]]] = {c: ("municipality", []) for c in municipalities}
        for code in alive:
            if not code.endswith("0000") and code.endswith("00"):
                groups[code] = ("prefecture", [])
        for code, span in alive.items():
            if code.endswith("00"):
                continue
            key, kind = prefecture_of(code, alive.keys(), municipalities)
            groups.setdefault(key, (kind, []))[1].append(span)
        for key in sorted(groups):
            kind, members = groups[key]
            found.append((period, key, kind, alive[key], members))
    ids = unit_ids(
        [
            (period, key, {leaf for s in (own, *members) for leaf in land.at(s, period)})
            for period, key, _kind, own, members in found
        ]
    )
    rows = []
    for (period, key, kind, own, members), stable in zip(found, ids, strict=True):
        label = index.periods[period]
        year = int(label[:4])
        pilot = sum(1 for s in members if index.version(s, period).status in _IN_PILOT)
        province = tables[period][key[:2] + "0000"]
        rows.append(
            PrefectureRow(
                period=label,
                year=year,
                post=period > index.notice,
                event_time=year - 2015,
                code=key,
                name=names[own],
                name_pinyin=land.pinyin[own],
                province=names[province],
                province_code=key[:2] + "0000",
                kind=kind,
                county_divisions=len(members),  # a province-administered division counts itself
                pilot_divisions=pilot,
                pilot_share=pilot / len(members) if members else None,
                whole_pilot=index.version(own, period).status in _IN_PILOT,
                stable_id=stable,
            )
        )
    return PrefecturalPanel(tuple(rows), tuple(index.periods[p] for p in periods))
