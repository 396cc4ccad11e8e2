"""jijinan: the 2015 "救急难" pilot notice (民办函〔2015〕244号) and its 300 pilot units as typed data.

    >>> from jijinan import units, notice
    >>> units.get("浚县").code
    '410621'
    >>> notice.number
    '民办函〔2015〕244号'

``units`` is loaded on first use; ``notice`` is loaded on first access. This module holds the
public names only; docs/architecture.md says where each lives.
"""

# No ``from __future__ import annotations`` here: it imports the ``__future__`` module, which
# Python's start-up has not loaded, before the Ctrl-C handler below could be set (a traceback
# from inside jijinan, seen by tests/test_newcomer.py on a loaded machine). Nothing in this
# module needs postponed annotations.
import os as _os
import sys as _sys

# Run as the command line (the installed script, or python -m jijinan), a Ctrl-C while the
# modules below load (a tenth of a second or more) is one line and exit 130, as it is later in
# jijinan.cli.main, which puts Python's own handler back first thing; imported by a program, the
# package touches no signal. Inline and with the C module _signal (the signal module builds its
# enums at import): every import before the handler is a moment a Ctrl-C prints a traceback in.
if _os.path.basename(_sys.argv[0] if _sys.argv else "") in ("jijinan", "jijinan.exe") or getattr(_sys, "orig_argv", [])[
    1:3
] == ["-m", "jijinan"]:
    import _signal  # type: ignore[import-not-found]  # no stub: the C core of the signal module

    def _interrupted_while_starting(_signum: int, _frame: object) -> None:
        try:
            _sys.stderr.write("jijinan: interrupted\n")
            _sys.stderr.flush()
        finally:
            _os._exit(130)  # nothing has been written yet: nothing to clean up

    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:  # not a caller's own
        _signal.signal(_signal.SIGINT, _interrupted_while_starting)

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

if TYPE_CHECKING:  # imported on first use (see __getattr__): a new process's first `get` needs none
    from jijinan.tables.coverage import Coverage
    from jijinan.tables.crosswalk import Crosswalk, CrosswalkRow, crosswalk
    from jijinan.tables.match_frame import match_frame
    from jijinan.tables.panel import Panel, panel
    from jijinan.tables.prefectural import PrefecturalPanel, PrefectureRow

_TABLES = {
    "Coverage": "coverage",
    "Crosswalk": "crosswalk",
    "CrosswalkRow": "crosswalk",
    "crosswalk": "crosswalk",
    "match_frame": "match_frame",
    "Panel": "panel",
    "panel": "panel",
    "PrefecturalPanel": "prefectural",
    "PrefectureRow": "prefectural",
}
"""The public names of the flat tables, by their module in ``jijinan.tables``: importing them
(and what they import) took a fifth of a cold `get`."""

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
    "Crosswalk",
    "CrosswalkRow",
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
    "PrefecturalPanel",
    "PrefectureRow",
    "Relation",
    "Requirement",
    "Successor",
    "Task",
    "Text",
    "UnitNotFoundError",
    "Via",
    "__version__",
    "coverage",
    "crosswalk",
    "match_frame",
    "notice",
    "panel",
    "units",
]

if TYPE_CHECKING:
    notice: Notice
    """The notice itself (see [`Notice`][jijinan.records.Notice]), loaded on first access."""


def __getattr__(name: str) -> object:
    # ``notice`` is read from the package data on first access, not at import; the tables' names
    # are imported on first use and then kept in the module, so this runs once for each.
    if name == "notice":
        from jijinan.loading import load_notice

        return load_notice()
    module = _TABLES.get(name)
    if module is not None:
        import importlib

        value = getattr(importlib.import_module(f"jijinan.tables.{module}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'jijinan' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The public names and the module's own dunders: not the submodules, not the helpers imported above.
    return sorted({*__all__, *(name for name in globals() if name.startswith("__") and name.endswith("__"))})


# The helpers imported above only to write this module are not part of its namespace (type
# checkers, which read the annotations, still see them).
if not TYPE_CHECKING:
    del TYPE_CHECKING
