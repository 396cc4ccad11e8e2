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
    "terminal_width",
    "wrap",
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


_TOKENS = re.compile(r"\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|.")


# Closing punctuation stays on the line of what it closes: the word before it moves down too.
_NO_BREAK_BEFORE = frozenset(")]},.;:!?、，。；：）」』")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (CJK characters count two).

    Breaks at spaces, and between CJK characters, which a line may break between, but never
    before closing punctuation; a word longer than the line is left whole rather than cut.
    """
    lines: list[str] = []
    line: list[str] = []  # the tokens of the line being filled; spaces are tokens too
    for token in _TOKENS.findall(text):
        if token.isspace():
            if line:
                line.append(" ")
            continue
        if line and display_width("".join(line)) + display_width(token) > width:
            carried: list[str] = []
            if token[0] in _NO_BREAK_BEFORE and len(line) > 1 and not line[-1].isspace():
                carried = [line.pop()]
            lines.append("".join(line).rstrip())
            line = carried
        line.append(token)
    if "".join(line).strip() or not lines:
        lines.append("".join(line).rstrip())
    return lines


def terminal_width(out: TextIO | None) -> int | None:
    """The width to wrap text for a person at: the terminal's, or ``COLUMNS``; ``None``: do not wrap."""
    import shutil

    stream = out if out is not None else sys.stdout
    is_terminal = stream is not None and not isinstance(stream, io.StringIO) and stream.isatty()
    if not is_terminal and not os.environ.get("COLUMNS", "").isdigit():
        return None  # a pipe or a file: lines stay whole, for grep and the like
    return max(40, shutil.get_terminal_size().columns)


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


def write_text(out: TextIO, text: str, *, other_formats: bool = False) -> None:
    """Text for a person, in standard output's encoding.

    ``other_formats``: the command has ``--format csv`` and ``json``, which the advice may name.

    Raises:
        TerminalEncodingError: that encoding cannot show the text (``PYTHONIOENCODING=ascii``).
    """
    try:
        text.encode(out.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError, AttributeError, TypeError):
        if isinstance(out, io.StringIO):
            pass
        else:
            advice = ", or ask for --format csv or json, which are always UTF-8" if other_formats else ""
            raise TerminalEncodingError(
                f"standard output's encoding, {out.encoding}, cannot show this text: set PYTHONIOENCODING=utf-8 "
                f"(or a UTF-8 locale){advice}"
            ) from None
    if out is not sys.stdout:
        out.write(text)
        out.flush()
        return
    from jijinan.files.output import output_stream

    # through output_stream, as data is: a write to a closed pipe is an error (exit 4), and a raw
    # standard output (PYTHONUNBUFFERED) never drops the end of a long text unseen
    out.flush()
    with output_stream("-") as stream:
        stream.write(text.replace("\n", os.linesep).encode(out.encoding or "utf-8", errors=out.errors or "strict"))


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
    *,
    numeric_flags: bool = False,
) -> str:
    if fmt == "csv":
        from jijinan.files.csvfile import write_csv

        buffer = io.StringIO()
        write_csv(buffer, records, columns, numeric_flags=numeric_flags)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(list(records), ensure_ascii=False, indent=1) + "\n"
    rows = [["" if r[name] is None else str(r[name]) for name in table_columns] for r in records]
    return format_table(table_columns, rows) + "\n"


def emit(out: TextIO | None, fmt: str, text: str, *, other_formats: bool = False) -> None:
    if fmt == "table":
        write_text(out if out is not None else sys.stdout, text, other_formats=other_formats)
    else:
        write_data(out, text)


_CLOSEST = re.compile(r"(closest: )([^;]*)")


def message(text: str) -> None:
    """One line on standard error; the same suggestion is never listed twice."""
    text = _CLOSEST.sub(lambda m: m.group(1) + ", ".join(dict.fromkeys(m.group(2).split(", "))), text)
    text = " ".join(text.split("\n"))
    if sys.stderr is None:  # closed (`2>&-`): print would write to standard output instead
        return
    with contextlib.suppress(OSError, ValueError):
        print(f"jijinan: {text}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """After standard output failed, point it at /dev/null so Python's exit does not try again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
