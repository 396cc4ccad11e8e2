"""The loaders of the packaged data: the notice, the units, the key tables and the division index.

Each runs once per process, on first use (``jijinan.loading.once``), reads its file through
``jijinan.loading.files`` (checked against B2SUMS) and structures it strictly into the records
of ``jijinan.records`` (``jijinan.loading.structure``) or checks its shape
(``jijinan.loading.divisions``). Any file missing, damaged, edited or of the wrong shape is a
``DataIntegrityError``.
"""

from __future__ import annotations

from typing import Any

from jijinan.errors import DataIntegrityError
from jijinan.loading.divisions import DivisionIndex, check, check_keys
from jijinan.loading.files import read_json
from jijinan.loading.once import once
from jijinan.loading.structure import structure
from jijinan.records import Notice, PilotUnit

__all__ = ["load_char_map", "load_division_index", "load_notice", "load_unit_keys", "load_units"]


def _top(payload: Any, key: str, name: str) -> Any:
    if not isinstance(payload, dict) or set(payload) != {key}:
        raise DataIntegrityError(f"{name} must hold exactly the key {key!r}")
    return payload[key]


@once
def load_notice() -> Notice:
    """The notice record.

    Raises:
        DataIntegrityError: the packaged data is missing, damaged or does not fit the record.
    """
    notice: Notice = structure(_top(read_json("notice.json"), "notice", "notice.json"), Notice, "$.notice")
    return notice


@once
def load_units() -> tuple[PilotUnit, ...]:
    """The 300 pilot units, in the attachment's order.

    Raises:
        DataIntegrityError: the packaged data is missing, damaged or does not fit the records.
    """
    units: tuple[PilotUnit, ...] = structure(
        _top(read_json("units.json"), "units", "units.json"), tuple[PilotUnit, ...], "$.units"
    )
    if [u.seq for u in units] != list(range(1, len(units) + 1)):
        raise DataIntegrityError("units.json: the units are not numbered 1..n in order")
    return units


@once
def load_char_map() -> dict[str, str]:
    """Traditional -> simplified, one character to one, for the characters of every stored name.

    Raises:
        DataIntegrityError: the packaged data is missing or damaged.
    """
    table = _top(read_json("chars.json"), "t2s", "chars.json")
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1 for k, v in table.items()
    ):
        raise DataIntegrityError("chars.json: t2s must map single characters to single characters")
    return table


@once
def load_unit_keys() -> dict[str, list[int]]:
    """Normalised key -> positions (1-300) of the pilot units found under it, made at build time.

    Raises:
        DataIntegrityError: the packaged data is missing, damaged or malformed.
    """
    keys = _top(read_json("unit_keys.json"), "keys", "unit_keys.json")
    if not isinstance(keys, dict) or not all(
        isinstance(v, list) and v and all(type(i) is int and 1 <= i <= 300 for i in v) for v in keys.values()
    ):
        raise DataIntegrityError("unit_keys.json: every key must map to unit positions 1-300")
    return keys


@once
def load_division_index() -> DivisionIndex:
    """The divisions of the tables 2000-2024 with their verdicts and keys, for coverage and matching.

    Compact arrays rather than records (some 7,000 divisions), so their shape is checked
    here instead of by the cattrs converter.

    Raises:
        DataIntegrityError: the packaged data is missing, damaged or malformed.
    """
    divisions = read_json("divisions.json")
    index = read_json("index.json")
    spans = len(divisions.get("codes", ())) if isinstance(divisions, dict) else 0

    def more(table: str) -> dict[str, Any]:
        # Romanised keys, and names joined to their parents, load only when first needed.
        name = f"{table}.json"
        keys = _top(read_json(name), "keys", name)
        try:
            check_keys(keys, spans, name)
        except (TypeError, ValueError) as exc:
            raise DataIntegrityError(str(exc)) from exc
        return keys  # type: ignore[no-any-return]

    try:
        check(divisions, index)
        return DivisionIndex(divisions, index, more)
    except (TypeError, ValueError, KeyError, IndexError) as exc:
        raise DataIntegrityError(f"divisions.json or index.json is malformed: {exc}") from exc
