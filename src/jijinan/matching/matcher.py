"""The matcher: which division one name denotes, at which table, and the answer for it.

Three steps, each in its own module: reading the name (``jijinan.matching.reading``: its
normal form, a code in it, its province and prefecture prefixes), finding it in the
division index (``jijinan.loading.divisions``, built at build time), and the answer for the
division found (``jijinan.matching.answers``: the verdict the build made by the rules of
``jijinan.matching.status``). Many names at once: ``jijinan.matching.many``.

It never guesses: a name that fits several divisions of the table it is read in is
``ambiguous``, with every candidate; so is a romanised name that another division of any
table 2000-2024 reads alike (``jijinan.matching.namesakes``: the lossy-key rule), and
``jijinan.matching.romanised`` reads romanised names in all the ways lists write them.

Long because: the first path of ``_match`` (a name in characters of one division, the common
case, answered short of the rules) and ``_plain_span`` (the same test, for match_many's names
read once for all their years) must stay beside the rules they skip, to change with them.
"""

from __future__ import annotations

import operator
import types
from collections.abc import Callable, Mapping, Sequence
from typing import Final

from jijinan._sealed import Sealed
from jijinan.errors import DivisionNotFoundError
from jijinan.loading.divisions import FIRST_YEAR, LAST_YEAR, DivisionIndex
from jijinan.matching.answers import Answers, unknown
from jijinan.matching.many import Hints, ManyRows
from jijinan.matching.namesakes import county_parents, divisions_of
from jijinan.matching.reading import (
    GENERIC_WORDS,
    WHOLE_WORDS,
    Normalizer,
    check_key,
    code_in,
    prefix_readings,
    spellings,
)
from jijinan.matching.romanised import is_romanised, readings
from jijinan.matching.zones import NbsCodes
from jijinan.records import Level, Match, PilotUnit, Via

__all__ = ["MAX_NAME_LENGTH", "Matcher", "level_of"]

MAX_NAME_LENGTH: Final = 100
_LEVELS: Final = {level.value: level for level in Level}


def level_of(code: str) -> Level:
    """The level a code is of: PP0000 provincial, PPCC00 prefectural, any other county."""
    if code.endswith("0000"):
        return Level.PROVINCIAL
    return Level.PREFECTURAL if code.endswith("00") else Level.COUNTY


