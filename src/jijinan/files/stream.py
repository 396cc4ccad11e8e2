"""Matching a table file as a stream: chunks of rows in, the same rows with match columns out.

Each distinct name (with its row's hints) is matched once and its output cells kept, so a
long file of repeated names costs little more than reading and writing it, and memory
stays the same at any size (the kept cells are dropped when they grow past a bound). The
name and hint columns of a chunk are taken as columns (cut out of plain lines without
splitting them: see ``Chunk``), never row by row.
"""

from __future__ import annotations

import collections
import gc
import operator
from itertools import repeat
from typing import TYPE_CHECKING, Any

from jijinan.files.base import Chunk, InputError, Table
from jijinan.files.hints import Hints, read_year
from jijinan.files.progress import Progress
from jijinan.records import MatchStatus

if TYPE_CHECKING:
    from jijinan.files.sinks import Sink

__all__ = ["match_table"]

MEMO_LIMIT = 150_000
"""How many distinct keys' output cells are kept at most before starting afresh.

Above the distinct (name, year) pairs of a 25-year panel of every county (2,853 x 25 = 71,000):
a memo smaller than the pairs of a file is cleared again and again and every row matched anew
(a 2.15 M-row file of 20 random years took 45-55 s). At about 600 bytes an entry, the bound
keeps the memo under 90 MiB whatever the file."""


_CODES = {status: code for code, status in enumerate(MatchStatus)}
"""A status as a small number: a chunk's rows are counted by ``bytes.count`` of their codes."""
_UNSEEN = 255
"""The code of a (name, slot) pair not matched yet."""


