"""Parquet files of a flat table, through pyarrow (the parquet extra): typed columns, descriptions kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from jijinan.tables.schema import Column, Value

__all__ = ["write_parquet"]


def write_parquet(
    pa: Any, pq: Any, path: Path | BinaryIO, records: list[dict[str, Value]], columns: tuple[Column, ...]
) -> None:
    arrays = []
    fields = []
    for column in columns:
        values = [r[column.name] for r in records]
        if column.type == "category":
            categories = list(column.categories)
            codes = pa.array([None if v is None else categories.index(str(v)) for v in values], type=pa.int8())
            array = pa.DictionaryArray.from_arrays(codes, pa.array(categories, type=pa.string()))
        elif column.type == "boolean":
            array = pa.array(values, type=pa.bool_())
        elif column.type == "integer":
            array = pa.array(values, type=pa.int64())
        elif column.type == "number":
            array = pa.array(values, type=pa.float64())
        else:
            array = pa.array(values, type=pa.string())
        arrays.append(array)
        metadata = {"description": column.description}
        fields.append(pa.field(column.name, array.type, nullable=column.nullable, metadata=metadata))
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields))
    pq.write_table(table, path)