class Matcher(ManyRows, NbsCodes, Sealed):
    """The pilot units and the division index, and the rules that join them."""

    __slots__ = (
        "_covering",
        "_normal",
        "_order",
        "_parents",
        "answers",
        "generic",
        "index",
        "july",
        "normalize",
        "units",
        "whole",
    )
    units: tuple[PilotUnit, ...]
    index: DivisionIndex
    normalize: Normalizer
    _normal: Callable[[str], str]
    """``normalize.__call__``: calling the bound method skips the instance call's lookup of it."""
    july: Mapping[str, int]
    """Code -> span of every division in force at the notice date."""
    _covering: dict[str, PilotUnit | None] | None
    _order: tuple[int, ...]
    _parents: frozenset[str]
    answers: Answers
    generic: frozenset[str]
    """The generic words (市辖区, 合计, 全县) in every spelling, normalised as keys are."""
    whole: frozenset[str]
    """The "whole" words among them (全市, 合计), which after a prefix mean that division."""

    def __init__(self, units: tuple[PilotUnit, ...], index: DivisionIndex, normalize: Normalizer) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "units", units)
        setattr_(self, "index", index)
        setattr_(self, "normalize", normalize)
        setattr_(self, "_normal", normalize.__call__)
        # Code -> span of every division in force at the notice date.
        setattr_(self, "july", types.MappingProxyType({index.codes[i]: i for i in index.at(index.notice)}))
        setattr_(self, "_covering", None)  # made on first use
        setattr_(self, "_order", tuple(index.search_order()))
        setattr_(self, "answers", Answers(units, index))
        setattr_(self, "_parents", county_parents(index.codes))  # for the lossy-key rule
        setattr_(self, "generic", frozenset(map(normalize, spellings(GENERIC_WORDS))))
        setattr_(self, "whole", frozenset(map(normalize, spellings(WHOLE_WORDS))))

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
            hint = f"; it is the code of {self.index.names[i]} in {self.answers.years(i)}"
        raise DivisionNotFoundError(f"{text} is not a code in the July 2015 table{hint}")

    def via(self, unit: PilotUnit, code: str | None) -> Via:
        """How a division lies in ``unit``: the unit itself, or inside a prefecture-level unit or Beijing."""
        return self.answers.via(unit, code)

    # -- one name -----------------------------------------------------------------

    def match(
        self,
        name: str,
        *,
        province: str | None = None,
        prefecture: str | None = None,
        as_of: int | str | None = None,
        level: Level | str | None = None,
    ) -> Match:
        check_key(name, "name")
        provinces = self._hint(province, self.index.provinces, "province")
        prefectures = self._hint(prefecture, self.index.prefectures, "prefecture")
        return self._match(name, provinces, prefectures, self._period(as_of), self._level(level))

    def _level(self, level: object) -> Level | None:
        """The ``Level`` a level hint names: a member or its value ("provincial", "prefectural", "county")."""
        if level is None or isinstance(level, Level):
            return level
        if not isinstance(level, str):
            raise TypeError(f"level must be a Level or one of {', '.join(_LEVELS)}, got {type(level).__name__}")
        found = _LEVELS.get(level.strip().lower())
        if found is None:
            raise ValueError(f"level must be one of {', '.join(_LEVELS)}, got {level[:20]!r}")
        return found

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

    def _match(
        self, name: str, provinces: Hints, prefectures: Hints, period: int | None, level: Level | None = None
    ) -> Match:
        if len(name) > MAX_NAME_LENGTH:
            return unknown(name, f"the name is {len(name):,} characters long; no division's name is")
        key = self._normal(name)
        if key in self.generic:
            return unknown(
                name, f"{name.strip()[:40]!r} is a generic word, not a division's name: qualify it (北京市全市)"
            )
        index = self.index
        one = index.find(key)
        if type(one) is int and one >= 0 and key >= "\u2e80" and provinces is None is prefectures and level is None:
            # The common case, short of every rule below: a name in characters (not romanised,
            # not a code: its first character is CJK) of one division, no hints (all three None);
            # in force at the table read, it is the answer.
            at = self._order[0] if period is None else period
            if index.first[one] <= at <= index.last[one]:
                return self.answers.judged(name, one, at)
        found: Sequence[int] | None = None if one is None else (one,) if type(one) is int else tuple(one)  # type: ignore[arg-type]
        code = code_in(key)
        if found is None:
            if code is not None:
                found = self.index.lookup(code)
                if found is None:
                    return self._city_itself(name, code, period) or self.answers.zone(name, code, period)
            else:
                found = self.by_prefixes(key)
        if found and found[0] < 0:
            return self.answers.bureau(name, self.units[-found[0] - 1])
        # Romanised: ASCII, or Latin letters with tone marks (Xùn Xiàn), which come before CJK.
        lossy = code is None and (key.isascii() or (key[0] < "\u2e80" and is_romanised(name)))
        if lossy:
            found = self.romanised(name, found)
        spans = self._fitting(found, provinces, prefectures, level)
        chosen, at = self._choose(spans, period)
        if not chosen and code is None:
            # A key made for one division may also be read by its prefixes as another: the
            # notice's 芜湖市弋江区 is the July 2015 division, but in 2024 it is the 弋江区 of then.
            read = self._fitting(self.by_prefixes(key), provinces, prefectures, level)
            chosen, at = self._choose(read, period)
            spans = read if chosen else spans or read
        if not chosen and code is not None and period is not None:
            recoded = self._recoded(name, code, spans, period)
            if recoded is not None:
                return recoded
        if not chosen:
            zone = self._zone_name(name, key, provinces, prefectures, period) if not lossy and code is None else None
            return zone or self.answers.not_found(name, spans, found, period)
        if lossy and len(spans) > 1:
            # The lossy-key rule: a reading another division of any table has had answers with none.
            divisions = divisions_of(self.index, spans, self._parents)
            if len(divisions) > 1:
                return self.answers.namesakes(name, divisions, chosen, at)
        if len(chosen) > 1:
            return self.answers.ambiguous(name, chosen, at)
        return self.answers.judged(name, chosen[0], at)

    def _plain_span(self, name: str) -> int:
        """The one division ``name`` names if it takes ``_match``'s first path (hints aside), else -1."""
        if len(name) > MAX_NAME_LENGTH:
            return -1
        key = self._normal(name)
        one = self.index.find(key)
        if type(one) is int and one >= 0 and key >= "\u2e80" and key not in self.generic:
            return one
        return -1

    def romanised(self, name: str, found: Sequence[int]) -> list[int]:
        """``found``, and the spans of every other key the romanised ``name`` may stand for."""
        out = list(found)
        names = self.index.names
        for key, generic in readings(name):
            for i in self.index.lookup(key) or ():
                if i >= 0 and i not in out and names[i].endswith(generic):
                    out.append(i)
        return out

    def _fitting(
        self, found: Sequence[int], provinces: Hints, prefectures: Hints, level: Level | None = None
    ) -> Sequence[int]:
        if provinces is None and prefectures is None and level is None:
            return found
        codes = self.index.codes
        return [
            i
            for i in found
            if i >= 0 and _fits(codes[i], provinces, prefectures) and (level is None or level_of(codes[i]) is level)
        ]

    def _choose(self, spans: Sequence[int], period: int | None) -> tuple[list[int], int]:
        """The spans in force at ``period``, or (no period) at the first table of the search order that has any."""
        first, last = self.index.first, self.index.last
        if period is None and len(spans) == 1 and first[spans[0]] <= self._order[0] <= last[spans[0]]:
            return [spans[0]], self._order[0]  # the common case: one division, in force at the notice date
        if period is not None:
            return [i for i in spans if first[i] <= period <= last[i]], period
        for at in self._order:
            chosen = [i for i in spans if first[i] <= at <= last[i]]
            if chosen:
                return chosen, at
        return [], self.index.notice

    def by_prefixes(self, key: str) -> list[int]:
        """Spans found by reading the front of ``key`` as province and prefecture names."""
        index = self.index
        out: list[int] = []
        for reading in prefix_readings(key, index.provinces, index.prefectures, index.longest):
            if not reading.rest or reading.rest in self.whole:
                # the prefix names the division itself (河北, 北京市全市): the innermost one read
                digits = reading.prefectures or reading.provinces or frozenset()
                codes = [d + "00" if len(d) == 4 else d + "0000" for d in digits]
                found = [i for code in codes for i in index.lookup(code) or ()]
            elif reading.rest in self.generic:
                continue
            else:
                found = [
                    i
                    for i in index.lookup(reading.rest) or ()
                    if i >= 0 and _fits(index.codes[i], reading.provinces, reading.prefectures)
                ]
            out.extend(i for i in found if i not in out)
        return out


def _fits(code: str, provinces: Hints, prefectures: Hints) -> bool:
    return (provinces is None or code[:2] in provinces) and (prefectures is None or code[:4] in prefectures)
