"""Files for people outside Python: CSV tables, the notice as JSON, a Frictionless descriptor."""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from jijinan.schema import COVERAGE_COLUMNS, UNIT_COLUMNS, Column, Value, coverage_records, unit_records

__all__ = ["datapackage", "export", "write_csv"]

_FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "boolean": "boolean", "category": "string"}


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": _FRICTIONLESS_TYPES[column.type],
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.categories:
        constraints["enum"] = list(column.categories)
    if column.name.endswith("code") and column.type == "string":
        constraints["pattern"] = "[0-9]{6}"
    if constraints:
        field["constraints"] = constraints
    if column.type == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    return field


def _table(name: str, title: str, columns: tuple[Column, ...], key: str) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True},
        "schema": {"fields": [_field(c) for c in columns], "primaryKey": [key], "missingValues": [""]},
    }


def datapackage() -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the exported files."""
    from jijinan import __version__, notice

    return {
        "profile": "data-package",
        "name": "jijinan",
        "title": f"{notice.title.hans} ({notice.number}): pilot units and county coverage",
        "version": __version__,
        "description": (
            "The 300 pilot units named by the notice 民办函〔2015〕244号 (3 July 2015) with their GB/T 2260 "
            "codes of July 2015 and their successors in 2024, and the county-level divisions of July 2015 "
            "with whether the pilot covered them. Exported by the jijinan Python package."
        ),
        "licenses": [{"name": "CC0-1.0", "title": "Code history: CC0 1.0 (yescallop/areacodes)"}],
        "sources": [
            {"title": "民政部办公厅 财政部办公厅 民办函〔2015〕244号"},
            {"title": "GB/T 2260 code tables of the Ministry of Civil Affairs, via cn/GB2260"},
            {"title": "yescallop/areacodes: code history 1981-2024 with approvals (CC0 1.0)"},
        ],
        "resources": [
            _table("units", "The 300 pilot units", UNIT_COLUMNS, "seq"),
            _table("coverage", "County-level divisions of July 2015 and pilot coverage", COVERAGE_COLUMNS, "code"),
            {
                "name": "notice",
                "type": "json",
                "title": "The notice: texts in simplified and traditional characters",
                "path": "notice.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
        ],
    }


def _notice_json() -> dict[str, Any]:
    from jijinan import notice

    def serialize(_instance: object, _field: object, value: object) -> object:
        return value.isoformat() if isinstance(value, datetime.date) else value

    return attrs.asdict(notice, value_serializer=serialize)


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(out: TextIO, records: Sequence[dict[str, Value]], columns: Sequence[Column]) -> None:
    """CSV with a header; empty cells for missing values, ``true``/``false`` for booleans."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for record in records:
        writer.writerow([_cell(record[c.name]) for c in columns])


def _write_csv(path: Path, records: list[dict[str, Value]], columns: tuple[Column, ...]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv(handle, records, columns)


def export(directory: Path) -> list[Path]:
    """Write units.csv, coverage.csv, notice.json and datapackage.json into ``directory``.

    Returns the paths written. The folder is created if missing; files are overwritten.

    Raises:
        OSError: the folder cannot be created or written.
    """
    import jijinan

    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / name for name in ("units.csv", "coverage.csv", "notice.json", "datapackage.json")]
    _write_csv(paths[0], unit_records(jijinan.units), UNIT_COLUMNS)
    _write_csv(paths[1], coverage_records(jijinan.coverage()), COVERAGE_COLUMNS)
    paths[2].write_text(json.dumps(_notice_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    paths[3].write_text(json.dumps(datapackage(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return paths
