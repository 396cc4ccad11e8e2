"""``jijinan summary`` (the default): the pilot units counted by province and level."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    pass

from jijinan.cli.common import (
    emit,
    format_table,
)


def cmd_summary(_args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan.collection import units
    from jijinan.loading import load_notice
    from jijinan.records import Level

    notice = load_notice()

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


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the command(s) of this module to the parser (``add`` makes a subcommand)."""
    add("summary", cmd_summary, "the pilot units counted by province and level")
