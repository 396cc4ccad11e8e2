"""Read the two reviewed tables the romanisation is made from, for the ``stages`` that romanise.

The judgements live in two committed tables in ``scripts/``, one row per judgement with its
reason:

* ``place_readings.tsv``: ``char  context  reading  reason``. A row whose context is
  ``*`` is the character's reading in every name not covered by a word row; a word row
  gives the reading of the character inside that word (a substring of names).
* ``place_english.tsv``: ``kind  chinese  english  also  names  reason``: generic terms,
  ethnic groups, province spellings, conventional alternatives (see the file's header).

:func:`tables` loads both once; the other modules call it through this module
(``place_tables.tables()``), so that a test can put other tables in its place.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pypinyin

SCRIPTS = Path(__file__).resolve().parent.parent
READINGS_FILE = SCRIPTS / "place_readings.tsv"
ENGLISH_FILE = SCRIPTS / "place_english.tsv"

ANY_CONTEXT = "*"
NONE = "-"  # an empty field of place_english.tsv
PUNCTUATION = frozenset("、")  # characters of names that have no syllable
SYLLABLE = re.compile(r"[a-zü]*[aeiouü][a-zü]*")
ENGLISH_KINDS = frozenset(
    {"generic", "not-generic", "position", "ethnic", "not-ethnic", "spelling", "spelling-only", "exonym", "name"}
)


class ReviewError(Exception):
    """A name needs a judgement the tables do not record, or a table row is wrong or unused."""


# ---------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    char: str
    context: str
    reading: str
    reason: str
    line: int


@dataclass(frozen=True)
class Term:
    kind: str
    chinese: str
    english: str
    also: tuple[str, ...]
    names: tuple[str, ...]
    reason: str
    line: int


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a TSV file with a header, skipping blank lines and lines starting with #."""
    lines = path.read_text(encoding="utf-8").splitlines()
    numbered = [(i, line) for i, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    reader = csv.reader((line for _i, line in numbered), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = tuple(next(reader))
    if header != columns:
        raise ReviewError(f"{path.name}: header {header}, expected {columns}")
    rows = []
    for (number, _line), row in zip(numbered[1:], reader, strict=True):
        if len(row) != len(columns) or not all(cell.strip() == cell and cell for cell in row):
            raise ReviewError(f"{path.name}:{number}: expected {len(columns)} non-empty tab-separated fields")
        rows.append((number, dict(zip(columns, row, strict=True))))
    return rows


@dataclass
class Tables:
    """Both tables, indexed, with the rows that have been used since the last reset."""

    defaults: dict[str, Reading]
    words: dict[str, list[Reading]]
    terms: list[Term]
    used: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def load(cls, readings: Path = READINGS_FILE, english: Path = ENGLISH_FILE) -> Tables:
        defaults: dict[str, Reading] = {}
        words: dict[str, list[Reading]] = {}
        seen: set[tuple[str, str]] = set()
        for number, row in _rows(readings, ("char", "context", "reading", "reason")):
            entry = Reading(row["char"], row["context"], row["reading"], row["reason"], number)
            where = f"{readings.name}:{number}"
            if len(entry.char) != 1 or not is_han(entry.char):
                raise ReviewError(f"{where}: {entry.char!r} is not one Chinese character")
            if not SYLLABLE.fullmatch(entry.reading):
                raise ReviewError(f"{where}: {entry.reading!r} is not a toneless pinyin syllable")
            if (entry.char, entry.context) in seen:
                raise ReviewError(f"{where}: a second row for {entry.char} in {entry.context}")
            seen.add((entry.char, entry.context))
            if entry.context == ANY_CONTEXT:
                defaults[entry.char] = entry
            elif entry.context.count(entry.char) != 1:
                raise ReviewError(f"{where}: the context {entry.context!r} must hold {entry.char} exactly once")
            else:
                words.setdefault(entry.char, []).append(entry)
        for char, rows in words.items():
            default = defaults.get(char)
            for entry in rows:
                if default is not None and entry.reading == default.reading:
                    raise ReviewError(
                        f"{readings.name}:{entry.line}: {char} in {entry.context} reads {entry.reading}, "
                        "as the character's default row already says; remove the word row"
                    )
        for char, entry in defaults.items():
            if char not in words and heteronyms(char) == (entry.reading,):
                raise ReviewError(
                    f"{readings.name}:{entry.line}: {char} has the one reading {entry.reading} in pypinyin; "
                    "the row adds nothing"
                )
        terms = []
        for number, row in _rows(english, ("kind", "chinese", "english", "also", "names", "reason")):
            kind = row["kind"]
            if kind not in ENGLISH_KINDS:
                raise ReviewError(f"{english.name}:{number}: unknown kind {kind!r}")
            also = tuple(a.strip() for a in row["also"].split("|")) if row["also"] != NONE else ()
            names = tuple(row["names"].split()) if row["names"] != NONE else ()
            terms.append(Term(kind, row["chinese"], row["english"], also, names, row["reason"], number))
        return cls(defaults, words, terms)

    def use(self, table: str, line: int) -> None:
        self.used.add((table, line))

    def of_kind(self, kind: str) -> list[Term]:
        return [t for t in self.terms if t.kind == kind]


@functools.cache
def tables() -> Tables:
    return Tables.load()


def is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


@functools.cache
def heteronyms(char: str) -> tuple[str, ...]:
    """pypinyin's toneless readings of one character (ü kept), most common first."""
    found = pypinyin.pinyin(char, style=pypinyin.Style.NORMAL, heteronym=True, v_to_u=True)[0]
    return tuple(dict.fromkeys(found))
