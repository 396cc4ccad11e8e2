"""Files for people outside Python: CSV tables, the notice as JSON, a Frictionless descriptor.

With the optional extras, also Stata (.dta), Parquet and Excel (.xlsx) files. Exporting never
destroys anything: files are written beside the target folder and moved in when complete,
existing files are replaced only when asked, and symbolic links are never written through.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import attrs

from jijinan.schema import COVERAGE_COLUMNS, UNIT_COLUMNS, Column, Value, coverage_records, unit_records

__all__ = ["FORMATS", "datapackage", "export", "write_csv"]

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


# -- the other formats --------------------------------------------------------------------

FORMATS = ("dta", "parquet", "xlsx")
"""The formats ``export`` writes beside the CSV files, each through an optional extra."""
_EXTRAS = {
    "dta": ("pandas", "pandas", "stata", "Stata (.dta) export"),
    "parquet": ("pyarrow.parquet", "pyarrow", "parquet", "Parquet export"),
    "xlsx": ("openpyxl", "openpyxl", "xlsx", "xlsx export"),
}
_TABLES = (
    ("units", "The 300 pilot units of 民办函〔2015〕244号"),
    ("coverage", "County-level divisions of July 2015, covered or not"),
)
_BOOLEAN_LABELS = {"covered": {0: "not covered", 1: "covered"}}


def _label(text: str, limit: int = 80) -> str:
    """Stata's labels hold 80 characters at most."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _write_dta(
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
        variable_labels={c.name: _label(c.description) for c in columns},
        value_labels=value_labels or None,
        convert_strl=strls or None,
    )


def _write_parquet(
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
        else:
            array = pa.array(values, type=pa.string())
        arrays.append(array)
        metadata = {"description": column.description}
        fields.append(pa.field(column.name, array.type, nullable=column.nullable, metadata=metadata))
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields))
    pq.write_table(table, path)


def _write_xlsx(
    openpyxl: Any, path: Path | BinaryIO, tables: list[tuple[str, list[dict[str, Value]], tuple[Column, ...]]]
) -> None:
    book = openpyxl.Workbook(write_only=True)
    for name, records, columns in tables:
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        sheet.append([c.name for c in columns])
        for record in records:
            sheet.append([record[c.name] for c in columns])
    dictionary = book.create_sheet("columns")
    dictionary.append(["table", "column", "type", "nullable", "description", "categories"])
    for name, _records, columns in tables:
        for c in columns:
            dictionary.append([name, c.name, c.type, c.nullable, c.description, ", ".join(c.categories)])
    book.save(path)


# -- writing without destroying anything -----------------------------------------------------


def _planned(formats: Sequence[str]) -> list[str]:
    names = ["units.csv", "coverage.csv", "notice.json", "datapackage.json"]
    if "dta" in formats:
        names += ["units.dta", "coverage.dta"]
    if "parquet" in formats:
        names += ["units.parquet", "coverage.parquet"]
    if "xlsx" in formats:
        names.append("jijinan.xlsx")
    return names


def _check_target(directory: Path, names: list[str], force: bool) -> bool:
    """Whether ``directory`` exists; raises if writing there could destroy or follow anything."""
    if os.path.islink(directory):
        raise FileExistsError(
            f"{directory} is a symbolic link: export never writes through links; give the real folder"
        )
    if not os.path.lexists(directory):
        return False
    if not directory.is_dir():
        raise FileExistsError(f"{directory} exists and is not a folder")
    clashes = []
    for name in names:
        target = directory / name
        if os.path.islink(target):
            raise FileExistsError(f"{target} is a symbolic link: export never writes through links; remove it first")
        if os.path.lexists(target):
            if not target.is_file():
                raise FileExistsError(f"{target} exists and is not a file; remove it first")
            clashes.append(name)
    if clashes and not force:
        raise FileExistsError(
            f"{directory} already holds {', '.join(clashes)}: give --force to replace them (force=True in Python)"
        )
    return True


