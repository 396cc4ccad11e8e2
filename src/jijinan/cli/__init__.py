"""The ``jijinan`` command line (also ``python -m jijinan``), built on the standard library.

Commands: ``summary`` (the default), ``units``, ``show``, ``match``, ``coverage``, ``notice``
and ``export``. Spreadsheets, Stata and Parquet go through optional extras. Errors go to
standard error as one line, without a traceback; the exit status says what went wrong:

====  ==================================================================================
0     done
1     not found: no pilot unit answers to the name, or several do
2     bad usage or input: an option, a missing file or column, a row of the wrong width,
      an unclosed quote, an encoding, a missing extra, files ``export`` would replace
3     jijinan's own data files are damaged or missing: reinstall jijinan
4     the output cannot be written: a full disk, no permission, a closed standard output,
      a terminal whose encoding cannot show the text
130   interrupted (Ctrl-C)
====  ==================================================================================
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from jijinan.errors import AmbiguousUnitError, DataIntegrityError, JijinanError, UnitNotFoundError

if TYPE_CHECKING:
    from jijinan.records import PilotUnit, Text
    from jijinan.schema import Column

__all__ = [
    "EXIT_DATA",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "main",
]

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_OUTPUT = 4
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """Bad input from the command line: reported on stderr with exit status 2."""


class NotFoundError(Exception):
    """A name that is no pilot unit, explained: reported on stderr with exit status 1."""


class TerminalEncodingError(Exception):
    """Standard output's encoding cannot show the text: exit status 4."""


# -- output -------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset()) -> str:
    """Rows aligned in columns, counting CJK characters as two columns wide."""
    widths = [max(display_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - display_width(cell))
            out.append(pad + cell if i in right else cell + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line([str(c) for c in r]) for r in rows)])


def write_text(out: TextIO, text: str) -> None:
    """Text for a person, in standard output's encoding.

    Raises:
        TerminalEncodingError: that encoding cannot show the text (``PYTHONIOENCODING=ascii``).
    """
    try:
        text.encode(out.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError, AttributeError, TypeError):
        if isinstance(out, io.StringIO):
            pass
        else:
            raise TerminalEncodingError(
                f"standard output's encoding, {out.encoding}, cannot show this text: set PYTHONIOENCODING=utf-8 "
                "(or a UTF-8 locale), or ask for --format csv or json, which are always UTF-8"
            ) from None
    out.write(text)
    out.flush()


def write_data(out: TextIO | None, text: str) -> None:
    """CSV or JSON text, always UTF-8 whatever the terminal's encoding."""
    if out is not None:
        out.write(text)
        return
    from jijinan._tableout import output_stream

    sys.stdout.flush()
    with output_stream("-") as stream:
        stream.write(text.encode("utf-8"))


def render(
    fmt: str,
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    table_columns: Sequence[str],
) -> str:
    if fmt == "csv":
        from jijinan.export import write_csv

        buffer = io.StringIO()
        write_csv(buffer, records, columns)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(list(records), ensure_ascii=False, indent=1) + "\n"
    rows = [["" if r[name] is None else str(r[name]) for name in table_columns] for r in records]
    return format_table(table_columns, rows) + "\n"


def emit(out: TextIO | None, fmt: str, text: str) -> None:
    if fmt == "table":
        write_text(out if out is not None else sys.stdout, text)
    else:
        write_data(out, text)


# -- commands -------------------------------------------------------------------


