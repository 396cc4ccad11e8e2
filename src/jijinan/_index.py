"""The division index, as built at build time and loaded once: divisions, their verdicts, their keys.

Internal. A *span* is one division under one code and name for a run of tables; tables
are numbered in time order (``periods``: the end of each year 2000-2014, the notice
date ``2015-07``, the end of each year 2015-2024). At each table a span has a *version*:
its full name, its status relative to the pilot, the units involved and the words of
the reason, all decided at build time by the rules of :mod:`jijinan._status`.

Spans are kept as the parallel lists the JSON holds, not as objects: there are some
7,000, and a lookup touches one or two.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final, NamedTuple

__all__ = ["DivisionIndex", "Version"]

FIRST_YEAR: Final = 2000
NOTICE_YEAR: Final = 2015
LAST_YEAR: Final = 2024


class Version(NamedTuple):
    """A span at one table: what is said of it there."""

    period: int
    """The first table of this version."""
    full_name: str
    status: str
    units: tuple[int, ...]
    """Positions (1-300) of the pilot units involved, in the attachment's order."""
    detail: str
    """The reason's words after the division's name and code ('' for not_pilot)."""


class DivisionIndex:
    """Every division of the tables 2000-2024 and every key it is found under."""

    __slots__ = (
        "codes",
        "first",
        "keys",
        "last",
        "longest",
        "names",
        "notice",
        "periods",
        "prefectures",
        "provinces",
        "versions",
    )

    def __init__(self, divisions: Mapping[str, Any], index: Mapping[str, Any]) -> None:
        self.periods: tuple[str, ...] = tuple(divisions["periods"])
        self.notice: int = divisions["notice"]
        spans = divisions["spans"]
        self.codes: list[str] = [s[0] for s in spans]
        self.names: list[str] = [s[1] for s in spans]
        self.first: list[int] = [s[2] for s in spans]
        self.last: list[int] = [s[3] for s in spans]
        self.versions: list[list[list[Any]]] = [s[4] for s in spans]
        self.keys: dict[str, list[int]] = index["keys"]
        self.provinces: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in index["provinces"].items()}
        self.prefectures: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in index["prefectures"].items()}
        self.longest: int = index["longest"]

    def __len__(self) -> int:
        return len(self.codes)

    def alive(self, span: int, period: int) -> bool:
        return self.first[span] <= period <= self.last[span]

    def version(self, span: int, period: int) -> Version:
        """What is said of ``span`` at ``period`` (which must be one of its tables)."""
        found = self.versions[span][0]
        for row in self.versions[span]:
            if row[0] > period:
                break
            found = row
        return Version(found[0], found[1], found[2], tuple(found[3]), found[4])

    def at(self, period: int) -> Iterator[int]:
        """The spans in force at ``period``, in code order."""
        return (i for i in range(len(self.codes)) if self.first[i] <= period <= self.last[i])

    def period_of_year(self, year: int) -> int:
        """The table a year reads in: the notice date for 2015, the year's end otherwise."""
        if year == NOTICE_YEAR:
            return self.notice
        return year - FIRST_YEAR if year < NOTICE_YEAR else year - FIRST_YEAR + 1

    def search_order(self) -> Sequence[int]:
        """Tables to read a name in when no year is given: the notice date, later ones, then earlier ones."""
        return [self.notice, *range(self.notice + 1, len(self.periods)), *range(self.notice - 1, -1, -1)]


def check(divisions: Any, index: Any) -> None:
    """Raise ``ValueError`` or ``TypeError`` unless the two payloads have the shape this module reads.

    Cheap enough for every load: types of the top level and of every span row's fields.
    """
    if not isinstance(divisions, dict) or set(divisions) != {"periods", "notice", "spans"}:
        raise ValueError("divisions.json: expected the keys periods, notice, spans")
    if not isinstance(index, dict) or set(index) != {"keys", "provinces", "prefectures", "longest"}:
        raise ValueError("index.json: expected the keys keys, provinces, prefectures, longest")
    periods = divisions["periods"]
    if not (isinstance(periods, list) and all(type(p) is str for p in periods)):
        raise TypeError("divisions.json: periods must be a list of str")
    if type(divisions["notice"]) is not int or not 0 <= divisions["notice"] < len(periods):
        raise ValueError("divisions.json: notice must index periods")
    spans = divisions["spans"]
    count = len(periods)
    for row in spans:
        code, name, first, last, versions = row
        if not (
            type(code) is str
            and len(code) == 6
            and type(name) is str
            and type(first) is int
            and type(last) is int
            and 0 <= first <= last < count
            and versions
            and versions[0][0] == first
        ):
            raise ValueError(f"divisions.json: malformed span {row!r:.120}")
    if not all(isinstance(v, list) for v in index["keys"].values()):
        raise TypeError("index.json: keys must map to lists")
    top = len(spans)
    bad = [k for k, ids in index["keys"].items() if not all(type(i) is int and -300 <= i < top for i in ids)]
    if bad:
        raise ValueError(f"index.json: keys pointing at no division: {bad[:3]}")
