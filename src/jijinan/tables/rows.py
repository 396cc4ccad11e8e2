"""An immutable table of frozen records with its flat forms: what ``coverage()`` and ``panel()`` return.

A subclass says how its rows become plain dicts and which columns they have; this base
gives the sequence protocol, ``to_records``, ``to_pandas`` and ``to_polars``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar, overload

from jijinan._sealed import Sealed

if TYPE_CHECKING:
    import pandas
    import polars

    from jijinan.tables.schema import Column, Value

__all__ = ["Rows"]

R = TypeVar("R")


class Rows(Sealed, Sequence[R]):
    """An immutable sequence of records; its attributes cannot be set."""

    __slots__ = ("_rows",)
    _rows: tuple[R, ...]

    def __init__(self, rows: tuple[R, ...]) -> None:
        object.__setattr__(self, "_rows", rows)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # Pickled as a call of the class: the default would set the slots by assignment, which a
        # Sealed object refuses (a Panel sent to a worker process never arrived).
        return (type(self), (self._rows,))

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[R, ...]: ...

    def __getitem__(self, index: int | slice) -> R | tuple[R, ...]:
        return self._rows[index]

    def __iter__(self) -> Iterator[R]:
        return iter(self._rows)

    def _records(self) -> list[dict[str, Value]]:
        raise NotImplementedError

    def _columns(self) -> tuple[Column, ...]:
        raise NotImplementedError

    def to_records(self) -> list[dict[str, str | int | float | bool | None]]:
        """One plain dict per row, with the columns of the data dictionary (codes as strings)."""
        return self._records()

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame: codes as strings, categories as categoricals.

        Raises:
            ImportError: pandas is not installed (``pip install "jijinan[pandas]"``).
        """
        from jijinan.tables import frames

        return frames.to_pandas(self._records(), self._columns())

    def to_polars(self) -> polars.DataFrame:
        """The rows as a polars DataFrame: codes as strings, categories as ``Enum``.

        Raises:
            ImportError: polars is not installed (``pip install "jijinan[polars]"``).
        """
        from jijinan.tables import frames

        return frames.to_polars(self._records(), self._columns())
