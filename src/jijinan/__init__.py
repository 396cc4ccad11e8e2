"""jijinan: the 2015 "救急难" pilot notice (民办函〔2015〕244号) and its 300 pilot units as typed data.

    >>> from jijinan import units, notice
    >>> units.get("滑县").code
    '410526'
    >>> notice.number
    '民办函〔2015〕244号'

``units`` is loaded on first use; ``notice`` is loaded on first access.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jijinan.collection import PilotUnits
from jijinan.errors import AmbiguousUnitError, DataIntegrityError, JijinanError, UnitNotFoundError
from jijinan.records import CitedDocument, Kind, Level, Notice, PilotUnit, Requirement, Task, Text

__version__ = "0.1.0"

__all__ = [
    "AmbiguousUnitError",
    "CitedDocument",
    "DataIntegrityError",
    "JijinanError",
    "Kind",
    "Level",
    "Notice",
    "PilotUnit",
    "PilotUnits",
    "Requirement",
    "Task",
    "Text",
    "UnitNotFoundError",
    "__version__",
    "notice",
    "units",
]

units: PilotUnits = PilotUnits()
"""The 300 pilot units, in the attachment's order (see :class:`PilotUnits`)."""

if TYPE_CHECKING:
    notice: Notice
    """The notice itself (see :class:`Notice`), loaded on first access."""


def __getattr__(name: str) -> object:
    # ``notice`` is read from the package data on first access, not at import.
    if name == "notice":
        from jijinan._data import load_notice

        return load_notice()
    raise AttributeError(f"module 'jijinan' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"notice"})
