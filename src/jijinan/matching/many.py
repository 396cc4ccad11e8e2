"""Matching many names at once: a column of names with hints given once or row by row.

Each distinct combination of a name and its hints is matched once (``jijinan.matching.columns``
splits a column into its distinct values), so a long column of repeated names costs little
more than its distinct values. Every hint is checked before any name is read. A mixin of
``Matcher``, which supplies the one-name steps it calls.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import repeat
from typing import TypeVar

from jijinan.loading.divisions import DivisionIndex
from jijinan.matching.answers import KNOWN_LIMIT, MISSING_NAME, Answers, unknown
from jijinan.matching.columns import MISSING, align, broadcast, check_column, distinct, is_missing, is_scalar
from jijinan.records import Level, Match

__all__ = ["Hints", "ManyRows"]

T = TypeVar("T")
Hints = frozenset[str] | None


class ManyRows:
    """``match_many`` and ``match_distinct``, over the one-name steps of a matcher."""

    __slots__ = ()
    index: DivisionIndex
    answers: Answers

    def _hint(self, value: str | None, table: Mapping[str, frozenset[str]], what: str) -> Hints:
        raise NotImplementedError

    def _period(self, as_of: object) -> int | None:
        raise NotImplementedError

    def _level(self, level: object) -> Level | None:
        raise NotImplementedError

    def _match(
        self, name: str, provinces: Hints, prefectures: Hints, period: int | None, level: Level | None = None
    ) -> Match:
        raise NotImplementedError

    def _plain_span(self, name: str) -> int:
        raise NotImplementedError

    def match_many(
        self,
        names: Iterable[object],
        *,
        province: object = None,
        prefecture: object = None,
        as_of: object = None,
        level: object = None,
    ) -> tuple[Match, ...]:
        found, codes = self.match_distinct(names, province=province, prefecture=prefecture, as_of=as_of, level=level)
        table = [*found, MISSING_NAME]  # MISSING (-1) indexes the last entry
        return tuple(map(table.__getitem__, codes))

    def match_distinct(
        self,
        names: Iterable[object],
        *,
        province: object = None,
        prefecture: object = None,
        as_of: object = None,
        level: object = None,
    ) -> tuple[list[Match], list[int]]:
        """The matches of the distinct rows of ``names`` (with their hints), and each row's index.

        A row whose name is missing has the index ``MISSING`` (-1).
        """
        if isinstance(names, (str, bytes)):
            raise TypeError("names must be an iterable of names, not a single str; use match() for one name")
        if not isinstance(names, Iterable):
            raise TypeError(f"names must be an iterable of names, got {type(names).__name__}")
        check_column(names, "names")
        hinted = ((province, "province"), (prefecture, "prefecture"), (as_of, "as_of"), (level, "level"))
        for hint, what in hinted:
            check_column(hint, what)
        province, prefecture, as_of, level = (align(h, names, w) for h, w in hinted)
        if all(is_scalar(hint) for hint in (province, prefecture, as_of, level)):
            hints = (
                None if is_missing(province) else self._hint(province, self.index.provinces, "province"),  # type: ignore[arg-type]
                None if is_missing(prefecture) else self._hint(prefecture, self.index.prefectures, "prefecture"),  # type: ignore[arg-type]
                self._row_period(as_of),
                self._row_level(level),
            )
            uniques, codes = distinct(names)
            return self._known_all(uniques, *hints), codes
        rows = names if isinstance(names, Sequence) else list(names)
        # Every hint is checked before any name is read: a bad hint is the caller's mistake,
        # whatever the names hold. Each distinct hint value is checked once.
        provinces = self._hint_column(province, len(rows), "province", self._province_hint)
        prefectures = self._hint_column(prefecture, len(rows), "prefecture", self._prefecture_hint)
        periods = self._hint_column(as_of, len(rows), "as_of", self._row_period)
        levels = self._hint_column(level, len(rows), "level", self._row_level)
        values, names_at = distinct(rows)
        # a row's key: its name's index and its checked hints; rows of a missing name are MISSING
        seen: dict[tuple[int, Hints, Hints, int | None, Level | None], int] = {}
        add = seen.setdefault
        codes = [
            MISSING if key[0] == MISSING else add(key, len(seen))
            for key in zip(names_at, provinces, prefectures, periods, levels)  # noqa: B905 - hints may repeat one None
        ]
        return self._known_rows(values, seen), codes

    def _known_rows(
        self, values: list[object], rows: Iterable[tuple[int, Hints, Hints, int | None, Level | None]]
    ) -> list[Match]:
        """``_known`` of each distinct row (its name's index and hints); a name read once for all its years.

        A name of one division (``_plain_span``) is normalised and found once, however many years
        it comes with; each year in force is then that division judged at that year, the answer
        ``_match`` gives. Other names and rows with hints are matched row by row.
        """
        known = self.answers.known
        judged = self.answers.judged
        first, last = self.index.first, self.index.last
        default = self.index.search_order()[0]
        spans: dict[int, int] = {}  # a name's index -> its one division, or -1
        out: list[Match] = []
        append = out.append
        for n, p, f, y, lv in rows:
            value = values[n]
            if type(value) is str and p is None and f is None and lv is None:
                span = spans.get(n)
                if span is None:
                    span = spans[n] = self._plain_span(value)
                at = default if y is None else y
                if span >= 0 and first[span] <= at <= last[span]:
                    key = (value, p, f, y, lv)
                    found = known.get(key)
                    if found is None:
                        found = judged(value, span, at)
                        if len(known) >= KNOWN_LIMIT:
                            known.clear()  # ``Answers.remember``, inlined; a race only clears twice
                        known[key] = found
                    append(found)
                    continue
            append(self._known(value, p, f, y, lv))
        return out

    def _hint_column(self, hint: object, length: int, what: str, check: Callable[[object], T]) -> Iterable[T | None]:
        column = broadcast(hint, length, what)
        if column is None:
            return repeat(None)
        values, codes = distinct(column)
        checked: list[T | None] = [check(value) for value in values]
        if not checked:
            return repeat(None)
        checked.append(None)  # MISSING (-1) indexes the last entry
        return map(checked.__getitem__, codes)

    def _province_hint(self, value: object) -> Hints:
        return self._row_hint(value, self.index.provinces, "province")

    def _prefecture_hint(self, value: object) -> Hints:
        return self._row_hint(value, self.index.prefectures, "prefecture")

    def _row_hint(self, value: object, table: Mapping[str, frozenset[str]], what: str) -> Hints:
        if is_missing(value):
            return None
        if not isinstance(value, str):
            raise TypeError(f"{what} must be a str (a name or a code) or missing, got {type(value).__name__}")
        if not value.strip():
            return None  # an empty cell in a hint column: no hint for that row
        return self._hint(value, table, what)

    def _row_period(self, as_of: object) -> int | None:
        if is_missing(as_of):
            return None
        if isinstance(as_of, float) and as_of.is_integer():
            as_of = int(as_of)  # a year column with missing values is read as floats
        return self._period(as_of)

    def _row_level(self, level: object) -> Level | None:
        if is_missing(level) or (isinstance(level, str) and not level.strip()):
            return None
        return self._level(level)

    def _known_all(
        self, values: list[object], provinces: Hints, prefectures: Hints, period: int | None, level: Level | None
    ) -> list[Match]:
        """``_known`` of each of ``values`` under one set of hints, in one loop (its calls inlined)."""
        answers = self.answers
        known = answers.known
        match = self._match
        out: list[Match] = []
        append = out.append
        # a name with no hint at all is kept under itself: a str, never equal to a key with hints
        bare = provinces is None and prefectures is None and period is None and level is None
        for value in values:
            if type(value) is not str:
                append(self._match_value(value, provinces, prefectures, period, level))
                continue
            key = value if bare else (value, provinces, prefectures, period, level)
            found = known.get(key)
            if found is None:
                if value and not value.isspace():
                    found = match(value, provinces, prefectures, period, level)
                else:
                    found = unknown(value, "empty name")
                if len(known) >= KNOWN_LIMIT:
                    known.clear()  # ``Answers.remember``, inlined; a race only clears twice
                known[key] = found
            append(found)
        return out

    def _known(self, value: object, *hints: object) -> Match:
        """``_match_value``, its answer kept for a name (a str) met again with the same hints."""
        if type(value) is not str:
            return self._match_value(value, *hints)  # type: ignore[arg-type]
        key = (value, *hints)
        found = self.answers.known.get(key)
        if found is None:
            found = self.answers.remember(key, self._match_value(value, *hints))  # type: ignore[arg-type]
        return found

    def _match_value(
        self, value: object, provinces: Hints, prefectures: Hints, period: int | None, level: Level | None = None
    ) -> Match:
        if type(value) is not str:  # the rare case first costs the common one a single test
            if value is None or is_missing(value):
                return MISSING_NAME
            value = value if isinstance(value, str) else _code_text(value)
        if not value or value.isspace():
            return unknown(value, "empty name")
        return self._match(value, provinces, prefectures, period, level)


def _code_text(value: object) -> str:
    """A number in a column of names is a code (a code column read as integers)."""
    if isinstance(value, bool):
        raise TypeError("names must hold str (or missing values), got bool")
    try:
        number = operator.index(value)  # type: ignore[arg-type]  # int, numpy integers
    except TypeError:
        if type(value).__name__ in ("float", "Decimal") or type(value).__name__.startswith("float"):
            as_float = float(value)  # type: ignore[arg-type]
            if as_float.is_integer() and as_float > 0:
                return str(int(as_float))
        raise TypeError(
            f"names must hold str, integer codes or missing values, got {type(value).__name__} {value!r:.40}"
        ) from None
    if number <= 0:
        raise TypeError(f"names must hold str, positive integer codes or missing values, got {number}")
    return str(number)
