"""Romanised names of Chinese administrative divisions, for scripts/build_data.py.

Build-time only (it needs pypinyin, which the package does not). Four functions:

``syllables(name)``
    One toneless pinyin syllable per Chinese character, ``ü`` kept (``绿园区`` ->
    ``['lü', 'yuan', 'qu']``). Punctuation (``、``) has no syllable. Every character
    that pypinyin gives more than one reading, and every character the reading table
    names, is read from the reviewed table ``place_readings.tsv``; an occurrence the
    table does not cover raises :class:`ReviewError`, so a new name cannot slip through
    with an unchecked reading. Other characters take pypinyin's one reading.

``display_name(name)``
    The name as Chinese place names are written in English: the specific part in Hanyu
    Pinyin by GB/T 16159-2012 (one word, capitalised, ``'`` before a syllable that starts
    with a, o or e and is not word-initial, ``ü`` after l and n), the generic part and
    the names of ethnic groups in English: ``Gu'an County``, ``Lüyuan District``,
    ``Benxi Manchu Autonomous County``, ``Pudong New Area``, ``Sunite Right Banner``.
    Cities keep the project's convention ``Nanjing City``.

``province_name(name)``
    A province-level division's romanised name without its generic: ``Hebei``,
    ``Shaanxi``, ``Nei Mongol``.

``match_keys(name)``
    Every spelling a user may type for the name, lower-case (the runtime removes white
    space, lower-cases, folds ``’ ‘ ʼ ′`` to ``'`` and ``ü`` to ``v``): the display name
    with and without apostrophes, ``ü`` as ``v`` and as ``u``, with the ethnic groups also
    in pinyin (``benxi manzu autonomous county``); the run-together syllables of the whole
    name (``gu'anxian``, ``guanxian``); the stem of cities, provinces, prefectures and
    leagues (``nanjing``); the generic run into the specific part where English sources
    (and this package before 0.3) write it so (``jingxingkuang district``, ``suniteyou
    banner``); and the conventional English forms of the English table (``sonid right
    banner``, ``inner mongolia``). Never a reading the reading table overrules.

Names of ethnic groups follow GB/T 3304 (Mongol, Uygur, Kazak, Va …) except where GB/T
3304 writes the Chinese name and English has its own (Manchu, Tibetan, Korean); province
spellings follow the romanised names of GB/T 2260 and ISO 3166-2:CN (Shaanxi, Nei Mongol),
and the Basic Laws for Hong Kong and Macao. Each such choice is a row of the English table.

The judgements live in two committed tables beside this file, one row per judgement
with its reason:

* ``place_readings.tsv``: ``char  context  reading  reason``. A row whose context is
  ``*`` is the character's reading in every name not covered by a word row; a word row
  gives the reading of the character inside that word (a substring of names).
* ``place_english.tsv``: ``kind  chinese  english  also  names  reason``: generic terms,
  ethnic groups, province spellings, conventional alternatives (see the file's header).

``check_tables(names)`` reads every name and fails if a name has an unreviewed
character or does not parse, or if a row of either table was never used (stale).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pypinyin

__all__ = [
    "ENGLISH_FILE",
    "READINGS_FILE",
    "ReviewError",
    "check_tables",
    "display_name",
    "match_keys",
    "province_name",
    "syllables",
]

HERE = Path(__file__).resolve().parent
READINGS_FILE = HERE / "place_readings.tsv"
ENGLISH_FILE = HERE / "place_english.tsv"

ANY_CONTEXT = "*"
NONE = "-"  # an empty field of place_english.tsv
PUNCTUATION = frozenset("、")  # characters of names that have no syllable
SYLLABLE = re.compile(r"[a-zü]*[aeiouü][a-zü]*")
# Generics whose names also go by their stem, as 南京 for 南京市 (the runtime does the same
# with the Chinese names): 'Nanjing', 'Hebei', 'Hotan'.
PROVINCE_GENERICS = frozenset({"省", "自治区", "市", "特别行政区"})
# Generics that English sources often run, but for their last character, into the specific
# part: Jingxingkuang District (井陉矿区), Suniteyou Banner (苏尼特右旗), as this package wrote
# them before 0.3. Such a spelling stays a match key; the display name separates the words.
RUN_IN_GENERICS = frozenset({"新区", "矿区", "工矿区", "工农区", "中旗", "前旗", "后旗", "左旗", "右旗", "联合旗"})
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
            if len(entry.char) != 1 or not _is_han(entry.char):
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
            if char not in words and _heteronyms(char) == (entry.reading,):
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


def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


@functools.cache
def _heteronyms(char: str) -> tuple[str, ...]:
    """pypinyin's toneless readings of one character (ü kept), most common first."""
    found = pypinyin.pinyin(char, style=pypinyin.Style.NORMAL, heteronym=True, v_to_u=True)[0]
    return tuple(dict.fromkeys(found))


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
    readings = _heteronyms(char)
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
    table = tables()
    out = []
    for index, char in enumerate(name):
        if char in PUNCTUATION:
            continue
        if not _is_han(char):
            raise ReviewError(f"{name}: {char!r} is not a Chinese character")
        out.append(_reading_at(name, index, table))
    return out


