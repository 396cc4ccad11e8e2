"""jijinan: the 2015 "救急难" pilot notice (民办函〔2015〕244号) and its 300 pilot units as typed data.

    >>> from jijinan import units, notice
    >>> units.get("浚县").code
    '410621'
    >>> notice.number
    '民办函〔2015〕244号'

``units`` is loaded on first use; ``notice`` is loaded on first access.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Final, TypeVar

from jijinan.collection import PilotUnits
from jijinan.coverage import Coverage
from jijinan.errors import (
    AmbiguousUnitError,
    DataIntegrityError,
    DivisionNotFoundError,
    JijinanError,
    UnitNotFoundError,
)
from jijinan.records import (
    Approval,
    CitedDocument,
    CoverageRow,
    Division,
    Kind,
    Level,
    Match,
    MatchStatus,
    Notice,
    PilotUnit,
    Relation,
    Requirement,
    Successor,
    Task,
    Text,
    Via,
)

__version__ = "0.3.0"

NOTICE_DATE: Final = datetime.date(2015, 7, 3)
"""The date of the notice, 民办函〔2015〕244号."""
CODE_TABLE: Final = "2015-07"
"""The GB/T 2260 table the units' codes come from: the Ministry of Civil Affairs' table of July 2015."""
HISTORY_TABLES: Final = (
    *(str(year) for year in range(2000, 2015)),
    "2015-07",
    *(str(year) for year in range(2015, 2025)),
)
"""The tables matching reads names in, in time order: the end of each year 2000-2014, the notice
date (``"2015-07"``, the July 2015 table), the end of each year 2015-2024."""
LATEST_TABLE: Final = "2024"
"""The newest table, the end of 2024: what ``PilotUnit.successors`` refer to."""

__all__ = [
    "CODE_TABLE",
    "HISTORY_TABLES",
    "LATEST_TABLE",
    "NOTICE_DATE",
    "AmbiguousUnitError",
    "Approval",
    "CitedDocument",
    "Coverage",
    "CoverageRow",
    "DataIntegrityError",
    "Division",
    "DivisionNotFoundError",
    "JijinanError",
    "Kind",
    "Level",
    "Match",
    "MatchStatus",
    "Notice",
    "Panel",
    "PanelRow",
    "PilotUnit",
    "PilotUnits",
    "Relation",
    "Requirement",
    "Successor",
    "Task",
    "Text",
    "UnitNotFoundError",
    "Via",
    "__version__",
    "coverage",
    "match_frame",
    "notice",
    "panel",
    "units",
]

_FrameT = TypeVar("_FrameT")

units: PilotUnits = PilotUnits()
"""The 300 pilot units, in the attachment's order (see [`PilotUnits`][jijinan.PilotUnits])."""


def match_frame(
    frame: _FrameT,
    name: str = "county",
    *,
    province: str | None = None,
    prefecture: str | None = None,
    year: str | None = None,
    prefix: str | None = None,
) -> _FrameT:
    """Match a column of a pandas or polars DataFrame and add the answers as columns.

    ``name`` is the column of division names (or codes); ``province``, ``prefecture`` and
    ``year`` name optional columns of per-row hints (``year`` is read as ``as_of``). Returns a
    new frame of the same kind, rows in the same order, with the match columns added:
    ``status``, ``code``, ``name``, ``period``, ``unit_seq``, ``unit_code``, ``unit_name``, ``via``,
    ``candidates`` and ``reason`` (see the data dictionary). A column whose name the frame
    already has is added as ``jijinan_<name>``; give ``prefix`` to prefix every added column
    instead. The input frame is not changed. Each distinct row is matched once.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"county": ["朝阳区", "朝阳区", "浚县"], "province": ["北京", "吉林", None]})
        >>> jijinan.match_frame(df, province="province")[["county", "status", "unit_code"]].values.tolist()
        [['朝阳区', 'covered', '110000'], ['朝阳区', 'not_pilot', <NA>], ['浚县', 'pilot', '410621']]

    Raises:
        TypeError: ``frame`` is not a pandas or polars DataFrame, a column label is not a ``str``,
            or a column holds values that are not names (see ``PilotUnits.match_many``).
        KeyError: a named column is not in the frame (the message lists its columns).
        ValueError: an added column would still replace one of the frame's, a hint
            names no division, or a year is outside the tables' years.
    """
    from jijinan import frames

    result: _FrameT = frames.match_frame(
        frame, name, province=province, prefecture=prefecture, year=year, prefix=prefix
    )
    return result


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
    import operator

    from jijinan.collection import default_matcher
    from jijinan.panels import build_panel

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


def coverage() -> Coverage:
    """One row per county-level division in force in July 2015 (2,853): whether the pilot covered it.

    The same as ``units.coverage()``; see [`PilotUnits.coverage`][jijinan.PilotUnits.coverage].
    """
    return units.coverage()


if TYPE_CHECKING:
    from jijinan.panels import Panel, PanelRow

    notice: Notice
    """The notice itself (see [`Notice`][jijinan.records.Notice]), loaded on first access."""


def __getattr__(name: str) -> object:
    # ``notice`` is read from the package data on first access, not at import; the panel's
    # classes are made only when asked for, so that importing jijinan stays cheap.
    if name == "notice":
        from jijinan._data import load_notice

        return load_notice()
    if name in ("Panel", "PanelRow"):
        from jijinan import panels as module

        return getattr(module, name)
    raise AttributeError(f"module 'jijinan' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The public names and the module's own dunders: not the submodules, not the helpers imported above.
    return sorted({*__all__, *(name for name in globals() if name.startswith("__") and name.endswith("__"))})


# The helpers imported above only to write this module are not part of its namespace (type
# checkers, which read the annotations, still see them).
if not TYPE_CHECKING:
    del annotations, datetime, Final, TypeVar, TYPE_CHECKING
