"""Matching a column of a pandas or polars DataFrame: ``jijinan.match_frame``.

The distinct rows (a name and its hints) are matched once, their answers made into a small
frame, and that frame expanded to every row by the rows' codes; the input is not changed.
"""

from __future__ import annotations

from typing import Any

from jijinan.matching.answers import MISSING_NAME
from jijinan.tables.flat import match_records
from jijinan.tables.frames import to_pandas, to_polars
from jijinan.tables.schema import MATCH_COLUMNS, added_column_names

__all__ = ["match_frame"]


def match_frame(
    frame: Any,
    name: str = "county",
    *,
    province: str | None = None,
    prefecture: str | None = None,
    year: str | None = None,
    prefix: str | None = None,
) -> Any:
    """Match a column of a pandas or polars DataFrame and add the answers as columns.

    ``name`` is the column of division names (or codes); ``province``, ``prefecture`` and
    ``year`` name optional columns of per-row hints (``year`` is read as ``as_of``). Returns a
    new frame of the same kind, rows in the same order, with the match columns added:
    ``status``, ``code``, ``name``, ``period``, ``unit_seq``, ``unit_code``, ``unit_name``, ``via``,
    ``candidates`` and ``reason`` (see the data dictionary). A column whose name the frame
    already has is added as ``jijinan_<name>``; give ``prefix`` to prefix every added column
    instead. The input frame is not changed. Each distinct row is matched once.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"county": ["朝阳区", "朝阳区", "浚县"], "province": ["北京", "吉林", None]})
        >>> jijinan.match_frame(df, province="province")[["county", "status", "unit_code"]].values.tolist()
        [['朝阳区', 'covered', '110000'], ['朝阳区', 'not_pilot', <NA>], ['浚县', 'pilot', '410621']]

    Raises:
        TypeError: ``frame`` is not a pandas or polars DataFrame, a column label is not a ``str``,
            or a column holds values that are not names (see ``PilotUnits.match_many``).
        KeyError: a named column is not in the frame (the message lists its columns).
        ValueError: an added column would still replace one of the frame's, a hint
            names no division, or a year is outside the tables' years.
    """
    from jijinan.matching.columns import MISSING
    from jijinan.matching.default import default_matcher

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
    added = added_column_names(columns, MATCH_COLUMNS, prefix)

    def column_of(label: str | None) -> Any:
        return None if label is None else frame[label]

    found, codes = default_matcher().match_distinct(
        frame[name], province=column_of(province), prefecture=column_of(prefecture), as_of=column_of(year)
    )
    records = match_records([*found, MISSING_NAME])
    rows = [len(found) if c == MISSING else c for c in codes]
    if kind == "pandas":
        distinct_rows = to_pandas(records, MATCH_COLUMNS)
        out = frame.copy()
        for match_column, label in zip(MATCH_COLUMNS, added, strict=True):
            values = distinct_rows[match_column.name].take(rows)
            values.index = frame.index
            out[label] = values
        return out
    import polars as pl

    distinct_rows = to_polars(records, MATCH_COLUMNS)
    picked = distinct_rows[pl.Series(rows, dtype=pl.UInt32)] if rows else distinct_rows.clear()
    return pl.concat([frame, picked.rename(dict(zip(picked.columns, added, strict=True)))], how="horizontal")
