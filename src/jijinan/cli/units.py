"""``jijinan units`` and ``jijinan show``: the pilot units listed, filtered, and one in full."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from jijinan.errors import UnitNotFoundError

if TYPE_CHECKING:
    from jijinan.records import PilotUnit

from jijinan.cli.common import (
    NotFoundError,
    UsageError,
    display_width,
    emit,
    render,
    terminal_width,
    wrap,
)


def unit_json(chosen: Sequence[PilotUnit]) -> list[dict[str, Any]]:
    """The units' records for JSON: successors as arrays and notes as a list, not joined strings."""
    from jijinan.tables import flat

    records: list[dict[str, Any]] = flat.unit_records(chosen)
    for record, unit in zip(records, chosen, strict=True):
        record["successor_codes"] = [s.code for s in unit.successors]
        record["successor_names"] = [s.name for s in unit.successors]
        record["successor_relations"] = [s.relation.value for s in unit.successors]
        record["notes"] = list(unit.notes)
    return records


def cmd_units(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan.collection import units
    from jijinan.tables import flat, schema

    try:
        chosen = units.filter(province=args.province, group=args.group, level=args.level, kind=args.kind)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    records = unit_json(chosen) if args.format == "json" else flat.unit_records(chosen)
    columns = ["seq", "code", "full_name", "level", "kind"]
    emit(out, args.format, render(args.format, records, schema.UNIT_COLUMNS, columns), other_formats=True)
    return 0


def _describe_unit(unit: PilotUnit, columns: int | None = None) -> str:
    """The unit's fields, a label and a value a line; values wrapped to ``columns`` if given."""
    lines = [
        ("seq", str(unit.seq)),
        ("name", f"{unit.name} ({unit.name_hant}, {unit.name_pinyin})"),
        ("published as", unit.published_name),
        ("full name", unit.full_name),
        ("code (July 2015)", unit.code or "none: not an administrative division"),
        ("province", f"{unit.province} ({unit.province_code})"),
        ("listed under", unit.group),
        ("prefecture", f"{unit.prefecture} ({unit.prefecture_code})" if unit.prefecture else "none"),
        ("level", unit.level.value),
        ("kind", unit.kind.value),
    ]
    for s in unit.successors:
        approvals = "; ".join(f"{a.number or a.title} ({a.date or 'undated'})" for a in s.approvals)
        lines.append(
            ("2024 successor", f"{s.code} {s.name}: {s.relation.value}" + (f", {approvals}" if approvals else ""))
        )
    lines.extend(("note", note) for note in unit.notes)
    width = max(display_width(k) for k, _ in lines)
    text = []
    for label, value in lines:
        pieces = wrap(value, columns - width - 2) if columns is not None else [value]
        text.append(f"{label}{' ' * (width - display_width(label))}  {pieces[0]}")
        text.extend(" " * (width + 2) + piece for piece in pieces[1:])
    return "\n".join(text) + "\n"


def _not_a_unit(name: str, error: UnitNotFoundError) -> Exception:
    """Why a name that is no pilot unit is not one, when it is a division; else the error as it is."""
    from jijinan.collection import units
    from jijinan.records import MatchStatus

    try:
        found = units.match(name)
    except (ValueError, TypeError):
        return error
    if found.status is MatchStatus.UNKNOWN:
        return error
    hint = "('jijinan match' gives the pilot status of any division; 'jijinan show' shows the 300 pilot units)"
    if found.status is MatchStatus.AMBIGUOUS:
        return NotFoundError(
            f"no pilot unit is called {name!r}, and as a division's name it is ambiguous: {found.reason} {hint}"
        )
    see = ""
    if found.unit is not None:
        see = f"; show that unit with: jijinan show {found.unit.code or found.unit.full_name}"
    if found.status is MatchStatus.PILOT:
        return NotFoundError(f"the notice names no pilot unit {name!r}, but as a division: {found.reason}{see}")
    return NotFoundError(f"{name!r} is not a pilot unit: {found.reason}{see} {hint}")


def cmd_show(args: argparse.Namespace, out: TextIO | None) -> int:
    from jijinan.collection import units

    try:
        unit = units.get(args.name)
    except UnitNotFoundError as exc:
        raise _not_a_unit(args.name, exc) from None
    emit(out, "table", _describe_unit(unit, terminal_width(out)))
    return 0


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the command(s) of this module to the parser (``add`` makes a subcommand)."""
    units = add("units", cmd_units, "list the pilot units, optionally filtered", aliases=["list"])
    units.add_argument("--province", help="a province-level division, by name (河北省, 河北) or code")
    units.add_argument("--group", help="an attachment heading (新疆生产建设兵团, 黑龙江省农垦总局, …)")
    units.add_argument("--level", choices=["provincial", "prefectural", "county"])
    units.add_argument("--kind", help="district, county, county_city, banner, … (see the data dictionary)")
    units.add_argument("--format", choices=["table", "csv", "json"], default="table")

    show = add("show", cmd_show, "one pilot unit with everything known about it")
    show.add_argument("name", help="a code or name: 浚县, 浚縣, 邢台市桥东区, 410621")
