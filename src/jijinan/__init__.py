"""jijinan: the 2015 "救急难" pilot notice (民办函〔2015〕244号) and its 300 pilot units as typed data.

    >>> from jijinan import units, notice
    >>> units.get("浚县").code
    '410621'
    >>> notice.number
    '民办函〔2015〕244号'

``units`` is loaded on first use; ``notice`` is loaded on first access. This module holds the
public names only; docs/architecture.md says where each lives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jijinan.collection import PilotUnits, coverage, units
from jijinan.constants import CODE_TABLE, HISTORY_TABLES, LATEST_TABLE, NOTICE_DATE, __version__
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
    PanelRow,
    PilotUnit,
    Relation,
    Requirement,
    Successor,
    Task,
    Text,
    Via,
)
from jijinan.tables.coverage import Coverage
from jijinan.tables.match_frame import match_frame
from jijinan.tables.panel import Panel, panel

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

if TYPE_CHECKING:
    notice: Notice
    """The notice itself (see [`Notice`][jijinan.records.Notice]), loaded on first access."""


def __getattr__(name: str) -> object:
    # ``notice`` is read from the package data on first access, not at import.
    if name == "notice":
        from jijinan.loading import load_notice

        return load_notice()
    raise AttributeError(f"module 'jijinan' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The public names and the module's own dunders: not the submodules, not the helpers imported above.
    return sorted({*__all__, *(name for name in globals() if name.startswith("__") and name.endswith("__"))})


# The helpers imported above only to write this module are not part of its namespace (type
# checkers, which read the annotations, still see them).
if not TYPE_CHECKING:
    del annotations, TYPE_CHECKING
