"""Matching a column of a pandas or polars DataFrame: ``jijinan.match_frame``.

The distinct rows (a name and its hints) are numbered (``jijinan.tables.frame_codes``) and
matched once, and their answers made into one small list per added column; each column is
expanded to every row by the rows' numbers (pandas: a categorical column from the distinct
answers and codes taken by those numbers; eager polars: the small typed answer frame gathered
by them). A polars ``LazyFrame`` is joined back on its key columns instead, so a scan too big
for memory runs in polars' own engine. The input is not changed.
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
from collections.abc import Sequence
from typing import Any

from jijinan.records import Match
from jijinan.tables.frame_codes import pandas_keys, polars_keys
from jijinan.tables.schema import MATCH_COLUMNS, SEPARATOR, Value, added_column_names

__all__ = ["match_frame"]


def match_frame(
    frame: Any,
    name: str = "county",
    *,
    province: str | None = None,
    prefecture: str | None = None,
    year: str | None = None,
    as_of: int | str | None = None,
    level: str | None = None,
    prefix: str | None = None,
) -> Any:
    """Match a column of a pandas or polars DataFrame and add the answers as columns.

    ``name`` is the column of division names (or codes); ``province``, ``prefecture`` and
    ``year`` name optional columns of per-row hints (``year`` is read as ``as_of``); ``as_of``
    reads every row in one table instead (a year, or ``"2015-07"``); ``level`` (``"provincial"``,
    ``"prefectural"`` or ``"county"``) keeps only divisions of that level for every row (a list
    of prefecture-level cities: ``level="prefectural"``). Returns a new frame of
    the same kind, rows in the same order, with the match columns added: ``status``, ``code``,
    ``name``, ``period``, ``unit_seq``, ``unit_code``, ``unit_name``, ``via``, ``candidates`` and
    ``reason`` (see the data dictionary). A column whose name the frame already has is added
    as ``jijinan_<name>``; give ``prefix`` to prefix every added column instead. The input
    frame is not changed. Each distinct row is matched once.

    The text columns are categorical (pandas ``category``, polars ``Categorical``; ``status``
    and ``via`` with their fixed categories, polars ``Enum``), as their values repeat row
    after row; ``unit_seq`` is ``Int64``. A polars ``LazyFrame`` gives a ``LazyFrame``: its
    distinct names (with their hints) are collected and matched, and the answers joined back
    lazily, so a scan too large for memory stays in polars' engine.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"county": ["朝阳区", "朝阳区", "浚县"], "province": ["北京", "吉林", None]})
        >>> jijinan.match_frame(df, province="province")[["county", "status", "unit_code"]].values.tolist()
        [['朝阳区', 'covered', '110000'], ['朝阳区', 'not_pilot', <NA>], ['浚县', 'pilot', '410621']]

    Raises:
        TypeError: ``frame`` is not a pandas or polars DataFrame or LazyFrame, a column label is
            not a ``str``, a column holds values that are not names (see ``PilotUnits.match_many``),
            or ``as_of`` is not a year or a table's label.
        KeyError: a named column is not in the frame (the message lists its columns).
        ValueError: an added column would still replace one of the frame's, a hint names no
            division, a year is outside the tables' years, both ``year`` and ``as_of`` are given, or
            ``level`` is no level.
    """
    from jijinan.matching.default import default_matcher

    module = type(frame).__module__
    if module.startswith("pandas") and type(frame).__name__ == "DataFrame":
        columns = [str(c) for c in frame.columns]
    elif module.startswith("polars") and type(frame).__name__ in ("DataFrame", "LazyFrame"):
        columns = list(frame.collect_schema().names() if type(frame).__name__ == "LazyFrame" else frame.columns)
    else:
        raise TypeError(
            f"frame must be a pandas or polars DataFrame, got {type(frame).__name__} "
            "(or a polars LazyFrame; a single column: units.match_many(column))"
        )
    _check_arguments(columns, name, province, prefecture, year=year, prefix=prefix)
    labels = list(frame.columns) if module.startswith("pandas") else columns
    roles = {"name": name, "province": province, "prefecture": prefecture, "as_of": year}
    for role, column in roles.items():
        if column is None:
            continue
        given = "year" if role == "as_of" else role
        if not isinstance(column, str):
            raise TypeError(f"{given} must be a column name (str), got {type(column).__name__}")
        if column not in labels:  # the frame's own labels: an int label 0 is not "0"
            raise KeyError(f"the frame has no column {column!r} (given as {given}=); its columns: {', '.join(columns)}")
    if year is not None and as_of is not None:
        raise ValueError("give year= (a column of years) or as_of= (one year for every row), not both")
    matcher = default_matcher()
    # one as_of for every row is checked before anything is read, as match_many checks it
    if level is not None and not isinstance(level, str):
        raise TypeError(f"level must be 'provincial', 'prefectural' or 'county', got {type(level).__name__}")
    matcher.match_many([], as_of=as_of, level=level)
    added = added_column_names(columns, MATCH_COLUMNS, prefix)
    keys = {role: column for role, column in roles.items() if column is not None}
    if module.startswith("pandas"):
        return _match_pandas(frame, keys, added, matcher, as_of, level=level)
    return _match_polars(frame, keys, added, matcher, as_of, level=level)


def _answers(matcher: Any, keys: dict[str, list[Any]], as_of: object, level: object) -> Sequence[Match]:
    """The matches of the distinct key rows: names and their hints, one list per role."""
    found: Sequence[Match] = matcher.match_many(
        keys["name"],
        province=keys.get("province"),
        prefecture=keys.get("prefecture"),
        as_of=keys.get("as_of", as_of),
        level=level,
    )
    return found


def answer_values(found: Sequence[Match]) -> dict[str, list[Value]]:
    """The columns of ``match_records(found)``, a list per column: the same values, made a column at a time.

    A year column gives tens of thousands of distinct (name, year) answers; a dict per answer
    cost four times what these lists do.
    """
    units = [m.unit for m in found]
    return {
        "status": [m.status.value for m in found],
        "code": [m.code for m in found],
        "name": [m.name for m in found],
        "period": [m.period for m in found],
        "unit_seq": [u.seq if u else None for u in units],
        "unit_code": [u.code if u else None for u in units],
        "unit_name": [u.full_name if u else None for u in units],
        "via": [m.via.value if m.via else None for m in found],
        "candidates": [
            SEPARATOR.join(f"{c.full_name} ({c.code}, {c.period})" for c in m.candidates) if m.candidates else None
            for m in found
        ],
        "reason": [m.reason for m in found],
    }


# -- pandas ---------------------------------------------------------------------------------------


def _code_type(categories: int) -> Any:
    """The codes' dtype pandas itself gives a categorical of so many categories (none converted again)."""
    import numpy as np

    for kind in (np.int8, np.int16, np.int32):
        if categories < np.iinfo(kind).max:
            return kind
    return np.int64  # pragma: no cover - two billion distinct answers


