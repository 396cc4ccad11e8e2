"""Reading romanised names: the index keys a name in pinyin or English may stand for.

The index holds each division's romanised forms as run-together lower-case keys
(``gu'ancounty``, ``gu'anxian``, ``gu'an``). Lists write them in more ways than that:
GB/T 2260's pinyin generic words (``Gu'an Xian``, ``Alxa Zuoqi``, ``Hotan Shi``), a comma
or any apostrophe-like mark for the apostrophe (``Jing,an Xian``), hyphens and spaces
anywhere, a bracketed alternative (``Kashi (Kaxgar) Shi``, ``Bachu(Maralbexi) Xian``),
a generic written twice (``Xunxian County``), capitals and tone marks (``Xī'ān``).

``readings`` turns such a name into the keys it may mean, each with the Chinese generic
word the division's name must end in (``""`` for none): ``Alxa Zuoqi`` is the key
``alxa`` of a name ending in 左旗. The matcher looks each key up and keeps every span
that fits: a name that may be read two ways (``Jixian County``: 集贤县, or 蓟县 with its
generic written twice) has the candidates of both. Nothing here knows a division: the
rewriting invents no name, and a key the index lacks finds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["is_romanised", "readings"]

# Generic words as English and GB/T 2260's pinyin write them, and the Chinese generic
# word a name read with them must end in. Longest phrases are tried first.
_GENERICS: Final[dict[tuple[str, ...], str]] = {
    ("county",): "县",
    ("xian",): "县",
    ("city",): "市",
    ("shi",): "市",
    ("district",): "区",
    ("qu",): "区",
    ("banner",): "旗",
    ("qi",): "旗",
    ("left", "banner"): "左旗",
    ("zuoqi",): "左旗",
    ("right", "banner"): "右旗",
    ("youqi",): "右旗",
    ("middle", "banner"): "中旗",
    ("zhongqi",): "中旗",
    ("front", "banner"): "前旗",
    ("qianqi",): "前旗",
    ("rear", "banner"): "后旗",
    ("houqi",): "后旗",
    ("autonomous", "county"): "自治县",
    ("zizhixian",): "自治县",
    ("autonomous", "banner"): "自治旗",
    ("zizhiqi",): "自治旗",
    ("autonomous", "prefecture"): "自治州",
    ("zizhizhou",): "自治州",
    ("autonomous", "region"): "自治区",
    ("zizhiqu",): "自治区",
    ("mining", "district"): "矿区",
    ("kuangqu",): "矿区",
    ("special", "district"): "特区",
    ("tequ",): "特区",
    ("forestry", "district"): "林区",
    ("linqu",): "林区",
    ("new", "area"): "新区",
    ("new", "district"): "新区",
    ("xinqu",): "新区",
    ("league",): "盟",
    ("meng",): "盟",
    ("prefecture",): "地区",
    ("diqu",): "地区",
    ("province",): "省",
    ("sheng",): "省",
}
_LONGEST: Final = max(map(len, _GENERICS))
# A generic run into the name before the same generic is written again (Xunxian County):
# the pinyin of the Chinese generic word, by that word.
_RUN_IN: Final = {"县": "xian", "市": "shi", "区": "qu", "旗": "qi"}
# Marks written for the syllable-dividing apostrophe: ’ ‘ ʼ ′ ` ´ and the comma of some tables.
_APOSTROPHES: Final = dict.fromkeys(map(ord, ",\u2019\u2018\u02bc\u2032`\u00b4"), "'")
_BRACKETED: Final = re.compile(r"\s*\(([^()]*)\)\s*")
_SEPARATORS: Final = re.compile(r"[\s\-‐‑–—_./]+")
_LATIN: Final = re.compile(r"[a-z' ()\-‐‑–—_./]+")


def _fold(text: str) -> str:
    """Lower case, ü as v, tone marks and other diacritics dropped, apostrophes made one."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ü", "v").replace("u:", "v")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.translate(_APOSTROPHES).strip()


def is_romanised(text: str) -> bool:
    """Whether ``text`` is written in Latin letters (with spaces, apostrophes, hyphens, brackets)."""
    folded = _fold(text)
    return bool(folded) and _LATIN.fullmatch(folded) is not None and any(c.isalpha() for c in folded)


def _alternatives(text: str) -> list[str]:
    """A name with a bracketed alternative read as either part (Kashi (Kaxgar) Shi)."""
    found = _BRACKETED.search(text)
    if found is None:
        return [text]
    before, inside, after = text[: found.start()], found.group(1), text[found.end() :]
    words = before.split()
    outside = f"{before} {after}"
    out = [outside]
    if inside.strip():
        # The bracket holds another name for the word before it, or for all of the front.
        if len(words) > 1:
            out.append(" ".join([*words[:-1], inside, after]))
        out.append(f"{inside} {after}")
    return [a for alt in out for a in _alternatives(alt)]


def readings(text: str) -> list[tuple[str, str]]:
    """The keys a romanised name may stand for, each with the generic its division's name ends in.

    ``[]`` when ``text`` is not romanised. The first reading is the whole name run together.
    """
    if not is_romanised(text):
        return []
    out: list[tuple[str, str]] = []
    for alternative in _alternatives(_fold(text)):
        words = [w for w in _SEPARATORS.split(alternative) if w]
        if not words:
            continue
        out.append(("".join(words), ""))
        for size in range(min(_LONGEST, len(words) - 1), 0, -1):
            generic = _GENERICS.get(tuple(words[-size:]))
            if generic is None:
                continue
            stem = "".join(words[:-size])
            out.append((stem, generic))
            if size < len(words) - 1:  # a hyphen or space between syllables of one word: Jing-an Xian
                out.append(("'".join(words[:-size]), generic))
            run_in = _RUN_IN.get(generic[-1])
            english = words[-1] not in _RUN_IN.values()  # Kashi Shi is 喀什市, not Ka written twice
            if run_in and english and stem.endswith(run_in) and len(stem) > len(run_in):
                out.append((stem[: -len(run_in)], generic))  # Xunxian County
            break
    return list(dict.fromkeys(r for r in out if r[0].strip("'")))
