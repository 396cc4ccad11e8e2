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
    from jijinan.cli.research import write_research_table
    from jijinan.tables.panel import panel
    from jijinan.tables.research import panel_columns, prefecture_columns

    try:
        rows = panel(args.start, args.end, notice=args.notice, level=args.level)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.level == "prefectural":
        columns = prefecture_columns(rows.periods)
        title = f"Prefecture-level panel of the 救急难 pilot, {rows.periods[0]}-{rows.periods[-1]}"
    else:
        columns = panel_columns(rows.periods)
        title = f"County-year panel of the 救急难 pilot, {rows.periods[0]}-{rows.periods[-1]}"
    key = ("code", "period") if args.notice else ("code", "year")
    schema = write_research_table(args, out, title=title, rows=rows, columns=columns, key=key)
    if args.output != "-":
        beside = f" (schema: {schema})" if schema else ""
        message(f"{len(rows):,} rows of {len(rows.periods)} tables written to {args.output}{beside}")
    return 0


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the command(s) of this module to the parser (``add`` makes a subcommand)."""
    coverage = add("coverage", cmd_coverage, "the 2,853 county-level divisions of July 2015 and their coverage")
    coverage.add_argument("--format", choices=["table", "csv", "json"], default="table")
    coverage.add_argument("--covered", action="store_true", help="only the 401 covered divisions")

    panel = add(
        "panel",
        cmd_panel,
        "the treatment panel: every county-level division of every year's table, its status and treatment",
        epilog=(
            "Formats: csv (the default, or by the -o suffix; a .schema.json beside it), json; dta, parquet\n"
            "and xlsx need their extras. One row per code and year unless --notice is given."
        ),
    )
    panel.add_argument(
        "--from", dest="start", type=int, default=2005, metavar="YEAR", help="first year (2000-2024; default: 2005)"
    )
    panel.add_argument(
        "--to", dest="end", type=int, default=2024, metavar="YEAR", help="last year (2000-2024; default: 2024)"
    )
    panel.add_argument(
        "--level",
        choices=["county", "prefectural"],
        default="county",
        help="one row per county-level division (the default) or per prefecture-level one, per year",
    )
    panel.add_argument(
        "--notice", action="store_true", help="add the notice date's own table (2015-07): a second row of 2015"
    )
    panel.add_argument("--no-notice", action="store_false", dest="notice", help=argparse.SUPPRESS)  # 0.3's option
    panel.add_argument("-o", "--output", default="-", metavar="FILE", help="where to write (default: standard output)")
    panel.add_argument(
        "--format",
        choices=["csv", "json", "dta", "parquet", "xlsx"],
        help="the file format (default: from the -o suffix, else csv)",
    )
