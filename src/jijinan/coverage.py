"""County coverage at the notice date: ``jijinan.coverage()``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, overload

from jijinan._sealed import Sealed
from jijinan.records import CoverageRow

if TYPE_CHECKING:
    import pandas
    import polars

    from jijinan.matching import Matcher

__all__ = ["Coverage", "build_coverage"]


class Coverage(Sealed, Sequence[CoverageRow]):
    """One row per county-level division in force in July 2015 (2,853), in code order.

    Immutable: its rows are a tuple of frozen records, and its attributes cannot be set.
    """

    __slots__ = ("_rows",)
    _rows: tuple[CoverageRow, ...]

    def __init__(self, rows: tuple[CoverageRow, ...]) -> None:
        object.__setattr__(self, "_rows", rows)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> CoverageRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[CoverageRow, ...]: ...

    def __getitem__(self, index: int | slice) -> CoverageRow | tuple[CoverageRow, ...]:
        return self._rows[index]

    def __iter__(self) -> Iterator[CoverageRow]:
        return iter(self._rows)

    def __repr__(self) -> str:
        covered = sum(1 for r in self._rows if r.covered)
        return f"<Coverage: {len(self._rows)} county-level divisions of July 2015, {covered} covered by the pilot>"

    def covered(self) -> tuple[CoverageRow, ...]:
        """The rows the pilot covered."""
        return tuple(r for r in self._rows if r.covered)

    def to_records(self) -> list[dict[str, str | int | bool | None]]:
        """One plain dict per row, with the columns of the data dictionary (codes as strings)."""
        from jijinan import schema

        return schema.coverage_records(self._rows)

    def to_pandas(self) -> pandas.DataFrame:
        """The table as a pandas DataFrame (2,853 rows): string codes, boolean ``covered``.

        Raises:
            ImportError: pandas is not installed (``pip install "jijinan[pandas]"``).
        """
        from jijinan import frames, schema

        return frames.to_pandas(self.to_records(), schema.COVERAGE_COLUMNS)

    def to_polars(self) -> polars.DataFrame:
        """The table as a polars DataFrame (2,853 rows).

        Raises:
            ImportError: polars is not installed (``pip install "jijinan[polars]"``).
        """
        from jijinan import frames, schema

        return frames.to_polars(self.to_records(), schema.COVERAGE_COLUMNS)


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
