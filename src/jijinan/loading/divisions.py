"""The division index, as built at build time and loaded once: divisions, their verdicts, their keys.

Internal. A *span* is one division under one code and name for a run of tables; tables
are numbered in time order (``periods``: the end of each year 2000-2014, the notice
date ``2015-07``, the end of each year 2015-2024). At each table a span has a *version*:
its full name, its status relative to the pilot, the units involved and the words of
the reason, all decided at build time by the rules of ``jijinan.matching.status``.

Spans are kept as the parallel lists the JSON holds, not as objects: there are some
7,000, and a lookup touches one or two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from jijinan._sealed import Sealed

__all__ = ["DivisionIndex", "Keys", "Version", "check", "check_all", "check_keys"]

Keys = dict[str, "int | list[int]"]
"""Normalised key -> one span (an int) or several (a list); ``-seq`` for a unit with no division."""

FIRST_YEAR: Final = 2000
NOTICE_YEAR: Final = 2015
LAST_YEAR: Final = 2024


class Version(NamedTuple):
    """A span at one table: what is said of it there."""

    period: int
    """The first table of this version."""
    status: str
    units: tuple[int, ...]
    """Positions (1-300) of the pilot units involved, in the attachment's order."""
    detail: str
    """The reason's words after the division's name and code ('' for not_pilot)."""


