"""The county-year treatment panel: ``jijinan.panel()`` and its table.

One row per county-level division of each table of a span of years, in that year's codes
and names, with its status relative to the pilot's area at the notice date: the table
every study of the pilot builds by hand, built from the same verdicts ``units.match`` reads.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Final

from jijinan.matching.answers import main_first
from jijinan.records import MatchStatus, PanelRow
from jijinan.tables.rows import Rows

if TYPE_CHECKING:
    from jijinan.matching.matcher import Matcher
    from jijinan.tables.schema import Column, Value

__all__ = ["Panel", "PanelRow", "build_panel", "panel"]

NOTICE_LABEL: Final = "2015-07"


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

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (type(self), (self._rows, self.periods))

    def __repr__(self) -> str:
        return f"<Panel: {len(self._rows):,} rows, tables {self.periods[0]} to {self.periods[-1]}>"

    def _records(self) -> list[dict[str, Value]]:
        from jijinan.tables.flat import panel_records

        return panel_records(self._rows)

    def _columns(self) -> tuple[Column, ...]:
        from jijinan.tables.schema import panel_columns

        return panel_columns(self.periods)


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
                    units=main_first(tuple(matcher.units[seq - 1] for seq in version.units), code),
                )
            )
    return Panel(tuple(rows), tuple(index.periods[p] for p in periods))


def panel(start: int = 2005, end: int = 2024, *, notice: bool = True) -> Panel:
    """The county-year treatment panel: every county-level division of every table from ``start`` to ``end``.

    One row per county-level division of the table at the end of each year (in that year's
    codes, names and parents), with its ``status`` relative to the pilot's area at the notice
    date (``pilot``, ``covered``, ``partial``, ``not_pilot``; the Matching rules page), the
    pilot units whose land it holds, and ``post`` (the table is after 3 July 2015). With
    ``notice`` (the default), the notice date's own table (``"2015-07"``) is a period too,
    between 2014 and 2015. Every row is what ``units.match(code, as_of=year)`` says.

    Examples:
        >>> rows = jijinan.panel(2014, 2016)
        >>> rows.periods
        ('2014', '2015-07', '2015', '2016')
        >>> [(r.period, r.status.value) for r in rows if r.code == "310106"]
        [('2014', 'not_pilot'), ('2015-07', 'not_pilot'), ('2015', 'partial'), ('2016', 'partial')]

    Raises:
        TypeError: ``start`` or ``end`` is not an integer.
        ValueError: ``start`` or ``end`` is outside 2000-2024, or ``start`` is after ``end``.
    """
    from jijinan.matching.default import default_matcher

    years = []
    for what, year in (("start", start), ("end", end)):
        if isinstance(year, bool):
            raise TypeError(f"{what} must be a year (int), got bool")
        try:
            years.append(operator.index(year))
        except TypeError:
            raise TypeError(f"{what} must be a year (int), got {type(year).__name__}") from None
        if not 2000 <= years[-1] <= 2024:
            raise ValueError(f"{what} must be a year from 2000 to 2024, got {years[-1]}")
    if years[0] > years[1]:
        raise ValueError(f"start ({years[0]}) is after end ({years[1]})")
    return build_panel(default_matcher(), years[0], years[1], notice=bool(notice))
