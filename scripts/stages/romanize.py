"""Romanised names and match keys of Chinese administrative divisions, for scripts/build_data.py.

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
The readings and the English terms come from the two reviewed tables that
``stages.place_tables`` reads; ``stages.name_parts`` cuts a name into syllables and parts.

``check_tables(names)`` reads every name and fails if a name has an unreviewed
character or does not parse, or if a row of either table was never used (stale).
The build's steps (:func:`add_pinyin`, :func:`check_romanisation`, :func:`pinyin_table`)
are at the end.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from stages import place_tables
from stages.errors import fail
from stages.name_parts import Parts, capitalised, parse, pinyin_word, spelling_term, syllables
from stages.place_tables import ENGLISH_FILE, PUNCTUATION, READINGS_FILE, ReviewError, Tables

__all__ = [
    "ENGLISH_FILE",
    "PUNCTUATION",
    "READINGS_FILE",
    "ReviewError",
    "Tables",
    "add_pinyin",
    "check_romanisation",
    "check_tables",
    "display_name",
    "match_keys",
    "parse",
    "pinyin_table",
    "province_name",
    "syllables",
]

# Generics whose names also go by their stem, as 南京 for 南京市 (the runtime does the same
# with the Chinese names): 'Nanjing', 'Hebei', 'Hotan'.
PROVINCE_GENERICS = frozenset({"省", "自治区", "市", "特别行政区"})
# Generics that English sources often run, but for their last character, into the specific
# part: Jingxingkuang District (井陉矿区), Suniteyou Banner (苏尼特右旗), as this package wrote
# them before 0.3. Such a spelling stays a match key; the display name separates the words.
RUN_IN_GENERICS = frozenset({"新区", "矿区", "工矿区", "工农区", "中旗", "前旗", "后旗", "左旗", "右旗", "联合旗"})


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
    table = place_tables.tables()
    parts = parse(name)
    syls = syllables(name)
    if parts.override is not None:
        return parts, Words(specific=parts.override.english, whole=pinyin_word(syls))
    assert not any(c in PUNCTUATION for c in name)  # only whole-name rows have punctuation
    cut = len(parts.specific)
    pinyin_specific = capitalised(pinyin_word(syls[:cut]))
    ethnics_pinyin = []
    at = cut + sum(len(p.chinese) for p in parts.positions)
    for term in parts.ethnics:
        ethnics_pinyin.append(capitalised(pinyin_word(syls[at : at + len(term.chinese)])))
        at += len(term.chinese)
    words = Words(
        specific=pinyin_specific,
        whole=pinyin_word(syls),
        generic=parts.generic.english if parts.generic else "",
        positions=tuple(p.english for p in parts.positions),
        ethnics=tuple(e.english for e in parts.ethnics),
        ethnics_pinyin=tuple(ethnics_pinyin),
    )
    spelling = spelling_term(parts.specific, table) if parts.specific else None
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
    table = place_tables.tables()
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
    table = place_tables.tables()
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


# ---------------------------------------------------------------------------
# The build's steps: romanised names made here so that the package never needs pypinyin
# ---------------------------------------------------------------------------


def add_pinyin(units: list[dict[str, Any]]) -> None:
    """name_pinyin 'Gu'an County', 'Benxi Manchu Autonomous County'; province_pinyin 'Hebei'."""
    for unit in units:
        unit["name_pinyin"] = display_name(unit["name"])
        unit["province_pinyin"] = province_name(unit["province"])


def check_romanisation(names: set[str]) -> None:
    """Every name reads from reviewed readings and parses; no row of the two tables is stale."""
    try:
        check_tables(names)
    except ReviewError as exc:
        fail(f"romanisation: {exc}")


def pinyin_table(names: set[str]) -> dict[str, list[str]]:
    """Name -> the spellings a user may type: the matching keys of pinyin.json."""
    return {name: match_keys(name) for name in sorted(names)}
