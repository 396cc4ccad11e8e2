"""DataFrames from the flat tables of ``jijinan.tables.schema``, for pandas and polars.

Neither library is a dependency: each is imported only when asked for, and its
absence is an ``ImportError`` that names the extra to install.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from jijinan.tables.schema import Column, Value

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["require", "to_pandas", "to_polars"]


def require(module: str) -> Any:
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
    ``Int64``, numbers ``float64``, booleans ``bool``.

    Raises:
        ImportError: pandas is not installed.
    """
    pd = require("pandas")
    data = {}
    for column in columns:
        values = [r[column.name] for r in records]
        if column.type == "string":
            dtype: Any = pd.StringDtype()
        elif column.type == "integer":
            dtype = "Int64" if column.nullable else "int64"
        elif column.type == "number":
            dtype = "float64"  # a missing number is NaN
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
    pl = require("polars")
    schema = {}
    for column in columns:
        if column.type == "string":
            schema[column.name] = pl.String
        elif column.type == "integer":
            schema[column.name] = pl.Int64
        elif column.type == "number":
            schema[column.name] = pl.Float64
        elif column.type == "boolean":
            schema[column.name] = pl.Boolean
        else:
            schema[column.name] = pl.Enum(list(column.categories))
    frame: polars.DataFrame = pl.DataFrame([[r[c.name] for r in records] for c in columns], schema=schema, orient="col")
    return frame
