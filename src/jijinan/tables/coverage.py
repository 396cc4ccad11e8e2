"""County coverage at the notice date: the table of ``jijinan.coverage()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jijinan.records import CoverageRow
from jijinan.tables.rows import Rows

if TYPE_CHECKING:
    from jijinan.matching.matcher import Matcher
    from jijinan.tables.schema import Column, Value

__all__ = ["Coverage", "build_coverage"]


class Coverage(Rows[CoverageRow]):
    """One row per county-level division in force in July 2015 (2,853), in code order.

    Immutable: its rows are a tuple of frozen records, and its attributes cannot be set.
    ``to_records()``, ``to_pandas()`` and ``to_polars()`` give it flat (string codes, boolean
    ``covered``, categorical ``via``).
    """

    __slots__ = ()

    def __repr__(self) -> str:
        covered = sum(1 for r in self._rows if r.covered)
        return f"<Coverage: {len(self._rows)} county-level divisions of July 2015, {covered} covered by the pilot>"

    def covered(self) -> tuple[CoverageRow, ...]:
        """The rows the pilot covered."""
        return tuple(r for r in self._rows if r.covered)

    def _records(self) -> list[dict[str, Value]]:
        from jijinan.tables.flat import coverage_records

        return coverage_records(self._rows)

    def _columns(self) -> tuple[Column, ...]:
        from jijinan.tables.schema import COVERAGE_COLUMNS

        return COVERAGE_COLUMNS


def build_coverage(matcher: Matcher) -> Coverage:
    index, july = matcher.index, matcher.july
    rows = []
    for code, span in sorted(july.items()):
        if code.endswith("00"):
            continue
        unit = matcher.covering(code)
        province = july[code[:2] + "0000"]
        prefecture = july.get(code[:4] + "00")
        rows.append(
            CoverageRow(
                code=code,
                name=index.names[span],
                prefecture=index.names[prefecture] if prefecture is not None else None,
                prefecture_code=code[:4] + "00" if prefecture is not None else None,
                province=index.names[province],
                province_code=code[:2] + "0000",
                covered=unit is not None,
                unit=unit,
                via=matcher.via(unit, code) if unit is not None else None,
            )
        )
    return Coverage(tuple(rows))
