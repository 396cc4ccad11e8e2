"""DataFrames from the flat tables of ``jijinan.schema``, for pandas and polars.

Neither library is a dependency: each is imported only when asked for, and its
absence is an ``ImportError`` that names the extra to install.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from jijinan.schema import Column, Value

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["match_frame", "to_pandas", "to_polars"]


def _require(module: str) -> Any:
    try:
        return __import__(module)
    except ImportError as exc:
        raise ImportError(
            f'{module} is not installed: install it with  pip install "jijinan[{module}]"  (or pip install {module})'
        ) from exc


def to_pandas(records: Sequence[dict[str, Value]], columns: Sequence[Column]) -> pandas.DataFrame:
    """A pandas DataFrame with typed columns.

    Codes and names are ``string`` (never numbers), ``category`` columns are
    categorical with their fixed categories, integers that may be missing are
    ``Int64``, booleans ``bool``.

    Raises:
        ImportError: pandas is not installed.
    """
    pd = _require("pandas")
    data = {}
    for column in columns:
        values = [r[column.name] for r in records]
        if column.type == "string":
            dtype: Any = pd.StringDtype()
        elif column.type == "integer":
            dtype = "Int64" if column.nullable else "int64"
        elif column.type == "boolean":
            dtype = "boolean" if column.nullable else "bool"
        else:
            dtype = pd.CategoricalDtype(categories=list(column.categories))
        data[column.name] = pd.Series(values, dtype=dtype, name=column.name)
    frame: pandas.DataFrame = pd.DataFrame(data, columns=[c.name for c in columns])
    return frame


def to_polars(records: Sequence[dict[str, Value]], columns: Sequence[Column]) -> polars.DataFrame:
    """A polars DataFrame with typed columns (``Enum`` for the category columns).

    Raises:
        ImportError: polars is not installed.
    """
    pl = _require("polars")
    schema = {}
    for column in columns:
        if column.type == "string":
            schema[column.name] = pl.String
        elif column.type == "integer":
            schema[column.name] = pl.Int64
        elif column.type == "boolean":
            schema[column.name] = pl.Boolean
        else:
            schema[column.name] = pl.Enum(list(column.categories))
    frame: polars.DataFrame = pl.DataFrame([[r[c.name] for r in records] for c in columns], schema=schema, orient="col")
    return frame


def match_frame(
    frame: Any,
    name: str = "county",
    *,
    province: str | None = None,
    prefecture: str | None = None,
    year: str | None = None,
    prefix: str | None = None,
) -> Any:
    """The frame with the columns of ``jijinan.schema.MATCH_COLUMNS`` added; see ``jijinan.match_frame``."""
    from jijinan import schema
    from jijinan._columns import MISSING
    from jijinan.collection import default_matcher

    module = type(frame).__module__
    if module.startswith("pandas"):
        kind = "pandas"
        columns = [str(c) for c in frame.columns]
    elif module.startswith("polars"):
        kind = "polars"
        columns = list(frame.columns)
    else:
        raise TypeError(f"frame must be a pandas or polars DataFrame, got {type(frame).__name__}")
    for role, column in (("name", name), ("province", province), ("prefecture", prefecture), ("year", year)):
        if column is None:
            continue
        if not isinstance(column, str):
            raise TypeError(f"{role} must be a column name (str), got {type(column).__name__}")
        if column not in columns:
            raise KeyError(f"the frame has no column {column!r} (given as {role}=); its columns: {', '.join(columns)}")
    added = schema.added_column_names(columns, schema.MATCH_COLUMNS, prefix)

    def column_of(label: str | None) -> Any:
        return None if label is None else frame[label]

    found, codes = default_matcher().match_distinct(
        frame[name], province=column_of(province), prefecture=column_of(prefecture), as_of=column_of(year)
    )
    from jijinan.matching import MISSING_NAME

    records = schema.match_records([*found, MISSING_NAME])
    rows = [len(found) if c == MISSING else c for c in codes]
    if kind == "pandas":
        distinct_rows = to_pandas(records, schema.MATCH_COLUMNS)
        out = frame.copy()
        for match_column, label in zip(schema.MATCH_COLUMNS, added, strict=True):
            values = distinct_rows[match_column.name].take(rows)
            values.index = frame.index
            out[label] = values
        return out
    import polars as pl

    distinct_rows = to_polars(records, schema.MATCH_COLUMNS)
    picked = distinct_rows[pl.Series(rows, dtype=pl.UInt32)] if rows else distinct_rows.clear()
    return pl.concat([frame, picked.rename(dict(zip(picked.columns, added, strict=True)))], how="horizontal")
