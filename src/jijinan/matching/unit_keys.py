"""The pilot units' own keys, for ``units.get``, the units any other spelling reads as, and the
closest units to a key that finds none.

Made once from ``unit_keys.json`` (normalised key -> unit positions, written at build time)
and the units themselves (by province, by attachment heading, province names).
"""

from __future__ import annotations

import types
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from jijinan.matching.reading import PROVINCE_SUFFIX, Normalizer, code_in
from jijinan.matching.romanised import is_romanised
from jijinan.records import PilotUnit

if TYPE_CHECKING:
    from jijinan.matching.matcher import Matcher

MAX_NAME_LENGTH = 100

__all__ = ["CANDIDATES", "UnitIndex", "closest", "units_read"]

CANDIDATES = 5
"""How many closest units a miss names at most."""


@attrs.frozen(kw_only=True)
class UnitIndex:
    units: tuple[PilotUnit, ...]
    normalize: Normalizer
    by_key: Mapping[str, tuple[PilotUnit, ...]]
    by_province: Mapping[str, tuple[PilotUnit, ...]]
    by_group: Mapping[str, tuple[PilotUnit, ...]]
    province_names: Mapping[str, str]  # normalised name or code -> province name

    @classmethod
    def build(cls, units: tuple[PilotUnit, ...], keys: Mapping[str, list[int]], normalize: Normalizer) -> UnitIndex:
        by_province: dict[str, list[PilotUnit]] = {}
        by_group: dict[str, list[PilotUnit]] = {}
        province_names: dict[str, str] = {}
        for unit in units:
            by_province.setdefault(unit.province, []).append(unit)
            by_group.setdefault(unit.group, []).append(unit)
            province_names[normalize(unit.province)] = unit.province
            province_names[normalize(PROVINCE_SUFFIX.sub("", unit.province))] = unit.province
            province_names[unit.province_code] = unit.province
        return cls(
            units=units,
            normalize=normalize,
            by_key=types.MappingProxyType({k: tuple(units[seq - 1] for seq in v) for k, v in keys.items()}),
            by_province=types.MappingProxyType({k: tuple(v) for k, v in by_province.items()}),
            by_group=types.MappingProxyType({k: tuple(v) for k, v in by_group.items()}),
            province_names=types.MappingProxyType(province_names),
        )


def shared_head(a: str, b: str) -> int:
    """How many leading characters ``a`` and ``b`` share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def closest(key: str, choices: Sequence[str]) -> list[str]:
    """The choices most like ``key``, best first.

    Chinese names carry their most distinctive part first (北安管理局 and 北安市 share
    北安), so a shared beginning ranks before overall similarity.
    """
    import difflib  # the error path only

    # Names are short: the front of a long key decides, and comparing all of a huge one
    # (200,000 characters of nonsense) against every choice would take seconds.
    key = key[:40]
    scored = []
    for choice in choices:
        head = shared_head(key, choice)
        ratio = difflib.SequenceMatcher(None, key, choice).ratio()
        if head >= 2 or ratio >= 0.5:
            scored.append((-min(head, 4), -ratio, choice))
    scored.sort()
    return [choice for _h, _r, choice in scored[: CANDIDATES * 3]]


def units_read(matcher: Matcher, name: str) -> tuple[list[PilotUnit], list[int]]:
    """The pilot units ``name`` may denote (read as ``match`` reads it, in every table), and its spans.

    A unit is found when a span the name reads as is that unit's own division (its code;
    万全区, the same land under a new code, is not the unit 万全县). The bureau with no
    division (北安管理局) is found by its keys.
    """
    index = matcher.index
    key = matcher.normalize(name[:MAX_NAME_LENGTH])
    if key in matcher.generic:
        return [], []
    code = code_in(key)
    found: Sequence[int] = index.lookup(key) or ()
    if not found:
        found = (index.lookup(code) or ()) if code is not None else matcher.by_prefixes(key)
    if found and found[0] < 0:
        return [matcher.units[-found[0] - 1]], []
    spans = list(found)
    if code is None:
        if key.isascii() or (key[0] < "\u2e80" and is_romanised(name)):
            spans = matcher.romanised(name, spans)
        spans += [i for i in matcher.by_prefixes(key) if i not in spans]
    out: list[PilotUnit] = []
    for i in spans:
        for row in index.versions[i]:
            unit = matcher.units[row[2][0] - 1] if row[1] == "pilot" and row[2] else None
            if unit is not None and unit.code == index.codes[i] and unit not in out:
                out.append(unit)
    return out, spans
