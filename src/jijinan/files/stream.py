"""Matching a table file as a stream: chunks of rows in, the same rows with match columns out.

Each distinct name (with its row's hints) is matched once and its output cells kept, so a
long file of repeated names costs little more than reading and writing it, and memory
stays the same at any size (the kept cells are dropped when they grow past a bound). A chunk
of plain lines (see ``Chunk``) is keyed by its name column's cells, or with hint columns beside
the name by the text of those columns, cut out of the lines without splitting them.

Long because: the three ways of keying a row (a name; a name and the number of its hint cells;
the text of its name and hint cells) share one memo, its bound and the tally of statuses, and
apart they would have to share that private state.
"""

from __future__ import annotations

import collections
import gc
import operator
from collections.abc import Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any

import attrs

from jijinan.files.base import Chunk, InputError, Table
from jijinan.files.progress import Progress
from jijinan.files.tally import Tally

if TYPE_CHECKING:
    from jijinan.files.sinks import Sink

__all__ = ["Hints", "match_table"]

MEMO_LIMIT = 150_000
"""How many distinct keys' output cells are kept at most before starting afresh.

Above the distinct (name, year) pairs of a 25-year panel of every county (2,853 x 25 = 71,000):
a memo smaller than the pairs of a file is cleared again and again and every row matched anew
(a 2.15 M-row file of 20 random years took 45-55 s). At about 600 bytes an entry, the bound
keeps the memo under 90 MiB whatever the file."""


@attrs.frozen(kw_only=True)
class Hints:
    """What narrows the names: one value for every row, or a column per row (its index)."""

    province: str | None = None
    prefecture: str | None = None
    as_of: int | str | None = None
    level: str | None = None
    """``provincial``, ``prefectural`` or ``county``: only divisions of that level, for every row."""
    province_column: int | None = None
    prefecture_column: int | None = None
    year_column: int | None = None

    @property
    def per_row(self) -> bool:
        return any(c is not None for c in (self.province_column, self.prefecture_column, self.year_column))


def _year(text: str) -> int | str | None:
    """A year cell: a year (``2016``), or a table's label (``2015-07``, the notice date's table)."""
    value = text.strip()
    if not value:
        return None
    if value.endswith(".0"):  # a year a spreadsheet kept as a number
        value = value[:-2]
    if len(value) == 7 and value[4] == "-" and (value[:4] + value[5:]).isdigit() and value.isascii():
        return value  # checked against the tables' labels by match_many, as any year is
    if not value.isdigit() or not value.isascii():
        raise ValueError(value)
    return int(value)


