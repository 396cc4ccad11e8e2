"""Make the division table and lookup indexes the package ships, for scripts/build_data.py.

* ``divisions.json``: every division in force at any table from the end of 2000 to the
  end of 2024 (the notice date, July 2015, a table of its own), each with its full name
  and its verdict (status, units involved, the words of the reason) at every table where
  they change. The verdicts are the package's status rules (``stages.package.judge``) applied to the origins
  that scripts/stages/history.py works out, so the package answers without redoing that work.
* ``index.json``: normalised key -> divisions, for every way a division is written
  (code, name, short forms, with its parents, pinyin, the notice's own spellings), and
  the province and prefecture names that hints and prefixes are read with.
* ``unit_keys.json``: normalised key -> pilot units, for ``units.get``.

Keys are normalised with the package's own ``Normalizer`` (through ``stages.package``), so that a
query meets them exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from stages import place_names
from stages.history import ALL, LABELS, NOTICE, History, Record
from stages.package import GENERIC_WORDS, NOT_PILOT_DETAIL, Normalizer, judge

__all__ = [
    "division_spans",
    "divisions_payload",
    "index_payload",
    "pilot_area",
    "unit_keys_payload",
    "unit_spellings",
]

Unit = dict[str, Any]


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def pilot_area(history: History, units: list[Unit]) -> tuple[dict[str, int], dict[frozenset[str], int]]:
    """July-2015 code -> the unit containing it; each unit's July-2015 codes -> the unit."""
    july = {r.code: r for r in history.july}
    cover: dict[str, int] = {}
    exact: dict[frozenset[str], int] = {}
    for unit in units:
        if unit["code"] is None:
            continue  # the reclamation bureau: no division, no land in the tables
        area = history.full_origin(NOTICE, july[unit["code"]])
        if any(share != ALL for share, _a in area.values()):
            raise ValueError(f"unit {unit['name']} holds part of a July-2015 division at the notice date")
        exact[frozenset(area)] = unit["seq"]
        for code in area:
            if code in cover:
                raise ValueError(f"{code} lies in two pilot units: {cover[code]} and {unit['seq']}")
            cover[code] = unit["seq"]
    return cover, exact


class Parents:
    """The province and prefecture of a division at a table, by code."""

    def __init__(self, history: History) -> None:
        self._history = history
        self._by_code = [{r.code: r for r in alive} for alive in history.alive]

    def of(self, period: int, record: Record) -> list[str]:
        """Names of the province and (for a county-level division) prefecture in force, then its own."""
        names = []
        table = self._by_code[period]
        if not record.code.endswith("0000"):
            province = table.get(record.code[:2] + "0000")
            if province is not None:
                names.append(self._history.name_at(period, province))
            if record.county_level:
                prefecture = table.get(record.code[:4] + "00")
                if prefecture is not None:
                    names.append(self._history.name_at(period, prefecture))
        return [*names, self._history.name_at(period, record)]


def division_spans(history: History, units: list[Unit]) -> tuple[list[list[Any]], dict[int, set[str]]]:
    """The rows of divisions.json, and for each row the spellings of it with its parents.

    A row is ``[code, name, first, last, versions]``: one division under one code and name
    for a run of tables, and ``versions`` = ``[table, status, units, detail]`` from its first
    table and again wherever one of those changes. (Full names are not stored: the package
    joins them from the parents in force, as ``Parents.of`` does here.)
    """
    cover, exact = pilot_area(history, units)
    july_names = {r.code: history.name_at(NOTICE, r) for r in history.july}
    unit_words = {u["seq"]: (u["full_name"], u["code"]) for u in units}
    parents = Parents(history)
    spans: list[list[Any]] = []
    spellings: dict[int, set[str]] = {}
    open_spans: dict[tuple[int, str], int] = {}
    for period in range(len(LABELS)):
        for record in history.alive[period]:
            name = history.name_at(period, record)
            chain = parents.of(period, record)
            origin = {code: share == ALL for code, (share, _a) in history.full_origin(period, record).items()}
            verdict = judge(
                origin, cover=cover, exact=exact, names=july_names, units=unit_words, code=record.code, name=name
            )
            detail = "" if verdict.detail == NOT_PILOT_DETAIL else verdict.detail
            row = [verdict.status, list(verdict.units), detail]
            key = (record.uid, name)
            index = open_spans.get(key)
            if index is None or spans[index][3] != period - 1:
                index = open_spans[key] = len(spans)
                spans.append([record.code, name, period, period, [[period, *row]]])
                spellings[index] = set()
            span = spans[index]
            span[3] = period
            if span[4][-1][1:] != row:
                span[4].append([period, *row])
            spellings[index] |= _with_parents(chain)
    return spans, spellings


def _with_parents(chain: list[str]) -> set[str]:
    """河南省鹤壁市浚县 from [河南省, 鹤壁市, 浚县]: the spelling of whole county lists (NBS's).

    Other prefixed spellings (鹤壁市浚县, 河南浚县) are read by their prefixes at run time.
    """
    return {"".join(chain)} if len(chain) > 1 else set()


class Keys:
    """normalised key -> ids, in the order added, each id once."""

    def __init__(self, normalize: Callable[[str], str]) -> None:
        self._normalize = normalize
        self.table: dict[str, list[int]] = {}

    def add(self, text: str, value: int) -> None:
        key = self._normalize(text)
        if not key or key in GENERIC_WORDS:
            return  # 全市 and its like name no division by themselves
        bucket = self.table.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)


