"""``jijinan match``: a table file of names in, the same rows with the match columns out."""

from __future__ import annotations

import argparse
import codecs
import collections
import io
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from jijinan.cli.common import UsageError, message
from jijinan.files.sinks import Sink
from jijinan.records import MatchStatus

if TYPE_CHECKING:
    from jijinan.files.base import Chunk
    from jijinan.records import Match


# Text codecs that are not character encodings: they rewrite text as other text (domain names),
# lower-casing it or moving characters, so a table written through them comes back changed.
_TRANSFORMS = frozenset({"idna", "punycode"})
# What any encoding of a table must carry unchanged, written in pieces as the writers write.
_PROBE = ("Aa1,", ';|\t"', " z\r\n")


def _encoding(name: str, option: str) -> str:
    """The canonical name of a character encoding given on the command line.

    Raises:
        UsageError: Python knows no such codec, or it is not a character encoding (rot13, base64,
            zlib_codec and the other bytes-to-bytes or text-to-text codecs; idna, punycode).
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        raise UsageError(f"{option} {name!r} is not an encoding Python knows (try utf-8, gb18030, utf-16)") from None
    refused = UsageError(
        f"{option} {name!r} is not a text encoding of characters as bytes (try utf-8, gb18030, utf-16)"
    )
    if not getattr(info, "_is_text_encoding", True) or info.name in _TRANSFORMS:
        raise refused
    try:
        encoder = info.incrementalencoder()
        written = b"".join(encoder.encode(piece) for piece in _PROBE) + encoder.encode("", final=True)
        same = info.decode(written)[0] == "".join(_PROBE)
    except (UnicodeError, LookupError, TypeError, ValueError):
        same = False
    if not same:
        raise refused
    return info.name


def _as_of(text: str) -> int | str:
    """``--as-of``: a year, or a table's label as the API takes it (``2015-07``); checked by the matcher."""
    value = text.strip()
    if value.isascii() and value.isdigit():
        return int(value)
    if len(value) == 7 and value[4] == "-" and value.replace("-", "", 1).isdigit() and value.isascii():
        return value
    raise argparse.ArgumentTypeError(f"{text!r} is not a year (2000-2024) or a table's label (2015-07)")


