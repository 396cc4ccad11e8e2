"""Reading the tables people have: delimited text in the usual encodings, and spreadsheets.

The command line's ``match`` reads its input through ``open_table``. A text file is
streamed in chunks of rows, so memory stays the same at any size. Its encoding is the one
given, or the one its byte-order mark names, or UTF-8; anything else is an error that names
the likely encoding. Its delimiter is the one given, a tab for ``.tsv``, or sniffed from the
first lines (comma, tab, semicolon, vertical bar; none for a file of one column).

Every row comes out exactly as wide as the header: a blank line is a row of empty cells,
never dropped; a row of another width is an error that names its line, unless padding was
asked for. An unclosed quote, a field too long, bytes that are not the encoding: each is an
``InputError`` naming the line.

Spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods) are read with python-calamine, the ``xlsx``
extra, a whole sheet at a time; their line numbers are the sheet's row numbers.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import importlib
import io
import os
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import attrs

__all__ = [
    "MAX_FIELD",
    "Chunk",
    "InputError",
    "MissingExtraError",
    "Table",
    "find_column",
    "open_table",
    "parse_delimiter",
    "require",
]

MAX_FIELD = 8 * 1024 * 1024
"""The longest field read, in characters (Excel's own limit is 32,767)."""
SAMPLE = 64 * 1024
"""How many bytes are looked at to tell the encoding and the delimiter."""
CHUNK_ROWS = 10_000
DELIMITERS = (",", "\t", ";", "|")
DELIMITER_NAMES = {"comma": ",", "tab": "\t", "\\t": "\t", "semicolon": ";", "pipe": "|", "space": " "}
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
TAB_SUFFIXES = frozenset({".tsv", ".tab"})
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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


def parse_delimiter(text: str) -> str:
    """The one-character delimiter that ``text`` names: a character, or comma, tab, semicolon, pipe, space.

    Raises:
        InputError: ``text`` is neither.
    """
    named = DELIMITER_NAMES.get(text.lower())
    if named is not None:
        return named
    if len(text) == 1 and text not in '\r\n"':
        return text
    raise InputError(f"--delimiter takes one character or comma, tab, semicolon, pipe, space; not {text!r}")


@attrs.define
class Chunk:
    """Consecutive rows of a table, each exactly as wide as its columns."""

    rows: list[list[str]]
    first_line: int
    """The line (or sheet row) the first row starts on, counting from 1."""
    multiline: bool = True
    """Whether a row may run over several lines (a quoted field with line breaks)."""

    def line(self, index: int) -> int:
        """The line on which row ``index`` of the chunk starts."""
        if not self.multiline:
            return self.first_line + index
        extra = 0
        for row in self.rows[:index]:
            for cell in row:
                if "\n" in cell or "\r" in cell:
                    extra += cell.count("\n") + cell.count("\r") - cell.count("\r\n")
        return self.first_line + index + extra


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


# -- opening ----------------------------------------------------------------------------


def open_table(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header: bool = True,
    skip: int = 0,
    sheet: str | None = None,
    pad: bool = False,
    chunk_rows: int = CHUNK_ROWS,
) -> Table:
    """Open a table file (``-``: standard input) and read its header.

    Args:
        source: a path, or ``-`` for ``stdin``.
        stdin: the binary stream ``-`` stands for (default: ``sys.stdin.buffer``).
        encoding: the text encoding; by default a byte-order mark's, else UTF-8.
        delimiter: one character; by default a tab for .tsv/.tab, else sniffed.
        header: whether the first row (after ``skip``) names the columns.
        skip: how many rows come before the header (a title, say); they are not data.
        sheet: a spreadsheet's sheet, by name or position from 1 (default: the first).
        pad: fill short rows with empty cells and drop empty cells past the last column,
            instead of calling a row of the wrong width an error.
        chunk_rows: how many rows a chunk holds.

    Raises:
        InputError: the file is missing, unreadable, empty, not in the encoding, or its header
            or first rows cannot be read; an option does not apply to the kind of file.
        MissingExtraError: a spreadsheet, and python-calamine is not installed.
    """
    if source == "-":
        name = "standard input"
        raw: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
        suffix = ""
        size = None
        close = None
    else:
        name = source
        path = Path(source)
        suffix = path.suffix.lower()
        try:
            raw = open(path, "rb", buffering=0)  # noqa: SIM115  (closed by the Table)
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{name} is a folder, not a file") from None
        except OSError as exc:
            raise InputError(f"{name} cannot be read: {exc.strerror or exc}") from None
        try:
            stat = os.fstat(raw.fileno())
            size = stat.st_size if os.path.isfile(path) else None
        except OSError:
            size = None
        close = raw.close
    try:
        head = _read_head(raw, name)
        spreadsheet = suffix in SPREADSHEET_SUFFIXES or head.startswith((_ZIP, _OLE))
        if spreadsheet:
            for option, value in (("--encoding", encoding), ("--delimiter", delimiter)):
                if value is not None:
                    raise InputError(f"{name} is a spreadsheet: {option} applies to text files only")
            # a sheet's rows are all as wide as the sheet: nothing to pad
            table = _open_spreadsheet(name, head, raw, sheet=sheet, header=header, skip=skip, rows=chunk_rows)
        else:
            if sheet is not None:
                raise InputError(f"{name} is a text file: --sheet applies to spreadsheets only")
            chosen: str | None = None
            if delimiter is not None:
                chosen = parse_delimiter(delimiter)
            elif suffix in TAB_SUFFIXES:
                chosen = "\t"
            table = _open_text(
                name,
                head,
                raw,
                encoding=encoding,
                delimiter=chosen,
                header=header,
                skip=skip,
                pad=pad,
                rows=chunk_rows,
                path=None if source == "-" else Path(source),
            )
    except BaseException:
        if close is not None:
            close()
        raise
    table.size = size
    table._close = close
    return table


def _read_head(raw: BinaryIO, name: str) -> bytes:
    parts = []
    got = 0
    try:
        while got < SAMPLE:
            data = raw.read(SAMPLE - got)
            if not data:
                break
            parts.append(data)
            got += len(data)
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {exc.strerror or exc}") from None
    return b"".join(parts)


# -- text -----------------------------------------------------------------------------


class _Replay(io.RawIOBase):
    """The bytes already read for sniffing, then the rest of the stream; counts what it hands out."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
        else:
            read1 = getattr(self._rest, "readinto1", None) or self._rest.readinto  # type: ignore[attr-defined]
            n = read1(buffer) or 0
        self.consumed += n
        return n


def _utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le or utf-16-be if the sample reads as lines of text in it (a text without NULs never does)."""
    if b"\x00" not in head:
        return None
    sample = head[: len(head) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        if ("\n" in text or "\r" in text) and "\x00" not in text:
            return codec
    return None


def _likely_encoding(head: bytes) -> str:
    """A guess at what a sample that is not UTF-8 is, for the error message."""
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        return f"it looks like UTF-16 without a byte-order mark: give --encoding {utf16}"
    try:
        codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
    except UnicodeDecodeError:
        return "give its encoding with --encoding (gb18030, big5, utf-16, latin-1, …)"
    return (
        "it is probably GBK/GB18030, as Chinese Excel saves CSV: give --encoding gb18030 "
        "(or --encoding big5 for a traditional-Chinese file)"
    )


def _choose_encoding(head: bytes, given: str | None, name: str) -> str:
    if given is not None:
        try:
            canonical = codecs.lookup(given).name
        except LookupError:
            raise InputError(
                f"--encoding {given!r} is not an encoding Python knows (try gb18030, utf-8, utf-16)"
            ) from None
        if canonical == "utf-8" and head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        return canonical
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < SAMPLE)
    except UnicodeDecodeError as exc:
        line = head[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name} is not UTF-8 (byte 0x{head[exc.start]:02x} on line {line}); {_likely_encoding(head)}"
        ) from None
    utf16 = _utf16_without_bom(head)  # ASCII text in UTF-16 is valid UTF-8, NULs and all
    if utf16 is not None:
        raise InputError(
            f"{name} holds NUL bytes: it looks like UTF-16 without a byte-order mark: give --encoding {utf16}"
        )
    return "utf-8"


