#!/usr/bin/env python3
"""How well ``match_many`` reads real county lists, in every way people write them.

    python bench/accuracy.py [--shared ../shared] [--years 2000 2010 2015 2024]

A county list of a year is every county-level division of that year's table (as NBS
publishes them), read back with ``as_of=year`` in several spellings:

* full: 河北省邢台市襄都区 (province, prefecture, name: NBS's own form);
* short province: 河北邢台市襄都区; short province, no prefecture: 河北襄都区;
* prefecture and name: 邢台市襄都区;
* traditional: the full name through OpenCC (s2t, s2tw, s2hk);
* the bare name, where several divisions of the year bear it (朝阳区, 鼓楼区): the right
  answer is to abstain (``ambiguous``), never a pick;
* romanised, made by the build's own romaniser (scripts/stages/romanize.py): English (Gu'an County),
  GB/T 2260's pinyin generics (Gu'an Xian), a comma for the apostrophe (Gu,an Xian), a generic
  written twice (Xunxian County), spaced lower-case syllables (gu an xian), each with the
  province in pinyin (province="Hebei") and without it. Without tones or characters many of
  these must abstain; none may resolve to another division.

A row is *right* when the match resolves to the division's own code, *wrong* when it
resolves to another code, and otherwise unresolved (unknown or ambiguous). Prints a
Markdown table; ``tests/test_accuracy.py`` holds the same numbers to account.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jijinan import MatchStatus, units

ROOT = Path(__file__).resolve().parent.parent
PROVINCE_SUFFIX = re.compile("(?:(?:壮族|回族|维吾尔)?自治区|特别行政区|省|市)$")


def year_table(shared: Path, year: int) -> dict[str, str]:
    """code -> name of every division in the table at the end of ``year`` (from the code history)."""
    items = json.loads((shared / "reference" / "areacodes" / "codes.json").read_text(encoding="utf-8"))["items"]
    out: dict[str, str] = {}
    stack = list(items)
    while stack:
        item = stack.pop()
        stack.extend(item.get("children", ()))
        if item["start"] <= year and (item.get("end") is None or item["end"] > year):
            out[f"{item['code']:06d}"] = item["name"]
    return out


def counties(table: dict[str, str]) -> Iterator[tuple[str, str, str | None, str]]:
    """(code, province, prefecture or None, name) of every county-level division."""
    for code, name in sorted(table.items()):
        if code.endswith("00"):
            continue
        prefecture = code[:4] + "00"
        parent = table.get(prefecture) if not prefecture.endswith("0000") else None
        yield code, table[code[:2] + "0000"], parent, name


def spellings() -> dict[str, Callable[[str, str | None, str], str]]:
    def short(province: str) -> str:
        return PROVINCE_SUFFIX.sub("", province)

    return {
        "full": lambda p, f, n: p + (f or "") + n,
        "short province": lambda p, f, n: short(p) + (f or "") + n,
        "short province, no prefecture": lambda p, f, n: short(p) + n,
        "prefecture and name": lambda p, f, n: (f or p) + n,
    }


def traditional() -> dict[str, Callable[[str], str]]:
    import opencc

    return {config: opencc.OpenCC(config).convert for config in ("s2t", "s2tw", "s2hk")}


def _romanize() -> Any:  # the build's stage, found beside it
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))
    from stages import romanize

    return romanize


@functools.cache
def romanised_words(name: str) -> tuple[str, ...]:
    """GB/T 2260's way: each part one pinyin word, the generic too (Weichang Manzu Mengguzu Zizhixian)."""
    romanize = _romanize()
    parts = romanize.parse(name)
    syllables = romanize.syllables(name)
    if parts.override is not None or parts.generic is None:
        return (romanize.pinyin_word(syllables).capitalize(),)
    sizes = [len(parts.specific), *(len(t.chinese) for t in (*parts.positions, *parts.ethnics))]
    sizes.append(len(parts.generic.chinese))
    out, at = [], 0
    for size in sizes:
        if size:
            out.append(romanize.pinyin_word(syllables[at : at + size]).capitalize())
        at += size
    return tuple(out)


def romanised() -> dict[str, Callable[[str], str]]:
    """Romanised spellings of a Chinese name, made with the build's reviewed romaniser."""
    romanize = _romanize()

    def doubled(name: str) -> str:
        english = romanize.display_name(name).split()[-1]
        return str(romanize.pinyin_word(romanize.syllables(name)).capitalize()) + " " + english

    return {
        "English (Gu'an County)": romanize.display_name,
        "pinyin generic (Gu'an Xian)": lambda n: " ".join(romanised_words(n)),
        "comma apostrophe (Gu,an Xian)": lambda n: " ".join(romanised_words(n)).replace("'", ","),
        "generic twice (Xunxian County)": doubled,
        "spaced syllables (gu an xian)": lambda n: " ".join(romanize.syllables(n)),
    }


