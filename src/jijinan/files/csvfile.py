"""CSV and TSV: writing matched rows (``CsvSink``) and whole tables (``write_csv``).

Missing values are empty cells, booleans ``true``/``false`` (``1``/``0`` for the research
tables); the encoding is the one asked for, UTF-8 by default.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, TextIO

from jijinan.files.base import Chunk
from jijinan.files.sinks import EncodeError, TextSink

if TYPE_CHECKING:
    from jijinan.records import Match
    from jijinan.tables.schema import Column, Value

__all__ = ["CsvSink", "csv_lines", "plain_lines", "write_csv"]


class _CsvTail(NamedTuple):
    text: str
    """The added cells as CSV, ending the line."""
    cells: list[str]
    after: str
    """The delimiter, then ``text``: what follows an input row's cells."""
    encoded: bytes | str
    """``after`` in the output encoding; ``after`` itself if it cannot be (the careful path says where)."""


_NEW_TAIL = tuple.__new__  # a _CsvTail without its Python-level __new__ (one per distinct key)
_AFTER = itemgetter(2)  # a tail's ``after``
_ENCODED = itemgetter(3)  # and its bytes
_BYTE_SAFE = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "gb18030": "gb18030", "gbk": "gbk"}
"""Encodings in which ``\n`` is one byte that no other character's bytes hold (so a block's bytes
split at it into its lines' bytes), by their codecs names; the encoding of every chunk after the
first (the BOM of ``utf-8-sig`` goes out once, with the header)."""

_MARK = "\x1e"  # stands for the added cells while the input's cells are written as CSV
# Rows are rendered with "\r\n" as the line end and each "\r\n" after a mark becomes "\n":
# Python's csv quotes a cell only for the characters of its line end, so with "\n" alone a
# cell holding a bare "\r" (old Mac text) went out unquoted and split its row in two.
_END = "\r\n"


