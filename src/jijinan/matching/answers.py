"""The answers of matching: ``Match`` records and the words of their reasons.

A division found at one table is answered with the verdict the build made for it (a
division is judged once per table and the fields kept); the other answers say why a name
is ``ambiguous`` (every candidate) or ``unknown`` (which table, and where the name is
instead), and read the statistical zones of NBS codes by their prefecture.

Long because: every kind of answer (judged, bureau, ambiguous, namesakes of the lossy-key
rule, statistical zones, not found) is worded here, so that the words of every reason, which
studies cite, are in one module and change together.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from jijinan._sealed import Sealed
from jijinan.loading.divisions import DivisionIndex
from jijinan.matching.filled import judged_match
from jijinan.matching.status import NOT_PILOT_DETAIL
from jijinan.records import Division, Level, Match, MatchStatus, PilotUnit, Via

__all__ = ["MISSING_NAME", "Answers", "main_first", "unknown"]

_MAX_LISTED = 6
KNOWN_LIMIT: Final = 100_000
"""Answers kept for names matched again: a panel's (name, year) pairs, at a few hundred bytes each."""
_STATUSES: Final = {s.value: s for s in MatchStatus}
_TABLES: Final = 32
"""More than the tables 2000-2024 (26): a (span, table) pair as one int, ``span * _TABLES + table``."""
_Judged = tuple[MatchStatus, "PilotUnit | None", "Via | None", str, str, str, str, "tuple[PilotUnit, ...]"]


