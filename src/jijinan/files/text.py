"""Reading delimited text (CSV, TSV, any delimiter) as a stream of row chunks.

A text file is streamed in chunks of rows, so memory stays the same at any size. Its delimiter
is the one given, a tab for ``.tsv``, or sniffed from the first lines (comma, tab, semicolon,
vertical bar; none for a file of one column). Every row comes out exactly as wide as the
header: a blank line is a row of empty cells, never dropped; a row of another width is an
error that names its line, unless padding was asked for. An unclosed quote, a field too long,
bytes that are not the encoding: each is an ``InputError`` naming the line.

Plain lines (``jijinan.files.plain``) are read a block at a time; from the first block that is
not, the csv module reads. Both give the same rows, line numbers and errors.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO

from jijinan.files.base import MAX_FIELD, MAX_RUN, Chunk, InputError, Table, line_breaks
from jijinan.files.delimiters import sniff
from jijinan.files.encodings import choose_encoding, decode_error_line
from jijinan.files.plain import plain_text, uniform
from jijinan.files.replay import Replay, RunawayField

__all__ = ["open_text"]

_DIALECT: dict[str, Any] = {"quotechar": '"', "doublequote": True, "strict": True}
BLOCK, PIECE = 1 << 18, 1 << 16  # characters read at a time as plain lines, in pieces of


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
        self.delimiter = ","
        self.plain = True
        """Whether plain lines are read as lines (see ``Chunk``)."""
        self.line_base = 0
        """Lines read before ``reader`` started (by the plain-line reading it took over from)."""

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
            raise self._unreadable(exc) from None
        except RunawayField:
            raise self._runaway(Chunk(rows, start).line(len(rows))) from None
        self.next_line = self.line_base + self.reader.line_num + 1
        return Chunk(rows, start)

    def _unreadable(self, exc: OSError) -> InputError:
        return InputError(f"{self.name} cannot be read: {exc.strerror or exc}")

    def _runaway(self, line: int) -> InputError:
        return InputError(
            f"{self.name} line {line}: a field runs over {MAX_FIELD:,} characters (more than {MAX_RUN:,} bytes "
            "without a line break or a delimiter): is it a text file? (or a quote never closed)"
        )

    def _read_block(self) -> str:
        """About ``BLOCK`` characters of the text, ending at a line end or at the end of the input."""
        pieces: list[str] = []
        try:
            for _ in range(BLOCK // PIECE):  # in pieces, so that a failing read knows the lines before it
                piece = self.text.read(PIECE)
                if not piece:
                    break
                pieces.append(piece)
            if pieces and pieces[-1][-1] != "\n":
                pieces.append(self.text.readline())
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc) from None
        except OSError as exc:
            raise self._unreadable(exc) from None
        except RunawayField:
            raise self._runaway(self.next_line + line_breaks("".join(pieces))) from None
        return "".join(pieces)

    def _plain_chunks(self) -> Iterator[Chunk]:
        """Chunks of plain lines (see ``Chunk``), until the end or a block that is not plain.

        A block that is not plain goes to the csv module, which reads the rest of the input.
        """
        size = self.chunk_rows
        while self.plain:
            block = self._read_block()
            if not block:
                return
            text = plain_text(block)
            if text is None:
                self.line_base = self.next_line - 1
                self.reader = csv.reader(
                    chain(io.StringIO(block, newline=""), self.text), **_DIALECT, delimiter=self.delimiter
                )
                return
            count = text.count("\n") + 1
            start = self.next_line
            self.next_line += count
            if count <= size:
                yield self._plain_chunk(text, count, start)
                continue
            lines = text.split("\n")
            for at in range(0, count, size):
                part = lines[at : at + size]
                yield self._plain_chunk("\n".join(part), len(part), start + at)

    def _plain_chunk(self, text: str, count: int, start: int) -> Chunk:
        """The chunk of ``count`` plain lines (``text``): as they are if each is as wide as the header."""
        d, width = self.delimiter, self.width
        same, encoded = uniform(text, count, d, width)
        if same:
            return Chunk(None, start, text=text, size=count, delimiter=d, width=width, encoded=encoded)
        # a blank line, or a row of another width: as the csv module would read them
        chunk = Chunk([line.split(d) for line in text.split("\n")], start, multiline=False)
        self.fit(chunk)
        return chunk

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
            line = self.line_base + self.reader.line_num
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
            after = self.line_base + self.reader.line_num
            where = f"{self.name}, after line {after} (bytes {exc.object[exc.start : exc.end].hex(' ')})"
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
        yield from self._plain_chunks()
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
    plain: bool = True,
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
        delimiter = sniff(sample.lstrip("\ufeff"))
    if delimiter.isascii():  # its byte ends a run in ASCII-based encodings, UTF-16 and UTF-32 alike
        replay.breaks = (b"\n", b"\r", delimiter.encode("ascii"))
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(text, **_DIALECT, delimiter=delimiter)
    source = _TextRows(name, reader, text=text, encoding=chosen, path=path, rows=rows, pad=pad)
    source.replay = replay
    source.delimiter = delimiter
    source.plain = plain
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
