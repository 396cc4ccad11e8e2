"""Matching a table file as a stream: chunks of rows in, the same rows with match columns out.

Each distinct name (with its row's hints) is matched once and its output cells kept, so a
long file of repeated names costs little more than reading and writing it, and memory
stays the same at any size (the kept cells are dropped when they grow past a bound).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from itertools import repeat
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from jijinan.files.base import Chunk, InputError, Table

if TYPE_CHECKING:
    from jijinan.files.sinks import Sink

__all__ = ["Hints", "Progress", "match_table"]

MEMO_LIMIT = 50_000
"""How many distinct names' output cells are kept at most before starting afresh."""


@attrs.frozen(kw_only=True)
class Hints:
    """What narrows the names: one value for every row, or a column per row (its index)."""

    province: str | None = None
    prefecture: str | None = None
    as_of: int | None = None
    province_column: int | None = None
    prefecture_column: int | None = None
    year_column: int | None = None

    @property
    def per_row(self) -> bool:
        return any(c is not None for c in (self.province_column, self.prefecture_column, self.year_column))


class Progress:
    """A progress line on a terminal's standard error, shown once a run has taken a second."""

    def __init__(self, stream: TextIO | None, size: int | None, *, delay: float = 1.0) -> None:
        self.stream = stream
        self.size = size
        self.delay = delay
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = 0

    def update(self, rows: int, position: int) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        elapsed = now - self.start
        if elapsed < self.delay or now - self.last < 0.25:
            return
        self.last = now
        rate = rows / elapsed if elapsed else 0.0
        if self.size:
            share = min(position / self.size, 1.0)
            filled = int(share * 20)
            bar = "[" + "#" * filled + "-" * (20 - filled) + "]"
            text = f"{bar} {share:4.0%} {rows:,} rows, {position / 1e6:,.1f} of {self.size / 1e6:,.1f} MB"
        else:
            text = f"{rows:,} rows, {position / 1e6:,.1f} MB read"
        line = f"jijinan match: {text}, {rate:,.0f} rows/s"
        self.stream.write("\r" + line.ljust(self.shown))
        self.stream.flush()
        self.shown = len(line)

    def finish(self, rows: int) -> None:
        if self.stream is None or not self.shown:
            return
        elapsed = time.monotonic() - self.start
        line = f"jijinan match: {rows:,} rows in {elapsed:,.1f} s"
        self.stream.write("\r" + line.ljust(self.shown) + "\n")
        self.stream.flush()


def _year(text: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if value.endswith(".0"):  # a year a spreadsheet kept as a number
        value = value[:-2]
    if not value.isdigit() or not value.isascii():
        raise ValueError(value)
    return int(value)


def _column(rows: list[list[str]], index: int | None) -> Iterator[str | None]:
    if index is None:
        return repeat(None, len(rows))
    return (row[index] for row in rows)


class _Matching:
    def __init__(self, table: Table, sink: Sink, column: int, hints: Hints) -> None:
        from jijinan.collection import units

        self.table = table
        self.sink = sink
        self.column = column
        self.hints = hints
        self.match_many = units.match_many
        self.memo: dict[Any, Any] = {}
        self.years: dict[str, int | None] = {}

    def _remember(self, keys: list[Any], tails: list[Any]) -> dict[Any, Any]:
        if len(self.memo) + len(keys) > MEMO_LIMIT:
            self.memo.clear()
        fresh = dict(zip(keys, tails, strict=True))
        self.memo.update(fresh)
        return fresh

    def scalar(self, chunk: Chunk) -> list[Any]:
        index = self.column
        names = [row[index] for row in chunk.rows]
        tails = list(map(self.memo.get, names))
        if None not in tails:
            return tails
        fresh = list(dict.fromkeys(n for n, t in zip(names, tails, strict=True) if t is None))
        h = self.hints
        found = self.match_many(fresh, province=h.province, prefecture=h.prefecture, as_of=h.as_of)
        known = self._remember(fresh, [self.sink.tail(m) for m in found])
        return [t if t is not None else known[n] for n, t in zip(names, tails, strict=True)]

    def _year_of(self, text: str | None, chunk: Chunk, key: Any) -> int | None:
        if text is None:
            return self.hints.as_of
        if text in self.years:
            return self.years[text]
        try:
            year = _year(text)
        except ValueError:
            line = self._line_of(chunk, key)
            name = self.table.columns[self.hints.year_column or 0]
            raise InputError(
                f"{self.table.name} line {line}: the year column {name!r} holds {text!r}, not a year"
            ) from None
        self.years[text] = year
        return year

    def _line_of(self, chunk: Chunk, key: Any) -> int:
        for i, k in enumerate(self._keys(chunk)):
            if k == key:
                return chunk.line(i)
        return chunk.first_line  # pragma: no cover - every key comes from a row

    def _keys(self, chunk: Chunk) -> list[Any]:
        h = self.hints
        rows = chunk.rows
        return list(
            zip(
                (row[self.column] for row in rows),
                _column(rows, h.province_column),
                _column(rows, h.prefecture_column),
                _column(rows, h.year_column),
                strict=True,
            )
        )

    def per_row(self, chunk: Chunk) -> list[Any]:
        keys = self._keys(chunk)
        tails = list(map(self.memo.get, keys))
        if None not in tails:
            return tails
        fresh = list(dict.fromkeys(k for k, t in zip(keys, tails, strict=True) if t is None))
        h = self.hints
        names = [k[0] for k in fresh]
        provinces = [k[1] if k[1] is not None else h.province for k in fresh]
        prefectures = [k[2] if k[2] is not None else h.prefecture for k in fresh]
        years = [self._year_of(k[3], chunk, k) for k in fresh]
        try:
            found = self.match_many(names, province=provinces, prefecture=prefectures, as_of=years)
        except (ValueError, TypeError):
            found = ()
            for key, name, province, prefecture, year in zip(fresh, names, provinces, prefectures, years, strict=True):
                try:
                    self.match_many([name], province=[province], prefecture=[prefecture], as_of=[year])
                except (ValueError, TypeError) as exc:
                    raise InputError(f"{self.table.name} line {self._line_of(chunk, key)}: {exc}") from None
            raise  # pragma: no cover - a failing batch has a failing row
        known = self._remember(fresh, [self.sink.tail(m) for m in found])
        return [t if t is not None else known[k] for k, t in zip(keys, tails, strict=True)]


def match_table(table: Table, sink: Sink, column: int, hints: Hints, progress: Progress | None = None) -> int:
    """Match column ``column`` of every row of ``table`` into ``sink``; return the number of rows.

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
    units.match_many([], province=hints.province, prefecture=hints.prefecture, as_of=hints.as_of)
    matching = _Matching(table, sink, column, hints)
    step = matching.per_row if hints.per_row else matching.scalar
    rows = 0
    for chunk in table.chunks():
        sink.write(chunk, step(chunk))
        rows += len(chunk.rows)
        if progress is not None:
            progress.update(rows, table.position)
    if progress is not None:
        progress.finish(rows)
    return rows
