"""The county-year treatment panel: ``jijinan.panel()``.

One row per county-level division of each table of a span of years, in that year's codes
and names, with its status relative to the pilot's area at the notice date: the table
every study of the pilot builds by hand, built from the same verdicts ``units.match`` reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from jijinan._rows import Rows
from jijinan.records import MatchStatus, PilotUnit

if TYPE_CHECKING:
    from jijinan.matching import Matcher
    from jijinan.schema import Column, Value

__all__ = ["Panel", "PanelRow", "build_panel"]

NOTICE_LABEL: Final = "2015-07"


@attrs.frozen(kw_only=True)
class PanelRow:
    """One county-level division in one table of the panel."""

    period: str
    """The table: a year's end (``"2016"``) or the notice date (``"2015-07"``)."""
    year: int
    """The year of the table (2015 for both ``"2015-07"`` and ``"2015"``)."""
    post: bool
    """Whether the table is after the notice (3 July 2015): the end of 2015 and later."""
    code: str
    name: str
    province: str
    province_code: str
    prefecture: str | None
    """Its prefecture-level parent in that table, if any."""
    prefecture_code: str | None
    status: MatchStatus
    """``pilot``, ``covered``, ``partial`` or ``not_pilot``: its land in that table against the
    pilot's area at the notice date (the rules of the docs' Matching page)."""
    units: tuple[PilotUnit, ...]
    """The pilot units whose land it holds, all or part (attachment order); empty for not_pilot."""


class Panel(Rows[PanelRow]):
    """The rows of ``jijinan.panel()``, in table order, then code order. Immutable.

    ``to_records()``, ``to_pandas()`` and ``to_polars()`` give it flat: string codes,
    categorical ``period`` (in time order) and ``status``.
    """

    __slots__ = ("periods",)
    periods: tuple[str, ...]
    """The tables of the panel, in time order."""

    def __init__(self, rows: tuple[PanelRow, ...], periods: tuple[str, ...]) -> None:
        super().__init__(rows)
        object.__setattr__(self, "periods", periods)

    def __repr__(self) -> str:
        return f"<Panel: {len(self._rows):,} rows, tables {self.periods[0]} to {self.periods[-1]}>"

    def _records(self) -> list[dict[str, Value]]:
        from jijinan import schema

        return schema.panel_records(self._rows)

    def _columns(self) -> tuple[Column, ...]:
        from jijinan import schema

        return schema.panel_columns(self.periods)


def build_panel(matcher: Matcher, start: int, end: int, notice: bool) -> Panel:
    """The panel of the year-end tables ``start``..``end``, with the notice date's if ``notice``."""
    index = matcher.index
    periods = [index.period_of_year(year) for year in range(start, end + 1)]
    if notice and start <= 2015 <= end:
        periods.insert(periods.index(index.period_of_year(2015)), index.notice)
    statuses = {s.value: s for s in MatchStatus}
    rows = []
    for period in periods:
        label = index.periods[period]
        alive = sorted(index.at(period), key=index.codes.__getitem__)
        parents = {index.codes[i]: index.names[i] for i in alive if index.codes[i].endswith("00")}
        for span in alive:
            code = index.codes[span]
            if code.endswith("00"):
                continue
            version = index.version(span, period)
            province_code = code[:2] + "0000"
            prefecture_code = code[:4] + "00"
            prefecture = parents.get(prefecture_code) if prefecture_code != province_code else None
            rows.append(
                PanelRow(
                    period=label,
                    year=int(label[:4]),
                    post=period > index.notice,
                    code=code,
                    name=index.names[span],
                    province=parents[province_code],
                    province_code=province_code,
                    prefecture=prefecture,
                    prefecture_code=prefecture_code if prefecture is not None else None,
                    status=statuses[version.status],
                    units=tuple(matcher.units[seq - 1] for seq in version.units),
                )
            )
    return Panel(tuple(rows), tuple(index.periods[p] for p in periods))
