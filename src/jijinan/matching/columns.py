"""Reading columns of values as users hand them over: lists, pandas and polars columns.

Two jobs, both about the *shape* of input rather than its meaning: telling a missing
value (``None``, any NaN, ``pd.NA``, ``pd.NaT``) from a value, and splitting a column into
its distinct values and, per row, the index of its value, so that each distinct value is
looked at once however long the column is. Neither pandas nor polars is imported here:
their columns are recognised by what they offer.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

__all__ = ["MISSING", "align", "broadcast", "check_column", "distinct", "is_missing", "is_scalar"]

MISSING = -1
"""The index ``distinct`` gives a row whose value is missing."""

_PLAIN = frozenset({str, int, type(None)})
"""Types whose equal values are of one type: a dict may tell their values apart."""

# pandas' missing scalars, recognised by their type's name so pandas need not be imported.
_MISSING_TYPES = frozenset({"NAType", "NaTType"})


def is_missing(value: object) -> bool:
    """Whether ``value`` stands for a missing value: None, a NaN of any float type, pd.NA, pd.NaT."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    if isinstance(value, float):
        return math.isnan(value)
    if type(value).__name__ in _MISSING_TYPES:
        return True
    # numpy's floating scalars (float32, float16) are not Python floats; NaN is the one value
    # unequal to itself. Anything whose comparison does not give a plain bool is not a NaN.
    try:
        return bool(value != value)  # noqa: PLR0124
    except Exception:
        return False


def check_column(value: object, what: str) -> None:
    """Refuse a table where one column is wanted (a DataFrame as ``names`` or as a hint).

    Raises:
        TypeError: ``value`` is a pandas or polars DataFrame (or a polars LazyFrame).
    """
    kind = type(value)
    if kind.__module__.split(".")[0] in ("pandas", "polars") and kind.__name__ in ("DataFrame", "LazyFrame"):
        raise TypeError(
            f"{what} must be one column (a list, a pandas or polars Series), got a {kind.__name__}: "
            f'pick its column (frame["county"]), or use jijinan.match_frame for a whole frame'
        )


def align(hint: object, names: object, what: str) -> object:
    """A pandas hint column put in the order of the names' index, when both are pandas Series.

    pandas pairs Series by index label, and so does this: a hint column sorted or filtered
    apart from its names still meets each row's own name. Anything else pairs by position.

    Raises:
        ValueError: the hint's index does not hold each label of the names' index once.
    """
    if not (type(hint).__name__ == "Series" and type(names).__name__ == "Series"):
        return hint
    if not (type(hint).__module__.startswith("pandas") and type(names).__module__.startswith("pandas")):
        return hint
    if hint.index.equals(names.index):  # type: ignore[attr-defined]
        return hint
    if not hint.index.is_unique or not names.index.isin(hint.index).all():  # type: ignore[attr-defined]
        raise ValueError(
            f"{what}'s index does not match the names' index: pandas Series are paired by index label; "
            "give the same index (or plain lists, paired by position)"
        )
    return hint.reindex(names.index)  # type: ignore[attr-defined]


def _pandas_codes(values: Any) -> tuple[list[Any], list[int]] | None:
    """Distinct values and row codes of a pandas Series, Index or Categorical, else None."""
    module = type(values).__module__
    if not module.startswith("pandas"):
        return None
    import pandas as pd  # present: ``values`` is one of its objects

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return list(uniques), codes.tolist()


def _polars_codes(values: Any) -> tuple[list[Any], list[int]] | None:
    """Distinct values and row codes of a polars Series, else None."""
    module = type(values).__module__
    if not module.startswith("polars"):
        return None
    import polars as pl  # present: ``values`` is one of its objects

    if not isinstance(values, pl.Series) or values.dtype == pl.Object:
        return None  # an Object column is read value by value, as a list would be
    frame = pl.DataFrame({"value": values}).with_row_index("row")
    kept = frame["value"].unique(maintain_order=True).drop_nulls()
    lookup = pl.DataFrame({"value": kept, "code": pl.Series(range(len(kept)), dtype=pl.Int64)})
    # a left join keeps every row (nulls match nothing); the row index puts them back in order
    codes = frame.join(lookup, on="value", how="left").sort("row")["code"]
    return kept.to_list(), codes.fill_null(MISSING).to_list()


def distinct(values: Iterable[object]) -> tuple[list[object], list[int]]:
    """Split ``values`` into its distinct non-missing values and, per row, the index of its value.

    A missing row gets ``MISSING``. Values that are not hashable are kept one per row.
    """
    for columnar in (_pandas_codes, _polars_codes):
        found = columnar(values)
        if found is not None:
            return _fold_missing(*found)
    if isinstance(values, (list, tuple)):
        # The common case, a list of names (or of years, or hints with gaps): one dict pass.
        # Equal values of other types (1, 1.0, True) would share an entry here, so a list holding
        # anything but str, int and None takes the slow path.
        seen_str: dict[object, int] = {}
        try:
            rows = [seen_str.setdefault(value, len(seen_str)) for value in values]
        except TypeError:  # an unhashable value
            rows = []
        if rows and _PLAIN.issuperset(map(type, seen_str)):
            # of str, int and None only None is missing
            return _fold_missing(list(seen_str), rows) if None in seen_str else (list(seen_str), rows)
    uniques: list[object] = []
    codes: list[int] = []
    seen: dict[tuple[type, Hashable], int] = {}
    for value in values:
        if is_missing(value):
            codes.append(MISSING)
            continue
        try:
            key = (type(value), value)
            index = seen.get(key)
        except TypeError:  # unhashable: a list inside a column, say; judged on its own
            uniques.append(value)
            codes.append(len(uniques) - 1)
            continue
        if index is None:
            index = seen[key] = len(uniques)
            uniques.append(value)
        codes.append(index)
    return uniques, codes


def _fold_missing(uniques: list[object], codes: list[int]) -> tuple[list[object], list[int]]:
    # pandas and polars leave some missing values among the distinct ones (a NaN in an object
    # column, pd.NaT): give their rows the MISSING code too.
    missing = [i for i, value in enumerate(uniques) if is_missing(value)]
    if not missing:
        return uniques, codes
    dropped = set(missing)
    kept = [v for i, v in enumerate(uniques) if i not in dropped]
    renumber: dict[int, int] = {}
    for i in range(len(uniques)):
        if i not in dropped:
            renumber[i] = len(renumber)
    return kept, [MISSING if c == MISSING or c in dropped else renumber[c] for c in codes]


def is_scalar(value: object) -> bool:
    """Whether ``value`` is one value rather than a column of them (a str is one value)."""
    return isinstance(value, (str, bytes)) or not isinstance(value, Iterable)


def broadcast(value: object, length: int, what: str) -> Sequence[object] | None:
    """A per-row sequence for a hint given as one value or as a column; None for no hint.

    Raises:
        ValueError: a column whose length is not ``length``.
    """
    if value is None:
        return None
    if is_scalar(value) or is_missing(value):
        return [value] * length
    column = value if isinstance(value, Sequence) else list(value)  # type: ignore[call-overload]
    if len(column) != length:
        raise ValueError(f"{what} has {len(column):,} values but names has {length:,}: give one value or one per name")
    return column