def province_pinyin(province: str) -> str:
    return str(_romanize().province_name(province))


def successors(shared: Path) -> dict[str, set[str]]:
    """code -> the codes the code history says received its land (``succ``)."""
    items = json.loads((shared / "reference" / "areacodes" / "codes.json").read_text(encoding="utf-8"))["items"]
    out: dict[str, set[str]] = {}
    stack = list(items)
    while stack:
        item = stack.pop()
        stack.extend(item.get("children", ()))
        out.setdefault(f"{item['code']:06d}", set()).update(f"{s['code']:06d}" for s in item.get("succ", ()))
    return out


def late_score(rows: list[tuple[str, str, str]], year: int, succ: dict[str, set[str]]) -> Counter[str]:
    """As ``score``, read in the next year's table; a division recoded in between (庐江县 341421
    -> 340124, 赣县 -> 赣县区) is right when the code history names the new code its successor
    and the name keeps its specific part."""
    from jijinan.matching.namesakes import specific_name

    found = units.match_many([q for q, _c, _n in rows], as_of=year + 1)
    counts: Counter[str] = Counter()
    for (_query, code, name), match in zip(rows, found, strict=True):
        if match.code is None:
            counts[match.status.value] += 1
        elif match.code == code:
            counts["right"] += 1
        else:
            full = match.name or ""
            same_name = full.endswith(name) or specific_name(full).endswith(specific_name(name))
            renamed = match.code in succ.get(code, ()) and same_name
            counts["right" if renamed else "wrong"] += 1
    return counts


def score(rows: list[tuple[str, str]], year: int, province: list[str] | None = None) -> Counter[str]:
    """Counts of right, wrong, ambiguous and unknown for (query, expected code) rows."""
    found = units.match_many([q for q, _ in rows], as_of=year, province=province)
    counts: Counter[str] = Counter()
    for (_query, code), match in zip(rows, found, strict=True):
        if match.code is None:
            counts[match.status.value] += 1
        else:
            counts["right" if match.code == code else "wrong"] += 1
    return counts


def evaluate(shared: Path, year: int) -> list[tuple[str, int, Counter[str]]]:
    table = year_table(shared, year)
    rows = list(counties(table))
    results = []
    for label, spell in spellings().items():
        results.append((label, len(rows), score([(spell(p, f, n), c) for c, p, f, n in rows], year)))
    full = spellings()["full"]
    for config, convert in traditional().items():
        queries = [(convert(full(p, f, n)), c) for c, p, f, n in rows]
        results.append((f"traditional ({config})", len(rows), score(queries, year)))
    pinyin = {p: province_pinyin(p) for p in {p for _c, p, _f, _n in rows}}
    hints = [pinyin[p] for _c, p, _f, _n in rows]
    for label, write in romanised().items():
        queries = [(write(n), c) for c, _p, _f, n in rows]
        results.append((f"{label}, province", len(rows), score(queries, year, hints)))
        results.append((f"{label}, no hint", len(rows), score(queries, year)))
    # The same list read a year late (a list of mid-year codes read as the year's end): a
    # division that ended in between must not become a namesake that is still there.
    late = [(" ".join(romanised_words(n)), c, n) for c, _p, _f, n in rows]
    if year < 2024:
        counts = late_score(late, year, successors(shared))
        results.append(("pinyin generic, no hint, read a year late", len(rows), counts))
    shared_names = {n for n, k in Counter(n for _c, _p, _f, n in rows).items() if k > 1}
    bare = [(n, c) for c, _p, _f, n in rows if n in shared_names]
    results.append(("shared names, no hint (right = abstain)", len(bare), _abstained(bare, year)))
    return results


def _abstained(rows: list[tuple[str, str]], year: int) -> Counter[str]:
    found = units.match_many([q for q, _ in rows], as_of=year)
    return Counter(
        "right" if m.status is MatchStatus.AMBIGUOUS and code in {c.code for c in m.candidates} else "wrong"
        for (_q, code), m in zip(rows, found, strict=True)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--years", type=int, nargs="+", default=[2000, 2010, 2015, 2020, 2024])
    args = parser.parse_args()
    print("| year | spelling | rows | right | wrong | ambiguous | unknown |\n|---|---|---:|---:|---:|---:|---:|")
    for year in args.years:
        for label, total, counts in evaluate(args.shared, year):
            right = counts["right"]
            print(
                f"| {year} | {label} | {total:,} | {right:,} ({right / total:.1%}) | {counts['wrong']} | "
                f"{counts['ambiguous']} | {counts['unknown']} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
