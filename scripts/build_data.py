#!/usr/bin/env python3
"""Build jijinan's packaged data from the seed notice and the reference code tables.

Usage::

    python scripts/build_data.py [--shared ../shared] [--out src/jijinan/data]

Reads ``seed/`` (the notice, as received, damaged) and ``reference/`` (GB/T 2260 tables
and their change history) under ``--shared`` and writes the JSON files of
``src/jijinan/data/``. Nothing is downloaded and nothing is typed from memory: every
name and code in the output comes from the seed or a reference table, and every
judgement made on the way is one row of an explicit table below, with its reason
(for romanised names: scripts/place_readings.tsv and scripts/place_english.tsv, read
by scripts/romanize.py).
The build fails loudly when the seed or the tables do not say what those tables
expect (a repair that no longer applies, a name that resolves to no code, a count
that disagrees with the notice's own).

Build-time tools: OpenCC (traditional -> simplified) and pypinyin (through
romanize.py). Neither is a runtime dependency of the package.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import romanize
import seed_damage
import tables
from history import ALL, LATEST, NOTICE, History
from traditional import Converter, ConverterError, char_map

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "src" / "jijinan" / "data"
SEED_NAME = "seed/000_5b88ae4e18233f49.txt"
TABLE_2015 = "reference/gb2260/mca-201507.tsv"

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
# build keeps the ones that the page's punctuation fold (scripts/seed_damage.py) can turn into the
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

# ---------------------------------------------------------------------------
# 6. Simplified and standard traditional text: OpenCC with checked exceptions, in
# scripts/traditional.py (T2S_EXCEPTIONS, S2T_EXCEPTIONS, VARIANT_CHARS).
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# 7. Units whose printed name is not the name in the July 2015 code table.
# (province, printed simplified name) -> (name in the table, note).
# ---------------------------------------------------------------------------
NAME_CORRECTIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("广东省", "番禹区"): (
        "番禺区",
        "The notice prints 番禹区, a misprint of 番禺区 (Panyu District, Guangzhou): Guangzhou has no "
        "番禹区 in the July 2015 code table, 番禺区 (440113) is the only district of that sound, and "
        "禹/禺 are look-alike characters.",
    ),
    # The change itself (which table last lists 平安县, which approval renamed it) is read from
    # the code history and added to this note by explain_renames below.
    ("青海省", "平安县"): (
        "平安区",
        "The notice prints 平安县, a name that had already changed before the notice: the July 2015 "
        "code table lists 平安区 (630203) and no 平安县. The unit is 平安区.",
    ),
}

# Notes for units whose printed text needed judgement that is not a name correction.
UNIT_NOTES: dict[tuple[str, str], str] = {
    ("黑龙江省", "省农垦总局北安管理局"): (
        "黑龙江省农垦总局北安管理局 (Beian Administration of the Heilongjiang Land Reclamation "
        "Bureau) is a state-farm administration, not an administrative division, so it has no GB/T 2260 "
        "code. It is not 北安市 (231181), the county-level city of the same name."
    ),
    ("新疆生产建设兵团", "八师石河子市"): (
        "Listed under 新疆生产建设兵团 (XPCC) as 八师石河子市: the Eighth Division and 石河子市 are run "
        "as one (师市合一). Its code is that of 石河子市 (659001), a county-level city administered "
        "directly by 新疆维吾尔自治区, which is therefore its province."
    ),
    ("北京市", "全市"): (
        "Printed 全市 (the whole city) under 北京市: the provincial-level unit is Beijing as a whole, code 110000."
    ),
}

# Units that are not administrative divisions, so match no row of the code table.
# The prefix 省农垦总局 is read as 黑龙江省农垦总局 (the heading it is listed under).
BUREAU_PREFIX = "省农垦总局"
XPCC_GROUP = "新疆生产建设兵团"
XPCC_PREFIX = "八师"

# Section headings of the notice (traditional, after repair).
SECTION_OBJECTIVE = "一、"
SECTION_TASKS = "二、"
SECTION_REQUIREMENTS = "三、"
ITEM_NUMBERS = ("（一）", "（二）", "（三）", "（四）")


class BuildError(Exception):
    """The seed or the reference tables do not say what this script expects."""


def fail(message: str) -> None:
    raise BuildError(message)


# ---------------------------------------------------------------------------
# Text repair
# ---------------------------------------------------------------------------


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


def text_pair(conv: Converter, received: str) -> dict[str, str]:
    """Simplified text from the seed's traditional, and standard traditional made anew from it."""
    hans = conv.hans(received)
    return {"hans": hans, "hant": conv.hant(hans)}