def cmd_summary(_args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan import Level, notice, units

    header = ["province", "provincial", "prefectural", "county", "total"]
    rows = []
    for province, members in units.by_province().items():
        counts = [sum(1 for u in members if u.level is level) for level in Level]
        rows.append([province, *map(str, counts), str(len(members))])
    totals = [sum(int(r[i]) for r in rows) for i in range(1, 5)]
    rows.append(["all", *map(str, totals)])
    title = f"{notice.number} {notice.title.hans} ({notice.date.isoformat()})"
    emit(out, "table", title + "\n\n" + format_table(header, rows, right=frozenset({1, 2, 3, 4})) + "\n")
    return 0


def unit_json(chosen: Sequence[PilotUnit]) -> list[dict[str, Any]]:
    """The units' records for JSON: successors as arrays and notes as a list, not joined strings."""
    from jijinan import schema

    records: list[dict[str, Any]] = schema.unit_records(chosen)
    for record, unit in zip(records, chosen, strict=True):
        record["successor_codes"] = [s.code for s in unit.successors]
        record["successor_names"] = [s.name for s in unit.successors]
        record["successor_relations"] = [s.relation.value for s in unit.successors]
        record["notes"] = list(unit.notes)
    return records


def cmd_units(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan import schema, units

    try:
        chosen = units.filter(province=args.province, group=args.group, level=args.level, kind=args.kind)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    records = unit_json(chosen) if args.format == "json" else schema.unit_records(chosen)
    columns = ["seq", "code", "full_name", "level", "kind"]
    emit(out, args.format, render(args.format, records, schema.UNIT_COLUMNS, columns))
    return 0


def _describe_unit(unit: PilotUnit) -> str:
    lines = [
        ("seq", str(unit.seq)),
        ("name", f"{unit.name} ({unit.name_hant}, {unit.name_pinyin})"),
        ("published as", unit.published_name),
        ("full name", unit.full_name),
        ("code (July 2015)", unit.code or "none: not an administrative division"),
        ("province", f"{unit.province} ({unit.province_code})"),
        ("listed under", unit.group),
        ("prefecture", f"{unit.prefecture} ({unit.prefecture_code})" if unit.prefecture else "none"),
        ("level", unit.level.value),
        ("kind", unit.kind.value),
    ]
    for s in unit.successors:
        approvals = "; ".join(f"{a.number or a.title} ({a.date or 'undated'})" for a in s.approvals)
        lines.append(
            ("2024 successor", f"{s.code} {s.name}: {s.relation.value}" + (f", {approvals}" if approvals else ""))
        )
    lines.extend(("note", note) for note in unit.notes)
    width = max(display_width(k) for k, _ in lines)
    return "\n".join(f"{k}{' ' * (width - display_width(k))}  {v}" for k, v in lines) + "\n"


def _not_a_unit(name: str, error: UnitNotFoundError) -> Exception:
    """Why a name that is no pilot unit is not one, when it is a division; else the error as it is."""
    from jijinan import MatchStatus, units

    try:
        found = units.match(name)
    except (ValueError, TypeError):
        return error
    if found.status is MatchStatus.UNKNOWN:
        return error
    hint = "('jijinan match' gives the pilot status of any division; 'jijinan show' shows the 300 pilot units)"
    if found.status is MatchStatus.AMBIGUOUS:
        return NotFoundError(
            f"no pilot unit is called {name!r}, and as a division's name it is ambiguous: {found.reason} {hint}"
        )
    see = ""
    if found.unit is not None:
        see = f"; show that unit with: jijinan show {found.unit.code or found.unit.full_name}"
    if found.status is MatchStatus.PILOT:
        return NotFoundError(f"the notice names no pilot unit {name!r}, but as a division: {found.reason}{see}")
    return NotFoundError(f"{name!r} is not a pilot unit: {found.reason}{see} {hint}")


def cmd_show(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan import units

    try:
        unit = units.get(args.name)
    except UnitNotFoundError as exc:
        raise _not_a_unit(args.name, exc) from None
    emit(out, "table", _describe_unit(unit))
    return 0


def _encoding(name: str, option: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise UsageError(f"{option} {name!r} is not an encoding Python knows (try utf-8, gb18030, utf-16)") from None


def cmd_match(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan import schema
    from jijinan._matchfile import Hints, Progress, match_table
    from jijinan._tablefile import describe_columns, find_column, open_table
    from jijinan._tableout import format_for, make_sink, output_stream

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
    from jijinan import MatchStatus, units

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


def cmd_coverage(args: argparse.Namespace, out: TextIO | None) -> int:
    import jijinan
    from jijinan import schema

    rows = jijinan.coverage()
    chosen = [r for r in rows if r.covered] if args.covered else list(rows)
    columns = ["code", "province", "prefecture", "name", "covered", "unit_name", "via"]
    emit(out, args.format, render(args.format, schema.coverage_records(chosen), schema.COVERAGE_COLUMNS, columns))
    return 0


def cmd_panel(args: argparse.Namespace, out: TextIO | None) -> int:
    import jijinan
    from jijinan import schema
    from jijinan.export import table_format, write_table

    try:
        fmt = table_format(args.output, args.format)
        rows = jijinan.panel(args.start, args.end, notice=not args.no_notice)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    columns = schema.panel_columns(rows.periods)
    if out is not None and args.output == "-" and fmt in ("csv", "json"):  # in-process, to a text stream
        emit(out, fmt, render(fmt, rows.to_records(), columns, []))
        return 0
    title = f"County-year panel of the 救急难 pilot, {rows.periods[0]}-{rows.periods[-1]}"
    write_table(args.output, fmt, title, rows.to_records(), schema.panel_columns(rows.periods))
    if args.output != "-":
        _message(f"{len(rows):,} rows of {len(rows.periods)} tables written to {args.output}")
    return 0


def notice_text(hant: bool) -> str:
    from jijinan import notice

    def pick(text: Text) -> str:
        return text.hant if hant else text.hans

    parts = [pick(notice.title), notice.number, "", pick(notice.addressees) + "：", "", pick(notice.preamble), ""]
    parts += [f"一、{pick(notice.objective_heading)}", "", pick(notice.objective), ""]
    parts += [f"二、{pick(notice.tasks_heading)}", ""]
    for task in notice.tasks:
        parts += [pick(task.text), ""]
    parts += [f"三、{pick(notice.requirements_heading)}", ""]
    for requirement in notice.requirements:
        parts += [pick(requirement.text), ""]
    for paragraph in notice.closing:
        parts += [pick(paragraph), ""]
    parts += [f"附件：{pick(notice.attachment_title)}", ""]
    parts += [
        " ".join(pick(i) for i in notice.issuers),
        f"{notice.date.year}年{notice.date.month}月{notice.date.day}日",
    ]
    return "\n".join(parts) + "\n"


def cmd_notice(args: argparse.Namespace, out: TextIO | None) -> int:
    emit(out, "table", notice_text(args.hant))
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan.export import FORMATS, export

    formats = [f for f in FORMATS if f in args.formats or "all" in args.formats]
    written = export(Path(args.dir), formats=formats, force=args.force)
    emit(out, "table", "".join(f"{path}\n" for path in written))
    return 0


# -- parser ---------------------------------------------------------------------


EPILOG = """\
exit status: 0 done; 1 not found; 2 bad usage or input; 3 jijinan's data files damaged
(reinstall); 4 the output cannot be written (full disk, closed output); 130 interrupted.
Run 'jijinan COMMAND --help' for a command's options. Without a command: summary."""


def build_parser() -> argparse.ArgumentParser:
    from jijinan import __version__

    parser = argparse.ArgumentParser(
        prog="jijinan",
        description="The 2015 '救急难' pilot notice (民办函〔2015〕244号) and its 300 pilot units.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"jijinan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace, TextIO | None], int], text: str, epilog: str | None = None
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(
            name, help=text, description=text, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        command.set_defaults(handler=handler)
        return command

    add("summary", cmd_summary, "the pilot units counted by province and level")

    units = add("units", cmd_units, "list the pilot units, optionally filtered")
    units.add_argument("--province", help="a province-level division, by name (河北省, 河北) or code")
    units.add_argument("--group", help="an attachment heading (新疆生产建设兵团, 黑龙江省农垦总局, …)")
    units.add_argument("--level", choices=["provincial", "prefectural", "county"])
    units.add_argument("--kind", help="district, county, county_city, banner, … (see the data dictionary)")
    units.add_argument("--format", choices=["table", "csv", "json"], default="table")

    show = add("show", cmd_show, "one pilot unit with everything known about it")
    show.add_argument("name", help="a code or name: 浚县, 浚縣, 邢台市桥东区, 410621")

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

    coverage = add("coverage", cmd_coverage, "the 2,853 county-level divisions of July 2015 and their coverage")
    coverage.add_argument("--format", choices=["table", "csv", "json"], default="table")
    coverage.add_argument("--covered", action="store_true", help="only the 401 covered divisions")

    panel = add(
        "panel",
        cmd_panel,
        "the county-year treatment panel: every county-level division of every year's table and its status",
        epilog="Formats: csv (the default, or by the -o suffix), json; dta, parquet and xlsx need their extras.",
    )
    panel.add_argument("--from", dest="start", type=int, default=2005, metavar="YEAR", help="first year (2000-2024)")
    panel.add_argument("--to", dest="end", type=int, default=2024, metavar="YEAR", help="last year (2000-2024)")
    panel.add_argument(
        "--no-notice", action="store_true", help="leave out the notice date's own table (2015-07) as a period"
    )
    panel.add_argument("-o", "--output", default="-", metavar="FILE", help="where to write (default: standard output)")
    panel.add_argument("--format", choices=["csv", "json", "dta", "parquet", "xlsx"], help="the file format")

    notice = add("notice", cmd_notice, "the text of the notice")
    notice.add_argument("--hant", action="store_true", help="in traditional characters")

    export = add(
        "export",
        cmd_export,
        "write the data as files: units.csv, coverage.csv, notice.json, datapackage.json (and more formats)",
        epilog=(
            "The files are written into a temporary folder beside DIR and moved into place only when\n"
            "all are complete. Files already in DIR are never replaced without --force, and a symbolic\n"
            "link is never written through."
        ),
    )
    export.add_argument("dir", metavar="DIR", help="the folder to write to (created if missing)")
    export.add_argument(
        "--format",
        dest="formats",
        action="append",
        default=[],
        choices=["dta", "parquet", "xlsx", "all"],
        help="also write Stata .dta (the stata extra), Parquet (parquet extra), xlsx (xlsx extra); repeatable",
    )
    export.add_argument("--force", action="store_true", help="replace files of the same names already in DIR")
    return parser


_CLOSEST = re.compile(r"(closest: )([^;]*)")


def _message(text: str) -> None:
    """One line on standard error; the same suggestion is never listed twice."""
    text = _CLOSEST.sub(lambda m: m.group(1) + ", ".join(dict.fromkeys(m.group(2).split(", "))), text)
    text = " ".join(text.split("\n"))
    with contextlib.suppress(OSError, ValueError):
        print(f"jijinan: {text}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """After standard output failed, point it at /dev/null so Python's exit does not try again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status (see the module's documentation)."""
    try:
        return _run(argv, out)
    except KeyboardInterrupt:
        _message("interrupted")
        return EXIT_INTERRUPTED


def _run(argv: Sequence[str] | None, out: TextIO | None) -> int:
    from jijinan._tablefile import InputError, MissingExtraError
    from jijinan._tableout import EncodeError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UnicodeEncodeError:  # --help on a terminal that cannot show Chinese
        _message("standard output's encoding cannot show the help: set PYTHONIOENCODING=utf-8 (or a UTF-8 locale)")
        return EXIT_OUTPUT
    handler = getattr(args, "handler", cmd_summary)
    try:
        return int(handler(args, out))
    except (UnitNotFoundError, AmbiguousUnitError, NotFoundError) as exc:
        _message(str(exc))
        return EXIT_NOT_FOUND
    except DataIntegrityError as exc:
        _message(f"{exc}")
        return EXIT_DATA
    except (UsageError, InputError, EncodeError, MissingExtraError, FileExistsError, ValueError, TypeError) as exc:
        _message(str(exc))
        return EXIT_USAGE
    except JijinanError as exc:
        _message(str(exc))
        return EXIT_NOT_FOUND
    except TerminalEncodingError as exc:
        _message(str(exc))
        return EXIT_OUTPUT
    except OSError as exc:
        if out is None:
            _silence_stdout()
        if isinstance(exc, BrokenPipeError):
            _message("standard output was closed before all of the output was written")
        else:
            _message(str(exc) if exc.strerror is None else f"cannot write standard output: {exc.strerror}")
        return EXIT_OUTPUT