def _numbered(values: list[Value]) -> tuple[Any, list[Value]]:
    """Each value's number among the distinct values (in order of first appearance), -1 for None."""
    import numpy as np

    position: dict[Value, int] = {}
    codes = np.array([position.setdefault(v, len(position)) for v in values], dtype=np.int64)
    missing = position.pop(None, None)
    if missing is not None:  # None took a number: it reads -1, the numbers after it one less
        codes = np.where(codes == missing, -1, codes - (codes > missing))
    return codes, list(position)


@functools.lru_cache(maxsize=32)
def _categories(categories: tuple[Value, ...], *, strings: bool) -> Any:
    """A categorical dtype, kept: the same names matched again give the same categories, checked once."""
    import pandas as pd

    # string categories: a missing answer reads <NA>, as in a string column
    return pd.CategoricalDtype(pd.Index(categories, dtype=pd.StringDtype()) if strings else list(categories))


def _match_pandas(
    frame: Any, keys: dict[str, str], added: Sequence[str], matcher: Any, as_of: object, *, level: object
) -> Any:
    import numpy as np
    import pandas as pd

    encoded = pandas_keys(frame, list(keys.values()))
    found = _answers(matcher, dict(zip(keys, encoded.columns, strict=True)), as_of, level)
    values = answer_values(found)
    rows = encoded.rows
    # the codes were made here and index the categories: pandas need not check them again
    checked = {"validate": False} if "validate" in inspect.signature(pd.Categorical.from_codes).parameters else {}
    out = frame.copy(deep=False)  # new columns go to the copy only; the input's are shared, not changed
    for column, label in zip(MATCH_COLUMNS, added, strict=True):
        small = values[column.name]
        if column.type == "integer":
            mask = np.array([v is None for v in small], dtype=bool)
            numbers = np.array([0 if v is None else v for v in small], dtype=np.int64)
            column_values: Any = pd.arrays.IntegerArray(numbers[rows], mask[rows])
        else:
            # a categorical column: its categories are the distinct answers, its codes index them
            if column.type == "category":
                categories: tuple[Value, ...] = column.categories
                position: dict[Value, int] = {c: i for i, c in enumerate(categories)}
                codes = np.array([-1 if v is None else position[v] for v in small], dtype=np.int64)
            else:
                codes, uniques = _numbered(small)
                categories = tuple(uniques)
            dtype = _categories(categories, strings=column.type == "string")
            codes = codes.astype(_code_type(len(categories)))[rows]
            column_values = pd.Categorical.from_codes(codes, dtype=dtype, **checked)
        out[label] = pd.Series(column_values, index=frame.index, name=label, copy=False)
    return out