# ---------------------------------------------------------------------------
# Code table
# ---------------------------------------------------------------------------


class CodeTable:
    """One GB/T 2260 table: code -> name, with province and prefecture helpers."""

    def __init__(self, rows: dict[str, str]) -> None:
        self.names = rows

    @classmethod
    def read_tsv(cls, path: Path) -> CodeTable:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            rows = {row["Code"]: row["Name"] for row in reader}
        if not rows or not all(re.fullmatch(r"\d{6}", c) for c in rows):
            fail(f"{path} is not a table of six-digit codes")
        return cls(rows)

    @staticmethod
    def is_province(code: str) -> bool:
        return code.endswith("0000")

    @staticmethod
    def is_prefecture(code: str) -> bool:
        return code.endswith("00") and not code.endswith("0000")

    def province_of(self, code: str) -> str:
        return code[:2] + "0000"

    def prefecture_of(self, code: str) -> str | None:
        """The prefecture-level division a county-level code belongs to, if the table has one."""
        if self.is_province(code) or self.is_prefecture(code):
            return None
        candidate = code[:4] + "00"
        return candidate if candidate in self.names else None

    def county_level(self) -> list[str]:
        return [c for c in self.names if not c.endswith("00")]

    def prefectures_in(self, province: str) -> dict[str, str]:
        """Name -> code of the prefecture-level divisions of a province."""
        return {n: c for c, n in self.names.items() if c[:2] == province[:2] and self.is_prefecture(c)}

    def find(self, name: str, prefix: str) -> list[str]:
        """County-level codes with this name whose code starts with prefix."""
        return [c for c in self.county_level() if c.startswith(prefix) and self.names[c] == name]


# ---------------------------------------------------------------------------
# The notice
# ---------------------------------------------------------------------------

NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4}


def split_items(paragraphs: list[str], what: str) -> list[tuple[int, str, str]]:
    """Numbered items (一)…(四): (number, heading, full text)."""
    if len(paragraphs) != len(ITEM_NUMBERS):
        fail(f"{what}: expected {len(ITEM_NUMBERS)} items, found {len(paragraphs)}")
    items = []
    for number, (label, paragraph) in enumerate(zip(ITEM_NUMBERS, paragraphs, strict=True), start=1):
        if not paragraph.startswith(label):
            fail(f"{what}: item {number} does not start with {label}: {paragraph[:20]!r}")
        body = paragraph[len(label) :]
        heading = body.split("。", 1)[0]
        items.append((number, heading, paragraph))
    return items


def parse_cited(conv: Converter, text: str) -> list[dict[str, Any]]:
    cited: list[dict[str, Any]] = []
    seen: set[str] = set()
    for m in re.finditer(r"《([^》]+)》(?:（([^（）]*〔\d{4}〕\d+號)）)?", text):
        title, number = m.group(1), m.group(2)
        if title in seen:
            continue
        seen.add(title)
        # The notice writes "民政部 財政部關于…" with a space between the two issuers.
        cited.append({"number": conv.hans(number) if number else None, "title": text_pair(conv, title)})
    return cited


