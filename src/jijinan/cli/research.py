"""``jijinan crosswalk``, and the writing of the research tables (panels, crosswalks) in a file format.

A research table goes to R, Stata and Python: CSV flags are ``1``/``0`` (read as numbers), and
beside every CSV file a Frictionless table schema says every column's type and meaning
(``xw.csv`` → ``xw.schema.json``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from jijinan.cli.common import UsageError, emit, message, render

if TYPE_CHECKING:
    from jijinan.tables.schema import Column

__all__ = ["cmd_crosswalk", "register", "write_research_table"]


def write_research_table(
    args: argparse.Namespace,
    out: TextIO | None,
    *,
    title: str,
    rows: Any,
    columns: tuple[Column, ...],
    key: tuple[str, ...] = (),
    sheet: str = "panel",
) -> str | None:
    """Write ``rows`` (a ``Rows`` table) to ``args.output`` in ``args.format``; return the schema's path if any.

    Raises:
        UsageError: an unknown format.
        OutputError: the file cannot be written.
    """
    from jijinan.files.formats import table_format, write_table
    from jijinan.files.tableschema import table_schema, write_schema

    try:
        fmt = table_format(args.output, args.format)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    records = rows.to_records()
    if out is not None and args.output == "-" and fmt in ("csv", "json"):  # in-process, to a text stream
        emit(out, fmt, render(fmt, records, columns, [], numeric_flags=True))
        return None
    try:
        write_table(args.output, fmt, title, records, columns, numeric_flags=True, sheet=sheet)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if fmt == "csv" and args.output != "-":
        return write_schema(args.output, table_schema(columns, numeric_flags=True, primary_key=key))
    return None


def cmd_crosswalk(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan.tables.crosswalk import crosswalk
    from jijinan.tables.research import CROSSWALK_COLUMNS

    try:
        rows = crosswalk(args.source, args.target)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    title = f"Crosswalk of county-level divisions, {rows.source} to {rows.target}"
    schema = write_research_table(args, out, title=title, rows=rows, columns=CROSSWALK_COLUMNS, sheet="crosswalk")
    if args.output != "-":
        beside = f" (schema: {schema})" if schema else ""
        message(f"{len(rows):,} pairs of {rows.source} and {rows.target} written to {args.output}{beside}")
    return 0


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the command(s) of this module to the parser (``add`` makes a subcommand)."""
    command = add(
        "crosswalk",
        cmd_crosswalk,
        "which county-level divisions of one table hold which land of another: one row per overlapping pair",
        epilog=(
            "Tables: a year 2000-2024 (its year-end table) or 2015-07 (the notice date's).\n"
            "Formats: csv (the default, or by the -o suffix; a .schema.json beside it), json; dta, parquet\n"
            "and xlsx need their extras. There are no area or population weights: the tables have none."
        ),
    )
    command.add_argument(
        "--from", dest="source", required=True, metavar="TABLE", help="the source table: 2010, 2015-07"
    )
    command.add_argument("--to", dest="target", required=True, metavar="TABLE", help="the target table: 2020")
    command.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="where to write (default: standard output)"
    )
    command.add_argument("--format", choices=["csv", "json", "dta", "parquet", "xlsx"], help="the file format")
