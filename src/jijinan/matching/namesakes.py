"""Which spans of a key are one division and which are namesakes: the lossy-key rule.

A key may be shared by divisions that never stood in one table: 华县 and 滑县 read
``huaxian`` alike, and 华县 ended during 2015. A list made in 2015 may mean either, so a
lossy key (a romanised reading, a short name, any key more than one division has had)
answers with one division only when no other division of *any* table 2000-2024 shares
it within the hints given. This module says which spans are the same division.

Two spans of one key are the **same division** when they never stood in one table and
either keep their code (a rename in place: 吴旗县 -> 吴起县, both 610626) or lie in one
province with one specific name (the name without its generic word): 铜山县 -> 铜山区,
临河市 -> 临河区, 赣县 -> 赣县区. A county-level span and a prefecture-level one are the
same division only when the prefecture-level one never had county-level divisions (a city
without districts: 儋州市 469003 -> 460400); a county-level city whose prefecture took its
name (毕节市 522401 and the prefecture-level 毕节市 520500, 哈密市, 巢湖市) is a namesake.
Spans that stood in one table together are always different divisions (宣化区 and 宣化县
until 2016). Anything else (华县 and 滑县; 宜昌县, which ended in 2001, and 宜昌市) is a
namesake.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Protocol

__all__ = ["county_parents", "divisions_of", "specific_name"]

# The generic words a name ends in, longest first; 赣县区 and 梅县区 are 县 turned 区.
_GENERIC: Final = re.compile(
    "(?:自治县|自治旗|自治州|自治区|特别行政区|地区|新区|矿区|林区|特区|县|市|区|旗|盟|省|州)$"
)


class _Spans(Protocol):
    codes: tuple[str, ...]
    names: tuple[str, ...]
    first: tuple[int, ...]
    last: tuple[int, ...]


def specific_name(name: str) -> str:
    """The name without its generic word(s): 铜山县 -> 铜山, 赣县区 -> 赣, 城区 -> 城区."""
    stem = _GENERIC.sub("", name)
    if not stem:
        return name
    if name.endswith("区") and stem.endswith("县") and len(stem) > 1:
        stem = stem[:-1]
    return stem


def _same(index: _Spans, a: int, b: int, parents: frozenset[str]) -> bool:
    if index.first[a] <= index.last[b] and index.first[b] <= index.last[a]:
        return False  # in one table together: two divisions
    code_a, code_b = index.codes[a], index.codes[b]
    if code_a == code_b:
        return True
    if code_a[:2] != code_b[:2] or specific_name(index.names[a]) != specific_name(index.names[b]):
        return False
    higher = [c for c in (code_a, code_b) if c.endswith("00")]
    # county-level and prefecture-level: one division only if the prefecture never had counties
    return len(higher) != 1 or higher[0][:4] not in parents


def county_parents(codes: Sequence[str]) -> frozenset[str]:
    """The four-digit prefixes under which any table has a county-level division."""
    return frozenset(code[:4] for code in codes if not code.endswith("00"))


def divisions_of(index: _Spans, spans: Sequence[int], parents: frozenset[str] | None = None) -> list[list[int]]:
    """``spans`` grouped into divisions (each group in the order given), groups by first span.

    ``parents`` is ``county_parents(index.codes)``, made once by the caller (made here if not given).
    """
    if len(spans) < 2:
        return [list(spans)]
    if parents is None:
        parents = county_parents(index.codes)
    parent = list(range(len(spans)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in range(len(spans)):
        for b in range(a + 1, len(spans)):
            if _same(index, spans[a], spans[b], parents):
                parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for position, span in enumerate(spans):
        groups.setdefault(root(position), []).append(span)
    return list(groups.values())
