"""Stata .dta files of a flat table, through pandas (the stata extra): labels from the data dictionary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from jijinan.tables.schema import Column, Value

__all__ = ["write_dta"]

_BOOLEAN_LABELS = {"covered": {0: "not covered", 1: "covered"}}


def _label(text: str, limit: int = 80) -> str:
    """Stata's labels hold 80 characters at most: a longer text is cut at a word, never mid-word."""
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit + 1)].rstrip(" ,;:") if " " in text[:limit] else text[:limit]


def write_dta(
    pd: Any, path: Path | BinaryIO, title: str, records: list[dict[str, Value]], columns: tuple[Column, ...]
) -> None:
    data: dict[str, Any] = {}
    value_labels: dict[str, dict[float, str]] = {}
    strls = []
    for column in columns:
        values = [r[column.name] for r in records]
        if column.type == "category":
            data[column.name] = pd.Categorical(values, categories=list(column.categories))
        elif column.type == "boolean":
            data[column.name] = pd.Series([int(bool(v)) for v in values], dtype="int8")
            value_labels[column.name] = {
                float(k): v for k, v in _BOOLEAN_LABELS.get(column.name, {0: "no", 1: "yes"}).items()
            }
        elif column.type == "integer":
            data[column.name] = pd.Series(values, dtype="Int64" if column.nullable else "int32")
        elif column.type == "number":
            data[column.name] = pd.Series(values, dtype="float64")  # missing: Stata's .
        else:
            texts = ["" if v is None else str(v) for v in values]
            if max((len(t.encode("utf-8")) for t in texts), default=0) > 2045:
                strls.append(column.name)
            data[column.name] = pd.Series(texts, dtype=object)
    frame = pd.DataFrame(data)
    frame.to_stata(
        path,
        write_index=False,
        version=118,
        data_label=_label(title),
        variable_labels={c.name: _label(c.short) for c in columns},  # every column's short label fits
        value_labels=value_labels or None,
        convert_strl=strls or None,
    )
