"""Follow the land of every division from the end of 2000 to the end of 2024, for scripts/build_data.py.

With the records and approvals that ``stages.history_records`` reads from
``reference/areacodes/codes.json`` and the July 2015 MCA table, it follows the land of every
division through every change, from the table at the end of 2000 to the table at the
end of 2024, with the notice date (July 2015) as a table of its own between the end of
2014 and the end of 2015. For every division at every table it works out its *origin*:
which divisions of July 2015 its land lies in, all of each or part. That is what the
package's coverage, successor and matching rules read.

Land is tracked as pieces. Every division of the first table holds one whole piece of
its own. When a division gives land away, each piece it holds splits into children,
one for each receiver and one it keeps; when it ends, into one for each successor. At
the end, each piece stands for the *leaves* it split into, and a division at any date
holds all of a July-2015 division exactly when it holds every leaf of it: pieces that
travel apart and meet again (a township moved between two districts of one city) still
count as the whole. A province- or prefecture-level division's own piece stands for its
land outside any county-level division (三沙市, or a province's land given to an XPCC city).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stages.history_records import (
    ALL,
    FIRST_YEAR,
    LABELS,
    LATEST,
    NOTICE,
    NOTICE_LABEL,
    NOTICE_YEAR,
    PART,
    HistoryError,
    Record,
    Records,
)

__all__ = ["ALL", "LABELS", "LATEST", "NOTICE", "PART", "History", "HistoryError", "Move", "Record"]

# A piece of land: (uid of the record of the first table it belonged to, path of splits "/i/j").
Piece = tuple[int, str]
# What a division holds at one table: each piece, with the moves after the notice that changed it.
Holding = dict[Piece, frozenset[int]]


class Move:
    """One change after the notice: land from one division to another, and the approvals behind it."""

    __slots__ = ("approvals", "source", "target")

    def __init__(self, source: str, target: str, approvals: frozenset[int]) -> None:
        self.source, self.target, self.approvals = source, target, approvals

    def crosses(self, level: str) -> bool:
        """Whether the move crosses the boundary of a division of ``level`` holding its land.

        Land moved between two counties of one prefecture-level city changes neither the
        city's area nor, for Beijing, the municipality's.
        """
        digits = {"provincial": 2, "prefectural": 4}.get(level, 6)
        return self.source[:digits] != self.target[:digits]


class History(Records):
    """Every division's land at every table from the end of 2000 to the end of 2024."""

    def __init__(self, reference: Path, july_table: dict[str, str]) -> None:
        super().__init__(reference, july_table)
        self.moves: list[Move] = []
        # alive[p]: the records in force at table p; holdings[p][uid]: what each holds there
        self.alive: list[list[Record]] = []
        self.holdings: list[dict[int, Holding]] = []
        self._splits: dict[Piece, int] = {}
        self._propagate()
        self._leaves: dict[Piece, frozenset[Piece]] = {}
        self.july_leaves = self._july_leaves()

    def _target(self, code: str, p: int) -> Record:
        """The record with ``code`` in force at table ``p``."""
        if LABELS[p] == NOTICE_LABEL:
            matches = [r for r in self.july if r.code == code]
        else:
            matches = [r for r in self._by_code.get(code, ()) if r.alive_at_year_end(int(LABELS[p]))]
        if len(matches) != 1:
            raise HistoryError(f"successor {code} at {LABELS[p]}: {matches}")
        return matches[0]

    def _steps(self) -> Iterator[tuple[int, int, bool | None]]:
        """(table index, year, which half of 2015) for every step from one table to the next."""
        for p in range(1, len(LABELS)):
            label = LABELS[p]
            if label == NOTICE_LABEL:
                yield p, NOTICE_YEAR, False  # 2015 before the notice
            elif label == str(NOTICE_YEAR):
                yield p, NOTICE_YEAR, True  # 2015 after the notice
            else:
                yield p, int(label), None

    def _propagate(self) -> None:
        """Carry every piece of land from the end of 2000 to the end of 2024, change by change."""
        alive = [r for r in self.records if r.alive_at_year_end(FIRST_YEAR)]
        holdings: dict[int, Holding] = {r.uid: {(r.uid, ""): frozenset()} for r in alive}
        self.alive.append(alive)
        self.holdings.append(holdings)
        july = {r.uid for r in self.july}
        for p, year, after in self._steps():
            in_step = self._in_step(year, after, july)
            current = {r.uid for r in alive}
            new = {uid: dict(h) for uid, h in holdings.items()}
            born = [r for r in self.records if r.start == year and in_step(r, "born")]
            for r in born:
                new.setdefault(r.uid, {})
            born_ids = {r.uid for r in born}
            ending = {r.uid for r in alive if r.end == year and in_step(r, "ends")}
            for r in alive:
                moves = []
                for s in r.succ:
                    whole = "time" not in s
                    if whole and r.uid not in ending:
                        continue
                    if not whole and s["time"] != year:
                        continue
                    code = f"{s['code']:06d}"
                    named = self._target(code, p if after is None else LABELS.index(str(year)))
                    approvals = self.approvals_of(year, s["desc"], r, named)
                    if not whole and after is not None and self._after_notice(approvals) != after:
                        continue  # a transfer of 2015 that belongs to the other half of the year
                    target = self._target(code, p)
                    if (target.uid not in current and target.uid not in born_ids) or target.uid in ending:
                        raise HistoryError(f"{r} gives land to {target}, which is not in force after {LABELS[p]}")
                    if p > NOTICE:
                        self.moves.append(Move(r.code, target.code, approvals))
                        moves.append((target, frozenset({len(self.moves) - 1})))
                    else:
                        moves.append((target, frozenset()))
                if not moves:
                    continue
                ends = r.uid in ending
                count = len(moves) + (0 if ends else 1)
                for i, (target, approvals) in enumerate(moves):
                    given = self._split(holdings[r.uid], count, i + (0 if ends else 1), approvals)
                    for piece, marks in given.items():
                        new[target.uid][piece] = new[target.uid].get(piece, frozenset()) | marks
                if not ends:
                    kept = self._split(holdings[r.uid], count, 0, frozenset().union(*(a for _t, a in moves)))
                    mine = new[r.uid]
                    for piece in holdings[r.uid]:
                        del mine[piece]
                    mine.update(kept)
            for r in born:
                if not new[r.uid]:
                    # No division gave it land (a prefecture recoded without a successor entry, as
                    # 呼伦贝尔盟 -> 呼伦贝尔市): its land is its own from here on.
                    new[r.uid] = {(r.uid, ""): frozenset()}
            alive = [r for r in alive if r.uid not in ending] + born
            for uid in ending:
                new.pop(uid, None)
            holdings = new
            self._check_alive(p, year, after, alive)
            self.alive.append(list(alive))
            self.holdings.append(holdings)

    def _in_step(self, year: int, after: bool | None, july: set[int]) -> Any:
        """Which births and ends of ``year`` fall in this step (only 2015 is split at the notice)."""

        def in_step(record: Record, what: str) -> bool:
            if after is None:
                return True
            in_july = record.uid in july
            if what == "born":  # born in 2015: before the notice if July's table has it
                return in_july != after
            return in_july == after  # ends in 2015: after the notice if July's table still has it

        return in_step

    def _check_alive(self, p: int, year: int, after: bool | None, alive: list[Record]) -> None:
        if LABELS[p] == NOTICE_LABEL:
            expected = {r.uid for r in self.july}
        else:
            expected = {r.uid for r in self.records if r.alive_at_year_end(year)}
        if {r.uid for r in alive} != expected:
            raise HistoryError(f"propagation disagrees with the table {LABELS[p]}")

    def _split(self, holding: Holding, count: int, index: int, moves: frozenset[int]) -> Holding:
        """Child ``index`` of ``count`` of every piece held (the piece itself when count is 1)."""
        out: Holding = {}
        for (root, path), marks in holding.items():
            if count == 1:
                out[(root, path)] = marks | moves
                continue
            if self._splits.setdefault((root, path), count) != count:
                raise HistoryError(f"piece {root}{path} split twice")
            out[(root, f"{path}/{index}")] = marks | moves
        return out

    # -- leaves and origins ------------------------------------------------------------

    def leaves(self, piece: Piece) -> frozenset[Piece]:
        """The pieces of the end of 2024 that ``piece`` split into (itself if it never split)."""
        found = self._leaves.get(piece)
        if found is None:
            count = self._splits.get(piece)
            if count is None:
                found = frozenset({piece})
            else:
                root, path = piece
                found = frozenset().union(*(self.leaves((root, f"{path}/{i}")) for i in range(count)))
            self._leaves[piece] = found
        return found

    def _july_leaves(self) -> dict[str, frozenset[Piece]]:
        """July-2015 code -> the leaves of its own land."""
        out = {}
        held = self.holdings[NOTICE]
        for r in self.july:
            out[r.code] = frozenset().union(*(self.leaves(p) for p in held[r.uid]))
        self._owner = {leaf: code for code, leaves in out.items() for leaf in leaves}
        return out

    def origin(self, period: int, record: Record) -> dict[str, tuple[str, frozenset[int]]]:
        """{July-2015 code: (ALL or PART, moves)} of a division's own land at a table.

        The moves are those after the notice that changed the land (indexes of ``moves``).

        Land that no July-2015 division holds (the own land of a prefecture abolished
        before 2015) is left out.
        """
        return self._origin_of(period, [record])

    def full_origin(self, period: int, record: Record) -> dict[str, tuple[str, frozenset[int]]]:
        """:meth:`origin` of the division with every county-level division under it."""
        members = [record]
        if not record.county_level:
            prefix = record.code[:2] if record.code.endswith("0000") else record.code[:4]
            members += [r for r in self.alive[period] if r.county_level and r.code.startswith(prefix)]
        return self._origin_of(period, members)

    def _origin_of(self, period: int, members: list[Record]) -> dict[str, tuple[str, frozenset[int]]]:
        leaves: dict[str, set[Piece]] = {}
        marks: dict[str, set[int]] = {}
        for member in members:
            for piece, moves in self.holdings[period][member.uid].items():
                for leaf in self.leaves(piece):
                    code = self._owner.get(leaf)
                    if code is not None:
                        leaves.setdefault(code, set()).add(leaf)
                        marks.setdefault(code, set()).update(moves)
        return {
            code: (ALL if len(held) == len(self.july_leaves[code]) else PART, frozenset(marks[code]))
            for code, held in leaves.items()
        }

    def name_at(self, period: int, record: Record) -> str:
        """The division's name at a table: the July 2015 table's own name at the notice date."""
        return self.july_names.get(record.uid, record.name) if period == NOTICE else record.name
