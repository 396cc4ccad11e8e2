"""The code history from July 2015 to the end of 2024, for scripts/build_data.py.

Reads ``reference/areacodes/codes.json`` (the history of every division, with the
approvals behind each change) and the July 2015 MCA table, and works out, for every
division in force at any of the 11 reference dates (July 2015, then the end of each
year 2015-2024), which July-2015 divisions its area came from: all of one, or part of
one. That "origin" is what the package's coverage, successor and matching rules read.

Periods are numbered: 0 is July 2015 (the notice date), p = 1..10 is the end of year
2014 + p (so 10 is the end of 2024).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

NOTICE_DATE = datetime.date(2015, 7, 3)
FIRST_YEAR, LAST_YEAR = 2015, 2024
PERIODS = LAST_YEAR - FIRST_YEAR + 2  # July 2015 + 10 year-ends

ALL, PART = "all", "part"

# Judgements on approvals of 2015 that carry no date, so cannot be placed before or
# after the notice (3 July 2015) from the reference alone. Each: its number, whether
# it came before the notice, and why. An undated 2015 approval not listed here fails
# the build.
UNDATED_2015: dict[str, tuple[bool, str]] = {
    "湘民行发〔2015〕1号": (
        True,
        "Hunan's civil-affairs department numbers its documents in order through the year; "
        "document no. 1 of 2015 (moving 跳马镇 of 长沙县 to 雨花区 and part to 芙蓉区) was issued "
        "at the start of the year, before the notice of 3 July. The July 2015 code table cannot show "
        "it either way, since no code changed.",
    ),
}


# Rows of the July 2015 MCA table that print a name the division no longer had. Each:
# code -> (name in the July table, name of the record in force, why).
STALE_JULY_NAMES: dict[str, tuple[str, str, str]] = {
    "210112": (
        "东陵区",
        "浑南区",
        "MCA's July 2015 table still prints 东陵区, but 东陵区 (Shenyang) was renamed 浑南区 under the "
        "same code in 2014 (codes.json: 东陵区 ends 2014, 浑南区 starts 2014). The division is one; "
        "the July 2015 name is kept as the table prints it, for matching names of that table.",
    ),
}


class HistoryError(Exception):
    """The history does not fit what this module expects."""


class Approval:
    """One approval: its title, number and date, as the reference gives them."""

    __slots__ = ("date", "number", "title")

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        self.title = lines[0].removeprefix("# ").strip()
        number = re.search(r"^文号：(.+)$", text, flags=re.MULTILINE)
        date = re.search(r"^日期：(\d{4})年(\d{1,2})月(\d{1,2})日", text, flags=re.MULTILINE)
        # Some approvals are given by their number alone, as the title line.
        self.number = (
            number.group(1).strip() if number else (self.title if re.search(r"〔\d{4}〕", self.title) else None)
        )
        self.date = datetime.date(*map(int, date.groups())) if date else None

    def as_json(self) -> list[Any]:
        return [self.title, self.number, self.date.isoformat() if self.date else None]


class Record:
    """One record of codes.json: a division under one code and name for a span of years."""

    __slots__ = ("code", "end", "name", "parent", "start", "succ")

    def __init__(self, raw: dict[str, Any], parent: Record | None) -> None:
        self.code = f"{raw['code']:06d}"
        self.name: str = raw["name"]
        self.start: int = raw["start"]
        self.end: int | None = raw.get("end")
        self.succ: list[dict[str, Any]] = raw.get("succ", [])
        self.parent = parent

    @property
    def county_level(self) -> bool:
        return not self.code.endswith("00")

    def alive_at_year_end(self, year: int) -> bool:
        return self.start <= year and (self.end is None or self.end > year)

    def __repr__(self) -> str:
        return f"{self.code} {self.name} [{self.start}, {self.end})"


def _walk(items: list[dict[str, Any]], parent: Record | None) -> Iterator[Record]:
    for raw in items:
        record = Record(raw, parent)
        yield record
        yield from _walk(raw.get("children", []), record)


class History:
    """Origins of every division at every period, computed forward from July 2015."""

    def __init__(self, reference: Path, july_table: dict[str, str]) -> None:
        raw = json.loads((reference / "areacodes" / "codes.json").read_text(encoding="utf-8"))
        self.records = list(_walk(raw["items"], None))
        self.descriptions: dict[str, list[str]] = raw["descriptions"]
        self.approvals: list[Approval] = []
        self._approval_ids: dict[tuple[str, int], int] = {}
        self.july = self._match_july(july_table)
        self._check_year_end_tables(reference)
        # alive[p]: the records in force at period p; origin[p][record]: {july code: (share, approval ids)}
        self.alive: list[list[Record]] = []
        self.origin: list[dict[int, Origin]] = []
        self.splits: dict[tuple[str, str], int] = {}
        self._propagate()

    # -- reading ------------------------------------------------------------------

    def _match_july(self, table: dict[str, str]) -> list[Record]:
        """The records in force in July 2015: one per row of the MCA table."""
        found = []
        self.july_names: dict[int, str] = {}
        for code, printed in table.items():
            name = printed
            if code in STALE_JULY_NAMES:
                stale, name, _why = STALE_JULY_NAMES[code]
                if stale != printed:
                    raise HistoryError(f"STALE_JULY_NAMES[{code}] expects {stale}, the table prints {printed}")
            matches = [
                r
                for r in self.records
                if r.code == code
                and r.name == name
                and r.start <= FIRST_YEAR
                and (r.end is None or r.end >= FIRST_YEAR)
            ]
            if len(matches) != 1:
                raise HistoryError(f"July 2015 row {code} {name} matches {matches} in codes.json")
            found.append(matches[0])
            self.july_names[id(matches[0])] = printed
        return found

    def _check_year_end_tables(self, reference: Path) -> None:
        for year in (2014, 2015, 2024):
            text = (reference / "areacodes" / "data" / f"{year}.txt").read_text(encoding="utf-8")
            table = {tuple(line.split()) for line in text.splitlines() if line.strip()}
            derived = {(r.code, r.name) for r in self.records if r.alive_at_year_end(year)}
            if table != derived:
                raise HistoryError(f"codes.json does not reproduce data/{year}.txt: {sorted(table ^ derived)[:5]}")

    def ancestry(self, record: Record) -> list[Record]:
        """The record's province and prefecture records (as the tree nests them), then itself."""
        chain = [record]
        while chain[0].parent is not None:
            chain.insert(0, chain[0].parent)
        return chain

    def approval(self, year: int, index: int) -> int:
        key = (str(year), index)
        if key not in self._approval_ids:
            self._approval_ids[key] = len(self.approvals)
            self.approvals.append(Approval(self.descriptions[str(year)][index]))
        return self._approval_ids[key]

    def _after_notice(self, year: int, approval: int) -> bool:
        if year > FIRST_YEAR:
            return True
        found = self.approvals[approval]
        if found.date is not None:
            return found.date >= NOTICE_DATE
        if found.number not in UNDATED_2015:
            raise HistoryError(f"undated 2015 approval {found.title!r}: add it to UNDATED_2015 with a reason")
        before, _why = UNDATED_2015[found.number]
        return not before

    # -- propagation --------------------------------------------------------------

    def _target(self, code: str, year: int) -> Record:
        matches = [r for r in self.records if r.code == code and r.alive_at_year_end(year)]
        if len(matches) != 1:
            raise HistoryError(f"successor {code} at the end of {year}: {matches}")
        return matches[0]

    def _propagate(self) -> None:
        """Carry every July-2015 area forward, change by change, to the end of 2024.

        Areas are tracked as pieces: when a division gives part of its area away, each
        piece it holds splits in two (kept, given), and when it ends with n successors,
        into n. A division holds *all* of a July-2015 division exactly when the pieces it
        holds of it join back into the whole, so pieces that travel apart and meet again
        (a township moved between two districts of one city) still count as the whole.
        """
        alive = list(self.july)
        origin: dict[int, Origin] = {}
        for r in alive:
            # A county-level division is its own origin; a higher one's own key stands for
            # its land outside any county (三沙市, or a province's land given to an XPCC city).
            origin[id(r)] = {r.code: (frozenset({ROOT}), frozenset())}
        self.alive.append(alive)
        self.origin.append(dict(origin))
        july_ids = {id(r) for r in self.july}
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            current = {id(r) for r in alive}
            new = {k: dict(v) for k, v in origin.items()}
            ended = [r for r in alive if r.end == year]
            born = [r for r in self.records if r.start == year and id(r) not in july_ids and r.alive_at_year_end(year)]
            born_ids = {id(b) for b in born}
            for r in born:
                new.setdefault(id(r), {})
            for r in alive:
                moves = []
                for s in r.succ:
                    whole = "time" not in s
                    if (r.end if whole else s.get("time")) != year:
                        continue
                    approval = self.approval(year, s["desc"])
                    if not whole and not self._after_notice(year, approval):
                        continue  # a transfer of 2015 made before the notice: already in July's areas
                    target = self._target(f"{s['code']:06d}", year)
                    if id(target) not in current and id(target) not in born_ids:
                        raise HistoryError(f"{r} gives area to {target}, which is not in force in {year}")
                    moves.append((target, whole, approval))
                if not moves:
                    continue
                ends = r.end == year
                # Children of each piece: one per receiver, plus one kept if r lives on.
                count = len(moves) + (0 if ends else 1)
                for i, (target, _whole, approval) in enumerate(moves):
                    given = _split(origin[id(r)], count, i + (0 if ends else 1), approval, self.splits)
                    _receive(new[id(target)], given)
                if not ends:
                    # r lives on with the kept child of each piece, plus whatever it received
                    kept = _split(origin[id(r)], count, 0, None, self.splits)
                    approvals = frozenset(a for _t, _w, a in moves)
                    current_origin = new[id(r)]
                    for code, (pieces, _a) in origin[id(r)].items():
                        held, held_approvals = current_origin[code]
                        current_origin[code] = ((held - pieces) | kept[code][0], held_approvals | approvals)
            alive = [r for r in alive if r.end != year] + born
            for r in ended:
                new.pop(id(r), None)
            origin = new
            expected = {(r.code, r.name) for r in self.records if r.alive_at_year_end(year)}
            if {(r.code, r.name) for r in alive} != expected:
                raise HistoryError(f"propagation disagrees with the table at the end of {year}")
            self.alive.append(list(alive))
            self.origin.append({k: dict(v) for k, v in origin.items()})

    def share(self, code: str, pieces: frozenset[str]) -> str:
        """ALL when the pieces join back into the whole July-2015 division ``code``."""
        return ALL if _join(set(pieces), code, self.splits) == {ROOT} else PART

    def name_at(self, period: int, record: Record) -> str:
        """The division's name at a period: the July 2015 table's own name at period 0."""
        return self.july_names.get(id(record), record.name) if period == 0 else record.name

    # -- derived --------------------------------------------------------------------

    def full_origin(self, period: int, record: Record) -> dict[str, tuple[str, frozenset[int]]]:
        """{July-2015 code: (ALL or PART, approval ids)} of a division, counties included."""
        pieces: Origin = {}
        members = [record]
        if not record.county_level:
            prefix = record.code[:2] if record.code.endswith("0000") else record.code[:4]
            members += [r for r in self.alive[period] if r.code.startswith(prefix) and r.county_level]
        for member in members:
            _receive(pieces, self.origin[period][id(member)])
        return {code: (self.share(code, p), a) for code, (p, a) in pieces.items()}