def export(directory: Path, *, formats: Sequence[str] = (), force: bool = False) -> list[Path]:
    """Write the data as files into ``directory``, never leaving it half-written.

    Always units.csv, coverage.csv, notice.json and datapackage.json (a Frictionless Data
    Package describing them); with ``formats``, also ``dta`` (units.dta and coverage.dta:
    Stata 14+, UTF-8, variable labels from the data dictionary, value labels for level, kind,
    via and covered), ``parquet`` (units.parquet, coverage.parquet, with the descriptions in
    the field metadata) and ``xlsx`` (jijinan.xlsx: a sheet per table and one of columns).

    Everything is written into a temporary folder beside ``directory`` first and moved into
    place only when complete; if anything fails, ``directory`` is left as it was. The folder
    is created if missing. Returns the paths written (under ``directory`` as given).

    Raises:
        ValueError: an unknown format.
        MissingExtraError: a format's extra is not installed (an ``ImportError``; nothing is written).
        FileExistsError: ``directory`` holds files of the same names and ``force`` is false;
            or ``directory``, or a file in it that would be written, is a symbolic link (even
            with ``force``), or is not a folder (not a file).
        OSError: a file cannot be written (a full disk, no permission); nothing was changed.
    """
    import jijinan
    from jijinan._tablefile import require
    from jijinan._tableout import OutputError

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown export format {unknown[0]!r}; the formats are {', '.join(FORMATS)}")
    modules = {f: require(*_EXTRAS[f]) for f in FORMATS if f in formats}
    names = _planned(formats)
    directory = Path(directory)
    parent = Path(os.path.abspath(directory)).parent
    exists = _check_target(directory, names, force)

    units = unit_records(jijinan.units)
    coverage = coverage_records(jijinan.coverage())
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{directory.name or 'export'}.export-"))
    except OSError as exc:
        raise OutputError(f"cannot write {directory}: {exc.strerror or exc}") from None
    try:
        for path, records, columns in (
            (staging / "units.csv", units, UNIT_COLUMNS),
            (staging / "coverage.csv", coverage, COVERAGE_COLUMNS),
        ):
            with path.open("w", encoding="utf-8", newline="") as handle:
                write_csv(handle, records, columns)
        (staging / "notice.json").write_text(
            json.dumps(_notice_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        (staging / "datapackage.json").write_text(
            json.dumps(datapackage(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        tables = [("units", units, UNIT_COLUMNS), ("coverage", coverage, COVERAGE_COLUMNS)]
        titles = dict(_TABLES)
        if "dta" in modules:
            for name, records, columns in tables:
                _write_dta(modules["dta"], staging / f"{name}.dta", titles[name], records, columns)
        if "parquet" in modules:
            pa = require("pyarrow", "pyarrow", "parquet", "Parquet export")
            for name, records, columns in tables:
                _write_parquet(pa, modules["parquet"], staging / f"{name}.parquet", records, columns)
        if "xlsx" in modules:
            _write_xlsx(modules["xlsx"], staging / "jijinan.xlsx", tables)
        _move_into_place(staging, directory, names, exists, force)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, FileExistsError):
            raise
        raise OutputError(f"cannot write {directory}: {exc.strerror or exc}; nothing in it was changed") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [directory / name for name in names]


TABLE_FORMATS = ("csv", "json", *FORMATS)
"""The formats ``write_table`` writes one table in."""


def table_format(target: str, given: str | None) -> str:
    """The format to write ``target`` in: ``given``, else the target's suffix, else csv.

    Raises:
        ValueError: an unknown format or suffix.
    """
    if given is not None:
        fmt = given
    else:
        suffix = Path(target).suffix.lower().lstrip(".") if target != "-" else ""
        fmt = suffix or "csv"
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"cannot write {target!r} as {fmt!r}: the formats are {', '.join(TABLE_FORMATS)}")
    return fmt


def write_table(
    target: str, fmt: str, title: str, records: list[dict[str, Value]], columns: tuple[Column, ...]
) -> None:
    """Write one table to ``target`` (a path, or ``-`` for standard output) in ``fmt``.

    A file is written beside its place and moved there only when complete. CSV and JSON are
    UTF-8 text; dta, parquet and xlsx need their extras and a file to go to.

    Raises:
        ValueError: an unknown format, or a binary format asked for on standard output.
        MissingExtraError: the format's extra is not installed (nothing is written).
        OutputError: the target cannot be written (an ``OSError``).
    """
    from jijinan._tablefile import require
    from jijinan._tableout import output_stream

    if fmt in FORMATS and target == "-":
        raise ValueError(f"{fmt} is a binary format: give a file to write it to (-o FILE.{fmt})")
    module = require(*_EXTRAS[fmt]) if fmt in FORMATS else None
    with output_stream(target) as handle:
        if fmt == "csv":
            text = io.StringIO()
            write_csv(text, records, columns)
            handle.write(text.getvalue().encode("utf-8"))
        elif fmt == "json":
            handle.write((json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        elif fmt == "dta":
            _write_dta(module, handle, title, records, columns)
        elif fmt == "parquet":
            pa = require("pyarrow", "pyarrow", "parquet", "Parquet export")
            _write_parquet(pa, module, handle, records, columns)
        else:
            _write_xlsx(module, handle, [("panel", records, columns)])


def _move_into_place(staging: Path, directory: Path, names: list[str], exists: bool, force: bool) -> None:
    mask = os.umask(0)
    os.umask(mask)
    if not exists:
        os.chmod(staging, 0o777 & ~mask)
        try:
            os.rename(staging, directory)  # one step: the folder appears complete or not at all
            return
        except OSError:
            if not os.path.isdir(directory) or os.path.islink(directory):
                raise
        # the folder appeared meanwhile: check it again, then move file by file
    _check_target(directory, names, force)
    for name in names:
        os.replace(staging / name, directory / name)  # replaces a name, never follows a link
    os.rmdir(staging)
