"""``jijinan export``: the data as files (CSV, JSON, a Frictionless descriptor; Stata, Parquet, xlsx)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    pass

from jijinan.cli.common import (
    emit,
)


def cmd_export(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan.files.export import FORMATS, export

    formats = [f for f in FORMATS if f in args.formats or "all" in args.formats]
    written = export(Path(args.dir), formats=formats, force=args.force)
    emit(out, "table", "".join(f"{path}\n" for path in written))
    return 0


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the command(s) of this module to the parser (``add`` makes a subcommand)."""
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
