"""Repair the seed: page furniture, mis-decoded bytes, pinyin annotations, variants, punctuation.

The seed is a web copy of the notice, damaged on the way (shared/README.md lists how). Each
repair is one row of a table below, with its reason, and must apply exactly as often as the
table says. The one entry the damage left unreadable is decided by :func:`decide_damaged_entry`
from the seed's own bytes, with the page's punctuation fold modelled in ``stages.seed_damage``.
"""

from __future__ import annotations

import re
from typing import Any

from stages import seed_damage
from stages.codes import CodeTable
from stages.errors import fail
from stages.traditional import Converter

# ---------------------------------------------------------------------------
# 1. Page furniture: lines of the hosting website, not of the notice.
# Each is removed only where it stands (first or last lines), and must be there.
# ---------------------------------------------------------------------------
FURNITURE_HEAD = ("法規(guī)庫",)  # the site's section name ("law library")
FURNITURE_TAIL = ("我要糾錯】 責任編輯:大白兔", "回到頂部", "折疊")  # "report an error / editor", "top", "fold"

# ---------------------------------------------------------------------------
# 2. Mis-decoded bytes. Each damaged spot, exactly as it stands in the seed, what it
# becomes, how many times it must occur, and why. After these, no '?' may remain.
# ---------------------------------------------------------------------------
REPAIRS: tuple[tuple[str, str, int, str], ...] = (
    (
        "?。?",
        "省:",
        11,
        "province headings 山西?。? … 陜西?。?: the bytes of 省 and the colon were mis-decoded; "
        "the other 21 headings of the list read 省:/市:/區: intact",
    ),
    (
        "單位?,F將",
        "單位。現將",
        1,
        "the full stop that ends the sentence on the 300 units and the 現 of 現將 were mis-decoded",
    ),
    (
        "本?。▍^(qū)、市)",
        "本省(區、市)",
        1,
        "本省(區、市): 省 and the opening parenthesis were mis-decoded; 區、市 pair with 省 as in 各省、自治區、直轄市",
    ),
    (
        "本?。ㄗ灾螀^(qū)、直轄市)",
        "本省(自治區、直轄市)",
        1,
        "本省(自治區、直轄市): 省, the parenthesis and 自治 were mis-decoded; the phrase is the notice's own "
        "addressee formula 省、自治區、直轄市",
    ),
    (
        "??h",
        "浚縣",
        1,
        "the Henan unit 浚縣: GBK bf a3 bf 68, whose straddling pair a3 bf is the full-width ？ that the page "
        "folded to '?', leaving bf ('?') and 68 ('h'); decided by DAMAGED_ENTRY below, which the build checks",
    ),
)

# The one unit the damage left unreadable, and how the seed itself decides it. The list runs
# in code order within each province, so the entry between 舞钢市 (平顶山市, 4104) and 武陟县
# (焦作市, 4108) is a county-level division of 安阳市, 鹤壁市 or 新乡市 (4105-4107); the surviving
# 'h' is the trail byte of 縣 (GBK bf 68), so its name is one character and 县. Of those, the
# build keeps the ones that the page's punctuation fold (scripts/stages/seed_damage.py) can turn into the
# seed's line, and requires exactly this one.
DAMAGED_ENTRY = {
    "seed": "??h",
    "province": "410000",
    "after_prefecture": "4104",
    "before_prefecture": "4108",
    "name": "浚县",
    # The unit's note; {candidates} is filled from the July 2015 table. No '?' here: a question
    # mark in the packaged data is taken for unrepaired damage.
    "why": (
        "The seed prints this entry damaged, as two question marks and the letter h. The page that carried "
        "the notice stored it in GBK and folded full-width punctuation to half-width byte by byte, blind to "
        "where characters begin; every damaged spot of the seed is such a fold of a byte pair that straddles "
        "two characters (單位。現將, GBK 86ce cebb a1a3 ac46 8ca2, lost its a1 and 46 to the straddling a3 ac, "
        "the full-width comma, which became a half-width one: the seed prints 單位, a question mark, a comma, "
        "F and 將). The entry lies between 舞钢市 (平顶山市) and 武陟县 (焦作市) in a list in code order, and "
        "its surviving h is the trail byte of 縣 (GBK bf 68), so it is a one-character county of 安阳市, "
        "鹤壁市 or 新乡市 in the July 2015 table: {candidates}. 浚縣 is GBK bf a3 bf 68: its straddling pair "
        "a3 bf is the full-width question mark, which the page folds to a half-width one, leaving bf (shown "
        "as a question mark) and 68, the letter h: exactly what the seed prints. 滑縣 (bb ac bf 68) and 淇縣 (e4 bf bf "
        "68) hold no straddling punctuation pair, so the fold cannot damage them at all. The unit is "
        "therefore 浚县 (鹤壁市). The Ministry of Civil Affairs' original of the notice was not available to "
        "confirm it. (jijinan 0.2.0 gave this unit as 滑县, on the word of its specification, not of the seed.)"
    ),
}
# ---------------------------------------------------------------------------
# 3. Pinyin annotations the converter appended after some characters. The character
# stays, the parenthesised pinyin goes. Every annotation must be listed here: any other
# parenthesised run of Latin letters left afterwards fails the build.
# ---------------------------------------------------------------------------
PINYIN_ANNOTATIONS: tuple[tuple[str, str], ...] = (
    ("區(qū)", "區"),
    ("發(fā)", "發"),
    ("協(xié)", "協"),
    ("統(tǒng)", "統"),
    ("業(yè)", "業"),
    ("鎮(zhèn)", "鎮"),
    ("優(yōu)", "優"),
    ("聯(lián)", "聯"),
    ("節(jié)", "節"),
    ("醫(yī)", "醫"),
    ("環(huán)", "環"),
    ("創(chuàng)", "創"),
    ("鄉(xiāng)", "鄉"),
    # 規(guī) is annotated too, but only in the page furniture line 法規(guī)庫, removed before this.
)

