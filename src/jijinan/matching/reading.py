"""Reading what a user typed: the key it is indexed under, a code in it, and its prefixes.

A key is read in NFKC (so full-width letters, digits and spaces become ordinary ones),
loses all white space, is lower-cased (for codes and pinyin), has its apostrophes made
one (’ ‘ ʼ ′ → ') and its ü written v (as pinyin keyboards do), and has its traditional and
variant characters replaced by simplified ones through a one-to-one table made at build
time. The build normalises every index key with this same code, so a query meets the
keys exactly.

A name may also carry its province and prefecture in front, full or short (河北省邢台市襄都区,
河北襄都区, 恩施州利川市): ``prefix_readings`` lists every way the front of a key can be
read as such prefixes, from tables built at build time. Nothing here knows where those
tables or the character table are stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Final, NamedTuple

__all__ = [
    "GENERIC_WORDS",
    "PREFECTURE_SUFFIX",
    "PROVINCE_SUFFIX",
    "WHOLE_WORDS",
    "Normalizer",
    "PrefixReading",
    "check_key",
    "code_in",
    "is_zone_word",
    "prefix_readings",
    "spellings",
]

# What short forms of higher-level names leave out: 陕西省 -> 陕西, 广西壮族自治区 -> 广西,
# 北京市 -> 北京, 香港特别行政区 -> 香港; 张家口市 -> 张家口, 大兴安岭地区 -> 大兴安岭, 兴安盟 -> 兴安.
PROVINCE_SUFFIX: Final = re.compile("(?:(?:壮族|回族|维吾尔)?自治区|特别行政区|省|市)$")
PREFECTURE_SUFFIX: Final = re.compile("(?:市|地区|盟)$")

# Words of statistical tables that name no division by themselves: a totals row, "the city's
# districts", a bare level. Qualified by a prefix, the "whole" words mean that division (北京市全市).
WHOLE_WORDS: Final = frozenset({"全市", "全省", "全区", "全县", "全州", "全盟", "全旗", "合计", "总计", "全国"})
GENERIC_WORDS: Final = WHOLE_WORDS | frozenset(
    {"市辖区", "县", "区", "市", "旗", "省", "州", "盟", "地区", "自治区", "自治州", "自治县", "小计", "其他", "其它"}
)

# The words NBS statistical zones end in (石家庄高新技术产业开发区, 苏州工业园区, 兰州新区):
# a zone is no division of the code tables, and its name is led by its prefecture's.
_ZONE_WORDS: Final = (
    "开发区",
    "园区",
    "管理区",
    "新区",
    "示范区",
    "实验区",
    "试验区",
    "合作区",
    "保税区",
    "港区",
    "经济区",
    "工业区",
    "高新区",
    "开放区",
    "度假区",
    "风景区",
    "旅游区",
    "功能区",
    "管委会",
)

# The traditional forms of the generic words' characters (市轄區, 合計, 總計, 全縣). The packaged
# character map holds only the characters of stored names, and no name has 轄 or 計; so the
# matcher normalises every spelling of the words with its own normaliser (Matcher.generic).
_GENERIC_HANT: Final = str.maketrans("辖区县计总国", "轄區縣計總國")


def spellings(words: frozenset[str]) -> frozenset[str]:
    """``words`` in simplified and in traditional characters."""
    return words | {word.translate(_GENERIC_HANT) for word in words}


# Characters removed from keys besides white space: zero-width and formatting marks
# that are invisible when pasted from a web page.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Pinyin as typed, folded to the form of the stored keys: apostrophes of every kind
# (’ ‘ ʼ ′ ` ´) become ', and ü (also with a tone mark) becomes v, as keys write it.
# Full-width ＇ is already ' after NFKC; keys are lower-cased before this applies.
_PINYIN_FOLD = {
    **dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u2032`\u00b4"), "'"),
    **dict.fromkeys(map(ord, "üÜǖǘǚǜ"), "v"),
}
_CODE: Final = re.compile(r"[1-9]\d{5}")
# NBS statistical codes: the six-digit division code, then 000 (9 digits) or 000000 (12 digits).
_NBS_CODE: Final = re.compile(r"([1-9]\d{5})(?:000|000000)")


class Normalizer:
    """Normalise keys with a fixed traditional -> simplified character table."""

    __slots__ = ("_mapped", "_table")

    def __init__(self, t2s: Mapping[str, str]) -> None:
        table: dict[int, str | None] = {ord(k): v for k, v in t2s.items()}
        table.update(_INVISIBLE)
        table.update(_PINYIN_FOLD)
        self._table = table
        # Finding out that a key has no character to map is five times cheaper than mapping it.
        self._mapped = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")

    def __call__(self, key: str) -> str:
        # The checks are cheap where the work is not: most keys are already NFKC and one word.
        text = key if unicodedata.is_normalized("NFKC", key) else unicodedata.normalize("NFKC", key)
        if not text.isalnum():
            text = "".join(text.split())
        if self._mapped.search(text) is not None:
            text = text.translate(self._table)
        text = text.lower()
        return text.replace("u:", "v") if "u:" in text else text


def check_key(key: object, what: str = "key") -> str:
    """Return ``key`` if it is a non-empty string.

    Raises:
        TypeError: ``key`` is not a ``str``.
        ValueError: ``key`` is empty or only white space.
    """
    if not isinstance(key, str):
        raise TypeError(f"{what} must be a str (a name or a six-digit code), got {type(key).__name__}")
    if not key.strip():
        raise ValueError(f"{what} must not be empty")
    return key


def code_in(key: str) -> str | None:
    """The six-digit division code a normalised key spells, if it is one (130502, 130502000000)."""
    if not key.isdigit():
        return None
    if _CODE.fullmatch(key):
        return key
    found = _NBS_CODE.fullmatch(key)
    return found.group(1) if found else None


def is_zone_word(rest: str) -> bool:
    """Whether what follows a prefecture's name ends as a statistical zone's name does (高新技术产业开发区)."""
    return len(rest) >= 2 and rest.endswith(_ZONE_WORDS)


class PrefixReading(NamedTuple):
    """One way to read the front of a key: province and/or prefecture code prefixes, then the rest."""

    provinces: frozenset[str] | None
    """Two-digit code prefixes the province may have, or None when no province was read."""
    prefectures: frozenset[str] | None
    """Four-digit code prefixes the prefecture may have, or None when no prefecture was read."""
    rest: str


def _starts(key: str, table: Mapping[str, frozenset[str]], longest: int) -> Iterator[tuple[str, frozenset[str]]]:
    for size in range(min(longest, len(key)), 1, -1):
        found = table.get(key[:size])
        if found is not None:
            yield key[:size], found


def prefix_readings(
    key: str,
    provinces: Mapping[str, frozenset[str]],
    prefectures: Mapping[str, frozenset[str]],
    longest: int,
) -> list[PrefixReading]:
    """Every reading of ``key`` as province and/or prefecture prefixes followed by the rest.

    ``provinces`` and ``prefectures`` map the names and short names of such divisions (in
    normal form) to their code prefixes; ``longest`` is the longest of those names. A
    prefecture read after a province must lie in it.
    """
    out: list[PrefixReading] = []
    for head, found in _starts(key, provinces, longest):
        rest = key[len(head) :]
        out.append(PrefixReading(found, None, rest))
        for head2, found2 in _starts(rest, prefectures, longest):
            inside = frozenset(p for p in found2 if p[:2] in found)
            if inside:
                out.append(PrefixReading(found, inside, rest[len(head2) :]))
    for head, found in _starts(key, prefectures, longest):
        out.append(PrefixReading(None, found, key[len(head) :]))
    return out
