"""Frictionless table schemas: one field per column, and the schema file written beside a CSV.

The same field definitions serve the ``datapackage.json`` of ``jijinan export`` and the
``.schema.json`` that ``jijinan panel`` and ``jijinan crosswalk`` write beside every CSV
(``panel.csv`` → ``panel.schema.json``), so R (``frictionless``), Python and spreadsheet users
read each column with its type and meaning.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jijinan.files.output import output_stream

if TYPE_CHECKING:
    from jijinan.tables.schema import Column

__all__ = ["field", "schema_path", "table_schema", "write_schema"]

_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "category": "string"}


def field(column: Column, *, numeric_flags: bool = False) -> dict[str, Any]:
    """The Frictionless field of a column; booleans are ``1``/``0`` with ``numeric_flags``, else ``true``/``false``."""
    found: dict[str, Any] = {"name": column.name, "type": _TYPES[column.type], "description": column.description}
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.categories:
        constraints["enum"] = list(column.categories)
    if (column.name.endswith("code") or column.name == "stable_id") and column.type == "string":
        constraints["pattern"] = "[0-9]{6}"
    if constraints:
        found["constraints"] = constraints
    if column.type == "boolean":
        found["trueValues"] = ["1"] if numeric_flags else ["true"]
        found["falseValues"] = ["0"] if numeric_flags else ["false"]
    return found


def table_schema(
    columns: tuple[Column, ...], *, numeric_flags: bool, primary_key: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A Frictionless table schema of these columns (empty cells are missing values)."""
    schema: dict[str, Any] = {
        "fields": [field(c, numeric_flags=numeric_flags) for c in columns],
        "missingValues": [""],
    }
    if primary_key:
        schema["primaryKey"] = list(primary_key)
    return schema


def schema_path(target: str) -> str:
    """Where the schema of a CSV file goes: ``xw.csv`` → ``xw.schema.json`` (a name without ``.csv``: plus it)."""
    path = Path(target)
    stem = path.name[: -len(".csv")] if path.name.lower().endswith(".csv") else path.name
    return str(path.with_name(stem + ".schema.json"))


def write_schema(target: str, schema: dict[str, Any]) -> str:
    """Write ``schema`` beside the CSV file ``target`` (complete or not at all); return its path.

    Raises:
        OutputError: it cannot be written (an ``OSError``).
    """
    where = schema_path(target)
    with output_stream(where) as handle:
        handle.write((json.dumps(schema, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return where
