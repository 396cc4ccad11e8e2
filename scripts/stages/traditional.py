"""Simplified and traditional characters, for scripts/build_data.py.

The seed arrived in traditional characters made by a converter that picked one
traditional form for every simplified one (关于 -> 關于, 后 -> 后, 范围 -> 范圍). The build
therefore goes through simplified text: the seed is turned into simplified characters
(OpenCC ``t2s`` with checked exceptions), which is the official text, and the traditional
text is made anew from it in the standard forms (OpenCC ``s2tw``: Taiwan's standard
character forms, which are also the forms the seed's own converter used, 為 眾 群 啟, where
it had one form to choose) with checked exceptions. The seed's own characters are kept
as what was received.

For lookups, :func:`char_map` makes a one-to-one table from traditional (and variant)
characters to simplified ones, proved at build time to turn every traditional spelling
of every name into that name and to leave every simplified name alone; :func:`lookup_names`
gathers those names from the history and the units.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import opencc

from stages.history import History

# Simplified text: OpenCC t2s, then these. Each must change the converter's output, else it
# is stale and the build fails.
T2S_EXCEPTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "著力",
        "着力",
        "OpenCC keeps 著 (it is also a simplified character, as in 显著), but in 著力 (zhuó lì, 'to "
        "put effort into') the simplified standard (通用规范汉字表) writes 着: 着力打造, 着力健全",
    ),
)

# Standard traditional text: OpenCC s2tw, then these. Each must change the converter's output.
S2T_EXCEPTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "濬縣",
        "浚縣",
        "OpenCC writes 浚县 as 濬縣, the county's older form; 浚 is a traditional character in its own right "
        "(it is in Big5), and the seed itself prints 浚縣 (its bytes bf a3 are 浚, see scripts/stages/seed_damage.py)",
    ),
    (
        "江乾",
        "江干",
        "OpenCC turns 江干区 (Hangzhou) into 江乾區, reading 干 as 'dry'; 江干 is the river bank (干 as in 河干), "
        "which traditional text writes 江干",
    ),
)

# Characters people type for a division that OpenCC does not turn into its simplified form.
# Each: (variant, simplified, why). The variant must occur in no simplified name.
VARIANT_CHARS: tuple[tuple[str, str, str], ...] = (
    ("陜", "陕", "陜 is a variant of 陝 (Shaanxi), common in traditional text; OpenCC leaves it unconverted"),
    ("濬", "浚", "濬 is the older form of 浚 in 浚县, which OpenCC's s2t writes as 濬縣; OpenCC's t2s keeps 濬"),
    ("澂", "澄", "OpenCC writes 澄江 (Yunnan) as 澂江, the traditional form of the name; OpenCC's t2s keeps 澂"),
)

# Traditional forms of a name a reader may meet: OpenCC's own standard, Taiwan's and Hong Kong's.
_FORMS = ("s2t", "s2tw", "s2hk")


class ConverterError(Exception):
    """A conversion table no longer fits what OpenCC does."""


class Converter:
    """OpenCC between the scripts, with the checked exceptions of this module."""

    def __init__(self) -> None:
        self._t2s = opencc.OpenCC("t2s")
        # For single characters: Hong Kong's and Taiwan's forms too (衞, 衆), which t2s leaves alone.
        self._char_t2s = [opencc.OpenCC(config) for config in ("t2s", "hk2s", "tw2s")]
        self._s2t = opencc.OpenCC("s2tw")
        self._forms = [opencc.OpenCC(config) for config in _FORMS]
        self.used: set[str] = set()

    def hans(self, hant: str) -> str:
        """Simplified text from traditional."""
        return self._apply(self._t2s.convert(hant), T2S_EXCEPTIONS)

    def hant(self, hans: str) -> str:
        """Standard traditional text from simplified."""
        return self._apply(self._s2t.convert(hans), S2T_EXCEPTIONS)

    def simplified_char(self, char: str) -> str:
        """The simplified form of one traditional or variant character (itself if none)."""
        for convert in self._char_t2s:
            simple = convert.convert(char)
            if simple != char:
                return self._apply(simple, T2S_EXCEPTIONS)
        return char

    def traditional_forms(self, hans: str) -> set[str]:
        """Every traditional spelling of ``hans`` a reader may type: the standard ones and the variants."""
        forms = {self.hant(hans)} | {self._apply(convert.convert(hans), S2T_EXCEPTIONS) for convert in self._forms}
        for variant, simple, _why in VARIANT_CHARS:
            forms |= {form.replace(simple, variant) for form in forms if simple in form}
        return forms

    def misconversions(self, hans: str) -> set[str]:
        """Traditional spellings OpenCC itself makes of ``hans`` where it errs (江干区 -> 江乾區).

        Data converted with OpenCC carries them, so lookups accept them; the exceptions of
        S2T_EXCEPTIONS say which they are and why they are not the standard form.
        """
        raw = {convert.convert(hans) for convert in self._forms}
        return {form for form in raw if self._apply(form, S2T_EXCEPTIONS) != form}

    def _apply(self, text: str, exceptions: tuple[tuple[str, str, str], ...]) -> str:
        for wrong, right, _why in exceptions:
            if wrong in text:
                self.used.add(wrong)
                text = text.replace(wrong, right)
        return text

    def check_exceptions_used(self) -> None:
        stale = [wrong for wrong, _r, _w in (*T2S_EXCEPTIONS, *S2T_EXCEPTIONS) if wrong not in self.used]
        if stale:
            raise ConverterError(f"conversion exceptions never applied (stale): {stale}")


def char_map(conv: Converter, names: Iterable[str], received: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """One-to-one traditional -> simplified characters for every spelling of ``names``.

    ``names`` are simplified names; their traditional spellings are
    :meth:`Converter.traditional_forms`; ``received`` adds (traditional, simplified) pairs
    spelled otherwise (the seed's own). The runtime cannot run OpenCC, so it maps character
    by character; this proves the table turns every spelling into its name and leaves every
    simplified name unchanged.

    Raises:
        ConverterError: a character would need two simplified forms, or the table would change
            a simplified name.
    """
    simplified = sorted(set(names))
    pairs = [(form, name) for name in simplified for form in conv.traditional_forms(name)]
    pairs += list(received)
    table: dict[str, str] = {variant: simple for variant, simple, _why in VARIANT_CHARS}
    # A character that a simplified name uses as itself is never mapped: 乾 is 干 in ordinary
    # text, but 乾县 and 乾安县 are spelled with 乾 in both scripts.
    kept = {char for name in simplified for char in name}
    for hant, _hans in pairs:
        for char in hant:
            if char in table or char in kept:
                continue
            simple = conv.simplified_char(char)
            if len(simple) == 1:
                table[char] = simple
    translate = str.maketrans(table)
    wrong = [(hant, hans, hant.translate(translate)) for hant, hans in pairs if hant.translate(translate) != hans]
    if wrong:
        raise ConverterError(f"the character table misreads {len(wrong)} spelling(s), e.g. {wrong[:5]}")
    changed = [name for name in simplified if name.translate(translate) != name]
    if changed:
        raise ConverterError(f"the character table would change simplified names: {changed[:10]}")
    return dict(sorted(table.items()))


def lookup_names(history: History, units: list[dict[str, Any]]) -> tuple[set[str], list[tuple[str, str]]]:
    """Every simplified name a lookup may be spelled in traditional characters, and the seed's own spellings.

    Names of every division of the history (1981-2024), alone and joined to their parents
    (河南省鹤壁市浚县), and every name field of the units.
    """
    names = set()
    for record in history.records:
        chain = history.ancestry(record)
        names.add(record.name)
        names.add("".join(r.name for r in chain))
        if len(chain) == 3:
            names.add(chain[0].name + record.name)
            names.add(chain[1].name + record.name)
    received = []
    for u in units:
        names.update(n for n in (u["name"], u["published_name"], u["full_name"], u["group"], u["province"]) if n)
        if u["prefecture"]:
            names.update({u["prefecture"], u["prefecture"] + u["name"], u["prefecture"] + u["published_name"]})
        received.append((u["received_name"], u["published_name"]))
    return names, received
