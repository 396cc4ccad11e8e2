"""What narrows the names of a matched file: hints for every row or columns of them, and year cells."""

from __future__ import annotations

import attrs

__all__ = ["Hints", "read_year"]


@attrs.frozen(kw_only=True)
class Hints:
    """What narrows the names: one value for every row, or a column per row (its index)."""

    province: str | None = None
    prefecture: str | None = None
    as_of: int | str | None = None
    level: str | None = None
    """``provincial``, ``prefectural`` or ``county``: only divisions of that level, for every row."""
    province_column: int | None = None
    prefecture_column: int | None = None
    year_column: int | None = None

    @property
    def per_row(self) -> bool:
        return any(c is not None for c in (self.province_column, self.prefecture_column, self.year_column))


def read_year(text: str) -> int | str | None:
    """A year cell: a year (``2016``), or a table's label (``2015-07``, the notice date's table)."""
    value = text.strip()
    if not value:
        return None
    if value.endswith(".0"):  # a year a spreadsheet kept as a number
        value = value[:-2]
    if len(value) == 7 and value[4] == "-" and (value[:4] + value[5:]).isdigit() and value.isascii():
        return value  # checked against the tables' labels by match_many, as any year is
    if not value.isdigit() or not value.isascii():
        raise ValueError(value)
    return int(value)