def parse_notice(conv: Converter, lines: list[str], metadata: str) -> tuple[dict[str, Any], list[str], dict[str, int]]:
    """Return the notice record, the attachment's lines and the counts the notice states."""
    title, number = lines[0], lines[1]
    if not number.startswith("民辦函"):
        fail(f"second line is not the document number: {number!r}")
    m = re.search(r"頒布時間:(\d{4}-\d{2}-\d{2}).*發文單位:(.+)$", metadata)
    if not m:
        fail(f"metadata line not understood: {metadata!r}")
        raise AssertionError
    date = datetime.date.fromisoformat(m.group(1))
    issuers = m.group(2).split()
    addressees = lines[2]
    if not addressees.endswith("："):
        fail(f"addressee line does not end with a colon: {addressees!r}")
    preamble = lines[3]
    i_obj = lines.index(next(line for line in lines if line.startswith(SECTION_OBJECTIVE)))
    i_tasks = lines.index(next(line for line in lines if line.startswith(SECTION_TASKS)))
    i_reqs = lines.index(next(line for line in lines if line.startswith(SECTION_REQUIREMENTS)))
    i_attach_line = next(i for i, line in enumerate(lines) if line.startswith("附件：") and len(line) > 3)
    objective = lines[i_obj + 1 : i_tasks]
    if len(objective) != 1:
        fail(f"section 一 should be one paragraph, found {len(objective)}")
    tasks = split_items(lines[i_tasks + 1 : i_reqs], "section 二")
    req_block = lines[i_reqs + 1 : i_attach_line]
    requirements = split_items(req_block[:4], "section 三")
    closing = req_block[4:]
    attachment_title = lines[i_attach_line][len("附件：") :]
    signature = lines[i_attach_line + 1 : i_attach_line + 3]
    if signature[0].split() != issuers:
        fail(f"signature {signature[0]!r} disagrees with the issuers {issuers}")
    if signature[1] != f"{date.year}年{date.month}月{date.day}日":
        fail(f"signature date {signature[1]!r} disagrees with {date}")
    if lines[i_attach_line + 3] != "附件：" or lines[i_attach_line + 4] != attachment_title:
        fail("the attachment does not start with 附件： and its title")
    attachment = lines[i_attach_line + 5 :]

    body = "\n".join(lines[: i_attach_line + 1])
    counts_m = re.search(r"等(\d+)個地級市、.*?等(\d+)個縣（市、區）.*?共計(\d+)個單位", preamble)
    if not counts_m:
        fail("the preamble does not state the counts of units")
        raise AssertionError
    stated = {
        "provincial": 1,  # 北京市, named alone before the prefecture-level cities
        "prefectural": int(counts_m.group(1)),
        "county": int(counts_m.group(2)),
        "total": int(counts_m.group(3)),
    }

    def heading_of(line: str) -> str:
        return line[2:]  # after 一、

    notice = {
        "number": conv.hans(number),
        "title": text_pair(conv, title),
        "issuers": [text_pair(conv, issuer) for issuer in issuers],
        "date": date.isoformat(),
        "addressees": text_pair(conv, addressees.rstrip("：")),
        "preamble": text_pair(conv, preamble),
        "objective_heading": text_pair(conv, heading_of(lines[i_obj])),
        "objective": text_pair(conv, objective[0]),
        "tasks_heading": text_pair(conv, heading_of(lines[i_tasks])),
        "tasks": [{"number": n, "heading": text_pair(conv, h), "text": text_pair(conv, t)} for n, h, t in tasks],
        "requirements_heading": text_pair(conv, heading_of(lines[i_reqs])),
        "requirements": [
            {"number": n, "heading": text_pair(conv, h), "text": text_pair(conv, t)} for n, h, t in requirements
        ],
        "closing": [text_pair(conv, p) for p in closing],
        "attachment_title": text_pair(conv, attachment_title),
        "cited_documents": parse_cited(conv, body),
    }
    return notice, attachment, stated


# ---------------------------------------------------------------------------
# The units
# ---------------------------------------------------------------------------


def kind_of(name: str, code: str) -> str:
    """The kind of a county-level division, from its name and code.

    Suffixes decide, longest first. 林区 alone is not enough (万柏林区, 碑林区 and 北林区
    are districts of cities): a forestry district is administered by its province
    directly, so its code has 90 in the prefecture position (神农架林区, 429021).
    """
    if name.endswith("林区") and code[2:4] == "90":
        return "forestry_district"
    for suffix, kind in (
        ("区", "district"),
        ("自治县", "autonomous_county"),
        ("县", "county"),
        ("旗", "banner"),
        ("市", "county_city"),
    ):
        if name.endswith(suffix):
            return kind
    fail(f"no kind for {name!r}")
    raise AssertionError


