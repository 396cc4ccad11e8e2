"""Matching: which division a name denotes, and what the pilot was to it.

Three steps, each in its own module: reading the name (``jijinan._reading``: its
normal form, a code in it, its province and prefecture prefixes), finding it in the
division index (``jijinan._index``, built at build time), and the verdict on the
division found, decided at build time by the rules of ``jijinan._status``. This
module puts them together and answers with ``Match`` records.

It never guesses: a name that fits several divisions of the table it is read in is
``ambiguous``, with every candidate.
"""

from __future__ import annotations

import operator
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, TypeVar

from jijinan._columns import MISSING, broadcast, distinct, is_missing, is_scalar
from jijinan._index import FIRST_YEAR, LAST_YEAR, DivisionIndex
from jijinan._reading import GENERIC_WORDS, WHOLE_WORDS, Normalizer, check_key, code_in, prefix_readings
from jijinan._sealed import Sealed
from jijinan._status import NOT_PILOT_DETAIL
from jijinan.errors import DivisionNotFoundError
from jijinan.records import Division, Level, Match, MatchStatus, PilotUnit, Via

__all__ = ["MISSING_NAME", "Matcher"]

MAX_NAME_LENGTH: Final = 100
_MAX_LISTED = 6
_STATUSES: Final = {s.value: s for s in MatchStatus}
T = TypeVar("T")
Hints = frozenset[str] | None