def pinyin_word(syls: list[str]) -> str:
    """Syllables written as one word (GB/T 16159): apostrophe before a, o, e after the first."""
    return "".join(("'" + s if i and s[0] in "aoe" else s) for i, s in enumerate(syls))


def _capitalised(word: str) -> str:
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
    table = tables()
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


def _spelling(specific: str, table: Tables) -> Term | None:
    for term in table.terms:
        if term.kind in ("spelling", "spelling-only") and term.chinese == specific:
            table.use("english", term.line)
            return term
    return None


@dataclass(frozen=True)
class Words:
    """The words of a name's romanised forms, before they are joined."""

    specific: str  # as displayed: 'Gu'an', 'Shaanxi', 'Nei Mongol', 'Oroqen'
    whole: str  # the run-together syllables of the whole name: "gu'anxian", 'shaanxisheng'
    generic: str = ""  # English: 'County'
    positions: tuple[str, ...] = ()  # English: 'Right Wing'
    ethnics: tuple[str, ...] = ()  # English: 'Yi', 'Hui', 'Miao'
    ethnics_pinyin: tuple[str, ...] = ()  # 'Yizu', 'Huizu', 'Miaozu'
    specific_pinyin: str | None = None  # the plain pinyin where a spelling replaces it, if it stays a key
    whole_pinyin: str | None = None  # the same for the run-together syllables
    run_in: str | None = None  # 'jingxingkuang district', for the generics of RUN_IN_GENERICS


def _words(name: str) -> tuple[Parts, Words]:
    table = tables()
    parts = parse(name)
    syls = syllables(name)
    if parts.override is not None:
        return parts, Words(specific=parts.override.english, whole=pinyin_word(syls))
    assert not any(c in PUNCTUATION for c in name)  # only whole-name rows have punctuation
    cut = len(parts.specific)
    pinyin_specific = _capitalised(pinyin_word(syls[:cut]))
    ethnics_pinyin = []
    at = cut + sum(len(p.chinese) for p in parts.positions)
    for term in parts.ethnics:
        ethnics_pinyin.append(_capitalised(pinyin_word(syls[at : at + len(term.chinese)])))
        at += len(term.chinese)
    words = Words(
        specific=pinyin_specific,
        whole=pinyin_word(syls),
        generic=parts.generic.english if parts.generic else "",
        positions=tuple(p.english for p in parts.positions),
        ethnics=tuple(e.english for e in parts.ethnics),
        ethnics_pinyin=tuple(ethnics_pinyin),
    )
    spelling = _spelling(parts.specific, table) if parts.specific else None
    if spelling is not None:
        keep = spelling.kind == "spelling"
        return parts, dataclasses.replace(
            words,
            specific=spelling.english,
            whole=spelling.english.replace(" ", "").lower() + pinyin_word(syls[cut:]),
            specific_pinyin=pinyin_specific if keep else None,
            whole_pinyin=words.whole if keep else None,
        )
    if not parts.specific:  # 东乡族自治县, 鄂伦春自治旗: the group's name is the specific part
        if len(parts.ethnics) != 1:
            raise ReviewError(f"{name}: no specific part, and more than one ethnic group")
        return parts, dataclasses.replace(
            words, specific=words.ethnics[0], specific_pinyin=ethnics_pinyin[0], ethnics=(), ethnics_pinyin=()
        )
    if parts.generic is not None and parts.generic.chinese in RUN_IN_GENERICS and not parts.ethnics:
        last = next(t for t in table.of_kind("generic") if t.chinese == parts.generic.chinese[-1])
        words = dataclasses.replace(words, run_in=f"{pinyin_word(syls[:-1])} {last.english}")
    return parts, words


