"""Cut a Chinese division name into syllables and parts, for the romanisation.

``syllables(name)`` gives one toneless pinyin syllable per Chinese character, ``ü`` kept
(``绿园区`` -> ``['lü', 'yuan', 'qu']``). Punctuation (``、``) has no syllable. Every character
that pypinyin gives more than one reading, and every character the reading table names, is
read from the reviewed table ``place_readings.tsv``; an occurrence the table does not cover
raises :class:`ReviewError`, so a new name cannot slip through with an unchecked reading.
Other characters take pypinyin's one reading.

``parse(name)`` cuts a name into its specific part, positions, ethnic groups and generic
term (喀喇沁 | 左翼 | 蒙古族 | 自治县), from the English table ``place_english.tsv``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stages import place_tables
from stages.place_tables import (
    ENGLISH_FILE,
    PUNCTUATION,
    READINGS_FILE,
    SYLLABLE,
    ReviewError,
    Tables,
    Term,
    heteronyms,
    is_han,
)

# ---------------------------------------------------------------------------
# Syllables
# ---------------------------------------------------------------------------


def _reading_at(name: str, index: int, table: Tables) -> str:
    char = name[index]
    covering = {
        entry.reading: entry
        for entry in table.words.get(char, ())
        for start in _occurrences(name, entry.context)
        if start + entry.context.index(char) == index
    }
    if len(covering) > 1:
        raise ReviewError(f"{name}: word rows disagree on {char} (lines {[e.line for e in covering.values()]})")
    if covering:
        entry = next(iter(covering.values()))
        table.use("readings", entry.line)
        return entry.reading
    default = table.defaults.get(char)
    if default is not None:
        table.use("readings", default.line)
        return default.reading
    readings = heteronyms(char)
    if char in table.words:
        raise ReviewError(
            f"{name}: {char} is reviewed only in {[e.context for e in table.words[char]]}; "
            f"add a row for {char} in this name to {READINGS_FILE.name}"
        )
    if readings == (char,) or not readings:
        raise ReviewError(f"{name}: pypinyin cannot read {char}; add a row for it to {READINGS_FILE.name}")
    if len(readings) > 1:
        raise ReviewError(
            f"{name}: {char} has the readings {'/'.join(readings)} and no reviewed reading; "
            f"add a row for it to {READINGS_FILE.name}"
        )
    if not SYLLABLE.fullmatch(readings[0]):
        raise ReviewError(f"{name}: pypinyin reads {char} as {readings[0]!r}; add a row for it to {READINGS_FILE.name}")
    return readings[0]


def _occurrences(text: str, word: str) -> Iterable[int]:
    start = text.find(word)
    while start != -1:
        yield start
        start = text.find(word, start + 1)


def syllables(name: str) -> list[str]:
    """One toneless syllable per Chinese character of ``name`` (punctuation has none).

    Raises:
        ReviewError: a character has several readings (or one pypinyin lacks) and the
            reading table does not cover this occurrence; or a character is neither
            Chinese nor known punctuation.
    """
    table = place_tables.tables()
    out = []
    for index, char in enumerate(name):
        if char in PUNCTUATION:
            continue
        if not is_han(char):
            raise ReviewError(f"{name}: {char!r} is not a Chinese character")
        out.append(_reading_at(name, index, table))
    return out


def pinyin_word(syls: list[str]) -> str:
    """Syllables written as one word (GB/T 16159): apostrophe before a, o, e after the first."""
    return "".join(("'" + s if i and s[0] in "aoe" else s) for i, s in enumerate(syls))


def capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


# ---------------------------------------------------------------------------
# Names: specific part, positions, ethnic groups, generic part
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Parts:
    """A name cut into its parts: 喀喇沁 | 左翼 | 蒙古族 | 自治县."""

    name: str
    specific: str
    positions: tuple[Term, ...]
    ethnics: tuple[Term, ...]
    generic: Term | None
    override: Term | None = None


def _generic_of(name: str, table: Tables) -> Term:
    generics = sorted(table.of_kind("generic"), key=lambda t: -len(t.chinese))
    not_generic = table.of_kind("not-generic")
    tried: set[str] = set()
    for term in generics:
        suffix = term.chinese
        if suffix in tried or not name.endswith(suffix) or len(name) == len(suffix):
            continue
        tried.add(suffix)
        rows = [t for t in generics if t.chinese == suffix]
        scoped = [t for t in rows if t.names]
        if not scoped:
            table.use("english", rows[0].line)
            return rows[0]
        chosen = [t for t in scoped if name in t.names]
        if chosen:
            table.use("english", chosen[0].line)
            return chosen[0]
        refused = [t for t in not_generic if t.chinese == suffix and name in t.names]
        if refused:
            table.use("english", refused[0].line)
            continue
        raise ReviewError(
            f"{name}: {suffix} is a generic term only in the names its rows list; "
            f"list {name} under a generic or a not-generic row of {ENGLISH_FILE.name}"
        )
    raise ReviewError(f"{name}: no generic term of {ENGLISH_FILE.name} ends this name")


def parse(name: str) -> Parts:
    """Cut a name into specific part, positions, ethnic groups and generic part."""
    table = place_tables.tables()
    for term in table.of_kind("name"):
        if term.chinese == name:
            table.use("english", term.line)
            return Parts(name, name, (), (), None, term)
    generic = _generic_of(name, table)
    rest = name[: -len(generic.chinese)]
    ethnic_terms = sorted(table.of_kind("ethnic"), key=lambda t: -len(t.chinese))
    refusals = table.of_kind("not-ethnic")
    ethnics: list[Term] = []
    while True:
        found = next(
            (
                t
                for t in ethnic_terms
                if rest.endswith(t.chinese) and (t.chinese.endswith("族") or generic.chinese.startswith("自治"))
            ),
            None,
        )
        if found is None:
            break
        refused = next((r for r in refusals if r.chinese == found.chinese and name in r.names), None)
        if refused is not None:
            table.use("english", refused.line)
            break
        table.use("english", found.line)
        ethnics.insert(0, found)
        rest = rest[: -len(found.chinese)]
    positions: list[Term] = []
    for term in table.of_kind("position"):
        if rest.endswith(term.chinese) and len(rest) > len(term.chinese):
            table.use("english", term.line)
            positions.insert(0, term)
            rest = rest[: -len(term.chinese)]
    if not rest and not ethnics:
        raise ReviewError(f"{name}: nothing is left for the specific part")
    return Parts(name, rest, tuple(positions), tuple(ethnics), generic)


def spelling_term(specific: str, table: Tables) -> Term | None:
    for term in table.terms:
        if term.kind in ("spelling", "spelling-only") and term.chinese == specific:
            table.use("english", term.line)
            return term
    return None
