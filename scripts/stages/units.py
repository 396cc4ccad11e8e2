"""Resolve the 300 units of the notice's attachment to codes, parents and kinds in the July 2015
table, with the judgements their printed names need, and check them against the notice's counts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from stages.codes import CodeTable
from stages.errors import fail
from stages.traditional import Converter

# ---------------------------------------------------------------------------
# Units whose printed name is not the name in the July 2015 code table.
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
    # the code history and added to this note by stages.successors.explain_renames.
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
