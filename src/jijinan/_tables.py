"""The division tables behind coverage and matching, as the loader hands them over.

Internal: a division under one code and name is a ``Span`` of periods, and at
each period its area is an *origin*: which divisions of July 2015 it holds, all or
part of each. Periods are numbered 0 (July 2015, the notice date) to 10 (the end of
2024); period ``p >= 1`` is the end of year ``2014 + p``.
"""

from __future__ import annotations

import attrs

from jijinan.records import Approval

__all__ = ["NOTICE_PERIOD", "OriginPart", "Span", "Tables", "period_of_year"]

NOTICE_PERIOD = 0
FIRST_YEAR = 2015
LAST_YEAR = 2024


def period_of_year(year: int) -> int:
    """The period a year reads in: 2015 is the notice date (July 2015), later years their year-end."""
    return NOTICE_PERIOD if year == FIRST_YEAR else year - FIRST_YEAR + 1


@attrs.frozen
class OriginPart:
    """All (``whole``) or part of the area of one division of July 2015, by its code.

    A county-level code stands for that division; a prefecture- or province-level code
    for its land outside any county-level division.
    """

    code: str
    whole: bool
    approvals: tuple[int, ...]


@attrs.frozen
class Span:
    """One division under one code and name, in force from period ``first`` to ``last``."""

    code: str
    name: str
    first: int
    last: int
    versions: tuple[tuple[int, tuple[OriginPart, ...]], ...]
    """(period, origin) from the first period, and again at each period its area changed."""

    @property
    def county_level(self) -> bool:
        return not self.code.endswith("00")

    def alive(self, period: int) -> bool:
        return self.first <= period <= self.last

    def origin(self, period: int) -> tuple[OriginPart, ...]:
        found = self.versions[0][1]
        for start, parts in self.versions:
            if start > period:
                break
            found = parts
        return found


@attrs.frozen
class Tables:
    periods: tuple[str, ...]
    """Labels of the periods: ``"2015-07"``, ``"2015"`` … ``"2024"``."""
    approvals: tuple[Approval, ...]
    spans: tuple[Span, ...]
    pinyin: dict[str, tuple[str, ...]]
    """Name -> its toneless pinyin spellings, made at build time."""