class _Matching:
    """The tails of a table's rows, each distinct name (with its row's hints) matched once.

    Without hint columns a row's tail is ``memo[name]``. With them, the hint cells of a row
    (its *rest*: the year, or the tuple of its hint cells) are numbered in the order they are
    first met (``slots``), and a row's tail is ``memo[name][slot]``: two lookups in small, hot
    tables instead of one in a table of every (name, year) pair, whose keys a row would have
    to build and compare (a quarter of a microsecond a row against almost one). ``codes``
    mirrors ``memo`` with each tail's status code, so that a chunk's rows are counted by
    status with a few C-level passes.
    """

    def __init__(self, table: Table, sink: Sink, column: int, hints: Hints) -> None:
        from jijinan.collection import units

        self.table = table
        self.sink = sink
        self.column = column
        self.hints = hints
        self.match_many = units.match_many
        self.name_of = operator.itemgetter(column)
        # scalar: name -> tail and its status code; per row: name -> list of tails (bytearray of codes) by slot
        self.memo: dict[str, Any] = {}
        self.codes: dict[str, Any] = {}
        self.pieces: dict[str, Any] | None = {} if sink.writes_pieces else None
        """The same keys: what the sink writes of each tail on its fast path (see ``Sink.piece``)."""
        self.kept = 0
        self.counts = [0] * len(_CODES)
        """Rows by status code."""
        self.present = [i for i in (hints.province_column, hints.prefecture_column, hints.year_column) if i is not None]
        self.rest_of = operator.itemgetter(*self.present) if self.present else None
        self.slots: dict[Any, int] = {}
        self.rests: list[tuple[str | None, str | None, int | str | None]] = []
        """Per slot: the province and prefecture hints and the year its rows are read with."""
        self.empty: list[Any] = [None] * 32
        self.unseen = bytearray([_UNSEEN]) * 32
        """A name's codes by slot before any pair of it is matched."""

    def _room(self, fresh: int) -> bool:
        """Make room for ``fresh`` more keys; True if the memo had to be emptied first."""
        cleared = self.kept + fresh > MEMO_LIMIT
        if cleared:
            self.memo.clear()
            self.codes.clear()
            if self.pieces is not None:
                self.pieces.clear()
            self.kept = 0
        return cleared

    def _count(self, codes: bytes) -> None:
        counts = self.counts
        for code in range(len(counts)):
            counts[code] += codes.count(code)

    def scalar(self, chunk: Chunk) -> None:
        names = chunk.column(self.column)
        memo = self.memo
        try:  # every name seen before: its status code is kept
            codes = bytes(map(self.codes.__getitem__, names))
        except KeyError:
            fresh = [n for n in dict.fromkeys(names) if n not in memo]
            if self._room(len(fresh)):
                fresh = list(dict.fromkeys(names))
            self.kept += len(fresh)
            h = self.hints
            found = self.match_many(fresh, province=h.province, prefecture=h.prefecture, as_of=h.as_of, level=h.level)
            piece = self.sink.piece if self.pieces is not None else None
            for name, match, tail in zip(fresh, found, self.sink.tails(found), strict=True):
                memo[name] = tail
                self.codes[name] = _CODES[match.status]
                if piece is not None:
                    self.pieces[name] = piece(tail)  # type: ignore[index]
            codes = bytes(map(self.codes.__getitem__, names))
        self._count(codes)
        self._write(chunk, lambda kept: list(map(kept.__getitem__, names)))

    def _write(self, chunk: Chunk, per_row: Any) -> None:
        """Write ``chunk``: each row's piece (``per_row(self.pieces)``) if the sink can, else its tail."""
        if self.pieces is not None and chunk.text is not None and self.sink.write_pieces(chunk, per_row(self.pieces)):
            return
        self.sink.write(chunk, per_row(self.memo))

    def _year_of(self, text: str | None, chunk: Chunk, rest: Any) -> int | str | None:
        if text is None:
            return self.hints.as_of
        try:
            return read_year(text)
        except ValueError:
            line = self._line_of(chunk, lambda row: self.rest_of(row) == rest)  # type: ignore[misc]
            name = self.table.columns[self.hints.year_column or 0]
            raise InputError(
                f"{self.table.name} line {line}: the year column {name!r} holds {text!r}, not a year"
            ) from None

    def _line_of(self, chunk: Chunk, wanted: Any) -> int:
        for i, row in enumerate(chunk.rows):
            if wanted(row):
                return chunk.line(i)
        return chunk.first_line  # pragma: no cover - every key comes from a row

    def _add_slots(self, chunk: Chunk, rests: list[Any]) -> None:
        h = self.hints
        columns = [c is not None for c in (h.province_column, h.prefecture_column, h.year_column)]
        for rest in dict.fromkeys(r for r in rests if r not in self.slots):
            cells = iter(rest if sum(columns) > 1 else (rest,))
            province, prefecture, year = (next(cells) if present else None for present in columns)
            read = (
                province if province is not None else h.province,
                prefecture if prefecture is not None else h.prefecture,
                self._year_of(year, chunk, rest),  # first: a year that is none leaves no slot behind
            )
            self.slots[rest] = len(self.rests)
            self.rests.append(read)
        if len(self.rests) > len(self.empty):  # more slots than every name's list has: lengthen them all
            size = max(len(self.rests), 2 * len(self.empty))
            more = size - len(self.empty)
            self.empty = [None] * size
            self.unseen = bytearray([_UNSEEN]) * size
            for tails in self.memo.values():
                tails.extend([None] * more)
            for pieces in (self.pieces or {}).values():
                pieces.extend([None] * more)
            for codes in self.codes.values():
                codes.extend(bytearray([_UNSEEN]) * more)

    def per_row(self, chunk: Chunk) -> None:
        names, *hints = chunk.columns([self.column, *self.present])
        rests: list[Any] = hints[0] if len(hints) == 1 else list(zip(*hints, strict=True))
        slots: list[Any] = list(map(self.slots.get, rests))
        if None in slots:
            self._add_slots(chunk, rests)
            slots = list(map(self.slots.__getitem__, rests))
        # the codes first: a pair not matched yet is a byte of _UNSEEN, found by a C-level scan,
        # without touching the rows' tails (56,000 distinct ones do not fit in the caches)
        codes = bytes(map(operator.getitem, map(self.codes.get, names, repeat(self.unseen)), slots))
        if _UNSEEN in codes:
            self._fill(chunk, names, slots, codes)
            codes = bytes(map(operator.getitem, map(self.codes.__getitem__, names), slots))
        self._count(codes)
        self._write(chunk, lambda kept: list(map(operator.getitem, map(kept.__getitem__, names), slots)))

    def _fill(self, chunk: Chunk, names: list[str], slots: list[int], codes: bytes) -> None:
        """Match the (name, slot) pairs of ``chunk`` not seen before (``codes``: theirs are ``_UNSEEN``)."""
        fresh = list(dict.fromkeys((n, s) for n, s, c in zip(names, slots, codes, strict=True) if c == _UNSEEN))
        if self._room(len(fresh)):
            fresh = list(dict.fromkeys(zip(names, slots, strict=True)))
        self.kept += len(fresh)
        rests_of = [self.rests[s] for _, s in fresh]
        names_of = [n for n, _ in fresh]
        provinces = [r[0] for r in rests_of]
        prefectures = [r[1] for r in rests_of]
        years = [r[2] for r in rests_of]
        try:
            found = self.match_many(
                names_of, province=provinces, prefecture=prefectures, as_of=years, level=self.hints.level
            )
        except (ValueError, TypeError):
            for (name, slot), province, prefecture, year in zip(fresh, provinces, prefectures, years, strict=True):
                try:
                    self.match_many(
                        [name], province=[province], prefecture=[prefecture], as_of=[year], level=self.hints.level
                    )
                except (ValueError, TypeError) as exc:
                    line = self._line_of(
                        chunk,
                        lambda row, n=name, s=slot: self.name_of(row) == n and self.slots[self.rest_of(row)] == s,  # type: ignore[misc]
                    )
                    raise InputError(f"{self.table.name} line {line}: {exc}") from None
            raise  # pragma: no cover - a failing batch has a failing row
        memo, kept_codes, pieces = self.memo, self.codes, self.pieces
        for (name, slot), match, tail in zip(fresh, found, self.sink.tails(found), strict=True):
            kept = memo.get(name)
            if kept is None:
                kept = memo[name] = list(self.empty)
                kept_codes[name] = bytearray(self.unseen)
                if pieces is not None:
                    pieces[name] = list(self.empty)
            kept[slot] = tail
            kept_codes[name][slot] = _CODES[match.status]
            if pieces is not None:
                pieces[name][slot] = self.sink.piece(tail)