# -- polars ---------------------------------------------------------------------------------------


def _join_options(join: Any) -> dict[str, Any]:
    """Missing keys join missing keys; the left frame's order is kept (each where this polars says so)."""
    parameters = inspect.signature(join).parameters
    options: dict[str, Any] = {}
    if "nulls_equal" in parameters:
        options["nulls_equal"] = True
    elif "join_nulls" in parameters:  # polars before 1.24
        options["join_nulls"] = True
    if "maintain_order" in parameters:  # older polars keeps the left order of a left join anyway
        options["maintain_order"] = "left"
    return options


def _polars_answers(found: Sequence[Match], added: Sequence[str]) -> Any:
    """The answers as a small polars frame, one row per distinct key, the added columns typed."""
    import polars as pl

    values = answer_values(found)
    answers = {}
    for column, label in zip(MATCH_COLUMNS, added, strict=True):
        if column.type == "integer":
            dtype: Any = pl.Int64
        elif column.type == "category":
            dtype = pl.Enum(list(column.categories))
        else:
            dtype = pl.Categorical
        answers[label] = pl.Series(label, values[column.name], dtype=dtype)
    return pl.DataFrame(answers)


def _match_polars(
    frame: Any, keys: dict[str, str], added: Sequence[str], matcher: Any, as_of: object, *, level: object
) -> Any:
    import polars as pl

    labels = list(keys.values())
    if isinstance(frame, pl.DataFrame) and importlib.util.find_spec("numpy") is not None:
        # eager: each row's key numbered, the answers taken by those numbers (no join)
        encoded = polars_keys(frame, labels)
        found = _answers(matcher, dict(zip(keys, encoded.columns, strict=True)), as_of, level)
        taken = _polars_answers(found, added)[pl.Series(encoded.rows)]
        return frame.hstack(taken.get_columns())
    lazy = isinstance(frame, pl.LazyFrame)
    # a lazy frame (or polars without numpy): the distinct key rows, matched, then joined back
    distinct = (frame if lazy else frame.lazy()).select(labels).unique().collect()
    found = _answers(matcher, {role: distinct[label].to_list() for role, label in keys.items()}, as_of, level)
    right = pl.concat([distinct, _polars_answers(found, added)], how="horizontal")
    if lazy:
        return frame.join(right.lazy(), on=labels, how="left", **_join_options(pl.LazyFrame.join))
    return frame.join(right, on=labels, how="left", **_join_options(pl.DataFrame.join))


def _check_arguments(
    columns: list[str], name: object, province: object, prefecture: object, *, year: object, prefix: object
) -> None:
    """Refuse, naming the argument, what pandas or polars would fail on deep inside."""
    if name is None:
        raise TypeError("name must be a column name (str), got NoneType")
    if prefix is not None and not isinstance(prefix, str):
        raise TypeError(f"prefix must be a str, got {type(prefix).__name__}")
    for role, label in (("name", name), ("province", province), ("prefecture", prefecture), ("year", year)):
        if isinstance(label, str) and columns.count(label) > 1:
            raise ValueError(
                f"the frame has {columns.count(label)} columns named {label!r} (given as {role}=): "
                "which one to read is not clear; rename them first"
            )
