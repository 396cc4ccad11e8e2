"""The distinct key rows of a DataFrame and each row's place among them, for ``match_frame``.

A key row is a name with its hints (province, prefecture, year). Each key column is encoded
once into integer codes (-1 for a missing value) and its distinct values, by the cheapest
route its type allows: an input column that is already categorical (pandas ``category``,
polars ``Categorical`` or ``Enum``) gives its codes as they are; Arrow-backed strings (pandas'
own strings, every polars column) are dictionary-encoded by pyarrow; anything else goes to
``pandas.factorize``. Several key columns are combined into one code per row, numbered densely
when their product is small (a count per cell, no hash table) and hashed otherwise.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import attrs

__all__ = ["Keys", "pandas_keys", "polars_keys"]

_INT64_LIMIT = 2**62
_DENSE_CELLS = 1 << 22
"""The most cells (the product of the key columns' distinct values) numbered by counting."""


@attrs.frozen
class Keys:
    """The distinct key rows, one list of values per key column (``None`` missing), and each row's key."""

    columns: tuple[list[Any], ...]
    rows: Any
    """A numpy ``intp`` array: each row's position in ``columns``."""


def _used(codes: Any, uniques: list[Any]) -> tuple[Any, list[Any]]:
    """Codes and values with the values no row holds left out (a categorical's unused categories)."""
    import numpy as np

    if not uniques:
        return codes, uniques
    present = np.bincount(codes + 1, minlength=len(uniques) + 1)[1:] > 0  # + 1: a missing value counts first
    if present.all():
        return codes, uniques
    kept = np.flatnonzero(present)
    renumber = np.full(len(uniques) + 1, -1, dtype=np.intp)  # the last entry maps -1 to -1
    renumber[kept] = np.arange(len(kept))
    return renumber[codes], [uniques[i] for i in kept.tolist()]


def _arrow_codes(array: Any) -> tuple[Any, list[Any]]:
    """A pyarrow array (or chunked array), dictionary-encoded unless it already is."""
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped]

    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    is_dictionary = pa.types.is_dictionary(array.type)
    encoded = array if is_dictionary else array.dictionary_encode()
    indices = encoded.indices
    if indices.null_count:  # a missing value reads -1 (indices may be unsigned: widened first)
        indices = indices.cast(pa.int64()).fill_null(-1)
    codes = indices.to_numpy()
    codes = codes.astype(np.intp, copy=False)
    uniques = encoded.dictionary.to_pylist()
    return _used(codes, uniques) if is_dictionary else (codes, uniques)


def _pandas_codes(column: Any) -> tuple[Any, list[Any]]:
    import numpy as np
    import pandas as pd

    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = np.asarray(column.array.codes, dtype=np.intp)
        return _used(codes, dtype.categories.tolist())
    if getattr(dtype, "storage", None) == "pyarrow" or type(dtype).__name__ == "ArrowDtype":
        try:
            import pyarrow as pa
        except ImportError:  # pragma: no cover - an Arrow dtype without pyarrow cannot be made
            pass
        else:
            return _arrow_codes(pa.array(column.array))
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes.astype(np.intp, copy=False), list(uniques)


def _polars_codes(column: Any) -> tuple[Any, list[Any]]:
    import numpy as np
    import polars as pl

    if isinstance(column.dtype, pl.Enum):  # the physical codes index the Enum's categories
        codes = column.to_physical().cast(pl.Int64).fill_null(-1).to_numpy().astype(np.intp, copy=False)
        return _used(codes, list(column.dtype.categories))
    try:
        import pyarrow as pa  # polars' to_arrow needs it
    except ImportError:
        if column.dtype != pl.String:
            uniques = column.drop_nulls().unique(maintain_order=True).to_list()
            position = {value: i for i, value in enumerate(uniques)}
            return np.array([position.get(v, -1) for v in column.to_list()], dtype=np.intp), uniques
        distinct = column.drop_nulls().unique(maintain_order=True)
        physical = column.cast(pl.Enum(distinct.to_list())).to_physical().cast(pl.Int64).fill_null(-1)
        return physical.to_numpy().astype(np.intp, copy=False), distinct.to_list()
    newest = getattr(getattr(pl, "CompatLevel", None), "newest", None)
    if newest is not None:
        # polars' own string views, not copied; a pyarrow that cannot encode them gets a copy
        with contextlib.suppress(pa.ArrowNotImplementedError):
            return _arrow_codes(column.to_arrow(compat_level=newest()))
    return _arrow_codes(column.to_arrow())


def _combine(encoded: Sequence[tuple[Any, list[Any]]], size: int) -> Keys:
    """One key per distinct combination of the columns' codes; each column's values of each key."""
    import numpy as np

    values = [[*uniques, None] for _, uniques in encoded]  # code -1 reads the last entry, None
    if len(encoded) == 1:
        codes, uniques = encoded[0]
        if size and int(codes.min()) < 0:  # a missing value is one more key, after the others
            codes = np.where(codes < 0, len(uniques), codes)
            return Keys((values[0],), codes)
        return Keys((uniques,), codes)
    combined = np.zeros(size, dtype=np.int64)
    scale = 1
    scales = []
    for given, uniques in encoded:
        scales.append(scale)
        # a missing value (-1) reads the column's last entry, None
        codes = np.where(given < 0, len(uniques), given) if size and int(given.min()) < 0 else given
        combined += codes * scale if scale > 1 else codes
        scale *= len(uniques) + 1
        if scale >= _INT64_LIMIT:  # pragma: no cover - millions of distinct values in each of 3-4 columns
            raise ValueError("too many distinct combinations of the name and hint columns to number them")
    if scale <= max(_DENSE_CELLS, 4 * size):
        # few cells: count the rows in each and number the filled ones, in the cells' order
        filled = np.flatnonzero(np.bincount(combined, minlength=scale))
        number = np.empty(scale, dtype=np.intp)
        number[filled] = np.arange(len(filled))
        rows, combos = number[combined], filled
    else:
        rows, combos = _hashed(combined)
    columns = tuple(
        [column[p] for p in ((combos // unit) % len(column)).tolist()]
        for column, unit in zip(values, scales, strict=True)
    )
    return Keys(columns, rows)


def _hashed(combined: Any) -> tuple[Any, Any]:
    """The distinct values of an int64 array and each row's position among them."""
    import numpy as np

    try:
        import pandas as pd
    except ImportError:  # polars without pandas: numpy sorts instead of hashing
        combos, rows = np.unique(combined, return_inverse=True)
        return rows.astype(np.intp, copy=False), combos
    rows, combos = pd.factorize(combined)
    return rows.astype(np.intp, copy=False), combos


def pandas_keys(frame: Any, labels: Sequence[str]) -> Keys:
    """The distinct rows of a pandas ``frame[labels]`` and each row's position among them."""
    return _combine([_pandas_codes(frame[label]) for label in labels], len(frame))


def polars_keys(frame: Any, labels: Sequence[str]) -> Keys:
    """The distinct rows of an eager polars ``frame[labels]`` and each row's position among them."""
    return _combine([_polars_codes(frame[label]) for label in labels], frame.height)
