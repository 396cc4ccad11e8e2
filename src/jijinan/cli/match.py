"""``jijinan match``: a table file of names in, the same rows with the match columns out."""

from __future__ import annotations

import argparse
import codecs
import io
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    pass

from jijinan.cli.common import (
    UsageError,
)


def _encoding(name: str, option: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise UsageError(f"{option} {name!r} is not an encoding Python knows (try utf-8, gb18030, utf-16)") from None


def cmd_match(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan.files.base import describe_columns, find_column
    from jijinan.files.formats import format_for, make_sink
    from jijinan.files.output import output_stream
    from jijinan.files.reading import open_table
    from jijinan.files.stream import Hints, Progress, match_table
    from jijinan.tables import schema

    fmt = args.format or format_for(args.output)
    if fmt not in ("csv", "tsv") and (args.bom or args.output_encoding):
        raise UsageError(f"--bom and --output-encoding apply to csv and tsv output, not {fmt}")
    encoding = _encoding(args.output_encoding, "--output-encoding") if args.output_encoding else "utf-8"
    if args.bom and encoding != "utf-8":
        raise UsageError(f"--bom is for UTF-8 output; {encoding} is written as it is")
    if fmt == "xlsx" and args.output == "-" and out is None and sys.stdout.isatty():
        raise UsageError("xlsx is a binary format: give -o FILE.xlsx, or redirect standard output to a file")
    if args.skip < 0:
        raise UsageError("--skip takes a number of rows, 0 or more")

    with open_table(
        args.file,
        encoding=args.encoding,
        delimiter=args.delimiter,
        header=not args.no_header,
        skip=args.skip,
        sheet=args.sheet,
        pad=args.pad,
    ) as table:
        if args.column is not None:
            column = find_column(table, args.column)
        elif len(table.columns) == 1:
            column = 0
        else:
            raise UsageError(
                f"{table.name} has {len(table.columns)} columns: say which holds the names with --column "
                f"(a name or a position); {describe_columns(table.columns)}"
            )

        def hint_column(spec: str | None, option: str) -> int | None:
            return None if spec is None else find_column(table, spec, option)

        hints = Hints(
            province=args.province,
            prefecture=args.prefecture,
            as_of=args.as_of,
            province_column=hint_column(args.province_column, "--province-column"),
            prefecture_column=hint_column(args.prefecture_column, "--prefecture-column"),
            year_column=hint_column(args.year_column, "--year-column"),
        )
        try:
            added = schema.added_column_names(table.columns, schema.MATCH_COLUMNS, args.prefix)
        except ValueError as exc:
            taken = str(exc).split(";")[0]
            raise UsageError(f"{taken}: name the added columns with --prefix, e.g. --prefix jjn_") from None
        if not args.no_header:
            _warn_if_header_is_a_name(table.columns[column])
        progress = Progress(sys.stderr if not args.quiet and sys.stderr.isatty() else None, table.size)
        captured = io.BytesIO() if out is not None else None
        with output_stream(args.output, stdout=captured) as stream:
            sink = make_sink(fmt, stream, table.columns, added, encoding=encoding, bom=args.bom)
            match_table(table, sink, column, hints, progress)
            sink.close()
    if out is not None and captured is not None:
        out.write(captured.getvalue().decode("utf-8-sig" if encoding == "utf-8" else encoding))
    return 0


def _warn_if_header_is_a_name(header: str) -> None:
    from jijinan.collection import units
    from jijinan.records import MatchStatus

    try:
        found = units.match(header)
    except (ValueError, TypeError):
        return
    if found.status is not MatchStatus.UNKNOWN:
        print(
            f"jijinan: warning: the header {header!r} is itself a division's name: if the file has no header "
            "row, give --no-header (now its first row is read as the header, not matched)",
            file=sys.stderr,
        )


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the command(s) of this module to the parser (``add`` makes a subcommand)."""
    match = add(
        "match",
        cmd_match,
        "match a table of names: every row comes out with the match columns added",
        epilog=(
            "Input: CSV, TSV or other delimited text (UTF-8, UTF-16 or UTF-32 with a BOM, or\n"
            "--encoding), or a spreadsheet (.xlsx and others: the xlsx extra). Output: the input's\n"
            "columns unchanged, then status, code, name, period, unit_seq, unit_code, unit_name, via,\n"
            "candidates and reason (named jijinan_... where the input has such a column), one row per\n"
            "input row. See https://jijinan.readthedocs.io/en/latest/cli/"
        ),
    )
    match.add_argument("file", metavar="FILE", help="the table to read; - for standard input")
    match.add_argument("-o", "--output", default="-", help="where to write (default -: standard output)")
    match.add_argument(
        "--format",
        choices=["csv", "tsv", "json", "jsonl", "xlsx"],
        help="the output format (default: from the output's suffix, else csv)",
    )
    read = match.add_argument_group("reading the input")
    read.add_argument("--column", help="the column of names, by name or position (1 = the first); needed if several")
    read.add_argument("--no-header", action="store_true", help="the first row is data: columns are column1, column2, …")
    read.add_argument("--skip", type=int, default=0, metavar="N", help="rows before the header (a title) to pass over")
    read.add_argument(
        "--encoding", help="the input's encoding: gb18030 (GBK), utf-8, utf-16, big5, … (default: detected)"
    )
    read.add_argument(
        "--delimiter", help="the input's delimiter: a character or comma, tab, semicolon, pipe (default: sniffed)"
    )
    read.add_argument("--sheet", help="the spreadsheet's sheet, by name or position (default: the first)")
    read.add_argument(
        "--pad",
        action="store_true",
        help="fill short rows with empty cells (and drop empty cells past the last column)",
    )
    hints = match.add_argument_group("narrowing the names (one value for all rows, or a column per row)")
    for what, example in (("province", "河南, 410000"), ("prefecture", "鹤壁市")):
        group = hints.add_mutually_exclusive_group()
        group.add_argument(f"--{what}", help=f"a {what} for every name ({example})")
        group.add_argument(f"--{what}-column", metavar="COLUMN", help=f"the column that holds each row's {what}")
    years = hints.add_mutually_exclusive_group()
    years.add_argument(
        "--as-of", type=int, dest="as_of", metavar="YEAR", help="read every name in this year's table (2000-2024)"
    )
    years.add_argument("--year-column", metavar="COLUMN", help="the column that holds each row's year (2000-2024)")
    write = match.add_argument_group("writing the output")
    write.add_argument("--prefix", help="put this before every added column's name (e.g. jjn_)")
    write.add_argument("--bom", action="store_true", help="begin UTF-8 CSV with a byte-order mark, for Excel")
    write.add_argument(
        "--output-encoding", metavar="ENCODING", help="CSV/TSV encoding (default utf-8; gb18030 for old Excel)"
    )
    write.add_argument("-q", "--quiet", action="store_true", help="no progress line on a terminal")
