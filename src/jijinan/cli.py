"""The ``jijinan`` command line, built on the standard library only."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Sequence

from jijinan.errors import JijinanError

__all__ = ["main"]


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


def summary() -> str:
    from jijinan import notice, units

    header = ["province", "provincial", "prefectural", "county", "total"]
    rows = []
    for province, members in units.by_province().items():
        counts = [sum(1 for u in members if u.level.value == lv) for lv in ("provincial", "prefectural", "county")]
        rows.append([province, *map(str, counts), str(len(members))])
    totals = [sum(int(r[i]) for r in rows) for i in range(1, 5)]
    rows.append(["all", *map(str, totals)])
    title = f"{notice.number} {notice.title.hans} ({notice.date.isoformat()})"
    return title + "\n\n" + format_table(header, rows, right=frozenset({1, 2, 3, 4}))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jijinan",
        description="The 2015 '救急难' pilot notice (民办函〔2015〕244号) and its 300 pilot units.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("summary", help="the pilot units counted by province (the default)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command in (None, "summary"):
            print(summary())
    except JijinanError as exc:
        print(f"jijinan: {exc}", file=sys.stderr)
        return 1
    return 0