def _sniff(sample: str) -> str:
    """The delimiter that splits the sample's first lines into equally wide rows of the most fields."""
    lines = sample.splitlines(keepends=True)
    if len(sample) >= SAMPLE // 2 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    lines = lines[:200]
    best: tuple[float, int, int] | None = None
    chosen = ","
    for rank, delimiter in enumerate(DELIMITERS):
        rows = []
        try:
            for row in csv.reader(lines, delimiter=delimiter):
                rows.append(row)
        except csv.Error:
            pass
        rows = [r for r in rows if r]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(len(r) == width for r in rows) / len(rows)
        score = (consistent, width, -rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def _decode_error_line(path: Path | None, encoding: str) -> tuple[int, int, bytes] | None:
    """Where a file stops being ``encoding``: (line, byte offset, the bad bytes), or None."""
    if path is None:
        return None
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 1
    offset = 0
    last_cr = False
    try:
        with open(path, "rb") as handle:
            while True:
                block = handle.read(1 << 20)
                try:
                    text = decoder.decode(block, final=not block)
                except UnicodeDecodeError as exc:
                    good = codecs.decode(block[: exc.start], encoding, errors="ignore")
                    lines += good.count("\n") + good.count("\r") - good.count("\r\n")
                    if last_cr and good.startswith("\n"):
                        lines -= 1
                    return lines, offset + exc.start, block[exc.start : exc.end]
                if not block:
                    return None
                lines += text.count("\n") + text.count("\r") - text.count("\r\n")
                if last_cr and text.startswith("\n"):
                    lines -= 1
                last_cr = text.endswith("\r")
                offset += len(block)
    except OSError:
        return None


class _TextRows:
    """The rows of a delimited text stream, chunk by chunk, with the line each starts on."""

    def __init__(
        self,
        name: str,
        reader: Any,
        *,
        text: io.TextIOWrapper,
        encoding: str,
        path: Path | None,
        rows: int,
        pad: bool,
    ) -> None:
        self.name = name
        self.reader = reader
        self.text = text
        self.encoding = encoding
        self.path = path
        self.chunk_rows = rows
        self.pad = pad
        self.next_line = 1
        self.width = 0
        self.header_words = "the header"

    def read(self, limit: int) -> Chunk:
        """Up to ``limit`` records as read (no width check); the chunk's first line is set."""
        rows: list[list[str]] = []
        start = self.next_line
        try:
            rows.extend(islice(self.reader, limit))
        except csv.Error as exc:
            raise self._csv_error(exc, Chunk(rows, start)) from None
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc) from None
        except OSError as exc:
            raise InputError(f"{self.name} cannot be read: {exc.strerror or exc}") from None
        self.next_line = self.reader.line_num + 1
        return Chunk(rows, start)

    def _csv_error(self, exc: csv.Error, partial: Chunk) -> InputError:
        start = partial.line(len(partial.rows))
        message = str(exc)
        where = f"{self.name} line {start}"
        if "end of data" in message:
            return InputError(
                f"{where}: a quoted field starts here and is never closed (the file ends inside it); "
                'close the quote, or double a quote that belongs to the text ("")'
            )
        if "field larger than field limit" in message:
            return InputError(
                f'{where}: a field runs over {MAX_FIELD:,} characters: most likely a quote (") that is never closed'
            )
        if "expected after" in message:
            line = self.reader.line_num
            return InputError(
                f"{self.name} line {line}: a quoted field is followed by more text before the delimiter "
                '(a stray quote?); quote the whole field and double the quotes inside it ("")'
            )
        if "NUL" in message:
            return InputError(f"{where} holds a NUL byte: is it a text file? (give --encoding utf-16 for UTF-16)")
        return InputError(f"{where}: {message}")

    def _decode_error(self, exc: UnicodeDecodeError) -> InputError:
        found = _decode_error_line(self.path, self.encoding)
        if found is not None:
            line, offset, bad = found
            where = f"{self.name} line {line} (byte {offset:,}: {bad.hex(' ')})"
        else:
            where = f"{self.name}, after line {self.reader.line_num} (bytes {exc.object[exc.start : exc.end].hex(' ')})"
        hint = "give the file's encoding with --encoding"
        if self.encoding.startswith("utf-8"):
            hint = "if the file is GBK/GB18030 (as Chinese Excel saves CSV), give --encoding gb18030"
        return InputError(f"{where} is not {self.encoding}: {hint}")

    def fit(self, chunk: Chunk) -> None:
        """Make every row of ``chunk`` exactly as wide as the columns, or raise naming its line."""
        width = self.width
        rows = chunk.rows
        for i, row in enumerate(rows):
            n = len(row)
            if n == width:
                continue
            if n == 0 or (n == 1 and not row[0].strip()):
                rows[i] = [""] * width  # a blank line: a row of empty cells
                continue
            if self.pad and n < width:
                row.extend([""] * (width - n))
                continue
            if self.pad and not any(cell.strip() for cell in row[width:]):
                del row[width:]
                continue
            line = chunk.line(i)
            if n < width:
                raise InputError(
                    f"{self.name} line {line} has {n} field{'s' if n != 1 else ''} where {self.header_words} has "
                    f"{width}: the added columns would shift under the wrong headers; fix the line, or give --pad "
                    "to fill short rows with empty cells"
                )
            extra = "" if not self.pad else " (--pad drops only empty fields past the last column)"
            raise InputError(
                f"{self.name} line {line} has {n} fields where {self.header_words} has {width}: the extra fields "
                f"have no column (a delimiter inside an unquoted field?); fix the line{extra}"
            )

    def chunks(self, pending: list[Chunk]) -> Iterator[Chunk]:
        width = self.width
        for chunk in pending:
            self.fit(chunk)
            yield chunk
        while True:
            chunk = self.read(self.chunk_rows)
            if not chunk.rows:
                return
            if len(set(map(len, chunk.rows))) != 1 or len(chunk.rows[0]) != width:
                self.fit(chunk)
            yield chunk


