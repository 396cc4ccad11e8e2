"""The status rules: what a division's land says about the pilot.

A division's *origin* is the divisions of July 2015 (the notice date) whose land it holds,
all of each or part. The pilot's area is the land of the 300 units at that date: a
county-level unit's own land, a prefecture-level unit's land with every county-level
division in it, Beijing's with all of its districts. Then:

* ``pilot``: the division holds exactly one unit's land, all of it and nothing else;
* ``covered``: all of its land lay in the pilot's area, but it is not exactly a unit;
* ``partial``: some of its land lay in the pilot's area and some did not;
* ``not_pilot``: none of it did;
* ``unknown``: the code history records no origin for its land.

The build applies these rules to every division of every table (scripts/build_data.py
imports this module) and ships the verdicts; this module is the one place they are
written, so a study can cite them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, NamedTuple

__all__ = ["NOT_PILOT_DETAIL", "Verdict", "judge"]

NOT_PILOT_DETAIL: Final = ": none of its area was in the pilot at the notice date"
_MAX_LISTED = 4


class Verdict(NamedTuple):
    """A status, the units involved (attachment order) and the words that say why."""

    status: str
    units: tuple[int, ...]
    detail: str
    """What follows the division's name and code in a reason: ': none of its area …', ' is pilot unit …'."""


def judge(
    origin: Mapping[str, bool],
    *,
    cover: Mapping[str, int],
    exact: Mapping[frozenset[str], int],
    names: Mapping[str, str],
    units: Mapping[int, tuple[str, str | None]],
    code: str,
    name: str,
) -> Verdict:
    """The verdict on one division.

    Args:
        origin: July-2015 code -> whether the division holds all (True) or part (False) of it.
        cover: July-2015 code -> the unit (by position) whose land contains it.
        exact: the July-2015 codes of each unit's land -> that unit.
        names: July-2015 code -> its name, and whether it is county-level (for the words).
        units: unit position -> (full name, code) for the words.
        code, name: the division judged (a unit's own code and name make it "is" that unit).
    """
    if not origin:
        return Verdict("unknown", (), ": the code history records no origin for its area")
    inside = {c: whole for c, whole in origin.items() if c in cover}
    involved = tuple(sorted({cover[c] for c in inside}))
    if not inside:
        return Verdict("not_pilot", (), NOT_PILOT_DETAIL)
    if len(inside) < len(origin):
        outside = {c: whole for c, whole in origin.items() if c not in cover}
        return Verdict(
            "partial",
            involved,
            f" holds {_describe(inside, names)}, in the pilot, and {_describe(outside, names)}, outside it",
        )
    unit = exact.get(frozenset(origin))
    if unit is not None and all(origin.values()):
        full, unit_code = units[unit]
        unit_name = full if unit_code is None else f"{full} ({unit_code})"
        how = "is" if unit_code == code and full.endswith(name) else "has exactly the area of"
        return Verdict("pilot", (unit,), f" {how} pilot unit {unit} {unit_name}")
    listed = ", ".join(f"{u} {units[u][0]}" for u in involved)
    return Verdict("covered", involved, f" holds {_describe(inside, names)}, all inside pilot unit {listed}")


def _describe(parts: Mapping[str, bool], names: Mapping[str, str]) -> str:
    out = []
    for code in sorted(parts, key=lambda c: (c.endswith("00"), c)):  # land outside counties last
        name = names.get(code, code)
        outside_counties = code.endswith("00") and name != code
        label = f"{name} (its land outside counties)" if outside_counties else name
        out.append(f"{'all' if parts[code] else 'part'} of {label} ({code})")
    if len(out) > _MAX_LISTED:
        out = [*out[:_MAX_LISTED], f"{len(out) - _MAX_LISTED} more"]
    return ", ".join(out)
