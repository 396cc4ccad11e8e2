"""Coverage and matching: which divisions the pilot covered, and what any name means.

Every rule here reads one thing: a division's *origin*, the divisions of July 2015
whose area it holds (all or part of each), worked out at build time from the code
history. A July-2015 division is in the pilot's area when a pilot unit contains it:
it is the unit, or lies in a prefecture-level pilot city, or in Beijing. Then:

* ``pilot``: the division's area is exactly a pilot unit's area at the notice date;
* ``covered``: all of its area lay in the pilot's area, but it is not exactly a unit;
* ``partial``: some of its area lay in the pilot's area and some did not;
* ``not_pilot``: none of its area did.

The indexes are built once, on first use, from the loaded tables.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Final, TypeVar

from jijinan._columns import MISSING, broadcast, distinct, is_missing
from jijinan._names import PREFECTURE_SUFFIX, PROVINCE_SUFFIX, Normalizer, check_key
from jijinan._tables import FIRST_YEAR, LAST_YEAR, NOTICE_PERIOD, OriginPart, Span, Tables, period_of_year
from jijinan.errors import DataIntegrityError, DivisionNotFoundError
from jijinan.records import Division, Level, Match, MatchStatus, PilotUnit, Via

__all__ = ["Matcher"]

MAX_NAME_LENGTH: Final = 100
_CODE = re.compile(r"\d{6}")
T = TypeVar("T")


class Matcher:
    """Indexes over the division tables and the rules that read them."""

    def __init__(
        self,
        units: tuple[PilotUnit, ...],
        tables: Tables,
        normalize: Normalizer,
        unit_keys: Iterable[tuple[str, PilotUnit]],
    ) -> None:
        self.units = units
        self.tables = tables
        self.normalize = normalize
        spans = tables.spans
        self._by_code: dict[str, list[Span]] = {}
        for span in spans:
            self._by_code.setdefault(span.code, []).append(span)
        self._counties: dict[int, dict[str, tuple[Span, ...]]] = {}
        self.july: dict[str, Span] = {s.code: s for s in spans if s.alive(NOTICE_PERIOD)}
        self._covering: dict[str, PilotUnit | None] | None = None
        self.cover, self.exact = self._pilot_area()
        self.keys = self._index(unit_keys)
        self.provinces = self._hint_index(lambda s: s.code.endswith("0000"), 2, PROVINCE_SUFFIX)
        self.prefectures = self._hint_index(
            lambda s: s.code.endswith("00") and not s.code.endswith("0000"), 4, PREFECTURE_SUFFIX
        )

    # -- tables -----------------------------------------------------------------

    def span_at(self, code: str, period: int) -> Span | None:
        for span in self._by_code.get(code, ()):
            if span.alive(period):
                return span
        return None

    def counties_under(self, span: Span, period: int) -> tuple[Span, ...]:
        """The county-level divisions in force at ``period`` under a province or prefecture."""
        index = self._counties.get(period)
        if index is None:  # built once per period; a race only builds the same index twice
            lists: dict[str, list[Span]] = {}
            for s in self.tables.spans:
                if s.county_level and s.alive(period):
                    lists.setdefault(s.code[:2], []).append(s)
                    lists.setdefault(s.code[:4], []).append(s)
            index = self._counties[period] = {k: tuple(v) for k, v in lists.items()}
        return index.get(span.code[:2] if span.code.endswith("0000") else span.code[:4], ())

    def origin(self, span: Span, period: int) -> dict[str, OriginPart]:
        """The July-2015 divisions whose area ``span`` holds at ``period``, its counties included."""
        out = {part.code: part for part in span.origin(period)}
        if not span.county_level:
            for county in self.counties_under(span, period):
                for part in county.origin(period):
                    old = out.get(part.code)
                    if old is None or (part.whole and not old.whole):
                        out[part.code] = part
        return out

    def full_name(self, span: Span, period: int) -> str:
        parts = []
        if not span.code.endswith("0000"):
            province = self.span_at(span.code[:2] + "0000", period)
            if province is not None:
                parts.append(province.name)
            if span.county_level:
                prefecture = self.span_at(span.code[:4] + "00", period)
                if prefecture is not None:
                    parts.append(prefecture.name)
        return "".join(parts) + span.name

    def division(self, span: Span, period: int) -> Division:
        return Division(
            code=span.code,
            name=span.name,
            full_name=self.full_name(span, period),
            period=self.tables.periods[period],
        )

    # -- the pilot's area ---------------------------------------------------------

    def _pilot_area(self) -> tuple[dict[str, PilotUnit], dict[frozenset[str], PilotUnit]]:
        cover: dict[str, PilotUnit] = {}
        exact: dict[frozenset[str], PilotUnit] = {}
        for unit in self.units:
            if unit.code is None:
                continue
            span = self.july.get(unit.code)
            if span is None:
                raise DataIntegrityError(f"pilot unit {unit.name} ({unit.code}) is not in the July 2015 table")
            area = frozenset(self.origin(span, NOTICE_PERIOD))
            exact[area] = unit
            for code in area:
                if code in cover:
                    raise DataIntegrityError(f"{code} lies in two pilot units: {cover[code].name} and {unit.name}")
                cover[code] = unit
        return cover, exact

    def covering(self, code: str) -> PilotUnit | None:
        """The pilot unit containing the July-2015 division ``code``, or ``None``."""
        covering = self._covering
        if covering is None:
            covering = self._covering = {c: self._unit_containing(s) for c, s in self.july.items()}
        if type(code) is str and code in covering:
            return covering[code]
        check_key(code, "code")
        text = code.strip()
        if not _CODE.fullmatch(text):
            raise ValueError(f"code must be six digits, got {code[:20]!r}")
        if text in covering:
            return covering[text]
        later = self._by_code.get(text, [])
        hint = f"; it is a code of {later[0].name} from {self.tables.periods[later[0].first]}" if later else ""
        raise DivisionNotFoundError(f"{text} is not a code in the July 2015 table{hint}")

    def _unit_containing(self, span: Span) -> PilotUnit | None:
        units = {self.cover.get(c) for c in self.origin(span, NOTICE_PERIOD)}
        return units.pop() if len(units) == 1 else None

    def via(self, unit: PilotUnit, code: str) -> Via:
        """How a division with ``code`` lies in ``unit``: the unit itself, or inside it."""
        if unit.code == code or unit.level is Level.COUNTY:
            return Via.SELF
        return Via.PROVINCE if unit.level is Level.PROVINCIAL else Via.PREFECTURE

    # -- names ------------------------------------------------------------------

    def _index(self, unit_keys: Iterable[tuple[str, PilotUnit]]) -> dict[str, tuple[int, ...]]:
        """Normalised key -> indexes of spans (``-seq`` for a unit without a code)."""
        keys: dict[str, list[int]] = {}

        def add(key: str, value: int) -> None:
            bucket = keys.setdefault(self.normalize(key), [])
            if value not in bucket:
                bucket.append(value)

        for i, span in enumerate(self.tables.spans):
            add(span.code, i)
            add(span.name, i)
            if not span.county_level:  # 南京 for 南京市, 陕西 for 陕西省
                suffix = PROVINCE_SUFFIX if span.code.endswith("0000") else PREFECTURE_SUFFIX
                add(suffix.sub("", span.name) or span.name, i)
            for reading in self.tables.pinyin.get(span.name, ()):
                add(reading, i)
            seen: set[str] = set()
            for period in range(span.first, span.last + 1):
                full = self.full_name(span, period)
                if full in seen:
                    continue
                seen.add(full)
                province = self.span_at(span.code[:2] + "0000", period)
                if province is not None and province is not span:
                    rest = full.removeprefix(province.name)
                    add(full, i)
                    add(rest, i)
                    add(province.name + span.name, i)
        index_of = {id(span): i for i, span in enumerate(self.tables.spans)}
        for key, unit in unit_keys:
            if unit.code is None:
                add(key, -unit.seq)
            else:
                add(key, index_of[id(self.july[unit.code])])
        return {k: tuple(v) for k, v in keys.items()}

    def _hint_index(
        self, wanted: Callable[[Span], bool], digits: int, suffix: re.Pattern[str]
    ) -> dict[str, frozenset[str]]:
        index: dict[str, set[str]] = {}
        for span in self.tables.spans:
            if wanted(span):
                names = {span.name, span.code, suffix.sub("", span.name)}
                names.update(self.tables.pinyin.get(span.name, ()))
                for name in names:
                    index.setdefault(self.normalize(name), set()).add(span.code[:digits])
        return {k: frozenset(v) for k, v in index.items()}

    def _hint(self, value: str | None, index: dict[str, frozenset[str]], what: str) -> frozenset[str] | None:
        if value is None:
            return None
        check_key(value, what)
        found = index.get(self.normalize(value[:MAX_NAME_LENGTH]))
        if found is None:
            raise ValueError(f"{what} {value[:40]!r} names no {what}-level division of the tables")
        return found

    # -- matching ---------------------------------------------------------------

    def match(
        self, name: str, *, province: str | None = None, prefecture: str | None = None, as_of: int | None = None
    ) -> Match:
        check_key(name, "name")
        provinces = self._hint(province, self.provinces, "province")
        prefectures = self._hint(prefecture, self.prefectures, "prefecture")
        return self._match(name, provinces, prefectures, _period(as_of))

    def _match(
        self, name: str, provinces: frozenset[str] | None, prefectures: frozenset[str] | None, period: int | None
    ) -> Match:
        if len(name) > MAX_NAME_LENGTH:
            return _unknown(name, f"the name is {len(name):,} characters long; no division's name is")
        key = self.normalize(name)
        found = self.keys.get(key, ())
        bureau = [self.units[-i - 1] for i in found if i < 0]
        if bureau:
            unit = bureau[0]
            return Match(
                query=name,
                status=MatchStatus.PILOT,
                unit=unit,
                via=Via.SELF,
                code=None,
                name=unit.full_name,
                period=self.tables.periods[NOTICE_PERIOD],
                candidates=(),
                reason=f"{unit.full_name} is pilot unit {unit.seq}, a state-farm bureau with no division code",
            )
        spans = [self.tables.spans[i] for i in found]

        def fits(span: Span) -> bool:
            if provinces is not None and span.code[:2] not in provinces:
                return False
            return prefectures is None or span.code[:4] in prefectures

        spans = [s for s in spans if fits(s)]
        if period is not None:
            chosen = [(s, period) for s in spans if s.alive(period)]
            where = f"the {self.tables.periods[period]} table"
        else:
            chosen = [(s, NOTICE_PERIOD) for s in spans if s.alive(NOTICE_PERIOD)]
            where = "the July 2015 table"
            if not chosen:
                # a name that did not exist at the notice date is read where it first appears
                chosen = [(s, max(s.first, 1)) for s in spans if s.last >= 1]
                where = "the tables of 2015-2024"
        if not chosen:
            hints = "" if provinces is None and prefectures is None else " with the hints given"
            return _unknown(name, f"no division of {where} is called {name.strip()[:40]!r}{hints}")
        if len(chosen) > 1:
            candidates = tuple(self.division(s, p) for s, p in chosen)
            listed = ", ".join(f"{c.full_name} ({c.code}, {c.period})" for c in candidates[:6])
            more = f" and {len(candidates) - 6} more" if len(candidates) > 6 else ""
            return Match(
                query=name,
                status=MatchStatus.AMBIGUOUS,
                unit=None,
                via=None,
                code=None,
                name=None,
                period=None,
                candidates=candidates,
                reason=f"{len(candidates)} divisions of {where} fit: {listed}{more}; give province= or prefecture=",
            )
        span, at = chosen[0]
        return self.judge(name, span, at)

    def judge(self, query: str, span: Span, period: int) -> Match:
        """The status of one division at one period, from its origin."""
        origin = self.origin(span, period)
        label = self.tables.periods[period]
        full = self.full_name(span, period)
        this = f"{full} ({span.code}, {label} table)"
        inside = [p for p in origin.values() if p.code in self.cover]
        units = sorted({self.cover[p.code] for p in inside}, key=lambda u: u.seq)

        def make(status: MatchStatus, unit: PilotUnit | None, reason: str) -> Match:
            return Match(
                query=query,
                status=status,
                unit=unit,
                via=None if unit is None else Via.SELF if status is MatchStatus.PILOT else self.via(unit, ""),
                code=span.code,
                name=full,
                period=label,
                candidates=(),
                reason=reason,
            )

        if not origin:
            return make(MatchStatus.UNKNOWN, None, f"{this}: the code history records no origin for its area")
        if not inside:
            return make(MatchStatus.NOT_PILOT, None, f"{this}: none of its area was in the pilot at the notice date")
        if len(inside) < len(origin):
            outside = [p for p in origin.values() if p.code not in self.cover]
            return make(
                MatchStatus.PARTIAL,
                units[0],
                f"{this} holds {self._describe(inside)}, in the pilot, and {self._describe(outside)}, outside it",
            )
        area = frozenset(origin)
        unit = self.exact.get(area)
        if unit is not None and all(p.whole for p in origin.values()):
            same = unit.code == span.code and unit.name == span.name
            how = "is" if same else "has exactly the area of"
            return make(MatchStatus.PILOT, unit, f"{this} {how} pilot unit {unit.seq} {unit.full_name} ({unit.code})")
        names = ", ".join(f"{u.seq} {u.full_name}" for u in units)
        return make(
            MatchStatus.COVERED,
            units[0],
            f"{this} holds {self._describe(inside)}, all inside pilot unit {names}",
        )

    def _describe(self, parts: Iterable[OriginPart]) -> str:
        out = []
        for part in sorted(parts, key=lambda p: p.code):
            span = self.july.get(part.code)
            name = span.name if span is not None else part.code
            if span is not None and not span.county_level:
                name += " (its land outside counties)"
            out.append(f"{'all' if part.whole else 'part'} of {name} ({part.code})")
        if len(out) > 4:
            out = [*out[:4], f"{len(out) - 4} more"]
        return ", ".join(out)

    def match_many(
        self,
        names: Iterable[object],
        *,
        province: object = None,
        prefecture: object = None,
        as_of: object = None,
    ) -> tuple[Match, ...]:
        found, codes = self.match_distinct(names, province=province, prefecture=prefecture, as_of=as_of)
        table = [*found, MISSING_NAME]  # MISSING (-1) indexes the last entry
        return tuple(map(table.__getitem__, codes))

    def match_distinct(
        self,
        names: Iterable[object],
        *,
        province: object = None,
        prefecture: object = None,
        as_of: object = None,
    ) -> tuple[list[Match], list[int]]:
        """The matches of the distinct rows of ``names`` (with their hints), and each row's index.

        A row whose name is missing has the index :data:`~jijinan._columns.MISSING`.
        """
        if isinstance(names, (str, bytes)):
            raise TypeError("names must be an iterable of names, not a single str; use match() for one name")
        if not isinstance(names, Iterable):
            raise TypeError(f"names must be an iterable of names, got {type(names).__name__}")
        if all(_is_scalar(hint) for hint in (province, prefecture, as_of)):
            hints = (
                None if is_missing(province) else self._hint(province, self.provinces, "province"),  # type: ignore[arg-type]
                None if is_missing(prefecture) else self._hint(prefecture, self.prefectures, "prefecture"),  # type: ignore[arg-type]
                _row_period(as_of),
            )
            uniques, codes = distinct(names)
            return [self._match_value(value, *hints) for value in uniques], codes
        rows = names if isinstance(names, Sequence) else list(names)
        # Every hint is checked before any name is read: a bad hint is the caller's mistake,
        # whatever the names hold. Each distinct hint value is checked once.
        provinces = self._hint_column(province, len(rows), "province", self._province_hint)
        prefectures = self._hint_column(prefecture, len(rows), "prefecture", self._prefecture_hint)
        periods = self._hint_column(as_of, len(rows), "as_of", _row_period)
        keyed = [
            None if is_missing(name) else (name, provinces[i], prefectures[i], periods[i])
            for i, name in enumerate(rows)
        ]
        uniques, codes = distinct(keyed)
        return [self._match_value(*key) for key in uniques], codes  # type: ignore[misc]

    def _hint_column(self, hint: object, length: int, what: str, check: Callable[[object], T]) -> Sequence[T | None]:
        column = broadcast(hint, length, what)
        if column is None:
            return [None] * length
        values, codes = distinct(column)
        checked = [check(value) for value in values]
        return [None if c == MISSING else checked[c] for c in codes]

    def _province_hint(self, value: object) -> frozenset[str] | None:
        return self._row_hint(value, self.provinces, "province")

    def _prefecture_hint(self, value: object) -> frozenset[str] | None:
        return self._row_hint(value, self.prefectures, "prefecture")

    def _row_hint(self, value: object, index: dict[str, frozenset[str]], what: str) -> frozenset[str] | None:
        if is_missing(value):
            return None
        if not isinstance(value, str):
            raise TypeError(f"{what} must be a str (a name or a code) or missing, got {type(value).__name__}")
        if not value.strip():
            return None  # an empty cell in a hint column: no hint for that row
        return self._hint(value, index, what)

    def _match_value(
        self,
        value: object,
        provinces: frozenset[str] | None,
        prefectures: frozenset[str] | None,
        period: int | None,
    ) -> Match:
        if value is None or is_missing(value):
            return MISSING_NAME
        if not isinstance(value, str):
            value = _code_text(value)
        if not value.strip():
            return _unknown(value, "empty name")
        return self._match(value, provinces, prefectures, period)


def _is_scalar(hint: object) -> bool:
    return hint is None or isinstance(hint, (str, bytes, int, float, Decimal)) or not isinstance(hint, Iterable)


def _code_text(value: object) -> str:
    """A number in a column of names is a code (a code column read as integers)."""
    if isinstance(value, bool):
        raise TypeError("names must hold str (or missing values), got bool")
    try:
        number = operator.index(value)  # type: ignore[arg-type]  # int, numpy integers
    except TypeError:
        if isinstance(value, (float, Decimal)) or type(value).__name__.startswith("float"):
            as_float = float(value)  # type: ignore[arg-type]
            if as_float.is_integer() and as_float > 0:
                return str(int(as_float))
        raise TypeError(
            f"names must hold str, integer codes or missing values, got {type(value).__name__} {value!r:.40}"
        ) from None
    if number <= 0:
        raise TypeError(f"names must hold str, positive integer codes or missing values, got {number}")
    return str(number)


def _row_period(as_of: object) -> int | None:
    if is_missing(as_of):
        return None
    if isinstance(as_of, float) and as_of.is_integer():
        as_of = int(as_of)  # a year column with missing values is read as floats
    return _period(as_of)


def _period(as_of: object) -> int | None:
    if as_of is None:
        return None
    try:
        if isinstance(as_of, bool):
            raise TypeError
        as_of = operator.index(as_of)  # type: ignore[arg-type]  # int and numpy's integers
    except TypeError:
        raise TypeError(f"as_of must be a year (int) or None, got {type(as_of).__name__}") from None
    if not FIRST_YEAR <= as_of <= LAST_YEAR:
        raise ValueError(f"as_of must be a year from {FIRST_YEAR} to {LAST_YEAR}, got {as_of}")
    return period_of_year(as_of)


def _unknown(query: str, reason: str) -> Match:
    return Match(
        query=query,
        status=MatchStatus.UNKNOWN,
        unit=None,
        via=None,
        code=None,
        name=None,
        period=None,
        candidates=(),
        reason=reason,
    )


MISSING_NAME: Final = _unknown("", "missing value")
