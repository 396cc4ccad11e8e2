"""The pilot units' own keys, for ``units.get``, and the closest units to a key that finds none.

Made once from ``unit_keys.json`` (normalised key -> unit positions, written at build time)
and the units themselves (by province, by attachment heading, province names).
"""

from __future__ import annotations

import types
from collections.abc import Mapping, Sequence

import attrs

from jijinan.matching.reading import PROVINCE_SUFFIX, Normalizer
from jijinan.records import PilotUnit

__all__ = ["CANDIDATES", "UnitIndex", "closest"]

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

    scored = []
    for choice in choices:
        head = shared_head(key, choice)
        ratio = difflib.SequenceMatcher(None, key, choice).ratio()
        if head >= 2 or ratio >= 0.5:
            scored.append((-min(head, 4), -ratio, choice))
    scored.sort()
    return [choice for _h, _r, choice in scored[: CANDIDATES * 3]]
