"""The ``jijinan`` command line (also ``python -m jijinan``), built on the standard library only.

Commands: ``summary`` (the default), ``units``, ``show``, ``match``, ``coverage``, ``notice``
and ``export``. Errors go to standard error, without a traceback, with exit status 1
(nothing found) or 2 (bad usage or input).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from jijinan.errors import AmbiguousUnitError, JijinanError, UnitNotFoundError

if TYPE_CHECKING:
    from jijinan.records import PilotUnit, Text
    from jijinan.schema import Column, Value

__all__ = ["main"]

EXIT_NOT_FOUND = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input from the command line: reported on stderr with exit status 2."""


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


def emit(
    out: TextIO,
    fmt: str,
    records: Sequence[dict[str, Value]],
    columns: Sequence[Column],
    table_columns: Sequence[str],
) -> None:
    if fmt == "csv":
        from jijinan.export import write_csv

        write_csv(out, records, columns)
    elif fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        rows = [["" if r[name] is None else str(r[name]) for name in table_columns] for r in records]
        out.write(format_table(table_columns, rows) + "\n")


# -- commands -------------------------------------------------------------------


def cmd_summary(_args: argparse.Namespace, out: TextIO) -> int:
    from jijinan import Level, notice, units

    header = ["province", "provincial", "prefectural", "county", "total"]
    rows = []
    for province, members in units.by_province().items():
        counts = [sum(1 for u in members if u.level is level) for level in Level]
        rows.append([province, *map(str, counts), str(len(members))])
    totals = [sum(int(r[i]) for r in rows) for i in range(1, 5)]
    rows.append(["all", *map(str, totals)])
    title = f"{notice.number} {notice.title.hans} ({notice.date.isoformat()})"
    out.write(title + "\n\n" + format_table(header, rows, right=frozenset({1, 2, 3, 4})) + "\n")
    return 0


def cmd_units(args: argparse.Namespace, out: TextIO) -> int:
    from jijinan import schema, units

    try:
        chosen = units.filter(province=args.province, level=args.level, kind=args.kind)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    emit(
        out,
        args.format,
        schema.unit_records(chosen),
        schema.UNIT_COLUMNS,
        ["seq", "code", "full_name", "level", "kind"],
    )
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


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from jijinan import units

    unit = units.get(args.name)
    out.write(_describe_unit(unit))
    return 0


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 (for a GBK file: iconv -f GBK -t UTF-8) and try again"
        ) from None


def cmd_match(args: argparse.Namespace, out: TextIO) -> int:
    from jijinan import units

    path = Path(args.file)
    text = _read_text(path)
    as_csv = args.column is not None or path.suffix.lower() == ".csv"
    if as_csv:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header is None:
            raise UsageError(f"{path} is empty")
        column = args.column if args.column is not None else header[0]
        if column not in header:
            raise UsageError(f"{path} has no column {column!r}; its columns are: {', '.join(header)}")
        rows = [row for row in reader if row]
        index = header.index(column)
        names: list[str | None] = [row[index] if index < len(row) else None for row in rows]
    else:
        header = ["name"]
        rows = [[line] for line in text.splitlines() if line.strip()]
        names = [row[0] for row in rows]
    try:
        found = units.match_many(names, province=args.province, prefecture=args.prefecture, as_of=args.as_of)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    added = [name if name not in header else f"jijinan_{name}" for name in ("status", "unit", "code", "reason")]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*header, *added])
    for row, match in zip(rows, found, strict=True):
        unit = match.unit.full_name if match.unit else ""
        writer.writerow([*row, match.status.value, unit, match.code or "", match.reason])
    return 0


def cmd_coverage(args: argparse.Namespace, out: TextIO) -> int:
    import jijinan
    from jijinan import schema

    rows = jijinan.coverage()
    chosen = [r for r in rows if r.covered] if args.covered else list(rows)
    emit(
        out,
        args.format,
        schema.coverage_records(chosen),
        schema.COVERAGE_COLUMNS,
        ["code", "province", "prefecture", "name", "covered", "unit_name", "via"],
    )
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


def cmd_notice(args: argparse.Namespace, out: TextIO) -> int:
    out.write(notice_text(args.hant))
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from jijinan.export import export

    try:
        written = export(Path(args.dir))
    except OSError as exc:
        raise UsageError(f"cannot write to {args.dir}: {exc.strerror or exc}") from None
    for path in written:
        out.write(f"{path}\n")
    return 0


# -- parser ---------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jijinan",
        description="The 2015 '救急难' pilot notice (民办函〔2015〕244号) and its 300 pilot units.",
        epilog="Run 'jijinan COMMAND --help' for a command's options. Without a command: summary.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Callable[[argparse.Namespace, TextIO], int], text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=text, description=text)
        command.set_defaults(handler=handler)
        return command

    add("summary", cmd_summary, "the pilot units counted by province and level")

    units = add("units", cmd_units, "list the pilot units, optionally filtered")
    units.add_argument("--province", help="a province-level division, by name (河北省, 河北) or code")
    units.add_argument("--level", choices=["provincial", "prefectural", "county"])
    units.add_argument("--kind", help="district, county, county_city, banner, … (see the data dictionary)")
    units.add_argument("--format", choices=["table", "csv", "json"], default="table")

    show = add("show", cmd_show, "one pilot unit with everything known about it")
    show.add_argument("name", help="a code or name: 浚县, 浚縣, 邢台市桥东区, 410621")

    match = add("match", cmd_match, "match a file of names: adds status, unit, code and reason columns")
    match.add_argument(
        "file", help="a CSV file (with --column, or a .csv name: first column) or a text file, one name a line"
    )
    match.add_argument("--column", help="the CSV column that holds the names")
    match.add_argument("--as-of", type=int, dest="as_of", help="read the names in the table of this year (2015-2024)")
    match.add_argument("--province", help="a province hint for every name")
    match.add_argument("--prefecture", help="a prefecture hint for every name")

    coverage = add("coverage", cmd_coverage, "the 2,853 county-level divisions of July 2015 and their coverage")
    coverage.add_argument("--format", choices=["table", "csv", "json"], default="table")
    coverage.add_argument("--covered", action="store_true", help="only the 401 covered divisions")

    notice = add("notice", cmd_notice, "the text of the notice")
    notice.add_argument("--hant", action="store_true", help="in traditional characters")

    export = add("export", cmd_export, "write units.csv, coverage.csv, notice.json and datapackage.json")
    export.add_argument("dir", help="the folder to write to (created if missing)")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    stdout = out if out is not None else sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", cmd_summary)
    try:
        return handler(args, stdout)
    except (UnitNotFoundError, AmbiguousUnitError) as exc:
        print(f"jijinan: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except (UsageError, ValueError, TypeError) as exc:
        print(f"jijinan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except JijinanError as exc:
        print(f"jijinan: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except BrokenPipeError:
        return 0