def cmd_match(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan.files.base import describe_columns, find_column
    from jijinan.files.formats import format_for, make_sink
    from jijinan.files.hints import Hints
    from jijinan.files.output import output_stream, refuse_input
    from jijinan.files.progress import Progress
    from jijinan.files.reading import open_table
    from jijinan.files.stream import match_table
    from jijinan.tables import schema

    try:
        fmt = args.format or format_for(args.output)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if fmt not in ("csv", "tsv") and (args.bom or args.output_encoding):
        raise UsageError(f"--bom and --output-encoding apply to csv and tsv output, not {fmt}")
    encoding = _encoding(args.output_encoding, "--output-encoding") if args.output_encoding else "utf-8"
    if args.bom and encoding != "utf-8":
        raise UsageError(f"--bom is for UTF-8 output; {encoding} is written as it is")
    if fmt == "xlsx" and args.output == "-" and out is None and sys.stdout.isatty():
        raise UsageError("xlsx is a binary format: give -o FILE.xlsx, or redirect standard output to a file")
    if args.skip < 0:
        raise UsageError("--skip takes a number of rows, 0 or more")
    if args.encoding is not None:
        _encoding(args.encoding, "--encoding")
    if args.file == "-" and sys.stdin is None:
        raise UsageError("standard input is closed: give a FILE, or pipe the table in (jijinan match - < FILE)")

    with open_table(
        args.file,
        encoding=args.encoding,
        delimiter=args.delimiter,
        header=not args.no_header,
        skip=args.skip,
        sheet=args.sheet,
        pad=args.pad,
    ) as table:
        # before anything is written: -o naming the input (by any name or link) would destroy it
        refuse_input(table.identity, table.name, args.output, stdout=io.BytesIO() if out is not None else None)
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
            level=args.level,
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
        # a byte-order mark in, one out: Excel reads UTF-8 without it as the local code page
        bom = args.bom if args.bom is not None else table.encoding == "utf-8-sig"
        with output_stream(args.output, stdout=captured) as stream:
            sink = _NulWarning(
                make_sink(fmt, stream, table.columns, added, encoding=encoding, bom=bom and fmt in ("csv", "tsv"))
            )
            statuses: collections.Counter[str] = collections.Counter()
            rows = match_table(table, sink, column, hints, progress, counts=statuses)
            sink.close()
    if args.output != "-" and not args.quiet:
        # standard output holds nothing then: say what was written, as `panel -o` does
        counts = ", ".join(f"{statuses[s.value]:,} {s.value}" for s in MatchStatus if statuses[s.value])
        message(f"{rows:,} rows written to {args.output}" + (f": {counts}" if counts else ""))
    if out is not None and captured is not None:
        out.write(captured.getvalue().decode("utf-8-sig" if encoding == "utf-8" else encoding))
    return 0


class _NulWarning(Sink):
    """The real sink, saying once if a cell holds a NUL character."""

    def __init__(self, sink: Sink) -> None:  # the real sink holds the stream
        self.sink = sink
        self.warned_nul = False

    def tail(self, match: Match) -> Any:
        return self.sink.tail(match)

    def tails(self, matches: Sequence[Match]) -> list[Any]:
        return self.sink.tails(matches)

    @property
    def writes_pieces(self) -> bool:  # type: ignore[override]
        return self.sink.writes_pieces

    def piece(self, tail: Any) -> Any:
        return self.sink.piece(tail)

    def write_pieces(self, chunk: Chunk, pieces: list[Any]) -> bool:
        return self.sink.write_pieces(chunk, pieces)  # plain lines hold no NUL: nothing to say

    def write(self, chunk: Chunk, tails: list[Any]) -> None:
        if not self.warned_nul:
            self._warn_nul(chunk)
        self.sink.write(chunk, tails)

    def _warn_nul(self, chunk: Chunk) -> None:
        # A NUL character in a cell is most often damage (a binary file, a bad export), but it is
        # data: it is written as it is (every cell round-trips), and said once, naming its line.
        if not chunk.holds("\x00"):
            return
        line = next(chunk.line(i) for i, row in enumerate(chunk.rows) if any("\x00" in cell for cell in row))
        self.warned_nul = True
        print(
            f"jijinan: warning: line {line} holds a NUL character (U+0000) in a cell; it is written as it is, "
            "and so may be any later one (is the file text?)",
            file=sys.stderr,
        )

    def close(self) -> None:
        self.sink.close()


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
        "--as-of",
        type=_as_of,
        dest="as_of",
        metavar="YEAR",
        help="read every name in this year's table (2000-2024), or in the notice date's (2015-07)",
    )
    years.add_argument(
        "--year-column", metavar="COLUMN", help="the column that holds each row's year (2000-2024, or 2015-07)"
    )
    hints.add_argument(
        "--level",
        choices=("provincial", "prefectural", "county"),
        help="only divisions of this level (a list of prefecture-level cities: --level prefectural)",
    )
    write = match.add_argument_group("writing the output")
    write.add_argument("--prefix", help="put this before every added column's name (e.g. jjn_)")
    write.add_argument(
        "--bom",
        action=argparse.BooleanOptionalAction,
        help="begin UTF-8 CSV with a byte-order mark, for Excel (default: if the input began with one)",
    )
    write.add_argument(
        "--output-encoding", metavar="ENCODING", help="CSV/TSV encoding (default utf-8; gb18030 for old Excel)"
    )
    write.add_argument(
        "-q", "--quiet", action="store_true", help="no progress line on a terminal, and no summary after -o FILE"
    )
