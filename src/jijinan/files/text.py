"""Reading delimited text (CSV, TSV, any delimiter) as a stream of row chunks.

A text file is streamed in chunks of rows, so memory stays the same at any size. Its delimiter
is the one given, a tab for ``.tsv``, or sniffed from the first lines (comma, tab, semicolon,
vertical bar; none for a file of one column). Every row comes out exactly as wide as the
header: a blank line is a row of empty cells, never dropped; a row of another width is an
error that names its line, unless padding was asked for. An unclosed quote, a field too long,
bytes that are not the encoding: each is an ``InputError`` naming the line.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from jijinan.files.base import MAX_FIELD, MAX_RUN, SAMPLE, Chunk, InputError, Table
from jijinan.files.encodings import choose_encoding, decode_error_line
from jijinan.files.replay import Replay, RunawayField

__all__ = ["DELIMITERS", "open_text", "parse_delimiter"]

DELIMITERS = (",", "\t", ";", "|")
DELIMITER_NAMES = {"comma": ",", "tab": "\t", "\\t": "\t", "semicolon": ";", "pipe": "|", "space": " "}


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
        self.replay: Replay | None = None

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
        except RunawayField:
            line = Chunk(rows, start).line(len(rows))
            raise InputError(
                f"{self.name} line {line}: a field runs over {MAX_FIELD:,} characters (more than {MAX_RUN:,} bytes "
                "without a line break or a delimiter): is it a text file? (or a quote never closed)"
            ) from None
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
        found = decode_error_line(self.path, self.encoding)
        if found is None and self.replay is not None:
            found = self.replay.locate(exc, self.encoding)
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


def open_text(
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
    chosen = choose_encoding(head, encoding, name)
    replay = Replay(head, raw)
    buffered = io.BufferedReader(replay, buffer_size=1 << 16)
    text = io.TextIOWrapper(buffered, encoding=chosen, errors="strict", newline="")
    if delimiter is None:
        try:
            sample = codecs.getincrementaldecoder(chosen)(errors="replace").decode(head, final=False)
        except LookupError:  # pragma: no cover - checked in _choose_encoding
            sample = ""
        delimiter = _sniff(sample.lstrip("\ufeff"))
    if delimiter.isascii():  # its byte ends a run in ASCII-based encodings, UTF-16 and UTF-32 alike
        replay.breaks = (b"\n", b"\r", delimiter.encode("ascii"))
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(text, delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    source = _TextRows(name, reader, text=text, encoding=chosen, path=path, rows=rows, pad=pad)
    source.replay = replay
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
