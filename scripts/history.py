"""The code history from the end of 2000 to the end of 2024, for scripts/build_data.py.

Reads ``reference/areacodes/codes.json`` (every division 1981-2024 with the approvals
behind each change) and the July 2015 MCA table, and follows the land of every
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

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FIRST_YEAR, NOTICE_YEAR, LAST_YEAR = 2000, 2015, 2024
NOTICE_DATE = datetime.date(2015, 7, 3)
NOTICE_LABEL = "2015-07"
# The tables, in time order: the end of each year 2000-2014, the notice date, the end of each year 2015-2024.
LABELS: tuple[str, ...] = (
    *(str(y) for y in range(FIRST_YEAR, NOTICE_YEAR)),
    NOTICE_LABEL,
    *(str(y) for y in range(NOTICE_YEAR, LAST_YEAR + 1)),
)
NOTICE = LABELS.index(NOTICE_LABEL)
LATEST = len(LABELS) - 1

ALL, PART = "all", "part"

# Judgements on approvals of 2015 that carry no date, so cannot be placed before or
# after the notice (3 July 2015) from the reference alone. Each: its number, whether
# it came before the notice, and why. An undated 2015 approval not listed here fails
# the build.
UNDATED_2015: dict[str, tuple[bool, str]] = {
    "湘民行发〔2015〕1号": (
        True,
        "Hunan's civil-affairs department numbers its documents in order through the year; "
        "document no. 1 of 2015 (moving 跳马镇 of 长沙县 to 雨花区) was issued at the start of the "
        "year, before the notice of 3 July. The July 2015 code table cannot show it either way, "
        "since no code changed.",
    ),
    "湘民行发〔2015〕2号": (
        True,
        "Issued with document no. 1 (the code history records the two under one entry) and "
        "numbered right after it, so also at the start of 2015, before the notice: moving "
        "暮云街道 and 南托街道 of 长沙县 to 天心区. No code changed.",
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

# Headings of a description that are notes of the code history, not approvals.
_NOT_APPROVALS = ("代码变更", "来源请求")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


class HistoryError(Exception):
    """The history does not fit what this module expects."""


def _cn_number(text: str) -> int:
    """一九九〇 -> 1990 (digit by digit); 十二 -> 12, 二十八 -> 28, 三十 -> 30 (tens)."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _date(text: str) -> datetime.date | None:
    m = re.search(r"^日期：(\d{4})年(\d{1,2})月(\d{1,2})日", text, flags=re.MULTILINE)
    if m:
        return datetime.date(*map(int, m.groups()))
    m = re.search(
        r"^日期：([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]+)月([一二三四五六七八九十]+)日",
        text,
        flags=re.M,
    )
    if m:
        return datetime.date(*(_cn_number(g) for g in m.groups()))
    return None


class Approval:
    """One approval: its title, number and date, and its text, as the reference gives them."""

    __slots__ = ("date", "number", "text", "title")

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        self.title = lines[0].removeprefix("# ").strip()
        self.text = text
        number = re.search(r"^文号：(.+)$", text, flags=re.MULTILINE)
        # Some approvals are given by their number alone, as the title line.
        self.number = (
            number.group(1).strip() if number else (self.title if re.search(r"〔\d{4}〕", self.title) else None)
        )
        self.date = _date(text)

    @classmethod
    def of_note(cls, text: str) -> Approval:
        """An entry of the history with no approval of its own: titled by its first line of text."""
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        body = [line for line in lines if line.removeprefix("# ") not in _NOT_APPROVALS]
        return cls("# " + (body[0].removeprefix("# ") if body else lines[0].removeprefix("# ")))

    @property
    def is_approval(self) -> bool:
        """False for the history's own notes (代码变更, 来源请求) that share an entry with an approval."""
        return not (self.title in _NOT_APPROVALS and self.number is None and self.date is None)

    def as_json(self) -> list[Any]:
        return [self.title, self.number, self.date.isoformat() if self.date else None]

    def sort_key(self) -> tuple[int, datetime.date, str]:
        """Oldest first; undated approvals last, by title."""
        return (self.date is None, self.date or datetime.date.max, self.title)


class Record:
    """One record of codes.json: a division under one code and name for a span of years."""

    __slots__ = ("code", "end", "name", "parent", "start", "succ", "uid")

    def __init__(self, raw: dict[str, Any], parent: Record | None, uid: int) -> None:
        self.code = f"{raw['code']:06d}"
        self.name: str = raw["name"]
        self.start: int = raw["start"]
        self.end: int | None = raw.get("end")
        self.succ: list[dict[str, Any]] = raw.get("succ", [])
        self.parent = parent
        self.uid = uid

    @property
    def county_level(self) -> bool:
        return not self.code.endswith("00")

    def alive_at_year_end(self, year: int) -> bool:
        return self.start <= year and (self.end is None or self.end > year)

    def __repr__(self) -> str:
        return f"{self.code} {self.name} [{self.start}, {self.end})"


def _walk(items: list[dict[str, Any]], parent: Record | None, records: list[Record]) -> None:
    for raw in items:
        record = Record(raw, parent, len(records))
        records.append(record)
        _walk(raw.get("children", []), record, records)


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