def match_table(
    table: Table,
    sink: Sink,
    column: int,
    hints: Hints,
    progress: Progress | None = None,
    *,
    counts: collections.Counter[str] | None = None,
) -> int:
    """Match column ``column`` of every row of ``table`` into ``sink``; return the number of rows.

    With ``counts``, the rows of each status (``pilot``, ``covered``, …) are added to it.

    Raises:
        InputError: the input cannot be read (see ``Table.chunks``), or a row's hint or
            year cannot be used; the message names the line.
        ValueError: a hint given for every row names no division, or a year is out of range
            (checked before any row is read).
        EncodeError: a value cannot be written in the output's encoding or format.
        OSError: the output cannot be written.
    """
    from jijinan.collection import units

    # A hint for every row is the caller's mistake whatever the rows hold: check it first.
    units.match_many([], province=hints.province, prefecture=hints.prefecture, as_of=hints.as_of, level=hints.level)
    matching = _Matching(table, sink, column, hints)
    step = matching.per_row if hints.per_row else matching.scalar
    rows = 0
    # The stream makes no reference cycles (rows are lists of str, tails str and tuples), but
    # it allocates millions of objects: the cycle collector would walk the whole memo every
    # few thousand of them, a third of the time of a run with per-row years. Refcounting frees
    # everything as before.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for chunk in table.chunks():
            step(chunk)
            rows += len(chunk)
            if progress is not None:
                progress.update(rows, table.position)
    finally:
        if collecting:
            gc.enable()
    if progress is not None:
        progress.finish(rows)
    if counts is not None:
        counts.update({status.value: n for status, n in zip(_CODES, matching.counts, strict=True) if n})
    return rows