def _open_text(
    name: str,
    head: bytes,
    raw: BinaryIO,
    *,
    encoding: str | None,
    delimiter: str | None,
    header: bool,
    skip: int,
    pad: bool,
    rows: int,
    path: Path | None,
) -> Table:
    if not head:
        raise InputError(f"{name} is empty")
    chosen = _choose_encoding(head, encoding, name)
    replay = _Replay(head, raw)
    buffered = io.BufferedReader(replay, buffer_size=1 << 16)
    text = io.TextIOWrapper(buffered, encoding=chosen, errors="strict", newline="")
    if delimiter is None:
        try:
            sample = codecs.getincrementaldecoder(chosen)(errors="replace").decode(head, final=False)
        except LookupError:  # pragma: no cover - checked in _choose_encoding
            sample = ""
        delimiter = _sniff(sample.lstrip("\ufeff"))
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(text, delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    source = _TextRows(name, reader, text=text, encoding=chosen, path=path, rows=rows, pad=pad)
    if skip:
        source.read(skip)
    if header:
        first = source.read(1)
        if not first.rows:
            raise InputError(
                f"{name} has no header: {'it is empty' if not skip else 'nothing follows the skipped rows'}"
            )
        columns = first.rows[0]
        if not any(c.strip() for c in columns):
            line = first.first_line
            raise InputError(
                f"{name} line {line} is blank where the header should be: remove the line, give --skip {line} "
                "to start after it, or --no-header if the file has no header"
            )
        pending: list[Chunk] = []
    else:
        pending = [source.read(rows)]
        widths = [len(r) for r in pending[0].rows if len(r) > 1 or (r and r[0].strip())]
        if not pending[0].rows:
            raise InputError(f"{name} is empty")
        columns = [f"column{i}" for i in range(1, (widths[0] if widths else 1) + 1)]
        source.header_words = "the first row"
    source.width = len(columns)
    return Table(
        name,
        columns,
        source.chunks(pending),
        kind="text",
        encoding=chosen,
        delimiter=delimiter,
        position=lambda: replay.consumed,
    )


# -- spreadsheets ---------------------------------------------------------------------


def _cell_text(value: object) -> str:
    """A spreadsheet cell as text: whole numbers without ``.0``, dates in ISO form."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _open_spreadsheet(
    name: str,
    head: bytes,
    raw: BinaryIO,
    *,
    sheet: str | None,
    header: bool,
    skip: int,
    rows: int,
) -> Table:
    calamine = require("python_calamine", "python-calamine", "xlsx", f"reading {name} (a spreadsheet)")
    try:
        data = head + raw.read()
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {exc.strerror or exc}") from None
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        del data
        names: list[str] = list(book.sheet_names)
        if sheet is None:
            index = 0
        elif sheet in names:
            index = names.index(sheet)
        elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
            index = int(sheet) - 1
        else:
            raise InputError(f"{name} has no sheet {sheet!r}; its sheets are: {', '.join(names)}")
        if not names:
            raise InputError(f"{name} has no sheets")
        cells = book.get_sheet_by_index(index).to_python(skip_empty_area=False)
    except InputError:
        raise
    except Exception as exc:  # calamine's own errors: a damaged or encrypted file
        raise InputError(f"{name} cannot be read as a spreadsheet: {exc}") from None
    # the sheet's used width: a column with nothing in it at all is formatting, not data
    width = 0
    for row in cells:
        for i in range(len(row) - 1, width - 1, -1):
            if row[i] != "" and row[i] is not None:
                width = i + 1
                break
    width = max(width, 1)
    body = cells[skip:]
    start_line = skip + 1
    if header:
        if not body:
            raise InputError(f"{name}: the sheet {names[index]!r} is empty")
        columns = [_cell_text(c) for c in body[0][:width]]
        if not any(c.strip() for c in columns):
            raise InputError(
                f"{name} row {start_line} is blank where the header should be: give --skip {start_line} to start "
                "after it, or --no-header if the sheet has no header"
            )
        body = body[1:]
        start_line += 1
    else:
        if not body:
            raise InputError(f"{name}: the sheet {names[index]!r} is empty")
        columns = [f"column{i}" for i in range(1, width + 1)]

    def chunks() -> Iterator[Chunk]:
        for at in range(0, len(body), rows):
            part = body[at : at + rows]
            out = [[c if type(c) is str else _cell_text(c) for c in row[:width]] for row in part]
            for row in out:
                if len(row) < width:
                    row.extend([""] * (width - len(row)))
            yield Chunk(out, start_line + at, multiline=False)

    return Table(name, columns, chunks(), kind="spreadsheet")