class _Matching:
    """The tails of a table's rows, each distinct name (with its row's hints) matched once.

    Without hint columns a row's tail is ``memo[name]``. With them, the hint cells of a row
    (its *rest*: the year, or the tuple of its hint cells) are numbered in the order they are
    first met (``slots``), and a row's tail is ``memo[name][slot]``: two lookups in small, hot
    tables instead of one in a table of every (name, year) pair, whose keys a row would have
    to build and compare (a quarter of a microsecond a row against almost one).
    """

    def __init__(self, table: Table, sink: Sink, column: int, hints: Hints) -> None:
        from jijinan.collection import units

        self.table = table
        self.sink = sink
        self.column = column
        self.hints = hints
        self.match_many = units.match_many
        self.name_of = operator.itemgetter(column)
        # scalar: name -> tail; per row: name -> list of tails by slot
        self.memo: dict[str, Any] = {}
        self.kept = 0
        self.tally: Tally | None = None
        """Counts the rows by status, if asked to."""
        present = [i for i in (hints.province_column, hints.prefecture_column, hints.year_column) if i is not None]
        self.rest_of = operator.itemgetter(*present) if present else None
        self.slots: dict[Any, int] = {}
        self.rests: list[tuple[str | None, str | None, int | str | None]] = []
        """Per slot: the province and prefecture hints and the year its rows are read with."""
        self.empty: list[Any] = [None] * 32
        # Rows of plain lines whose name and hint columns are side by side are looked up by the
        # text of those columns (one cut of the line, one lookup): ``spans``, text -> tail.
        keyed = [column, *present]
        self.span = (min(keyed), max(keyed)) if len(keyed) == max(keyed) - min(keyed) + 1 == len(set(keyed)) else None
        self.spans: dict[str, Any] = {}

    def _forget(self, adding: int) -> None:
        if self.kept + adding > MEMO_LIMIT:
            self.memo.clear()
            self.spans.clear()
            if self.tally is not None:
                self.tally.forget()
            self.kept = 0
        self.kept += adding

    def tails_of(self, found: Sequence[Any]) -> list[Any]:
        """The sink's tails of ``found`` (matches), their statuses registered by their identity."""
        tails = list(map(self.sink.tail, found))
        if self.tally is not None:
            register = self.tally.register
            for match, tail in zip(found, tails, strict=True):
                register(id(tail), match.status.value, tail)
        return tails

    def scalar(self, chunk: Chunk) -> list[Any]:
        names = chunk.column(self.column)
        memo = self.memo
        try:  # every name seen before: no test of each row's tail
            tails = list(map(memo.__getitem__, names))
        except KeyError:
            tails = list(map(memo.get, names))
            fresh = list(dict.fromkeys(n for n, t in zip(names, tails, strict=True) if t is None))
            h = self.hints
            found = self.match_many(fresh, province=h.province, prefecture=h.prefecture, as_of=h.as_of, level=h.level)
            self._forget(len(fresh))
            known = dict(zip(fresh, map(self.sink.tail, found), strict=True))
            if self.tally is not None:
                for name, match in zip(fresh, found, strict=True):
                    self.tally.register(name, match.status.value)
            memo.update(known)
            tails = [t if t is not None else known[n] for n, t in zip(names, tails, strict=True)]
        if self.tally is not None:
            self.tally.add(names)
        return tails

    def _year_of(self, text: str | None, chunk: Chunk, rest: Any) -> int | str | None:
        if text is None:
            return self.hints.as_of
        try:
            return _year(text)
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
            self.empty = [None] * size
            for tails in self.memo.values():
                tails.extend([None] * (size - len(tails)))

    def per_row(self, chunk: Chunk) -> list[Any]:
        if chunk.lines is None or self.span is None:
            tails = self.per_row_cells(chunk)
            if self.tally is not None:
                self.tally.add(map(id, tails))
            return tails
        return self._per_row_lines(chunk)

    def _per_row_lines(self, chunk: Chunk) -> list[Any]:
        keys = chunk.span(*self.span)  # type: ignore[misc]
        spans = self.spans
        try:  # every key seen before
            tails = list(map(spans.__getitem__, keys))
        except KeyError:
            tails = self._new_spans(chunk, keys)
        if self.tally is not None:
            self.tally.add(keys)
        return tails

    def _new_spans(self, chunk: Chunk, keys: list[str]) -> list[Any]:
        spans, tally = self.spans, self.tally
        tails = list(map(spans.get, keys))  # those of before a clear stay counted: see Tally
        # the rows of keys not seen before, one each, in the order met, matched as rows are
        first = {k: i for i, k in reversed(list(enumerate(keys))) if k not in spans}
        order = sorted(first.values())
        lines = chunk.lines or []
        try:
            found = self.per_row_cells(Chunk([lines[i].split(chunk.delimiter) for i in order], chunk.first_line))
        except InputError:
            self.per_row_cells(chunk)  # the same failure, named on its own line
            raise
        new = {}
        for i, tail in zip(order, found, strict=True):
            new[keys[i]] = spans[keys[i]] = tail
            if tally is not None:
                tally.register(keys[i], tally.status_of(id(tail)))
        return [t if t is not None else new[k] for k, t in zip(keys, tails, strict=True)]

    def per_row_cells(self, chunk: Chunk) -> list[Any]:
        rows = chunk.rows
        rests = list(map(self.rest_of, rows))  # type: ignore[arg-type]
        slots: list[Any] = list(map(self.slots.get, rests))
        if None in slots:
            self._add_slots(chunk, rests)
            slots = list(map(self.slots.__getitem__, rests))
        names = list(map(self.name_of, rows))
        tails = list(map(operator.getitem, map(self.memo.get, names, repeat(self.empty)), slots))
        if None not in tails:
            return tails
        fresh = list(dict.fromkeys((n, s) for n, s, t in zip(names, slots, tails, strict=True) if t is None))
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
        self._forget(len(fresh))
        memo = self.memo
        for (name, slot), tail in zip(fresh, self.tails_of(found), strict=True):
            kept = memo.get(name)
            if kept is None:
                kept = memo[name] = list(self.empty)
            kept[slot] = tail
        return [t if t is not None else memo[n][s] for n, s, t in zip(names, slots, tails, strict=True)]


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
    matching.tally = Tally(counts) if counts is not None else None
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
            sink.write(chunk, step(chunk))
            rows += len(chunk)
            if progress is not None:
                progress.update(rows, table.position)
        if matching.tally is not None:
            matching.tally.settle()
    finally:
        if collecting:
            gc.enable()
    if progress is not None:
        progress.finish(rows)
    return rows
