"""NBS's statistical zones and NBS's own codes, read by what the code tables say of them.

A zone (开发区, 新区, 管理区 …; a code whose fifth digit is 7) is no division of the code tables
but lies inside its prefecture, so the prefecture decides where it can; its name is led by the
prefecture's (石家庄高新技术产业开发区). Two of NBS's codes that GB/T 2260 writes otherwise follow
rules the tables show: a code NBS kept for a division the tables recoded under the same name
(儋州市 469003 -> 460400), and ``PPCC01`` for a city without county-level divisions (嘉峪关市
620200). A mixin of ``Matcher``, which supplies the index, the answers and the namesake rule.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from jijinan.loading.divisions import DivisionIndex
from jijinan.matching.answers import Answers
from jijinan.matching.namesakes import divisions_of
from jijinan.matching.reading import is_zone_word, prefix_readings
from jijinan.records import Match

__all__ = ["NbsCodes"]

Hints = frozenset[str] | None


class NbsCodes:
    """Reading zones by name and NBS's own codes, over a matcher's index and answers."""

    __slots__ = ()
    index: DivisionIndex
    answers: Answers
    _parents: frozenset[str]

    def _zone_name(self, name: str, key: str, provinces: Hints, prefectures: Hints, period: int | None) -> Match | None:
        """An NBS statistical zone named after its prefecture (石家庄高新技术产业开发区), or None."""
        index = self.index
        at = index.notice if period is None else period
        zones = [
            r for r in prefix_readings(key, index.provinces, index.prefectures, index.longest) if is_zone_word(r.rest)
        ]
        shortest = min((len(r.rest) for r in zones), default=0)  # the longest prefix read is the zone's parent
        parents: list[int] = []
        for reading in zones:
            if len(reading.rest) != shortest:
                continue
            for d in sorted(reading.prefectures or reading.provinces or ()):
                code = d + "00" if len(d) == 4 else d + "0000"
                for i in index.lookup(code) or ():
                    if i >= 0 and index.alive(i, at) and _fits(code, provinces, prefectures) and i not in parents:
                        parents.append(i)
        if not parents:
            return None
        return self.answers.zone_of(name, parents, at)

    def _recoded(self, query: str, code: str, spans: Sequence[int], period: int) -> Match | None:
        """A code no longer in the table read, of a division that is there under another code and
        the same name (儋州市 469003, which NBS kept, is 460400 from 2015), or None."""
        index = self.index
        later = [
            i
            for span in spans
            for i in index.lookup(index.names[span]) or ()
            if i >= 0 and i != span and index.alive(i, period) and index.names[i] == index.names[span]
        ]
        same = [i for i in dict.fromkeys(later) if len(divisions_of(index, [*spans, i], self._parents)) == 1]
        if len(same) != 1:
            return None
        found = self.answers.judged(query, same[0], period)
        was = self.answers.years(spans[0])
        return attrs.evolve(found, reason=f"{code} is the code of {index.names[spans[0]]} in {was}; {found.reason}")

    def _city_itself(self, query: str, code: str, period: int | None) -> Match | None:
        """NBS's PPCC01 for a prefecture-level city that has no county-level divisions (嘉峪关市 620200
        is NBS's 620201), read as the city; or None."""
        if code[4:] != "01" or code[:4] in self._parents:
            return None
        city = code[:4] + "00"
        at = self.index.notice if period is None else period
        alive = [i for i in self.index.lookup(city) or () if i >= 0 and self.index.alive(i, at)]
        if len(alive) != 1:
            return None
        found = self.answers.judged(query, alive[0], at)
        note = f"{code} is no division's code; {city}, a city without county-level divisions, is read for it: "
        return attrs.evolve(found, reason=note + found.reason)


def _fits(code: str, provinces: Hints, prefectures: Hints) -> bool:
    return (provinces is None or code[:2] in provinces) and (prefectures is None or code[:4] in prefectures)
