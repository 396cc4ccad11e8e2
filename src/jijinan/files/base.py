"""What every table file shares: the table being read (``Table``, ``Chunk``), the errors, extras.

A format module reads its format into a ``Table`` of ``Chunk``s of rows, each exactly as wide as
the columns, and writes rows through a ``Sink`` (``jijinan.files.sinks``). The errors here are
what the command line reports as one line with exit status 2.
"""

from __future__ import annotations

import importlib
import operator
from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import Any

__all__ = [
    "CHUNK_ROWS",
    "MAX_FIELD",
    "MAX_RUN",
    "SAMPLE",
    "Chunk",
    "InputError",
    "MissingExtraError",
    "Table",
    "cut",
    "describe_columns",
    "find_column",
    "line_breaks",
    "require",
]

MAX_FIELD = 8 * 1024 * 1024
"""The longest field read, in characters (Excel's own limit is 32,767)."""
MAX_RUN = 4 * MAX_FIELD
"""Bytes of text read without a line break or a delimiter before the text is refused: more than
the longest field takes in any encoding (four bytes a character). The csv module reads a whole
line before it checks a field's length, and a line may never end (``/dev/zero``)."""
SAMPLE = 64 * 1024
"""How many bytes are looked at to tell the encoding and the delimiter."""
CHUNK_ROWS = 10_000


class InputError(ValueError):
    """The input cannot be read as a table: the message names the input and, where it can, the line."""


class MissingExtraError(ImportError):
    """A file format needs an optional dependency that is not installed: the message names the extra."""


def require(module: str, distribution: str, extra: str, purpose: str) -> Any:
    """Import ``module``, an optional dependency.

    Raises:
        MissingExtraError: it is not installed; the message says ``pip install "jijinan[extra]"``.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f'{purpose} needs {distribution}, which is not installed: pip install "jijinan[{extra}]"'
        ) from exc


class Chunk:
    """Consecutive rows of a table, each exactly as wide as its columns.

    A chunk of a text file's *plain lines* (no quote, no NUL, every line as wide as the
    header, every line end ``\\n``, or every one ``\\r\\n``) keeps them as read: ``text``, the
    lines joined by ``\\n``, and (for an ASCII delimiter) ``encoded``, that text in UTF-8. Each
    line is exactly its row's cells joined by the delimiter, so a column is cut out of the
    text (``column``), CSV output with the same delimiter writes each line as it came, and
    the cells are split only if someone asks for ``rows``. Splitting every line of a big file
    into cells, and joining them again to write it, were most of the time a match of the
    file took.
    """

    __slots__ = (
        "_cells",
        "_lines",
        "_rows",
        "delimiter",
        "encoded",
        "first_line",
        "multiline",
        "size",
        "text",
        "values",
        "width",
    )

    def __init__(
        self,
        rows: list[list[str]] | None,
        first_line: int,
        multiline: bool = True,
        values: list[list[Any]] | None = None,
        *,
        text: str | None = None,
        size: int = 0,
        delimiter: str = ",",
        width: int = 0,
        encoded: bytes | None = None,
    ) -> None:
        if (rows is None) == (text is None):
            raise TypeError("a chunk holds its rows or its plain lines' text")
        self._rows = rows
        self._lines: list[str] | None = None
        self._cells: list[str] | None = None
        self.first_line = first_line
        """The line (or sheet row) the first row starts on, counting from 1."""
        self.multiline = multiline and text is None
        """Whether a row may run over several lines (a quoted field with line breaks)."""
        self.values = values
        """A spreadsheet's rows as its typed cells (numbers, dates, booleans, text), each as wide as the
        sheet's row or narrower: ``rows`` is the text that is matched, these are what xlsx output writes."""
        self.text = text
        """The plain lines joined by ``\\n``, or ``None`` for a chunk of rows."""
        self.size = size if text is not None else len(rows or ())
        """How many rows the chunk holds."""
        self.delimiter = delimiter
        """The delimiter between the cells of the plain lines."""
        self.width = width
        """How many cells each plain line holds."""
        self.encoded = encoded
        """``text`` in UTF-8, when the reader made it (to check the lines' widths), else ``None``."""

    @property
    def lines(self) -> list[str] | None:
        """The plain lines, without their line ends; ``None`` for a chunk of rows."""
        if self._lines is None and self.text is not None:
            self._lines = self.text.split("\n") if self.size else []
        return self._lines

    @property
    def rows(self) -> list[list[str]]:
        """The rows, each a list of its cells (split from the plain lines the first time they are asked for)."""
        if self._rows is None:
            self._rows = [line.split(self.delimiter) for line in self.lines or ()]
        return self._rows

    def __len__(self) -> int:
        return self.size

    def column(self, index: int) -> list[str]:
        """The cells of column ``index``, one per row."""
        text = self.text
        if text is None or not self.size:
            return list(map(operator.itemgetter(index), self.rows))
        width, d = self.width, self.delimiter
        if self._cells is None and 0 < index < width - 1:
            # every line holds width - 1 delimiters: cell i of line k is piece k(w-1)+i
            return text.split(d)[index :: width - 1]
        if width == 1:
            return list(self.lines or ())
        if width <= 8:  # a narrow table: all its cells, one split
            return self._split()[index::width]
        return cut(self.lines or [], d, index, width)

    def columns(self, indices: Sequence[int]) -> list[list[str]]:
        """The cells of each of the columns ``indices``, one per row (a narrow table's split once)."""
        if self.text is not None and self.size and len(indices) > 1 and self.width <= 8:
            self._split()
        return [self.column(i) for i in indices]

    def _split(self) -> list[str]:
        if self._cells is None:
            self._cells = (self.text or "").replace("\n", self.delimiter).split(self.delimiter)
        return self._cells

    def holds(self, char: str) -> bool:
        """Whether a cell of the chunk holds ``char``."""
        if self.text is not None:
            return char not in '"\x00\r\n' and char != self.delimiter and char in self.text
        return any(char in "".join(row) for row in self.rows)

    def line(self, index: int) -> int:
        """The line on which row ``index`` of the chunk starts."""
        if not self.multiline:
            return self.first_line + index
        extra = 0
        for row in self.rows[:index]:
            for cell in row:
                if "\n" in cell or "\r" in cell:
                    extra += line_breaks(cell)
        return self.first_line + index + extra