class Answers(Sealed):
    """Makes the ``Match`` records of one division index and its pilot units."""

    __slots__ = ("_ambiguous", "_fronts", "_judged", "index", "known", "units")
    units: tuple[PilotUnit, ...]
    index: DivisionIndex
    _judged: dict[int, _Judged]
    _fronts: tuple[dict[str, str], ...]
    _ambiguous: dict[tuple[int, ...], tuple[tuple[Division, ...], str]]
    known: dict[object, Match]

    def __init__(self, units: tuple[PilotUnit, ...], index: DivisionIndex) -> None:
        if len(index.periods) > _TABLES:
            raise ValueError(f"at most {_TABLES} tables, got {len(index.periods)}")
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "index", index)
        # span * _TABLES + table -> the fields of its Match but the query: a division is judged
        # once (an int key hashes faster than a pair).
        object.__setattr__(self, "_judged", {})
        # per table, the code prefix of a parent (4101, 41) -> the front of its divisions' full names (河南省郑州市)
        object.__setattr__(self, "_fronts", tuple({} for _ in index.periods))
        # (*spans, -table - 1) -> the candidates and reason of their ambiguous Match, whatever the query
        object.__setattr__(self, "_ambiguous", {})
        # (name, hints), or a name alone when it has none -> its Match, for match_many: a column
        # matched again (a notebook cell run twice, the same list in a loop) costs a lookup per
        # distinct name. Bounded: see ``remember``.
        object.__setattr__(self, "known", {})

    def remember(self, key: object, match: Match) -> Match:
        """Keep ``match`` as the answer to ``key``; start afresh past ``KNOWN_LIMIT`` answers."""
        known = self.known
        if len(known) >= KNOWN_LIMIT:
            known.clear()  # a race only clears twice
        known[key] = match
        return match

    def via(self, unit: PilotUnit, code: str | None) -> Via:
        """How a division lies in ``unit``: the unit itself, or inside a prefecture-level unit or Beijing."""
        if unit.code == code or unit.level is Level.COUNTY:
            return Via.SELF
        return Via.PROVINCE if unit.level is Level.PROVINCIAL else Via.PREFECTURE

    def judged(self, query: str, span: int, period: int) -> Match:
        """The match of ``query`` to one division at one table, with the verdict the build made."""
        fields = self._judged.get(span * _TABLES + period)
        if fields is None:
            fields = self._judge(span, period)
        return judged_match(query, fields)

    def _judge(self, span: int, period: int) -> _Judged:
        """The fields of the Match of ``span`` at ``period`` but the query, made once and kept."""
        index = self.index
        rows = index.versions[span]
        row = rows[0]
        if len(rows) > 1:  # most divisions have one version (``DivisionIndex.version``, unboxed)
            for later in rows:
                if later[0] > period:
                    break
                row = later
        code = index.codes[span]
        label = index.periods[period]
        if code.endswith("0000"):
            full = index.names[span]
        else:  # ``full_name``, inlined
            parent = code[:2] if code.endswith("00") else code[:4]
            front = self._fronts[period].get(parent)
            full = (front if front is not None else self._front(span, period, parent)) + index.names[span]
        status = _STATUSES[row[1]]
        seqs = row[2]
        if seqs:
            units = main_first(tuple([self.units[seq - 1] for seq in seqs]), code)
            unit: PilotUnit | None = units[0]
            via = Via.SELF if status is MatchStatus.PILOT else self.via(units[0], code)
        else:
            units, unit, via = (), None, None
        reason = f"{full} ({code}, {label} table){row[3] or NOT_PILOT_DETAIL}"
        fields = self._judged[span * _TABLES + period] = (status, unit, via, code, full, label, reason, units)
        return fields

    def full_name(self, span: int, period: int) -> str:
        """``DivisionIndex.full_name``, its parents' part kept per parent and table.

        A prefecture's or province's name at a table is the front of the full names of all its
        divisions there: made once per parent, not once per division.
        """
        code = self.index.codes[span]
        if code.endswith("0000"):
            return self.index.names[span]
        parent = code[:2] if code.endswith("00") else code[:4]
        front = self._fronts[period].get(parent)
        return (front if front is not None else self._front(span, period, parent)) + self.index.names[span]

    def _front(self, span: int, period: int, parent: str) -> str:
        whole = self.index.full_name(span, period)
        front = self._fronts[period][parent] = whole[: len(whole) - len(self.index.names[span])]
        return front

    def bureau(self, query: str, unit: PilotUnit) -> Match:
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
            units=(unit,),
        )

    def ambiguous(self, query: str, spans: list[int], period: int) -> Match:
        key = (*spans, -period - 1)  # the table after the spans, marked negative
        made = self._ambiguous.get(key)
        if made is None:
            index = self.index
            label = index.periods[period]
            candidates = tuple(
                Division(code=index.codes[i], name=index.names[i], full_name=self.full_name(i, period), period=label)
                for i in spans
            )
            listed = ", ".join(f"{c.full_name} ({c.code}, {c.period})" for c in candidates[:_MAX_LISTED])
            more = f" and {len(candidates) - _MAX_LISTED} more" if len(candidates) > _MAX_LISTED else ""
            fit = f"{len(candidates)} divisions of {self.table(period)} fit"
            made = self._ambiguous[key] = (candidates, f"{fit}: {listed}{more}; give province= or prefecture=")
        return Match(
            query=query,
            status=MatchStatus.AMBIGUOUS,
            unit=None,
            via=None,
            code=None,
            name=None,
            period=None,
            candidates=made[0],
            reason=made[1],
        )

    def not_found(self, query: str, spans: Sequence[int], found: Sequence[int], period: int | None) -> Match:
        shown = query.strip()[:40]
        if period is not None and spans:
            first = spans[0]
            same = [i for i in spans if self.index.codes[i] == self.index.codes[first]]
            years = " and ".join(self.years(i) for i in same[:3])
            elsewhere = f"{self.index.names[first]} ({self.index.codes[first]}) is in {years}"
            return unknown(query, f"no division of {self.table(period)} is called {shown!r}; {elsewhere}")
        if found and not spans:
            return unknown(query, f"no division called {shown!r} lies in the province or prefecture given")
        where = self.table(period) if period is not None else "the tables of 2000-2024"
        return unknown(query, f"no division of {where} is called {shown!r}")

    def zone(self, query: str, code: str, period: int | None) -> Match:
        """A six-digit code no table has: NBS statistical zones (xxxx7x) are read by their prefecture."""
        if code[4] != "7":
            return unknown(query, f"no division of the tables of 2000-2024 has the code {code}")
        at = self.index.notice if period is None else period
        for candidate in (code[:4] + "00", code[:2] + "0000"):
            alive = [i for i in self.index.lookup(candidate) or () if i >= 0 and self.index.alive(i, at)]
            if alive:
                return self.zone_of(query, alive[:1], at, code)
        label = self.index.periods[at]
        return unknown(query, f"{code} is no division's code, and no prefecture {code[:4]}00 is in the {label} table")

    def zone_of(self, query: str, parents: Sequence[int], at: int, code: str | None = None) -> Match:
        """A statistical zone (by ``code``, or by a name led by its prefecture's) inside one of ``parents``.

        The zone lies inside its prefecture, so the prefecture decides where it can: all of a
        pilot prefecture (or Beijing) is covered, a prefecture with no pilot land is not_pilot.
        """
        index = self.index
        label = index.periods[at]
        what = code or repr(query.strip()[:40])
        if len(parents) > 1:
            listed = ", ".join(f"{self.full_name(i, at)} ({index.codes[i]})" for i in parents[:_MAX_LISTED])
            return Match(
                query=query,
                status=MatchStatus.AMBIGUOUS,
                unit=None,
                via=None,
                code=None,
                name=None,
                period=None,
                candidates=tuple(
                    Division(code=index.codes[i], name=index.names[i], full_name=self.full_name(i, at), period=label)
                    for i in parents
                ),
                reason=f"{what} reads as a statistical zone of any of {listed} ({label} table); "
                "give province= or prefecture=",
            )
        parent = parents[0]
        version = index.version(parent, at)
        whole = self.full_name(parent, at)
        whose = f"{what} is a statistical zone of {whole} ({index.codes[parent]}, {label} table)"
        held = main_first(tuple(self.units[seq - 1] for seq in version.units), index.codes[parent])
        unit = held[0] if held else None
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
                units=held,
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
        return unknown(
            query,
            f"{whose}, which holds pilot land and other land; the code tables do not say which the zone lies in",
        )

    def namesakes(self, query: str, divisions: Sequence[Sequence[int]], chosen: Sequence[int], at: int) -> Match:
        """A lossy key that several divisions of the tables 2000-2024 have had: each with its years."""
        index = self.index
        shown: list[tuple[int, int]] = []
        for spans in divisions:
            alive = [i for i in spans if i in chosen]
            if alive:
                shown.extend((i, at) for i in alive)
            else:  # its nearest table to the one read
                i = max(spans, key=lambda span: (index.last[span] < at, -abs(index.last[span] - at)))
                shown.append((i, index.last[i] if index.last[i] < at else index.first[i]))
        candidates = tuple(
            Division(code=index.codes[i], name=index.names[i], full_name=self.full_name(i, p), period=index.periods[p])
            for i, p in shown
        )
        listed = ", ".join(
            f"{c.full_name} ({c.code}, {self.years(i)})"
            for c, (i, _p) in zip(candidates[:_MAX_LISTED], shown, strict=False)
        )
        more = f" and {len(candidates) - _MAX_LISTED} more" if len(candidates) > _MAX_LISTED else ""
        return Match(
            query=query,
            status=MatchStatus.AMBIGUOUS,
            unit=None,
            via=None,
            code=None,
            name=None,
            period=None,
            candidates=candidates,
            reason=f"{len(divisions)} divisions of the tables 2000-2024 read {query.strip()[:40]!r} alike: "
            f"{listed}{more}; give province=, prefecture=, level= or the name in characters",
        )

    def table(self, period: int) -> str:
        """'the July 2015 table' (the notice date), 'the 2020 table' (a year's end)."""
        return f"the {self.label(period)} table"

    def years(self, span: int) -> str:
        """'the 2014 table', 'the tables from 2000 to July 2015'."""
        first, last = self.index.first[span], self.index.last[span]
        if first == last:
            return self.table(first)
        return f"the tables from {self.label(first)} to {self.label(last)}"

    def label(self, period: int) -> str:
        return "July 2015" if period == self.index.notice else self.index.periods[period]


def main_first(units: tuple[PilotUnit, ...], code: str) -> tuple[PilotUnit, ...]:
    """The units a division holds land of, the one it is under its own code first.

    A unit that took in land of another keeps its code (中宁县, 640521, holds part of 青铜峡市
    in 2020): its own land is the division's main part. The tables give no areas to weigh
    otherwise, so the others keep the attachment's order.
    """
    for i, unit in enumerate(units):
        if unit.code == code and i:
            return (unit, *units[:i], *units[i + 1 :])
    return units


def unknown(query: str, reason: str) -> Match:
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


MISSING_NAME: Final = unknown("", "missing value")