Origin = dict[str, tuple[frozenset[str], frozenset[int]]]
ROOT = ""


def _split(origin: Origin, count: int, index: int, approval: int | None, splits: dict[tuple[str, str], int]) -> Origin:
    """Child ``index`` of ``count`` of every piece in ``origin`` (the whole when count is 1)."""
    out: Origin = {}
    for code, (pieces, approvals) in origin.items():
        if count == 1:
            children = pieces
        else:
            children = frozenset(f"{p}/{index}" for p in pieces)
            for p in pieces:
                if splits.setdefault((code, p), count) != count:
                    raise HistoryError(f"piece {code}{p} split twice")
        out[code] = (children, approvals | ({approval} if approval is not None else frozenset()))
    return out


def _receive(into: Origin, given: Origin) -> None:
    for code, (pieces, approvals) in given.items():
        old_pieces, old_approvals = into.get(code, (frozenset(), frozenset()))
        into[code] = (old_pieces | pieces, old_approvals | approvals)


def _join(pieces: set[str], code: str, splits: dict[tuple[str, str], int]) -> set[str]:
    """Replace every complete set of sibling pieces by their parent, until none is left."""
    changed = True
    while changed:
        changed = False
        for piece in sorted(pieces, key=len, reverse=True):
            if piece == ROOT or piece not in pieces:
                continue
            parent = piece.rsplit("/", 1)[0]
            siblings = {f"{parent}/{i}" for i in range(splits[(code, parent)])}
            if siblings <= pieces:
                pieces -= siblings
                pieces.add(parent)
                changed = True
    return pieces
