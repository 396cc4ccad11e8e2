"""Files for people outside Python: CSV tables, the notice as JSON, a Frictionless descriptor.

With the optional extras, also Stata (.dta), Parquet and Excel (.xlsx) files. Exporting never
destroys anything: files are written beside the target folder and moved in when complete,
existing files are replaced only when asked, and symbolic links are never written through.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from jijinan.files.base import require
from jijinan.files.csvfile import write_csv
from jijinan.files.formats import BINARY_FORMATS, EXTRAS
from jijinan.files.output import OutputError
from jijinan.files.parquet import write_parquet
from jijinan.files.stata import write_dta
from jijinan.files.tableschema import field
from jijinan.files.xlsx import write_workbook
from jijinan.tables.flat import coverage_records, unit_records
from jijinan.tables.schema import COVERAGE_COLUMNS, UNIT_COLUMNS, Column

__all__ = ["FORMATS", "datapackage", "export"]


def _field(column: Column) -> dict[str, Any]:
    return field(column)


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
    from jijinan.constants import __version__
    from jijinan.loading import load_notice

    notice = load_notice()

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
    from jijinan.loading import load_notice

    notice = load_notice()

    def serialize(_instance: object, _field: object, value: object) -> object:
        return value.isoformat() if isinstance(value, datetime.date) else value

    return attrs.asdict(notice, value_serializer=serialize)


# -- the other formats --------------------------------------------------------------------

FORMATS = BINARY_FORMATS
"""The formats ``export`` writes beside the CSV files, each through an optional extra."""
_TABLES = (
    ("units", "The 300 pilot units of 民办函〔2015〕244号"),
    ("coverage", "County-level divisions of July 2015, covered or not"),
)


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

    Everything is written into a temporary folder first and moved into place only when
    complete; if anything fails, ``directory`` is left as it was. The folder is created if
    missing (the temporary one is made beside it, then renamed); a folder that exists gets its
    temporary one inside it, so that a mount point or a folder within a read-only one works.
    Returns the paths written (under ``directory`` as given).

    Raises:
        ValueError: an unknown format.
        MissingExtraError: a format's extra is not installed (an ``ImportError``; nothing is written).
        FileExistsError: ``directory`` holds files of the same names and ``force`` is false;
            or ``directory``, or a file in it that would be written, is a symbolic link (even
            with ``force``), or is not a folder (not a file).
        OSError: a file cannot be written (a full disk, no permission); nothing was changed.
    """
    from jijinan.collection import coverage as coverage_rows
    from jijinan.collection import units as pilot_units

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown export format {unknown[0]!r}; the formats are {', '.join(FORMATS)}")
    modules = {f: require(*EXTRAS[f]) for f in FORMATS if f in formats}
    names = _planned(formats)
    directory = Path(directory)
    parent = Path(os.path.abspath(directory)).parent
    exists = _check_target(directory, names, force)

    units = unit_records(pilot_units)
    coverage = coverage_records(coverage_rows())
    try:
        parent.mkdir(parents=True, exist_ok=True)
        # inside a folder that exists (a mount point, or a folder in a read-only one may be the
        # only place that can be written), on the same file system its files are moved within
        staging = Path(tempfile.mkdtemp(dir=directory if exists else parent, prefix=".export-"))
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
                write_dta(modules["dta"], staging / f"{name}.dta", titles[name], records, columns)
        if "parquet" in modules:
            pa = require("pyarrow", "pyarrow", "parquet", "Parquet export")
            for name, records, columns in tables:
                write_parquet(pa, modules["parquet"], staging / f"{name}.parquet", records, columns)
        if "xlsx" in modules:
            write_workbook(modules["xlsx"], staging / "jijinan.xlsx", tables)
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