def parse_units(conv: Converter, attachment: list[str], table: CodeTable) -> list[dict[str, Any]]:
    if len(attachment) % 2:
        fail("the attachment should alternate heading lines and unit lines")
    province_codes = {n: c for c, n in table.names.items() if table.is_province(c)}
    units: list[dict[str, Any]] = []
    used_corrections: set[tuple[str, str]] = set()
    used_notes: set[tuple[str, str]] = set()
    for heading_line, unit_line in zip(attachment[::2], attachment[1::2], strict=True):
        if not heading_line.endswith("："):
            fail(f"not a heading: {heading_line!r}")
        group_hant = heading_line[:-1]
        group = conv.hans(group_hant)
        for segment_hant in unit_line.split("，"):
            prefecture_code: str | None = None
            for item_hant in segment_hant.split("、"):
                item = conv.hans(item_hant)
                unit = resolve_unit(table, province_codes, group, item, prefecture_code)
                if unit["level"] == "county" and unit["prefecture_code"] and item != unit["name"]:
                    # An item that names its prefecture passes it on to the items joined by 、.
                    prefecture_code = unit["prefecture_code"]
                key = (group, item)
                notes = []
                if key in NAME_CORRECTIONS:
                    used_corrections.add(key)
                    notes.append(NAME_CORRECTIONS[key][1])
                if key in UNIT_NOTES:
                    used_notes.add(key)
                    notes.append(UNIT_NOTES[key])
                unit.update(
                    seq=len(units) + 1,
                    group=group,
                    published_name=item,
                    name_hant=conv.hant(unit["name"]),
                    published_name_hant=conv.hant(item),
                    received_name=item_hant,
                    notes=notes,
                )
                units.append(unit)
    for table_name, used, keys in (
        ("NAME_CORRECTIONS", used_corrections, NAME_CORRECTIONS),
        ("UNIT_NOTES", used_notes, UNIT_NOTES),
    ):
        if set(keys) - used:
            fail(f"{table_name} entries that matched no unit: {sorted(set(keys) - used)}")
    return units


def resolve_unit(
    table: CodeTable,
    province_codes: dict[str, str],
    group: str,
    item: str,
    inherited_prefecture: str | None,
) -> dict[str, Any]:
    """Resolve one printed item to its code and parents in the July 2015 table."""
    if group == XPCC_GROUP:
        if not item.startswith(XPCC_PREFIX):
            fail(f"unexpected XPCC unit {item!r}")
        name = item[len(XPCC_PREFIX) :]
        matches = [c for c in table.county_level() if table.names[c] == name and c[2:4] == "90"]
        if len(matches) != 1:
            fail(f"{item}: expected one province-administered {name} in the table, found {matches}")
        code = matches[0]
        province = table.province_of(code)
        return {
            "name": name,
            "code": code,
            "province": table.names[province],
            "province_code": province,
            "prefecture": None,
            "prefecture_code": None,
            "full_name": table.names[province] + name,
            "level": "county",
            "kind": "xpcc_city",
        }
    province = province_codes.get(group)
    if province is None:
        fail(f"heading {group!r} is neither a province nor {XPCC_GROUP}")
        raise AssertionError
    province_name = group
    if item == "全市":
        if not province.startswith(("11", "12", "31", "50")):
            fail(f"全市 under {group}, which is not a municipality")
        return {
            "name": province_name,
            "code": province,
            "province": province_name,
            "province_code": province,
            "prefecture": None,
            "prefecture_code": None,
            "full_name": province_name,
            "level": "provincial",
            "kind": "municipality",
        }
    if item.startswith(BUREAU_PREFIX):
        name = item[len(BUREAU_PREFIX) :]
        return {
            "name": name,
            "code": None,
            "province": province_name,
            "province_code": province,
            "prefecture": None,
            "prefecture_code": None,
            "full_name": province_name + "农垦总局" + name,
            "level": "county",
            "kind": "reclamation_bureau",
        }
    prefectures = table.prefectures_in(province)
    prefix_name = next((p for p in sorted(prefectures, key=len, reverse=True) if item.startswith(p)), None)
    rest = item
    prefecture_code = inherited_prefecture
    if prefix_name is not None:
        prefecture_code = prefectures[prefix_name]
        rest = item[len(prefix_name) :]
        if not rest:
            return {
                "name": prefix_name,
                "code": prefecture_code,
                "province": province_name,
                "province_code": province,
                "prefecture": None,
                "prefecture_code": None,
                "full_name": province_name + prefix_name,
                "level": "prefectural",
                "kind": "prefecture_city",
            }
    name = NAME_CORRECTIONS.get((group, rest), (rest, ""))[0]
    scope = prefecture_code[:4] if prefecture_code else province[:2]
    matches = table.find(name, scope)
    if len(matches) != 1:
        fail(f"{group} {item}: {name!r} under {scope} matches {matches} in the July 2015 table")
    code = matches[0]
    parent = table.prefecture_of(code)
    if prefecture_code and parent != prefecture_code:
        fail(f"{item}: {code} is not under {prefecture_code}")
    parent_name = table.names[parent] if parent else None
    return {
        "name": name,
        "code": code,
        "province": province_name,
        "province_code": province,
        "prefecture": parent_name,
        "prefecture_code": parent,
        "full_name": province_name + (parent_name or "") + name,
        "level": "county",
        "kind": kind_of(name, code),
    }