def unit_spellings(unit: Unit) -> set[str]:
    """Every spelling under which the pilot unit is found: as printed, as corrected, with its parents."""
    prefixes = {"", unit["province"]}
    if unit["prefecture"]:
        prefixes |= {unit["prefecture"], unit["province"] + unit["prefecture"]}
    names = {unit["name"], unit["published_name"]}
    keys = {p + n for p in prefixes for n in names}
    keys |= {unit["full_name"], unit["name_hant"], unit["published_name_hant"], unit["received_name"]}
    keys.add(unit["name_pinyin"])  # the bureau has no division to lend it its pinyin
    keys.add(unit["group"] + unit["published_name"])
    if unit["code"] is not None:
        keys.add(unit["code"])
    return keys


def index_payload(
    spans: list[list[Any]],
    spellings: dict[int, set[str]],
    *,
    units: list[Unit],
    pinyin: dict[str, list[str]],
    normalize: Normalizer,
    misconversions: Callable[[str], set[str]],
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The content of index.json, and of the key tables loaded on first use.

    index.json holds the keys most lookups need (codes, names, short names, the units'
    spellings); ``latin`` the romanised keys, ``spellings`` the names joined to their
    parents (河南省鹤壁市浚县), each loaded only when a key is not found before it.
    ``misconversions`` gives the traditional spellings a converter errs into (江乾區 for
    江干区), which data converted with it carries: they are keys too.
    """
    keys = Keys(normalize)
    joined = Keys(normalize)
    provinces: dict[str, set[str]] = {}
    prefectures: dict[str, set[str]] = {}
    for i, (code, name, _first, _last, _versions) in enumerate(spans):
        level = level_of(code)
        forms = {code, name, *place_names.short_forms(name, level)}
        for form in sorted(forms | set(pinyin.get(name, ())) | misconversions(name)):
            keys.add(form, i)
        for form in sorted(spellings[i] | {wrong for text in spellings[i] for wrong in misconversions(text)}):
            joined.add(form, i)
        if level == "province":
            for form in forms | set(pinyin.get(name, ())):
                provinces.setdefault(normalize(form), set()).add(code[:2])
        if level == "prefecture" or (level == "province" and name.endswith("市")):
            # a municipality stands where a prefecture would (prefecture="北京市")
            digits = code[:4] if level == "prefecture" else code[:2]
            for form in forms | set(pinyin.get(name, ())):
                prefectures.setdefault(normalize(form), set()).add(digits)
    july = {code: i for i, (code, _n, first, last, _v) in enumerate(spans) if first <= NOTICE <= last}
    for unit in units:
        target = -unit["seq"] if unit["code"] is None else july[unit["code"]]
        for spelling in sorted(unit_spellings(unit)):
            keys.add(spelling, target)
    # A municipality's "prefecture" digits are its two: widen them to its four-digit prefixes.
    four = {code[:4] for code, *_rest in spans if not code.endswith("00")}
    prefectures = {
        k: {p for d in v for p in (four_of(d, four) if len(d) == 2 else {d})} for k, v in prefectures.items()
    }
    longest = max(len(k) for table in (provinces, prefectures) for k in table)
    # A joined spelling that is also a main key (a unit's 河北省邢台市桥东区) stays one key there.
    for key, ids in joined.table.items():
        if key in keys.table:
            keys.table[key] += [i for i in ids if i not in keys.table[key]]
    index = {
        "keys": {k: _compact(v) for k, v in keys.table.items() if not _latin(k)},
        "provinces": {k: sorted(v) for k, v in sorted(provinces.items())},
        "prefectures": {k: sorted(v) for k, v in sorted(prefectures.items())},
        "longest": longest,
    }
    more = {
        "latin": {k: _compact(v) for k, v in keys.table.items() if _latin(k)},
        "spellings": {k: _compact(v) for k, v in joined.table.items() if k not in keys.table},
    }
    return index, more


def _latin(key: str) -> bool:
    """Romanised keys go to their own table, loaded only when a romanised name is read."""
    return key.isascii() and not key.isdigit()


def _compact(ids: list[int]) -> int | list[int]:
    return ids[0] if len(ids) == 1 else ids


def four_of(two: str, four: Iterable[str]) -> set[str]:
    return {f for f in four if f.startswith(two)}


def unit_keys_payload(units: list[Unit], normalize: Normalizer) -> dict[str, list[int]]:
    """The content of unit_keys.json: normalised key -> unit positions."""
    keys = Keys(normalize)
    for unit in units:
        for spelling in sorted(unit_spellings(unit)):
            keys.add(spelling, unit["seq"])
    # units.get is for the 300 units alone: the notice's own 全市 finds Beijing there.
    for unit in units:
        if unit["published_name"] in GENERIC_WORDS:
            keys.table.setdefault(normalize(unit["published_name"]), []).append(unit["seq"])
    return keys.table


def divisions_payload(spans: list[list[Any]]) -> dict[str, Any]:
    """The content of divisions.json: the spans as columns (one list per field), which load faster."""
    columns = ("codes", "names", "first", "last", "versions")
    return {
        "periods": list(LABELS),
        "notice": NOTICE,
        **{column: [span[i] for span in spans] for i, column in enumerate(columns)},
    }