class History:
    """Every division's land at every table from the end of 2000 to the end of 2024."""

    def __init__(self, reference: Path, july_table: dict[str, str]) -> None:
        raw = json.loads((reference / "areacodes" / "codes.json").read_text(encoding="utf-8"))
        self.records: list[Record] = []
        _walk(raw["items"], None, self.records)
        self._descriptions: dict[str, list[str]] = raw["descriptions"]
        self._by_code: dict[str, list[Record]] = {}
        for record in self.records:
            self._by_code.setdefault(record.code, []).append(record)
        self.approvals: list[Approval] = []
        self.moves: list[Move] = []
        self._sections: dict[tuple[int, int], list[int]] = {}
        self._parties = self._moves_by_entry()
        self.july_names: dict[int, str] = {}
        self.july = self._match_july(july_table)
        self._check_year_end_tables(reference)
        # alive[p]: the records in force at table p; holdings[p][uid]: what each holds there
        self.alive: list[list[Record]] = []
        self.holdings: list[dict[int, Holding]] = []
        self._splits: dict[Piece, int] = {}
        self._propagate()
        self._leaves: dict[Piece, frozenset[Piece]] = {}
        self.july_leaves = self._july_leaves()

    # -- reading ------------------------------------------------------------------

    def _match_july(self, table: dict[str, str]) -> list[Record]:
        """The records in force in July 2015: one per row of the MCA table."""
        found = []
        for code, printed in table.items():
            name = printed
            if code in STALE_JULY_NAMES:
                stale, name, _why = STALE_JULY_NAMES[code]
                if stale != printed:
                    raise HistoryError(f"STALE_JULY_NAMES[{code}] expects {stale}, the table prints {printed}")
            matches = [
                r
                for r in self._by_code.get(code, ())
                if r.name == name and r.start <= NOTICE_YEAR and (r.end is None or r.end >= NOTICE_YEAR)
            ]
            if len(matches) != 1:
                raise HistoryError(f"July 2015 row {code} {name} matches {matches} in codes.json")
            found.append(matches[0])
            self.july_names[matches[0].uid] = printed
        return found

    def _check_year_end_tables(self, reference: Path) -> None:
        for path in sorted((reference / "areacodes" / "data").glob("*.txt")):
            year = int(path.stem)
            table = {tuple(line.split()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
            derived = {(r.code, r.name) for r in self.records if r.alive_at_year_end(year)}
            if table != derived:
                raise HistoryError(f"codes.json does not reproduce data/{year}.txt: {sorted(table ^ derived)[:5]}")

    def ancestry(self, record: Record) -> list[Record]:
        """The record's province and prefecture records (as the tree nests them), then itself."""
        chain = [record]
        while chain[0].parent is not None:
            chain.insert(0, chain[0].parent)
        return chain

    def _moves_by_entry(self) -> dict[tuple[int, int], tuple[set[str], set[str]]]:
        """For each entry of the descriptions: the names of the sources and of the targets of its moves."""
        parties: dict[tuple[int, int], tuple[set[str], set[str]]] = {}
        for record in self.records:
            for s in record.succ:
                sources, targets = parties.setdefault((s.get("time", record.end), s["desc"]), (set(), set()))
                sources.add(record.name)
                targets.update(r.name for r in self._by_code.get(f"{s['code']:06d}", ()))
        return parties

    def approvals_of(self, year: int, index: int, source: Record, target: Record) -> frozenset[int]:
        """The approvals of one entry of the descriptions that made the move ``source`` -> ``target``.

        An entry may hold several approvals under their own headings (湘民行发〔2015〕1号 moved
        land to 雨花区, 2号 to 天心区): a heading that names another target of the entry and not
        this one, or another source and not this one, is about another move and left out.
        Notes of the history (代码变更, 来源请求) are not approvals.
        """
        key = (year, index)
        if key not in self._sections:
            text = self._descriptions[str(year)][index]
            sections = [Approval(section) for section in re.split(r"\n(?=# )", text.strip())]
            # An entry that records no approval (a yearbook, a note) stands for itself, once.
            found = [a for a in sections if a.is_approval] or [Approval.of_note(text)]
            self._sections[key] = list(range(len(self.approvals), len(self.approvals) + len(found)))
            self.approvals.extend(found)
        ids = self._sections[key]
        sources, targets = self._parties[key]

        def about_another_move(text: str) -> bool:
            other_target = any(t in text for t in targets - {target.name}) and target.name not in text
            other_source = any(s in text for s in sources - {source.name}) and source.name not in text
            return other_target or other_source

        kept = [i for i in ids if not about_another_move(self.approvals[i].text)]
        return frozenset(kept or ids)

    def _after_notice(self, approvals: frozenset[int]) -> bool:
        """Whether a change of 2015 made by these approvals came after the notice."""
        afters = set()
        for a in approvals:
            found = self.approvals[a]
            if found.date is not None:
                afters.add(found.date >= NOTICE_DATE)
            elif found.number in UNDATED_2015:
                afters.add(not UNDATED_2015[found.number][0])
            else:
                raise HistoryError(f"undated 2015 approval {found.title!r}: add it to UNDATED_2015 with a reason")
        if len(afters) != 1:
            raise HistoryError(f"approvals {[self.approvals[a].title for a in approvals]} straddle the notice")
        return afters.pop()

    # -- propagation --------------------------------------------------------------

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
