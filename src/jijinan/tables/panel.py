"""The county-year treatment panel: ``jijinan.panel()`` and its table.

One row per county-level division of each year-end table of a span of years (and of the
notice date's, when asked), in that year's codes and names, with its status relative to the
pilot's area at the notice date, the treatment variables of a difference-in-differences
study and its time-consistent unit (``jijinan.tables.stable``): the table every study of
the pilot builds by hand, from the same verdicts ``units.match`` reads.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, Literal, overload

from jijinan.matching.answers import main_first
from jijinan.records import MatchStatus, PanelRow, PilotUnit
from jijinan.tables.rows import Rows
from jijinan.tables.stable import unit_ids

if TYPE_CHECKING:
    from jijinan.loading.divisions import DivisionIndex
    from jijinan.loading.land import Land
    from jijinan.matching.matcher import Matcher
    from jijinan.tables.prefectural import PrefecturalPanel
    from jijinan.tables.schema import Column, Value

__all__ = ["Panel", "PanelRow", "build_panel", "panel", "panel_periods"]

NOTICE_LABEL: Final = "2015-07"
NOTICE_YEAR: Final = 2015
LEVELS: Final = ("county", "prefectural")


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
        from jijinan.tables.research import panel_columns

        return panel_columns(self.periods)


def panel_periods(index: DivisionIndex, start: int, end: int, notice: bool) -> list[int]:
    """The tables of a panel: the year-ends ``start``..``end``, with the notice date's if ``notice``."""
    periods = [index.period_of_year(year) for year in range(start, end + 1)]
    if notice and start <= NOTICE_YEAR <= end:
        periods.insert(periods.index(index.period_of_year(NOTICE_YEAR)), index.notice)
    return periods


def build_panel(matcher: Matcher, land: Land, start: int, end: int, notice: bool) -> Panel:
    """The panel of the year-end tables ``start``..``end``, with the notice date's if ``notice``."""
    index = matcher.index
    periods = panel_periods(index, start, end, notice)
    statuses = {s.value: s for s in MatchStatus}
    in_pilot_statuses = (MatchStatus.PILOT, MatchStatus.COVERED)
    # Who held each leaf at the notice date: a row's origin, for pilot_share and the units' codes.
    owner = {leaf: index.codes[s] for s in index.at(index.notice) for leaf in land.at(s, index.notice)}
    found: list[tuple[int, int, dict[str, str], int]] = []  # (table, span, parents' names, member)
    # A member is one division's land as it stands for a run of tables: most divisions keep theirs,
    # so some 3,000 members stand for 57,000 rows (the land lists live as long as ``land``: their
    # identity is the key).
    members: dict[int, int] = {}
    member_land: list[Sequence[int]] = []
    member_last: list[tuple[int, str]] = []
    for period in periods:
        alive = sorted(index.at(period), key=index.codes.__getitem__)
        parents = {index.codes[i]: index.names[i] for i in alive if index.codes[i].endswith("00")}
        for span in alive:
            code = index.codes[span]
            if code.endswith("00"):
                continue
            held = land.at(span, period)
            member = members.setdefault(id(held), len(members))
            if member == len(member_land):
                member_land.append(held)
                member_last.append((period, code))
            else:
                member_last[member] = (period, code)  # tables come in time order: the latest stays
            found.append((period, span, parents, member))
    ids = unit_ids([(table, code, held) for (table, code), held in zip(member_last, member_land, strict=True)])
    origins = [{owner[leaf] for leaf in held if leaf in owner} for held in member_land]
    shares = [len(origin & land.pilot) / len(origin) if origin else None for origin in origins]
    notice_codes: dict[str, set[str]] = {}
    for stable, origin in zip(ids, origins, strict=True):
        notice_codes.setdefault(stable, set()).update(origin)
    unit_codes = {stable: tuple(sorted(codes)) for stable, codes in notice_codes.items()}
    units: dict[tuple[int, ...], tuple[PilotUnit, ...]] = {}
    rows = []
    for period, span, parents, member in found:
        code = index.codes[span]
        version = index.version(span, period)
        label = index.periods[period]
        year = int(label[:4])
        province_code = code[:2] + "0000"
        prefecture_code = code[:4] + "00"
        prefecture = parents.get(prefecture_code) if prefecture_code != province_code else None
        status = statuses[version.status]
        in_pilot = status in in_pilot_statuses
        post = period > index.notice
        involved = units.get(version.units)
        if involved is None:
            involved = units[version.units] = tuple(matcher.units[seq - 1] for seq in version.units)
        involved = main_first(involved, code)  # the unit it is under its own code first, as match says
        stable = ids[member]
        rows.append(
            PanelRow(
                period=label,
                year=year,
                post=post,
                event_time=year - NOTICE_YEAR,
                code=code,
                name=index.names[span],
                name_pinyin=land.pinyin[span],
                province=parents[province_code],
                province_code=province_code,
                prefecture=prefecture,
                prefecture_code=prefecture_code if prefecture is not None else None,
                status=status,
                in_pilot=in_pilot,
                treated=in_pilot and post,
                pilot_share=shares[member],
                stable_id=stable,
                stable_notice_codes=unit_codes[stable],
                units=involved,
            )
        )
    return Panel(tuple(rows), tuple(index.periods[p] for p in periods))