def csv_lines(rows: Sequence[Sequence[str]], delimiter: str = ",") -> str:
    """``rows`` as CSV (or TSV) lines ending in ``\\n``.

    A cell holding ``\\r`` or ``\\n``, a quote or the delimiter is quoted.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=_END)
    writer.writerows([*row, _MARK] for row in rows)
    pieces = buffer.getvalue().split(_MARK + _END)
    if len(pieces) == len(rows) + 1:
        cut = len(delimiter)
        return "".join((p[:-cut] or '""') + "\n" for p in pieces[:-1])
    out = []
    for row in rows:  # the mark is in a cell itself: one row at a time
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        out.append(buffer.getvalue()[: -len(_END)] + "\n")
    return "".join(out)


def plain_lines(rows: Sequence[Sequence[str]], delimiter: str) -> list[str] | None:
    """Each row's cells joined by ``delimiter``, when no cell needs quoting; else ``None``.

    Then each line is exactly what ``csv.writer`` writes for the row (without its line end):
    it quotes only a cell holding the delimiter, a quote or a line break, and a row of one
    empty cell (``""``). Most tables people have hold no such cell, and joining is several
    times cheaper than the writer; a chunk with any such cell goes the careful way.
    """
    lines = list(map(delimiter.join, rows))
    block = "".join(lines)
    if '"' in block or "\r" in block or "\n" in block or "\x00" in block or "" in lines:
        return None
    # a delimiter inside a cell: the lines hold more of them than the rows have gaps
    if block.count(delimiter) != sum(map(len, rows)) - len(rows):
        return None
    return lines


class CsvSink(TextSink):
    """CSV (or TSV): a header, then one line per row; empty cells for missing values.

    The added cells of each distinct match are rendered as CSV once; a chunk's input cells
    are rendered together, each row ending in a mark that the rendered cells then replace.
    """

    def __init__(
        self,
        stream: BinaryIO,
        columns: Sequence[str],
        added: Sequence[str],
        *,
        delimiter: str = ",",
        encoding: str = "utf-8",
    ) -> None:
        super().__init__(stream, columns, added, encoding)
        _check_header([*columns, *added], encoding)
        self.delimiter = delimiter
        self.buffer = io.StringIO()
        self.render = csv.writer(self.buffer, delimiter=delimiter, lineterminator=_END)
        self.mark = [_MARK]
        self.started = False
        self.byte_encoding = _BYTE_SAFE.get(codecs.lookup(encoding).name)

    def _start(self) -> None:
        # The header goes out with the first rows, so that an input rejected at once writes nothing.
        self.started = True
        self.text.write(csv_lines([[*self.columns, *self.added]], self.delimiter))

    def _rendered(self, rows: Any) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.render.writerows(rows)
        return self.buffer.getvalue()

    def tail(self, match: Match) -> _CsvTail:
        return self.tails([match])[0]

    def tails(self, matches: Sequence[Match]) -> list[_CsvTail]:
        """The tails of ``matches``, rendered by one ``csv.writer`` call."""
        from jijinan.tables.flat import match_texts

        rows = match_texts(matches)
        # each row rendered after a mark, so that a lone empty cell is written as nothing, as within a row
        pieces = self._rendered([[_MARK, *cells] for cells in rows]).split(_MARK)
        if len(pieces) != len(rows) + 1:  # a mark in a cell itself: one at a time
            return [self._tail(cells) for cells in rows]
        return [
            self._made(cells, piece[len(self.delimiter) : -len(_END)] + "\n")
            for cells, piece in zip(rows, pieces[1:], strict=True)
        ]

    def _tail(self, cells: list[str]) -> _CsvTail:
        text = self._rendered([[_MARK, *cells]])[len(_MARK) + len(self.delimiter) : -len(_END)] + "\n"
        return self._made(cells, text)

    def _made(self, cells: list[str], text: str) -> _CsvTail:
        after = self.delimiter + text
        encoded: bytes | str = after
        if self.byte_encoding is not None:
            try:  # noqa: SIM105  (a with-block per tail costs more than the encoding)
                encoded = after.encode(self.byte_encoding)
            except UnicodeEncodeError:
                pass  # the careful way says where
        return _NEW_TAIL(_CsvTail, (text, cells, after, encoded))

    @property
    def writes_pieces(self) -> bool:  # type: ignore[override]
        return self.byte_encoding is not None

    def piece(self, tail: _CsvTail) -> bytes | str:
        return tail.encoded

    def write_pieces(self, chunk: Chunk, pieces: list[Any]) -> bool:
        """Plain lines of this delimiter, with the encoded tails (``piece``) of their rows."""
        if chunk.text is None or chunk.delimiter != self.delimiter:
            return False
        return self._write_bytes(chunk.text, chunk.encoded, pieces)

    def _write_bytes(self, text: str, encoded: bytes | None, pieces: list[Any]) -> bool:
        """Write each line of ``text`` followed by its row's encoded tail (``pieces``), as bytes.

        ``encoded`` is ``text`` in UTF-8, or ``None``. False, with nothing written, when the
        output encoding has no byte path or lacks a character (the careful way says where).
        """
        if self.byte_encoding is None:
            return False
        if not self.started:
            self._start()
        if not pieces:
            return True
        if encoded is None or self.byte_encoding != "utf-8":
            try:
                encoded = text.encode(self.byte_encoding)
            except UnicodeEncodeError:
                return False
        lines = encoded.split(b"\n")
        if len(lines) != len(pieces):
            raise ValueError(f"{len(lines)} rows but {len(pieces)} tails")
        out: list[bytes] = [b""] * (2 * len(pieces))
        out[::2] = lines
        out[1::2] = pieces
        try:
            data = b"".join(out)
        except TypeError:  # a tail that cannot be encoded (a str among the bytes)
            return False
        self.text.flush()  # the header, or a chunk written as text before
        self.stream.write(data)
        self.rows += len(pieces)
        return True

    def write(self, chunk: Chunk, tails: list[Any]) -> None:
        if not self.started:
            self._start()
        try:
            if chunk.text is not None and chunk.delimiter == self.delimiter:
                # plain lines (see Chunk): none needs quoting, and as bytes they need no splitting
                if self.write_pieces(chunk, list(map(_ENCODED, tails))):
                    return
                plain = chunk.lines
            else:
                plain = plain_lines(chunk.rows, self.delimiter)
                if plain is not None and self._write_bytes("\n".join(plain), None, list(map(_ENCODED, tails))):
                    return
            if plain is not None:  # no cell needs quoting: each line is its cells joined
                # line, delimiter and the added cells interleaved, joined once: no string per row
                if len(tails) != len(plain):
                    raise ValueError(f"{len(plain)} rows but {len(tails)} tails")
                pieces: list[str] = [""] * (2 * len(plain))
                pieces[::2] = plain
                pieces[1::2] = map(_AFTER, tails)
                self.text.write("".join(pieces))
                self.rows += len(plain)
                return
            rows = chunk.rows
            pieces = self._rendered(map(list.__add__, rows, repeat(self.mark))).split(_MARK + _END)
            if len(pieces) == len(rows) + 1:
                self.text.write("".join(map(str.__add__, pieces, [t.text for t in tails])))
            else:  # the mark is in the input itself
                self.text.write(csv_lines(list(map(list.__add__, rows, [t.cells for t in tails])), self.delimiter))
        except UnicodeEncodeError as exc:
            raise self._unencodable(chunk, [t.cells for t in tails], exc) from None
        self.rows += len(rows)

    def close(self) -> None:
        if not self.started:
            self._start()
        super().close()


def _check_header(names: Sequence[str], encoding: str) -> None:
    """Refuse, before anything is read or written, a header the output encoding cannot hold."""
    for number, name in enumerate(names, 1):
        try:
            name.encode(encoding)
        except UnicodeEncodeError:
            raise EncodeError(
                f"the header {name!r} (column {number}) cannot be written in {encoding}: choose another "
                "--output-encoding (utf-8, gb18030)"
            ) from None


def _cell(value: Value, flags: tuple[str, str] = ("false", "true")) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return flags[value]
    return str(value)


def write_csv(
    out: TextIO, records: Sequence[dict[str, Value]], columns: Sequence[Column], *, numeric_flags: bool = False
) -> None:
    """CSV with a header; empty cells for missing values, ``true``/``false`` for booleans.

    Lines end in ``\\n``; a cell that holds a line break of any kind (``\\r`` too) is quoted.
    With ``numeric_flags``, booleans are ``1``/``0``: what R's ``read.csv`` and Stata's
    ``import delimited`` read as numbers (the research tables: panels and crosswalks).
    """
    flags = ("0", "1") if numeric_flags else ("false", "true")
    out.write(csv_lines([[c.name for c in columns], *([_cell(r[c.name], flags) for c in columns] for r in records)]))
