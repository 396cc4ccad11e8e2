"""Which format a file is written in, and its writer: match output (sinks) and single tables.

``match`` writes csv, tsv, json, jsonl or xlsx (``make_sink``); ``panel`` and the other
tables write csv, json, dta, parquet or xlsx (``write_table``). The binary formats need
their extras.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from jijinan.files.base import require
from jijinan.files.csvfile import CsvSink, write_csv
from jijinan.files.jsonfile import JsonSink
from jijinan.files.output import output_stream
from jijinan.files.parquet import write_parquet
from jijinan.files.sinks import Sink
from jijinan.files.stata import write_dta
from jijinan.files.xlsx import XlsxSink, write_workbook

if TYPE_CHECKING:
    from jijinan.tables.schema import Column, Value

__all__ = [
    "BINARY_FORMATS",
    "EXTRAS",
    "FORMATS",
    "TABLE_FORMATS",
    "format_for",
    "make_sink",
    "table_format",
    "write_table",
]

FORMATS = ("csv", "tsv", "json", "jsonl", "xlsx")

_SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
}


_CSV_NAMES = frozenset({"", ".txt", ".text"})
"""Suffixes (none among them) that CSV text may go under without ``--format``."""


def format_for(target: str) -> str:
    """The output format a target's suffix implies: csv, tsv, json, jsonl or xlsx; csv for - or no suffix.

    Raises:
        ValueError: another suffix (.dta, .parquet, .xls, .csv.gz, …): CSV text under a name
            that says another format would mislead every program that opens it.
    """
    if target == "-":
        return "csv"
    suffix = Path(target).suffix.lower()
    if suffix in _SUFFIX_FORMATS:
        return _SUFFIX_FORMATS[suffix]
    if suffix in _CSV_NAMES:
        return "csv"
    raise ValueError(
        f"cannot write {target}: match writes {', '.join(FORMATS)} (named .csv, .tsv, .json, .jsonl, .xlsx), "
        f"not {suffix}; name the output so, or give --format to write one of them under this name anyway"
    )


def make_sink(
    fmt: str,
    stream: BinaryIO,
    columns: Sequence[str],
    added: Sequence[str],
    *,
    encoding: str = "utf-8",
    bom: bool = False,
) -> Sink:
    """The sink for an output format, header written.

    Args:
        fmt: csv, tsv, json, jsonl or xlsx.
        stream: where the bytes go.
        columns: the input's column names.
        added: the names of the added columns (``schema.added_column_names``).
        encoding: for csv and tsv: the text encoding.
        bom: for csv and tsv in UTF-8: begin with a byte-order mark (for Excel).

    Raises:
        EncodeError: JSON output of an input whose column names repeat.
        MissingExtraError: xlsx, and openpyxl is not installed.
        ValueError: an unknown format.
    """
    if fmt in ("csv", "tsv"):
        if bom and encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
            encoding = "utf-8-sig"
        return CsvSink(stream, columns, added, delimiter="," if fmt == "csv" else "\t", encoding=encoding)
    if fmt in ("json", "jsonl"):
        return JsonSink(stream, columns, added, lines=fmt == "jsonl")
    if fmt == "xlsx":
        return XlsxSink(stream, columns, added)
    raise ValueError(f"unknown output format {fmt!r}; the formats are {', '.join(FORMATS)}")


BINARY_FORMATS = ("dta", "parquet", "xlsx")
"""The formats of whole tables that need an optional extra (and a file, not standard output)."""
EXTRAS = {
    "dta": ("pandas", "pandas", "stata", "Stata (.dta) export"),
    "parquet": ("pyarrow.parquet", "pyarrow", "parquet", "Parquet export"),
    "xlsx": ("openpyxl", "openpyxl", "xlsx", "xlsx export"),
}
"""Each binary format's module, distribution, extra and purpose, for ``require``."""
TABLE_FORMATS = ("csv", "json", *BINARY_FORMATS)
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
    target: str,
    fmt: str,
    title: str,
    records: list[dict[str, Value]],
    columns: tuple[Column, ...],
    *,
    numeric_flags: bool = False,
    sheet: str = "panel",
) -> None:
    """Write one table to ``target`` (a path, or ``-`` for standard output) in ``fmt``.

    A file is written beside its place and moved there only when complete. CSV and JSON are
    UTF-8 text; dta, parquet and xlsx need their extras and a file to go to. With
    ``numeric_flags``, CSV booleans are ``1``/``0`` (``write_csv``); ``sheet`` names the xlsx sheet.

    Raises:
        ValueError: an unknown format, or a binary format asked for on standard output.
        MissingExtraError: the format's extra is not installed (nothing is written).
        OutputError: the target cannot be written (an ``OSError``).
    """
    if fmt in BINARY_FORMATS and target == "-":
        raise ValueError(f"{fmt} is a binary format: give a file to write it to (-o FILE.{fmt})")
    module = require(*EXTRAS[fmt]) if fmt in BINARY_FORMATS else None
    with output_stream(target) as handle:
        if fmt == "csv":
            text = io.StringIO()
            write_csv(text, records, columns, numeric_flags=numeric_flags)
            handle.write(text.getvalue().encode("utf-8"))
        elif fmt == "json":
            handle.write((json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        elif fmt == "dta":
            write_dta(module, handle, title, records, columns)
        elif fmt == "parquet":
            pa = require("pyarrow", "pyarrow", "parquet", "Parquet export")
            write_parquet(pa, module, handle, records, columns)
        else:
            write_workbook(module, handle, [(sheet, records, columns)])