@overload
def panel(start: int = ..., end: int = ..., *, notice: bool = ..., level: Literal["county"] = ...) -> Panel: ...


@overload
def panel(
    start: int = ..., end: int = ..., *, notice: bool = ..., level: Literal["prefectural"]
) -> PrefecturalPanel: ...


def panel(
    start: int = 2005, end: int = 2024, *, notice: bool = False, level: str = "county"
) -> Panel | PrefecturalPanel:
    """The treatment panel: one row per county-level division (or prefecture-level one) and year.

    One row per county-level division of the table at the end of each year from ``start`` to
    ``end`` (in that year's codes, names and parents): ``(code, year)`` is unique. Each row has
    its ``status`` relative to the pilot's area at the notice date (``pilot``, ``covered``,
    ``partial``, ``not_pilot``; the Matching rules page), the treatment variables ``post``,
    ``event_time``, ``in_pilot``, ``treated`` and ``pilot_share``, its time-consistent unit
    ``stable_id`` over the panel's years, and the pilot units whose land it holds. Every row is
    what ``units.match(code, as_of=year)`` says. With ``notice``, the notice date's own table
    (``"2015-07"``) is a table too, between 2014 and 2015 (a second row of 2015 for every
    division: tell them apart by ``period``). With ``level="prefectural"``, one row per
    prefecture-level division per year instead (see the docs' panel page).

    Examples:
        >>> rows = jijinan.panel(2014, 2016)
        >>> rows.periods
        ('2014', '2015', '2016')
        >>> [(r.year, r.status.value, r.treated, r.stable_id) for r in rows if r.code == "310108"]
        [(2014, 'pilot', False, '310106')]
        >>> jijinan.panel(2014, 2016, notice=True).periods
        ('2014', '2015-07', '2015', '2016')

    Raises:
        TypeError: ``start`` or ``end`` is not an integer.
        ValueError: ``start`` or ``end`` is outside 2000-2024, ``start`` is after ``end``, or
            ``level`` is neither ``"county"`` nor ``"prefectural"``.
        DataIntegrityError: the packaged data is missing or damaged.
    """
    from jijinan.loading.land import load_land
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
    if level not in LEVELS:
        raise ValueError(f"level must be 'county' or 'prefectural', got {level!r}")
    matcher = default_matcher()
    if level == "prefectural":
        from jijinan.tables.prefectural import build_prefectural_panel

        periods = panel_periods(matcher.index, years[0], years[1], bool(notice))
        return build_prefectural_panel(matcher.index, load_land(), periods)
    return build_panel(matcher, load_land(), years[0], years[1], notice=bool(notice))
