"""Read the code history: every record of codes.json 1981-2024, the approvals behind each change,
and the records in force at the notice date (one per row of the July 2015 MCA table).

``reference/areacodes/codes.json`` gives every division under one code and name for a span of
years, nested in its parents, with its successors and the entry of the descriptions that
records each change. This module reads it, checks that it reproduces the year-end tables of
``reference/areacodes/data/``, and finds which approvals of an entry made which move, and
whether a change of 2015 came before or after the notice. ``stages.history`` follows the land.
"""

from __future__ import annotations

import datetime
import json
import re
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


class Records:
    """The records of the code history, their approvals, and the records in force in July 2015."""

    def __init__(self, reference: Path, july_table: dict[str, str]) -> None:
        raw = json.loads((reference / "areacodes" / "codes.json").read_text(encoding="utf-8"))
        self.records: list[Record] = []
        _walk(raw["items"], None, self.records)
        self._descriptions: dict[str, list[str]] = raw["descriptions"]
        self._by_code: dict[str, list[Record]] = {}
        for record in self.records:
            self._by_code.setdefault(record.code, []).append(record)
        self.approvals: list[Approval] = []
        self._sections: dict[tuple[int, int], list[int]] = {}
        self._parties = self._moves_by_entry()
        self.july_names: dict[int, str] = {}
        self.july = self._match_july(july_table)
        self._check_year_end_tables(reference)

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