def check_units(units: list[dict[str, Any]], stated: dict[str, int], table: CodeTable) -> None:
    levels = Counter(u["level"] for u in units)
    for level in ("provincial", "prefectural", "county"):
        if levels[level] != stated[level]:
            fail(f"{levels[level]} {level} units parsed, the notice states {stated[level]}")
    if len(units) != stated["total"]:
        fail(f"{len(units)} units parsed, the notice states {stated['total']}")
    codes = [u["code"] for u in units if u["code"] is not None]
    if len(codes) != len(set(codes)):
        fail(f"duplicate codes: {[c for c, n in Counter(codes).items() if n > 1]}")
    if len(codes) != len(units) - 1:
        fail("exactly one unit (the reclamation bureau) may lack a code")
    for u in units:
        if u["code"] is not None and table.names.get(u["code"]) != u["name"]:
            fail(f"unit {u['seq']} {u['name']} disagrees with the table: {u['code']}")


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


# ---------------------------------------------------------------------------
# History: successors of the units, and the division tables for matching
# ---------------------------------------------------------------------------


def explain_renames(history: History, units: list[dict[str, Any]]) -> None:
    """Say, for a unit printed under a name that had changed, when and by what approval it changed.

    The history's record of the printed name whose land the unit's July-2015 record received
    gives the old code, the last table that lists it, and the approval.
    """
    july = {r.code: r for r in history.july}
    for unit in units:
        if (unit["group"], unit["published_name"]) not in NAME_CORRECTIONS or unit["code"] is None:
            continue
        target = july[unit["code"]]
        sources = [
            (record, s)
            for record in history.records
            if record.name == unit["published_name"]
            for s in record.succ
            if f"{s['code']:06d}" == target.code and record.end is not None and "time" not in s
        ]
        if not sources:
            continue  # a misprint (番禹区), not a former name
        if len(sources) != 1:
            fail(f"{unit['published_name']}: several records of the history became {target}: {sources}")
        record, succ = sources[0]
        (approval,) = (history.approvals[a] for a in history.approvals_of(record.end, succ["desc"], record, target))
        parent = record.parent.name if record.parent is not None else ""
        unit["notes"][-1] += (
            f" The table at the end of {record.end - 1} still lists {unit['published_name']} ({record.code} of "
            f"{parent}); {approval.number or approval.title}"
            f"{f' of {approval.date.isoformat()}' if approval.date else ''} made it {target.name} ({target.code})."
        )


def same_level(code: str, level: str) -> bool:
    if level == "provincial":
        return code.endswith("0000")
    if level == "prefectural":
        return code.endswith("00") and not code.endswith("0000")
    return not code.endswith("00")


def add_successors(history: History, units: list[dict[str, Any]]) -> None:
    """What each unit became in the 2024 table, with the relation of areas and the approvals.

    A successor's approvals are those behind the changes since July 2015 that moved land into
    or out of the land it holds, at the unit's level (land moved between two districts of a
    prefecture-level unit changes neither the unit nor the successor), so none for a successor
    that holds the unit's land unchanged.
    """
    july = {r.code: r for r in history.july}
    for unit in units:
        unit["successors"] = []
        if unit["code"] is None:
            continue  # the reclamation bureau is not a division: it has no code to follow
        area = set(history.full_origin(NOTICE, july[unit["code"]]))
        for record in history.alive[LATEST]:
            if not same_level(record.code, unit["level"]):
                continue
            origin = history.full_origin(LATEST, record)
            shared = area & set(origin)
            if not shared:
                continue
            holds_all = all(origin.get(c, ("", None))[0] == ALL for c in area)
            only = set(origin) <= area
            if holds_all and only:
                same = (record.code, record.name) == (unit["code"], unit["name"])
                relation = "unchanged" if same else "same_area"
            else:
                relation = "whole" if holds_all else "part"
            moves = [history.moves[m] for code in origin for m in origin[code][1]]
            approvals = sorted(
                {a for move in moves if move.crosses(unit["level"]) for a in move.approvals},
                key=lambda a: history.approvals[a].sort_key(),
            )
            unit["successors"].append(
                {
                    "code": record.code,
                    "name": record.name,
                    "relation": relation,
                    "approvals": [
                        dict(zip(("title", "number", "date"), history.approvals[a].as_json(), strict=True))
                        for a in approvals
                    ],
                }
            )
        if not unit["successors"]:
            fail(f"unit {unit['name']} ({unit['code']}) has no successor in the 2024 table")


