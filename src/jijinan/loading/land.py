"""The land of every division at every table, loaded on first use: what panels and crosswalks read.

Internal. The build (``scripts/stages/land.py``) follows land as pieces from the table of the
end of 2000 to the end of 2024 and numbers the pieces it ends with (*leaves*). ``land.json``
gives, for each span of ``divisions.json`` (same order), the leaves of its own land at its
first table and again wherever they change, so two divisions of any two tables share land
exactly when they share a leaf. It also gives every span's name romanised and the July-2015
codes of the pilot's area. Matching never needs it, so it is read only by the panel and the
crosswalk, once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jijinan._sealed import Sealed
from jijinan.errors import DataIntegrityError
from jijinan.loading.files import read_json
from jijinan.loading.once import once

__all__ = ["Land", "check_land", "load_land"]


class Land(Sealed):
    """Each span's leaves by table, its romanised name, and the pilot's area in July-2015 codes."""

    __slots__ = ("_land", "leaves", "pilot", "pinyin")
    leaves: int
    """How many leaves there are (they are numbered 0..leaves-1)."""
    pinyin: tuple[str, ...]
    pilot: frozenset[str]
    """The July-2015 codes whose land lay in the pilot's area (a prefecture's code: its land outside counties)."""
    _land: tuple[list[list[Any]], ...]

    def __init__(self, payload: dict[str, Any]) -> None:
        object.__setattr__(self, "leaves", payload["leaves"])
        object.__setattr__(self, "_land", tuple(payload["land"]))
        object.__setattr__(self, "pinyin", tuple(payload["pinyin"]))
        object.__setattr__(self, "pilot", frozenset(payload["pilot"]))

    def at(self, span: int, period: int) -> Sequence[int]:
        """The leaves of ``span``'s own land at ``period`` (one of its tables)."""
        versions = self._land[span]
        found = versions[0][1]
        for start, leaves in versions:
            if start > period:
                break
            found = leaves
        return found  # type: ignore[no-any-return]


def check_land(payload: Any, spans: int, periods: int) -> None:
    """Raise ``ValueError`` unless ``payload`` has the shape ``Land`` reads, for ``spans`` spans.

    Every span and leaf is checked: the file is small, and read only by panels and crosswalks.
    """
    if not isinstance(payload, dict) or set(payload) != {"leaves", "land", "pinyin", "pilot"}:
        raise ValueError("land.json: expected the keys leaves, land, pinyin, pilot")
    count, land, pinyin, pilot = payload["leaves"], payload["land"], payload["pinyin"], payload["pilot"]
    if type(count) is not int or not isinstance(land, list) or not isinstance(pinyin, list) or len(land) != spans:
        raise ValueError(f"land.json: expected the land of {spans} spans and a count of leaves")
    if len(pinyin) != spans or not all(type(p) is str and p for p in pinyin):
        raise ValueError(f"land.json: expected {spans} romanised names")
    if not isinstance(pilot, list) or not all(type(c) is str and len(c) == 6 for c in pilot):
        raise ValueError("land.json: pilot must list six-digit codes")
    for span, versions in enumerate(land):
        if not (
            isinstance(versions, list)
            and versions
            and all(
                type(v) is list
                and len(v) == 2
                and type(v[0]) is int
                and 0 <= v[0] < periods
                and type(v[1]) is list
                and all(type(leaf) is int and 0 <= leaf < count for leaf in v[1])
                for v in versions
            )
        ):
            raise ValueError(f"land.json: malformed land of span {span}")


@once
def load_land() -> Land:
    """The land of every span, for panels and crosswalks.

    Raises:
        DataIntegrityError: the packaged data is missing, damaged or malformed.
    """
    from jijinan.loading.loaders import load_division_index

    index = load_division_index()
    payload = read_json("land.json")
    try:
        check_land(payload, len(index), len(index.periods))
        for span, versions in enumerate(payload["land"]):
            if versions[0][0] != index.first[span]:
                raise ValueError(f"land.json: the land of span {span} does not start at its first table")
    except ValueError as exc:
        raise DataIntegrityError(str(exc)) from exc
    return Land(payload)
