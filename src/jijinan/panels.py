"""The county-year treatment panel: ``jijinan.panel()``.

One row per county-level division of each table of a span of years, in that year's codes
and names, with its status relative to the pilot's area at the notice date: the table
every study of the pilot builds by hand, built from the same verdicts ``units.match`` reads.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final, overload

import attrs

from jijinan._sealed import Sealed
from jijinan.records import MatchStatus, PilotUnit

if TYPE_CHECKING:
    import pandas
    import polars

    from jijinan.matching import Matcher

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


class Panel(Sealed, Sequence[PanelRow]):
    """The rows of ``jijinan.panel()``, in table order, then code order. Immutable."""

    __slots__ = ("_rows", "periods")
    _rows: tuple[PanelRow, ...]
    periods: tuple[str, ...]
    """The tables of the panel, in time order."""

    def __init__(self, rows: tuple[PanelRow, ...], periods: tuple[str, ...]) -> None:
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "periods", periods)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> PanelRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[PanelRow, ...]: ...

    def __getitem__(self, index: int | slice) -> PanelRow | tuple[PanelRow, ...]:
        return self._rows[index]

    def __iter__(self) -> Iterator[PanelRow]:
        return iter(self._rows)

    def __repr__(self) -> str:
        return f"<Panel: {len(self._rows):,} rows, tables {self.periods[0]} to {self.periods[-1]}>"

    def to_records(self) -> list[dict[str, str | int | bool | None]]:
        """One plain dict per row, with the columns of the data dictionary (codes as strings)."""
        from jijinan import schema

        return schema.panel_records(self._rows)

    def to_pandas(self) -> pandas.DataFrame:
        """The panel as a pandas DataFrame: string codes, categorical ``period`` and ``status``.

        Raises:
            ImportError: pandas is not installed (``pip install "jijinan[pandas]"``).
        """
        from jijinan import frames, schema

        return frames.to_pandas(self.to_records(), schema.panel_columns(self.periods))

    def to_polars(self) -> polars.DataFrame:
        """The panel as a polars DataFrame.

        Raises:
            ImportError: polars is not installed (``pip install "jijinan[polars]"``).
        """
        from jijinan import frames, schema

        return frames.to_polars(self.to_records(), schema.panel_columns(self.periods))


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