# ---------------------------------------------------------------------------
# Romanised names, made here (scripts/romanize.py, with its two reviewed tables) so
# that the package never needs pypinyin
# ---------------------------------------------------------------------------


def add_pinyin(units: list[dict[str, Any]]) -> None:
    """name_pinyin 'Gu'an County', 'Benxi Manchu Autonomous County'; province_pinyin 'Hebei'."""
    for unit in units:
        unit["name_pinyin"] = romanize.display_name(unit["name"])
        unit["province_pinyin"] = romanize.province_name(unit["province"])


def check_romanisation(names: set[str]) -> None:
    """Every name reads from reviewed readings and parses; no row of the two tables is stale."""
    try:
        romanize.check_tables(names)
    except romanize.ReviewError as exc:
        fail(f"romanisation: {exc}")


def pinyin_table(names: set[str]) -> dict[str, list[str]]:
    """Name -> the spellings a user may type: the matching keys of pinyin.json."""
    return {name: romanize.match_keys(name) for name in sorted(names)}


# ---------------------------------------------------------------------------
# Traditional -> simplified characters for lookups
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def check_clean(name: str, payload: str) -> None:
    """No damage may reach the packaged data."""
    for bad in ("?", "\ufffd", "責任編輯", "责任编辑", "回到頂部", "回到顶部", "法規庫", "法规库"):
        if bad in payload:
            fail(f"{name} contains {bad!r}")
    if re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", payload):
        fail(f"{name} contains a pinyin annotation")
    if unicodedata.normalize("NFC", payload) != payload:
        fail(f"{name} is not NFC")


def dump(obj: Any) -> str:
    """JSON for files people read and diff: one key a line, sorted."""
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def compact(obj: Any) -> str:
    """JSON for the large tables: no white space, keys in the order built."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def build(shared: Path, out: Path) -> dict[str, str]:
    """Build every data file into out; return file name -> BLAKE2b digest (as b2sum writes it)."""
    raw = (shared / SEED_NAME).read_text(encoding="utf-8")
    table = CodeTable.read_tsv(shared / TABLE_2015)
    conv = Converter()
    lines, metadata, received = repair_seed(raw)
    notice, attachment, stated = parse_notice(conv, lines, metadata)
    notice["received"] = received
    units = parse_units(conv, attachment, table)
    check_units(units, stated, table)
    decide_damaged_entry(raw, table, conv, units)
    history = History(shared / "reference", table.names)
    explain_renames(history, units)
    add_successors(history, units)
    names = {r.name for r in history.records} | {u["name"] for u in units}
    check_romanisation(names)
    add_pinyin(units)
    t2s = char_map(conv, *lookup_names(history, units))
    conv.check_exceptions_used()
    normalize = tables.Normalizer(t2s)
    spans, spellings = tables.division_spans(history, units)
    pinyin = pinyin_table(names)
    index, more = tables.index_payload(
        spans, spellings, units=units, pinyin=pinyin, normalize=normalize, misconversions=conv.misconversions
    )

    divisions = tables.divisions_payload(spans)
    tables.check_all(divisions, index, more)  # the shape the package reads, every span and key
    files = {
        "notice.json": dump({"notice": notice}),
        "units.json": dump({"units": units}),
        "chars.json": dump({"t2s": t2s}),
        "divisions.json": compact(divisions),
        "index.json": compact(index),
        **{f"{name}.json": compact({"keys": keys}) for name, keys in more.items()},
        "unit_keys.json": compact({"keys": tables.unit_keys_payload(units, normalize)}),
    }
    out.mkdir(parents=True, exist_ok=True)
    sums = {}
    for name, payload in sorted(files.items()):
        check_clean(name, payload)
        data = payload.encode("utf-8")
        (out / name).write_bytes(data)
        sums[name] = hashlib.blake2b(data).hexdigest()
    (out / "B2SUMS").write_text("".join(f"{h}  {n}\n" for n, h in sorted(sums.items())), encoding="utf-8")
    return sums


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder (default: ../shared)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the data files")
    args = parser.parse_args(argv)
    try:
        sums = build(args.shared, args.out)
    except (BuildError, ConverterError) as exc:
        print(f"build_data: {exc}", file=sys.stderr)
        return 1
    for name, digest in sums.items():
        print(f"{digest[:12]}  {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