class Matcher(Sealed):
    """The pilot units and the division index, and the rules that join them."""

    __slots__ = ("_covering", "_judged", "_order", "index", "july", "normalize", "units")
    units: tuple[PilotUnit, ...]
    index: DivisionIndex
    normalize: Normalizer
    july: Mapping[str, int]
    """Code -> span of every division in force at the notice date."""
    _covering: dict[str, PilotUnit | None] | None
    _order: tuple[int, ...]
    _judged: dict[tuple[int, int], tuple[MatchStatus, PilotUnit | None, Via | None, str, str, str, str]]

    def __init__(self, units: tuple[PilotUnit, ...], index: DivisionIndex, normalize: Normalizer) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "units", units)
        setattr_(self, "index", index)
        setattr_(self, "normalize", normalize)
        # Code -> span of every division in force at the notice date.
        setattr_(self, "july", types.MappingProxyType({index.codes[i]: i for i in index.at(index.notice)}))
        setattr_(self, "_covering", None)  # made on first use
        setattr_(self, "_order", tuple(index.search_order()))
        # (span, table) -> the fields of its Match but the query: a division is judged once.
        setattr_(self, "_judged", {})

    # -- the notice date ----------------------------------------------------------

    def _covering_units(self) -> dict[str, PilotUnit | None]:
        covering = self._covering
        if covering is None:  # a race only builds the same table twice
            covering = {}
            for code, span in self.july.items():
                version = self.index.version(span, self.index.notice)
                inside = version.status in ("pilot", "covered")
                covering[code] = self.units[version.units[0] - 1] if inside else None
            object.__setattr__(self, "_covering", covering)
        return covering

    def covering(self, code: str) -> PilotUnit | None:
        """The pilot unit containing the July-2015 division ``code``, or ``None``."""
        covering = self._covering_units()
        if type(code) is str and code in covering:
            return covering[code]
        check_key(code, "code")
        text = code.strip()
        if text in covering:
            return covering[text]
        if not (len(text) == 6 and text.isdigit()):
            raise ValueError(f"code must be six digits, got {code[:20]!r}")
        later = [i for i in self.index.lookup(text) or () if i >= 0]
        hint = ""
        if later:
            i = later[0]
            hint = f"; it is the code of {self.index.names[i]} in {self._years(i)}"
        raise DivisionNotFoundError(f"{text} is not a code in the July 2015 table{hint}")

    def via(self, unit: PilotUnit, code: str | None) -> Via:
        """How a division lies in ``unit``: the unit itself, or inside a prefecture-level unit or Beijing."""
        if unit.code == code or unit.level is Level.COUNTY:
            return Via.SELF
        return Via.PROVINCE if unit.level is Level.PROVINCIAL else Via.PREFECTURE

    # -- one name -----------------------------------------------------------------

    def match(
        self, name: str, *, province: str | None = None, prefecture: str | None = None, as_of: int | str | None = None
    ) -> Match:
        check_key(name, "name")
        provinces = self._hint(province, self.index.provinces, "province")
        prefectures = self._hint(prefecture, self.index.prefectures, "prefecture")
        return self._match(name, provinces, prefectures, self._period(as_of))

    def _hint(self, value: str | None, table: Mapping[str, frozenset[str]], what: str) -> Hints:
        if value is None:
            return None
        check_key(value, what)
        found = table.get(self.normalize(value[:MAX_NAME_LENGTH]))
        if found is None:
            raise ValueError(f"{what} {value[:40]!r} names no {what}-level division of the tables 2000-2024")
        return found

    def _period(self, as_of: object) -> int | None:
        """The table ``as_of`` names: a year (its year-end table) or a table's label ("2015-07")."""
        if as_of is None:
            return None
        if isinstance(as_of, str):
            if as_of in self.index.periods:
                return self.index.periods.index(as_of)
            raise ValueError(f"as_of must be a year from {FIRST_YEAR} to {LAST_YEAR} or '2015-07', got {as_of[:20]!r}")
        try:
            if isinstance(as_of, bool):
                raise TypeError
            year = operator.index(as_of)  # type: ignore[arg-type]  # int and numpy integers
        except TypeError:
            raise TypeError(f"as_of must be a year (int), '2015-07' or None, got {type(as_of).__name__}") from None
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"as_of must be a year from {FIRST_YEAR} to {LAST_YEAR} or '2015-07', got {year}")
        return self.index.period_of_year(year)

    def _match(self, name: str, provinces: Hints, prefectures: Hints, period: int | None) -> Match:
        if len(name) > MAX_NAME_LENGTH:
            return _unknown(name, f"the name is {len(name):,} characters long; no division's name is")
        key = self.normalize(name)
        if key in GENERIC_WORDS:
            return _unknown(
                name, f"{name.strip()[:40]!r} is a generic word, not a division's name: qualify it (北京市全市)"
            )
        found: Sequence[int] | None = self.index.lookup(key)
        if found is None:
            code = code_in(key)
            if code is not None:
                found = self.index.lookup(code)
                if found is None:
                    return self._unlisted_code(name, code, period)
            else:
                found = self._by_prefixes(key)
        if found and found[0] < 0:
            return self._bureau(name, self.units[-found[0] - 1])
        spans = self._fitting(found, provinces, prefectures)
        chosen, at = self._choose(spans, period)
        if not chosen and code_in(key) is None:
            # A key made for one division may also be read by its prefixes as another: the
            # notice's 芜湖市弋江区 is the July 2015 division, but in 2024 it is the 弋江区 of then.
            read = self._fitting(self._by_prefixes(key), provinces, prefectures)
            chosen, at = self._choose(read, period)
            spans = spans or read
        if not chosen:
            return self._not_found(name, spans, found, period)
        if len(chosen) > 1:
            return self._ambiguous(name, chosen, at)
        return self.judged(name, chosen[0], at)

    def _fitting(self, found: Sequence[int], provinces: Hints, prefectures: Hints) -> Sequence[int]:
        if provinces is None and prefectures is None:
            return found
        codes = self.index.codes
        return [i for i in found if i >= 0 and _fits(codes[i], provinces, prefectures)]

    def _choose(self, spans: Sequence[int], period: int | None) -> tuple[list[int], int]:
        """The spans in force at ``period``, or (no period) at the first table of the search order that has any."""
        first, last = self.index.first, self.index.last
        if period is not None:
            return [i for i in spans if first[i] <= period <= last[i]], period
        for at in self._order:
            chosen = [i for i in spans if first[i] <= at <= last[i]]
            if chosen:
                return chosen, at
        return [], self.index.notice

    def _by_prefixes(self, key: str) -> list[int]:
        """Spans found by reading the front of ``key`` as province and prefecture names."""
        index = self.index
        out: list[int] = []
        for reading in prefix_readings(key, index.provinces, index.prefectures, index.longest):
            if not reading.rest or reading.rest in WHOLE_WORDS:
                # the prefix names the division itself (河北, 北京市全市): the innermost one read
                digits = reading.prefectures or reading.provinces or frozenset()
                codes = [d + "00" if len(d) == 4 else d + "0000" for d in digits]
                found = [i for code in codes for i in index.lookup(code) or ()]
            elif reading.rest in GENERIC_WORDS:
                continue
            else:
                found = [
                    i
                    for i in index.lookup(reading.rest) or ()
                    if i >= 0 and _fits(index.codes[i], reading.provinces, reading.prefectures)
                ]
            out.extend(i for i in found if i not in out)
        return out

    def judged(self, query: str, span: int, period: int) -> Match:
        """The match of ``query`` to one division at one table, with the verdict the build made."""
        fields = self._judged.get((span, period))
        if fields is None:
            index = self.index
            version = index.version(span, period)
            code = index.codes[span]
            label = index.periods[period]
            status = _STATUSES[version.status]
            unit = self.units[version.units[0] - 1] if version.units else None
            via = None if unit is None else Via.SELF if status is MatchStatus.PILOT else self.via(unit, code)
            full = index.full_name(span, period)
            reason = f"{full} ({code}, {label} table){version.detail or NOT_PILOT_DETAIL}"
            fields = self._judged[(span, period)] = (status, unit, via, code, full, label, reason)
        status, unit, via, code, name, label, reason = fields
        return Match(
            query=query,
            status=status,
            unit=unit,
            via=via,
            code=code,
            name=name,
            period=label,
            candidates=(),
            reason=reason,
        )

    def _bureau(self, query: str, unit: PilotUnit) -> Match:
        return Match(
            query=query,
            status=MatchStatus.PILOT,
            unit=unit,
            via=Via.SELF,
            code=None,
            name=unit.full_name,
            period=self.index.periods[self.index.notice],
            candidates=(),
            reason=f"{unit.full_name} is pilot unit {unit.seq}, a state-farm bureau with no division code",
        )

    def _ambiguous(self, query: str, spans: list[int], period: int) -> Match:
        index = self.index
        label = index.periods[period]
        candidates = tuple(
            Division(
                code=index.codes[i],
                name=index.names[i],
                full_name=index.full_name(i, period),
                period=label,
            )
            for i in spans
        )
        listed = ", ".join(f"{c.full_name} ({c.code}, {c.period})" for c in candidates[:_MAX_LISTED])
        more = f" and {len(candidates) - _MAX_LISTED} more" if len(candidates) > _MAX_LISTED else ""
        fit = f"{len(candidates)} divisions of {self._table(period)} fit"
        return Match(
            query=query,
            status=MatchStatus.AMBIGUOUS,
            unit=None,
            via=None,
            code=None,
            name=None,
            period=None,
            candidates=candidates,
            reason=f"{fit}: {listed}{more}; give province= or prefecture=",
        )

    def _not_found(self, query: str, spans: Sequence[int], found: Sequence[int], period: int | None) -> Match:
        shown = query.strip()[:40]
        if period is not None and spans:
            first = spans[0]
            same = [i for i in spans if self.index.codes[i] == self.index.codes[first]]
            years = " and ".join(self._years(i) for i in same[:3])
            elsewhere = f"{self.index.names[first]} ({self.index.codes[first]}) is in {years}"
            return _unknown(query, f"no division of {self._table(period)} is called {shown!r}; {elsewhere}")
        if found and not spans:
            return _unknown(query, f"no division called {shown!r} lies in the province or prefecture given")
        where = self._table(period) if period is not None else "the tables of 2000-2024"
        return _unknown(query, f"no division of {where} is called {shown!r}")

    def _unlisted_code(self, query: str, code: str, period: int | None) -> Match:
        """A six-digit code no table has: NBS statistical zones (xxxx7x) are read by their prefecture."""
        if code[4] != "7":
            return _unknown(query, f"no division of the tables of 2000-2024 has the code {code}")
        at = self.index.notice if period is None else period
        parent = None
        for candidate in (code[:4] + "00", code[:2] + "0000"):
            alive = [i for i in self.index.lookup(candidate) or () if i >= 0 and self.index.alive(i, at)]
            if alive:
                parent = alive[0]
                break
        label = self.index.periods[at]
        if parent is None:
            return _unknown(
                query, f"{code} is no division's code, and no prefecture {code[:4]}00 is in the {label} table"
            )
        version = self.index.version(parent, at)
        whole = self.index.full_name(parent, at)
        whose = f"{code} is a statistical zone of {whole} ({self.index.codes[parent]}, {label} table)"
        unit = self.units[version.units[0] - 1] if version.units else None
        if version.status in ("pilot", "covered") and unit is not None:
            return Match(
                query=query,
                status=MatchStatus.COVERED,
                unit=unit,
                via=self.via(unit, code),
                code=code,
                name=None,
                period=label,
                candidates=(),
                reason=f"{whose}, all of which lay inside pilot unit {unit.seq} {unit.full_name}",
            )
        if version.status == "not_pilot":
            return Match(
                query=query,
                status=MatchStatus.NOT_PILOT,
                unit=None,
                via=None,
                code=code,
                name=None,
                period=label,
                candidates=(),
                reason=f"{whose}, none of which was in the pilot at the notice date",
            )
        return _unknown(
            query,
            f"{whose}, which holds pilot land and other land; the code tables do not say which the zone lies in",
        )

    def _table(self, period: int) -> str:
        """'the July 2015 table' (the notice date), 'the 2020 table' (a year's end)."""
        return f"the {self._label(period)} table"

    def _years(self, span: int) -> str:
        """'the 2014 table', 'the tables from 2000 to July 2015'."""
        first, last = self.index.first[span], self.index.last[span]
        if first == last:
            return self._table(first)
        return f"the tables from {self._label(first)} to {self._label(last)}"

    def _label(self, period: int) -> str:
        return "July 2015" if period == self.index.notice else self.index.periods[period]

    # -- many names -----------------------------------------------------------------

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

        A row whose name is missing has the index ``MISSING`` (-1).
        """
        if isinstance(names, (str, bytes)):
            raise TypeError("names must be an iterable of names, not a single str; use match() for one name")
        if not isinstance(names, Iterable):
            raise TypeError(f"names must be an iterable of names, got {type(names).__name__}")
        if all(is_scalar(hint) for hint in (province, prefecture, as_of)):
            hints = (
                None if is_missing(province) else self._hint(province, self.index.provinces, "province"),  # type: ignore[arg-type]
                None if is_missing(prefecture) else self._hint(prefecture, self.index.prefectures, "prefecture"),  # type: ignore[arg-type]
                self._row_period(as_of),
            )
            uniques, codes = distinct(names)
            return [self._match_value(value, *hints) for value in uniques], codes
        rows = names if isinstance(names, Sequence) else list(names)
        # Every hint is checked before any name is read: a bad hint is the caller's mistake,
        # whatever the names hold. Each distinct hint value is checked once.
        provinces = self._hint_column(province, len(rows), "province", self._province_hint)
        prefectures = self._hint_column(prefecture, len(rows), "prefecture", self._prefecture_hint)
        periods = self._hint_column(as_of, len(rows), "as_of", self._row_period)
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

    def _match_value(self, value: object, provinces: Hints, prefectures: Hints, period: int | None) -> Match:
        if type(value) is not str:  # the rare case first costs the common one a single test
            if value is None or is_missing(value):
                return MISSING_NAME
            value = value if isinstance(value, str) else _code_text(value)
        if not value or value.isspace():
            return _unknown(value, "empty name")
        return self._match(value, provinces, prefectures, period)


def _fits(code: str, provinces: Hints, prefectures: Hints) -> bool:
    return (provinces is None or code[:2] in provinces) and (prefectures is None or code[:4] in prefectures)


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