def line_breaks(text: str) -> int:
    """The line breaks in ``text`` as the csv module counts lines: ``\\n``, ``\\r`` and ``\\r\\n`` each once."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def cut(lines: list[str], delimiter: str, index: int, width: int) -> list[str]:
    """Cell ``index`` of each line of ``width`` cells (C-level splits, no list of cells kept)."""
    d = delimiter
    if index == 0:
        return list(map(operator.itemgetter(0), map(str.partition, lines, repeat(d))))
    if index == width - 1:
        return list(map(operator.itemgetter(2), map(str.rpartition, lines, repeat(d))))
    return list(map(operator.itemgetter(index), map(str.split, lines, repeat(d), repeat(index + 1))))


class Table:
    """A table being read: its columns, then its rows chunk by chunk (see ``open_table``)."""

    def __init__(
        self,
        name: str,
        columns: list[str],
        chunks: Iterator[Chunk],
        *,
        kind: str,
        encoding: str | None = None,
        delimiter: str | None = None,
        size: int | None = None,
        position: Any = None,
        close: Any = None,
    ) -> None:
        self.name = name
        """How messages call the input: its path, or ``standard input``."""
        self.columns = columns
        """The column names: the header's, or column1, column2, … without one."""
        self.kind = kind
        """``text`` or ``spreadsheet``."""
        self.encoding = encoding
        self.delimiter = delimiter
        self.size = size
        """The input's size in bytes, when known (a file, not a pipe)."""
        self.identity: tuple[int, int] | None = None
        """The input's (device, inode) when it is a regular file: what the output must never be."""
        self._chunks = chunks
        self._position = position
        self._close = close

    def chunks(self) -> Iterator[Chunk]:
        """The rows, in chunks.

        Raises:
            InputError: a row is of the wrong width, a quote is never closed, a field is too
                long, bytes are not in the encoding, or the input cannot be read.
        """
        return self._chunks

    @property
    def position(self) -> int:
        """How many bytes of the input have been read so far."""
        return int(self._position()) if self._position is not None else 0

    def close(self) -> None:
        """Close the input (not standard input)."""
        if self._close is not None:
            self._close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def find_column(table: Table, spec: str, option: str = "--column") -> int:
    """The index of the column that ``spec`` names: by name, else by position counting from 1.

    A name is looked for exactly, then ignoring case and surrounding spaces.

    Raises:
        InputError: no column, or several, answer to ``spec``.
    """
    columns = table.columns
    exact = [i for i, c in enumerate(columns) if c == spec]
    if not exact:
        folded = spec.strip().casefold()
        exact = [i for i, c in enumerate(columns) if c.strip().casefold() == folded]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        places = ", ".join(str(i + 1) for i in exact)
        raise InputError(
            f"{table.name}: {len(exact)} columns are called {spec!r} (positions {places}); "
            f"give the position instead, e.g. {option} {exact[0] + 1}"
        )
    if spec.isdigit() and 1 <= int(spec) <= len(columns):
        return int(spec) - 1
    hint = ""
    if sum(not c.strip() for c in columns) * 2 > len(columns):
        hint = " (is the first row a title? give --skip 1, or more, to start below it)"
    raise InputError(f"{table.name} has no column {spec!r} (given as {option}); {describe_columns(columns)}{hint}")


def describe_columns(columns: list[str]) -> str:
    """``its columns are: a, b, c`` for messages (odd names quoted)."""

    def show(name: str) -> str:
        return repr(name) if not name or name != name.strip() or "," in name else name

    listed = ", ".join(show(c) for c in columns[:30])
    if len(columns) > 30:
        listed += f", … ({len(columns)} in all)"
    return f"its columns are: {listed}"
