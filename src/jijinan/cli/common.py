"""What every command shares: exit statuses, the errors they report, and writing their output.

Text for a person goes to standard output in its encoding (``write_text``); CSV and JSON are
always UTF-8 (``write_data``); errors are one line on standard error (``message``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from jijinan.tables.schema import Column

__all__ = [
    "EXIT_DATA",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "Handler",
    "NotFoundError",
    "TerminalEncodingError",
    "UsageError",
    "display_width",
    "emit",
    "format_table",
    "message",
    "render",
    "write_data",
    "write_text",
]

Handler = Callable[[argparse.Namespace, "TextIO | None"], int]
"""A command: its parsed arguments and an optional text stream for its output -> exit status."""

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
    from jijinan.files.output import output_stream

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
        from jijinan.files.csvfile import write_csv

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


_CLOSEST = re.compile(r"(closest: )([^;]*)")


def message(text: str) -> None:
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