class DivisionIndex(Sealed):
    """Every division of the tables 2000-2024 and every key it is found under."""

    __slots__ = (
        "_keys",
        "_more",
        "_parents",
        "_tables",
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
    periods: tuple[str, ...]
    notice: int
    codes: tuple[str, ...]
    names: tuple[str, ...]
    first: tuple[int, ...]
    last: tuple[int, ...]
    versions: tuple[list[list[Any]], ...]
    keys: Mapping[str, int | list[int]]
    """The keys most lookups need: codes, names, short names, the units' spellings."""
    provinces: Mapping[str, frozenset[str]]
    prefectures: Mapping[str, frozenset[str]]
    longest: int
    _keys: Keys
    _more: Callable[[str], Keys]
    _tables: dict[str, Keys]
    _parents: dict[str, tuple[int, ...]] | None

    def __init__(self, divisions: Mapping[str, Any], index: Mapping[str, Any], more: Callable[[str], Keys]) -> None:
        # Columns are tuples and tables read-only views: nothing reachable here can change an answer.
        setattr_ = object.__setattr__
        setattr_(self, "periods", tuple(divisions["periods"]))
        setattr_(self, "notice", divisions["notice"])
        for column in ("codes", "names", "first", "last", "versions"):
            setattr_(self, column, tuple(divisions[column]))
        # The keys most lookups need; the romanised keys ("latin") and the names joined to their
        # parents ("spellings") are loaded by ``more`` the first time a key is not found without them.
        setattr_(self, "keys", MappingProxyType(index["keys"]))
        setattr_(self, "_keys", index["keys"])  # the dict behind ``keys``, for ``lookup``: a view's get costs more
        setattr_(self, "_more", more)
        setattr_(self, "_tables", {})
        setattr_(self, "_parents", None)  # code of a province or prefecture -> its spans, made on first use
        setattr_(self, "provinces", MappingProxyType({k: frozenset(v) for k, v in index["provinces"].items()}))
        setattr_(self, "prefectures", MappingProxyType({k: frozenset(v) for k, v in index["prefectures"].items()}))
        setattr_(self, "longest", index["longest"])

    def __len__(self) -> int:
        return len(self.codes)

    def more_keys(self, table: str) -> Mapping[str, int | list[int]]:
        """The keys of ``latin`` (romanised) or ``spellings`` (joined to parents), loaded on first use."""
        found = self._tables.get(table)
        if found is None:  # a race only loads the same table twice
            found = self._tables[table] = self._more(table)
        return MappingProxyType(found)

    def lookup(self, key: str) -> tuple[int, ...] | None:
        """The spans (or ``-seq`` of a unit with no division) a normalised key names, or None."""
        found = self.find(key)
        if found is None:
            return None
        return (found,) if type(found) is int else tuple(found)  # type: ignore[arg-type]

    def find(self, key: str) -> int | list[int] | None:
        """``lookup`` as the index holds it: one span (an int), several (a list, not to be changed), or None."""
        found = self._keys.get(key)
        if found is None and not key.isdigit():
            table = "latin" if key.isascii() else "spellings"
            more = self._tables.get(table)
            if more is None:  # a race only loads the same table twice
                more = self._tables[table] = self._more(table)
            found = more.get(key)
        return found

    def alive(self, span: int, period: int) -> bool:
        return self.first[span] <= period <= self.last[span]

    def version(self, span: int, period: int) -> Version:
        """What is said of ``span`` at ``period`` (which must be one of its tables)."""
        rows = self.versions[span]
        found = rows[0]
        if len(rows) > 1:  # most divisions have one version
            for row in rows:
                if row[0] > period:
                    break
                found = row
        return Version(found[0], found[1], tuple(found[2]), found[3])

    def full_name(self, span: int, period: int) -> str:
        """Province, prefecture and name joined, as in force at ``period`` (北京市东城区, 河南省鹤壁市浚县)."""
        code = self.codes[span]
        if code.endswith("0000"):
            return self.names[span]
        parents = self._parents
        if parents is None:
            spans: dict[str, list[int]] = {}
            for i, other in enumerate(self.codes):
                if other.endswith("00"):
                    spans.setdefault(other, []).append(i)
            parents = {k: tuple(v) for k, v in spans.items()}
            object.__setattr__(self, "_parents", parents)
        parts = []
        for parent in (code[:2] + "0000", code[:4] + "00") if not code.endswith("00") else (code[:2] + "0000",):
            for i in parents.get(parent, ()):
                if self.first[i] <= period <= self.last[i]:
                    parts.append(self.names[i])
                    break
        return "".join(parts) + self.names[span]

    def at(self, period: int) -> Iterator[int]:
        """The spans in force at ``period``, in code order."""
        return (i for i in range(len(self.codes)) if self.first[i] <= period <= self.last[i])

    def period_of_year(self, year: int) -> int:
        """The table at the end of ``year`` (2015's year-end table comes after the notice date's)."""
        return year - FIRST_YEAR if year < NOTICE_YEAR else year - FIRST_YEAR + 1

    def search_order(self) -> Sequence[int]:
        """Tables to read a name in when no year is given: the notice date, later ones, then earlier ones."""
        return [self.notice, *range(self.notice + 1, len(self.periods)), *range(self.notice - 1, -1, -1)]


_COLUMNS = ("codes", "names", "first", "last", "versions")


def check(divisions: Any, index: Any) -> None:
    """Raise ``ValueError`` or ``TypeError`` unless the two payloads have the shape this module reads.

    Cheap, for every load (the checksums already vouch that the files are the build's):
    the top level, the lengths of the columns, and the types of the first and last span.
    ``check_all`` checks every span and every key, for the build and the tests.
    """
    if not isinstance(divisions, dict) or set(divisions) != {"periods", "notice", *_COLUMNS}:
        raise ValueError(f"divisions.json: expected the keys periods, notice, {', '.join(_COLUMNS)}")
    if not isinstance(index, dict) or set(index) != {"keys", "provinces", "prefectures", "longest"}:
        raise ValueError("index.json: expected the keys keys, provinces, prefectures, longest")
    periods = divisions["periods"]
    if not (isinstance(periods, list) and all(type(p) is str for p in periods)):
        raise TypeError("divisions.json: periods must be a list of str")
    if type(divisions["notice"]) is not int or not 0 <= divisions["notice"] < len(periods):
        raise ValueError("divisions.json: notice must index periods")
    columns = [divisions[c] for c in _COLUMNS]
    if not all(isinstance(c, list) for c in columns) or len({len(c) for c in columns}) != 1 or not columns[0]:
        raise ValueError("divisions.json: the span columns must be lists of one length")
    for span in (0, len(columns[0]) - 1):
        _check_span(divisions, span, len(periods))
    if not isinstance(index["keys"], dict) or type(index["longest"]) is not int:
        raise TypeError("index.json: keys must be an object, longest an int")


def check_all(divisions: Any, index: Any, more: Mapping[str, Any]) -> None:
    """``check``, then every span's fields and every key's targets."""
    check(divisions, index)
    count = len(divisions["periods"])
    for span in range(len(divisions["codes"])):
        _check_span(divisions, span, count)
    spans = len(divisions["codes"])
    check_keys(index["keys"], spans, "index.json")
    for name, keys in more.items():
        check_keys(keys, spans, f"{name}.json")


def _check_span(divisions: Any, span: int, periods: int) -> None:
    code, name, first, last, versions = (divisions[c][span] for c in _COLUMNS)
    if not (
        type(code) is str
        and len(code) == 6
        and type(name) is str
        and type(first) is int
        and type(last) is int
        and 0 <= first <= last < periods
        and type(versions) is list
        and versions
        and versions[0][0] == first
        and all(
            type(v) is list and len(v) == 4 and type(v[1]) is str and type(v[2]) is list and type(v[3]) is str
            for v in versions
        )
    ):
        raise ValueError(f"divisions.json: malformed span {span}: {code!r:.10} {name!r:.20}")


def check_keys(keys: Any, spans: int, where: str) -> None:
    """Raise ``ValueError`` unless ``keys`` maps str to span indexes (int, or a list of them)."""
    if not isinstance(keys, dict):
        raise TypeError(f"{where}: keys must be an object")
    bad = [
        k
        for k, ids in keys.items()
        if not (
            (type(ids) is int and -300 <= ids < spans)
            or (type(ids) is list and ids and all(type(i) is int and -300 <= i < spans for i in ids))
        )
    ]
    if bad:
        raise ValueError(f"{where}: keys pointing at no division: {bad[:3]}")
