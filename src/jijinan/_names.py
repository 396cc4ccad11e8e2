"""Turning what a user types into the form names are indexed under.

A key is read in NFKC (so full-width letters, digits and spaces become ordinary
ones), loses all white space, is lower-cased (for codes and pinyin), and has its
traditional characters replaced by simplified ones through a one-to-one character
table made at build time with OpenCC. Nothing here knows where that table is stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

__all__ = ["PREFECTURE_SUFFIX", "PROVINCE_SUFFIX", "Normalizer", "check_key"]

# What short forms of higher-level names leave out: 陕西省 -> 陕西, 广西壮族自治区 -> 广西,
# 北京市 -> 北京; 张家口市 -> 张家口, 大兴安岭地区 -> 大兴安岭, 兴安盟 -> 兴安.
PROVINCE_SUFFIX = re.compile("(?:(?:壮族|回族|维吾尔)?自治区|省|市)$")
PREFECTURE_SUFFIX = re.compile("(?:市|地区|盟)$")

# Characters removed from keys besides white space: zero-width and formatting marks
# that are invisible when pasted from a web page.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Pinyin as typed, folded to the form of the stored keys: apostrophes of every kind
# (’ ‘ ʼ ′ `) become ', and ü (also with a tone mark) becomes v, as keys write it.
# Full-width ＇ is already ' after NFKC.
_PINYIN_FOLD = str.maketrans({**dict.fromkeys("\u2019\u2018\u02bc\u2032`", "'"), **dict.fromkeys("üǖǘǚǜ", "v")})


def fold_pinyin(key: str) -> str:
    """Fold a lower-case key's apostrophes to ' and its ü (or u:) to v: lü'an -> lv'an."""
    if "u:" in key:
        key = key.replace("u:", "v")
    return key.translate(_PINYIN_FOLD)


class Normalizer:
    """Normalise keys with a fixed traditional -> simplified character table."""

    __slots__ = ("_table",)

    def __init__(self, t2s: Mapping[str, str]) -> None:
        table: dict[int, str | None] = {ord(k): v for k, v in t2s.items()}
        table.update(_INVISIBLE)
        self._table = table

    def __call__(self, key: str) -> str:
        # The checks are cheap where the work is not: most keys are already NFKC and one word.
        text = key if unicodedata.is_normalized("NFKC", key) else unicodedata.normalize("NFKC", key)
        if not text.isalnum():
            text = "".join(text.split())
        return fold_pinyin(text.translate(self._table).lower())


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
