"""``jijinan coverage`` and ``jijinan panel``: the flat tables, printed or written in a file format."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    pass

from jijinan.cli.common import (
    UsageError,
    emit,
    message,
    render,
)


def cmd_coverage(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan.collection import coverage
    from jijinan.tables import flat, schema

    rows = coverage()
    chosen = [r for r in rows if r.covered] if args.covered else list(rows)
    columns = ["code", "province", "prefecture", "name", "covered", "unit_name", "via"]
    text = render(args.format, flat.coverage_records(chosen), schema.COVERAGE_COLUMNS, columns)
    emit(out, args.format, text, other_formats=True)
    return 0


def cmd_panel(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan.files.formats import table_format, write_table
    from jijinan.tables import schema
    from jijinan.tables.panel import panel

    try:
        fmt = table_format(args.output, args.format)
        rows = panel(args.start, args.end, notice=not args.no_notice)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    columns = schema.panel_columns(rows.periods)
    if out is not None and args.output == "-" and fmt in ("csv", "json"):  # in-process, to a text stream
        emit(out, fmt, render(fmt, rows.to_records(), columns, []))
        return 0
    title = f"County-year panel of the 救急难 pilot, {rows.periods[0]}-{rows.periods[-1]}"
    write_table(args.output, fmt, title, rows.to_records(), schema.panel_columns(rows.periods))
    if args.output != "-":
        message(f"{len(rows):,} rows of {len(rows.periods)} tables written to {args.output}")
    return 0


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the command(s) of this module to the parser (``add`` makes a subcommand)."""
    coverage = add("coverage", cmd_coverage, "the 2,853 county-level divisions of July 2015 and their coverage")
    coverage.add_argument("--format", choices=["table", "csv", "json"], default="table")
    coverage.add_argument("--covered", action="store_true", help="only the 401 covered divisions")

    panel = add(
        "panel",
        cmd_panel,
        "the county-year treatment panel: every county-level division of every year's table and its status",
        epilog="Formats: csv (the default, or by the -o suffix), json; dta, parquet and xlsx need their extras.",
    )
    panel.add_argument(
        "--from", dest="start", type=int, default=2005, metavar="YEAR", help="first year (2000-2024; default: 2005)"
    )
    panel.add_argument(
        "--to", dest="end", type=int, default=2024, metavar="YEAR", help="last year (2000-2024; default: 2024)"
    )
    panel.add_argument(
        "--no-notice", action="store_true", help="leave out the notice date's own table (2015-07) as a period"
    )
    panel.add_argument("-o", "--output", default="-", metavar="FILE", help="where to write (default: standard output)")
    panel.add_argument(
        "--format",
        choices=["csv", "json", "dta", "parquet", "xlsx"],
        help="the file format (default: from the -o suffix, else csv)",
    )