# ---------------------------------------------------------------------------
# 4. Variant characters the converter left alone.
# ---------------------------------------------------------------------------
VARIANTS: tuple[tuple[str, str, str], ...] = (
    ("陜", "陝", "陜 is a variant form of 陝 (Shaanxi); OpenCC leaves 陜 unconverted, 陝 becomes 陕"),
)

# ---------------------------------------------------------------------------
# 5. Punctuation. The web copy printed half-width punctuation; official documents
# (GB/T 9704) use full-width Chinese punctuation, and the notice's own number is
# 民办函〔2015〕244号 with hexagonal brackets. Applied to the notice's text only, after
# the metadata line (which carries a timestamp) has been read.
# ---------------------------------------------------------------------------
PUNCTUATION: tuple[tuple[str, str], ...] = (
    (",", "，"),
    (";", "；"),
    (":", "："),
    ("(", "（"),
    (")", "）"),
    ("[", "〔"),
    ("]", "〕"),
)


# Simplified and standard traditional text: OpenCC with checked exceptions, in
# scripts/stages/traditional.py (T2S_EXCEPTIONS, S2T_EXCEPTIONS, VARIANT_CHARS).


def replace_counted(text: str, old: str, new: str, expected: int | None, what: str) -> str:
    found = text.count(old)
    if expected is not None and found != expected:
        fail(f"{what}: expected {old!r} {expected} time(s) in the seed, found {found}")
    if expected is None and found == 0:
        fail(f"{what}: {old!r} no longer occurs in the seed; remove it from the table")
    return text.replace(old, new)


def repair_seed(raw: str) -> tuple[list[str], str, str]:
    """Return the notice's lines (traditional, repaired), the website's metadata line, and the
    notice as received: the seed's own characters and punctuation, with only its damage repaired."""
    lines = [line.strip() for line in raw.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    for expected in FURNITURE_HEAD:
        if not lines or lines[0] != expected:
            fail(f"page furniture {expected!r} is not the seed's first line")
        lines.pop(0)
    for expected in reversed(FURNITURE_TAIL):
        if not lines or lines[-1] != expected:
            fail(f"page furniture {expected!r} is not where expected at the seed's end")
        lines.pop()
    text = "\n".join(lines)
    for old, new, count, why in REPAIRS:
        text = replace_counted(text, old, new, count, f"repair ({why[:40]})")
    if "?" in text or "\ufffd" in text:
        fail("mis-decoded bytes remain after the repair table: " + repr(text[text.find("?") - 10 :][:30]))
    for old, new in PINYIN_ANNOTATIONS:
        text = replace_counted(text, old, new, None, "pinyin annotation")
    leftover = re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", text)
    if leftover:
        fail(f"an unlisted pinyin annotation remains: {leftover.group(0)!r}")
    received = "\n".join(line for line in text.split("\n") if line and not line.startswith("頒布時間"))
    for old, new, _why in VARIANTS:
        text = replace_counted(text, old, new, None, "variant")
    lines = [line for line in text.split("\n") if line]
    metadata = next((line for line in lines if line.startswith("頒布時間")), None)
    if metadata is None:
        fail("the seed has no 頒布時間 (date of issue) metadata line")
        raise AssertionError  # unreachable; for type checkers
    lines.remove(metadata)
    punctuated = []
    for line in lines:
        text_line = line
        for old, new in PUNCTUATION:
            text_line = text_line.replace(old, new)
        punctuated.append(text_line)
    return punctuated, metadata, received


def decide_damaged_entry(raw: str, table: CodeTable, conv: Converter, units: list[dict[str, Any]]) -> None:
    """Check that the seed's own bytes allow exactly the unit DAMAGED_ENTRY names, and note why.

    Every candidate the list order allows is put in the damaged line in place of the damage
    and passed through the page's punctuation fold; only candidates that reproduce the seed's
    line survive, and they must be exactly DAMAGED_ENTRY's unit.
    """
    damaged = DAMAGED_ENTRY["seed"]
    (line,) = [line.strip() for line in raw.splitlines() if damaged in line]
    province = DAMAGED_ENTRY["province"]
    codes = [
        c
        for c in table.county_level()
        if c[:2] == province[:2]
        and DAMAGED_ENTRY["after_prefecture"] < c[:4] < DAMAGED_ENTRY["before_prefecture"]
        and re.fullmatch(r".县", table.names[c])
    ]
    candidates = [table.names[c] for c in codes]
    if len(candidates) < 2:
        fail(f"the list order allows {candidates} for {damaged!r}: the derivation no longer decides anything")
    full_width = "".join({",": "，", ":": "："}.get(ch, ch) for ch in line)
    # The seed's converter wrote 縣 for 县 and left the first character as it is (浚, not OpenCC's 濬):
    # try both spellings of each candidate.
    surviving = [
        name
        for name in candidates
        if any(
            seed_damage.can_become(line, full_width.replace(damaged, spelling))
            for spelling in {conv.hant(name), name[:-1] + "縣"}
        )
    ]
    if surviving != [DAMAGED_ENTRY["name"]]:
        fail(f"of {candidates}, the page's fold reproduces the seed's {damaged!r} only from {surviving}")
    (unit,) = [u for u in units if u["group"] == "河南省" and u["name"] == DAMAGED_ENTRY["name"]]
    listed = ", ".join(f"{table.names[c]} ({c})" for c in codes)
    unit["notes"].append(DAMAGED_ENTRY["why"].format(candidates=listed))
