"""Matching a column of a pandas or polars DataFrame: ``jijinan.match_frame``.

The distinct rows (a name and its hints) are matched once and their answers made into a
small table; that table is expanded to every row by the rows' codes (pandas: a categorical
column per answer field, built from the distinct answers and indexed by the codes) or
joined back on the key columns (polars, eager or lazy: a lazy frame stays lazy, so a scan
too big for memory runs in polars' own engine). The input is not changed.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

from jijinan.records import Match
from jijinan.tables.flat import match_records
from jijinan.tables.schema import MATCH_COLUMNS, added_column_names

__all__ = ["match_frame"]

_INT64_LIMIT = 2**62


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


# -- pandas ---------------------------------------------------------------------------------------


def _pandas_keys(frame: Any, labels: Sequence[str]) -> tuple[list[list[Any]], Any]:
    """The distinct rows of ``frame[labels]`` (a list per label, missing values None) and each row's index."""
    import numpy as np
    import pandas as pd

    factorized = [pd.factorize(frame[label], use_na_sentinel=True) for label in labels]
    values = [[None, *uniques] for _, uniques in factorized]  # a value's code + 1: 0 is missing
    combined = np.zeros(len(frame), dtype=np.int64)
    scale = 1
    scales = []
    for (codes, _), column in zip(factorized, values, strict=True):
        scales.append(scale)
        combined += (codes.astype(np.int64) + 1) * scale
        scale *= len(column)
        if scale >= _INT64_LIMIT:  # pragma: no cover - millions of distinct values in each of 3-4 columns
            raise ValueError("too many distinct combinations of the name and hint columns to number them")
    rows, combos = pd.factorize(combined)
    out = []
    for column, unit in zip(values, scales, strict=True):
        out.append([column[p] for p in ((combos // unit) % len(column)).tolist()])
    return out, rows


def _match_pandas(
    frame: Any, keys: dict[str, str], added: Sequence[str], matcher: Any, as_of: object, *, level: object
) -> Any:
    import numpy as np
    import pandas as pd

    distinct, rows = _pandas_keys(frame, list(keys.values()))
    found = _answers(matcher, dict(zip(keys, distinct, strict=True)), as_of, level)
    records = match_records(found)
    out = frame.copy(deep=False)  # new columns go to the copy only; the input's are shared, not changed
    for column, label in zip(MATCH_COLUMNS, added, strict=True):
        small = [r[column.name] for r in records]
        if column.type == "integer":
            values: Any = pd.array(small, dtype="Int64").take(rows)
        else:
            # a categorical column: its categories are the distinct answers, its codes index them
            if column.type == "category":
                categories: Any = list(column.categories)
                position = {c: i for i, c in enumerate(categories)}
                codes = np.array([-1 if v is None else position[v] for v in small], dtype=np.int64)
            else:
                codes, uniques = pd.factorize(np.array(small, dtype=object), use_na_sentinel=True)
                # string categories: a missing answer reads <NA>, as in a string column
                categories = pd.Index(uniques, dtype=pd.StringDtype())
            values = pd.Categorical.from_codes(codes[rows], dtype=pd.CategoricalDtype(categories))
        out[label] = pd.Series(values, index=frame.index, name=label, copy=False)
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


def _match_polars(
    frame: Any, keys: dict[str, str], added: Sequence[str], matcher: Any, as_of: object, *, level: object
) -> Any:
    import polars as pl

    labels = list(keys.values())
    lazy = isinstance(frame, pl.LazyFrame)
    # the distinct key rows: polars' lazy engine finds them faster than the eager unique
    distinct = (frame if lazy else frame.lazy()).select(labels).unique().collect()
    found = _answers(matcher, {role: distinct[label].to_list() for role, label in keys.items()}, as_of, level)
    records = match_records(found)
    answers = {}
    for column, label in zip(MATCH_COLUMNS, added, strict=True):
        small = [r[column.name] for r in records]
        if column.type == "integer":
            dtype: Any = pl.Int64
        elif column.type == "category":
            dtype = pl.Enum(list(column.categories))
        else:
            dtype = pl.Categorical
        answers[label] = pl.Series(label, small, dtype=dtype)
    right = pl.concat([distinct, pl.DataFrame(answers)], how="horizontal")
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