def _join(*groups: Iterable[str]) -> str:
    return " ".join(word for group in groups for word in group if word)


def display_name(name: str) -> str:
    """The name in English: 'Gu'an County', 'Benxi Manchu Autonomous County', 'Nanjing City'."""
    _parts, w = _words(name)
    return _join([w.specific], w.positions, w.ethnics, [w.generic])


def province_name(name: str) -> str:
    """A province-level division's romanised name: 'Hebei', 'Shaanxi', 'Nei Mongol', 'Beijing'."""
    parts, w = _words(name)
    if parts.generic is None or parts.generic.chinese not in PROVINCE_GENERICS or parts.positions:
        raise ReviewError(f"{name} is not the name of a province-level division")
    return w.specific


def _variants(form: str) -> list[str]:
    """A key as typed with and without apostrophes, with ü as v and as u."""
    forms = [form, form.replace("'", "")]
    return [v for f in forms for v in (f.replace("ü", "v"), f.replace("ü", "u"))]


def match_keys(name: str) -> list[str]:
    """Every spelling of ``name`` a user may type, lower-case, ü written v (and u)."""
    table = tables()
    parts, w = _words(name)
    forms: list[str] = []
    specifics = [w.specific]
    if w.specific_pinyin:
        specifics.append(w.specific_pinyin)
    ethnic_sets = [w.ethnics]
    if w.ethnics_pinyin:
        ethnic_sets.append(w.ethnics_pinyin)
        alternatives = tuple(e.also[0] if e.also else e.english for e in parts.ethnics)
        ethnic_sets.append(alternatives)
    positions = [w.positions]
    if w.positions:  # Horqin Right Middle Banner, as English sources also write it
        positions.append(tuple(p.replace(" Wing", "") for p in w.positions))
    if not parts.specific and parts.ethnics:  # Evenk Autonomous Banner, as well as Ewenki
        specifics.extend(parts.ethnics[0].also)
    exonyms = [
        t
        for t in table.of_kind("exonym")
        if parts.override is None and t.chinese == parts.specific and (not t.names or name in t.names)
    ]
    for term in exonyms:
        table.use("english", term.line)
        specifics.extend([term.english, *term.also])
    for specific in specifics:
        for position in positions:
            for ethnic in ethnic_sets:
                forms.append(_join([specific], position, ethnic, [w.generic]))
        if parts.generic is not None:
            forms.append(specific)  # the name without its generic: nanjing, haidian, tahe
    if parts.override is not None:
        forms.extend(parts.override.also)
    if w.run_in:
        forms.append(w.run_in)
    forms.append(w.whole)
    if w.whole_pinyin:
        forms.append(w.whole_pinyin)
    keys = [v for form in forms for v in _variants(form.lower())]
    return list(dict.fromkeys(k for k in keys if k))


# ---------------------------------------------------------------------------
# The review: every name read, every row used
# ---------------------------------------------------------------------------


def check_tables(names: Iterable[str]) -> None:
    """Romanise every name; fail on any name that needs review and on any unused row.

    Raises:
        ReviewError: listing every name that fails and every row of either table that
            no name used (a stale row).
    """
    table = tables()
    table.used.clear()
    problems = []
    for name in sorted(set(names)):
        try:
            match_keys(name)
        except ReviewError as exc:
            problems.append(str(exc))
    readings = [e for e in table.defaults.values()] + [e for rows in table.words.values() for e in rows]
    for entry in sorted(readings, key=lambda e: e.line):
        if ("readings", entry.line) not in table.used:
            problems.append(f"{READINGS_FILE.name}:{entry.line}: {entry.char} {entry.context} is used by no name")
    for term in table.terms:
        if ("english", term.line) not in table.used:
            problems.append(f"{ENGLISH_FILE.name}:{term.line}: {term.kind} {term.chinese} is used by no name")
    if problems:
        raise ReviewError(f"{len(problems)} problem(s):\n" + "\n".join(problems))
