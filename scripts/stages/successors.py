"""What each unit became in the 2024 table (successors, with the relation of areas and the
approvals), and, for a unit printed under a name that had changed, when and by what approval."""

from __future__ import annotations

from typing import Any

from stages.errors import fail
from stages.history import ALL, LATEST, NOTICE, History
from stages.units import NAME_CORRECTIONS


def explain_renames(history: History, units: list[dict[str, Any]]) -> None:
    """Say, for a unit printed under a name that had changed, when and by what approval it changed.

    The history's record of the printed name whose land the unit's July-2015 record received
    gives the old code, the last table that lists it, and the approval.
    """
    july = {r.code: r for r in history.july}
    for unit in units:
        if (unit["group"], unit["published_name"]) not in NAME_CORRECTIONS or unit["code"] is None:
            continue
        target = july[unit["code"]]
        sources = [
            (record, s)
            for record in history.records
            if record.name == unit["published_name"]
            for s in record.succ
            if f"{s['code']:06d}" == target.code and record.end is not None and "time" not in s
        ]
        if not sources:
            continue  # a misprint (番禹区), not a former name
        if len(sources) != 1:
            fail(f"{unit['published_name']}: several records of the history became {target}: {sources}")
        record, succ = sources[0]
        (approval,) = (history.approvals[a] for a in history.approvals_of(record.end, succ["desc"], record, target))
        parent = record.parent.name if record.parent is not None else ""
        unit["notes"][-1] += (
            f" The table at the end of {record.end - 1} still lists {unit['published_name']} ({record.code} of "
            f"{parent}); {approval.number or approval.title}"
            f"{f' of {approval.date.isoformat()}' if approval.date else ''} made it {target.name} ({target.code})."
        )


def same_level(code: str, level: str) -> bool:
    if level == "provincial":
        return code.endswith("0000")
    if level == "prefectural":
        return code.endswith("00") and not code.endswith("0000")
    return not code.endswith("00")


def add_successors(history: History, units: list[dict[str, Any]]) -> None:
    """What each unit became in the 2024 table, with the relation of areas and the approvals.

    A successor's approvals are those behind the changes since July 2015 that moved land into
    or out of the land it holds, at the unit's level (land moved between two districts of a
    prefecture-level unit changes neither the unit nor the successor), so none for a successor
    that holds the unit's land unchanged.
    """
    july = {r.code: r for r in history.july}
    for unit in units:
        unit["successors"] = []
        if unit["code"] is None:
            continue  # the reclamation bureau is not a division: it has no code to follow
        area = set(history.full_origin(NOTICE, july[unit["code"]]))
        for record in history.alive[LATEST]:
            if not same_level(record.code, unit["level"]):
                continue
            origin = history.full_origin(LATEST, record)
            shared = area & set(origin)
            if not shared:
                continue
            holds_all = all(origin.get(c, ("", None))[0] == ALL for c in area)
            only = set(origin) <= area
            if holds_all and only:
                same = (record.code, record.name) == (unit["code"], unit["name"])
                relation = "unchanged" if same else "same_area"
            else:
                relation = "whole" if holds_all else "part"
            moves = [history.moves[m] for code in origin for m in origin[code][1]]
            approvals = sorted(
                {a for move in moves if move.crosses(unit["level"]) for a in move.approvals},
                key=lambda a: history.approvals[a].sort_key(),
            )
            unit["successors"].append(
                {
                    "code": record.code,
                    "name": record.name,
                    "relation": relation,
                    "approvals": [
                        dict(zip(("title", "number", "date"), history.approvals[a].as_json(), strict=True))
                        for a in approvals
                    ],
                }
            )
        if not unit["successors"]:
            fail(f"unit {unit['name']} ({unit['code']}) has no successor in the 2024 table")
