"""Invariants the notice itself states, checked on the packaged data."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TypeVar

import attrs
import opencc
import pytest

import jijinan
from jijinan import Kind, Level, notice, units

# The attachment's headings and the number of units listed under each, in order.
GROUP_COUNTS = {
    "北京市": 1, "天津市": 2, "河北省": 11, "山西省": 19, "内蒙古自治区": 11, "辽宁省": 12,
    "吉林省": 8, "黑龙江省": 31, "上海市": 3, "江苏省": 12, "浙江省": 6, "安徽省": 11,
    "福建省": 4, "江西省": 11, "山东省": 7, "河南省": 11, "湖北省": 29, "湖南省": 19,
    "广东省": 5, "广西壮族自治区": 5, "海南省": 4, "重庆市": 6, "四川省": 8, "贵州省": 6,
    "云南省": 13, "西藏自治区": 1, "陕西省": 12, "甘肃省": 4, "青海省": 10,
    "宁夏回族自治区": 8, "新疆维吾尔自治区": 9, "新疆生产建设兵团": 1,
}  # fmt: skip


def test_300_units_in_attachment_order() -> None:
    assert len(units) == 300
    assert [u.seq for u in units] == list(range(1, 301))


def test_levels_are_1_provincial_11_prefectural_288_county() -> None:
    assert Counter(u.level for u in units) == {Level.PROVINCIAL: 1, Level.PREFECTURAL: 11, Level.COUNTY: 288}
    assert [u.name for u in units.filter(level="provincial")] == ["北京市"]
    assert [u.name for u in units.filter(level=Level.PREFECTURAL)] == [
        "南京市", "苏州市", "盐城市", "扬州市", "温州市", "铜陵市", "滁州市", "赣州市", "吉安市", "湘潭市", "铜川市",
    ]  # fmt: skip


def test_counts_per_heading_match_the_attachment() -> None:
    assert len(GROUP_COUNTS) == 32
    assert sum(GROUP_COUNTS.values()) == 300
    assert {g: len(us) for g, us in units.by_group().items()} == GROUP_COUNTS
    assert list(units.by_group()) == list(GROUP_COUNTS)


def test_notice_states_the_same_counts() -> None:
    # The preamble's own words: 11个地级市 … 288个县（市、区），共计300个单位.
    assert "等11个地级市" in notice.preamble.hans
    assert "等288个县（市、区），共计300个单位" in notice.preamble.hans


def test_codes_are_unique_six_digit_strings() -> None:
    codes = [u.code for u in units if u.code is not None]
    assert len(codes) == 299 == len(set(codes))
    assert all(isinstance(c, str) and re.fullmatch(r"\d{6}", c) for c in codes)
    assert [u.name for u in units if u.code is None] == ["北安管理局"]


def test_every_code_is_in_its_province_range() -> None:
    for u in units:
        assert u.province_code.endswith("0000")
        if u.code is not None:
            assert u.code[:2] == u.province_code[:2], u
        if u.prefecture_code is not None:
            assert u.code is not None
            assert u.code[:4] == u.prefecture_code[:4], u


def test_every_code_is_in_the_july_2015_table_under_the_same_name(table_2015: dict[str, str]) -> None:
    for u in units:
        if u.code is not None:
            assert table_2015.get(u.code) == u.name, u
        assert table_2015[u.province_code] == u.province
        if u.prefecture_code is not None:
            assert table_2015[u.prefecture_code] == u.prefecture


def test_kinds() -> None:
    kinds = Counter(u.kind for u in units)
    assert kinds[Kind.MUNICIPALITY] == 1
    assert kinds[Kind.PREFECTURE_CITY] == 11
    assert [u.name for u in units if u.kind is Kind.FORESTRY_DISTRICT] == ["神农架林区"]
    assert [u.name for u in units if u.kind is Kind.XPCC_CITY] == ["石河子市"]
    assert [u.name for u in units if u.kind is Kind.RECLAMATION_BUREAU] == ["北安管理局"]
    assert units.get("万柏林区").kind is Kind.DISTRICT  # ends in 林区 but is a district of 太原市
    assert {u.name for u in units if u.kind is Kind.BANNER} == {"阿鲁科尔沁旗", "翁牛特旗", "苏尼特右旗"}


T = TypeVar("T")


def _leaves(value: object, kind: type[T]) -> list[T]:
    """Every ``kind`` inside a record (through its fields and tuples), recursively."""
    if isinstance(value, kind):
        return [value]
    if attrs.has(type(value)):
        return [x for f in attrs.fields(type(value)) for x in _leaves(getattr(value, f.name), kind)]
    if isinstance(value, tuple):
        return [x for v in value for x in _leaves(v, kind)]
    return []


ALL_TEXT = [*_leaves(notice, str), *(s for u in units for s in _leaves(u, str))]
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


@pytest.mark.parametrize(
    "damage",
    [
        "?",
        "\ufffd",
        "责任编辑",
        "責任編輯",
        "回到顶部",
        "回到頂部",
        "法规库",
        "法規庫",
        "我要纠错",
        "折叠",
        "折疊",
    ],
)
def test_no_seed_damage_anywhere(damage: str) -> None:
    assert not [s for s in ALL_TEXT if damage in s]
    for path in (Path(jijinan.__file__).parent / "data").iterdir():
        assert damage not in path.read_text(encoding="utf-8"), path.name


def test_variant_only_where_received() -> None:
    # 陜 (a variant of 陝) is the received copy's own character: it stays in what was received
    # and nowhere else, while lookups map it (test_lookup).
    assert "陜西省" in notice.received
    assert not [s for s in ALL_TEXT if "陜" in s and s != notice.received]


def test_no_pinyin_annotations() -> None:
    assert not [s for s in ALL_TEXT if PINYIN.search(s)]


def _simplified_fields() -> list[str]:
    out = [t.hans for t in _leaves(notice, jijinan.Text)]
    out += [notice.number]
    for u in units:
        # notes are English prose that may quote the seed's traditional characters
        out += [u.name, u.published_name, u.full_name, u.province, u.group, u.prefecture or ""]
    return out


def test_simplified_fields_have_no_traditional_only_characters() -> None:
    t2s = opencc.OpenCC("t2s")
    fields = _simplified_fields()
    assert len(fields) > 1500
    bad = [s for s in fields if t2s.convert(s) != s]
    assert not bad


def test_traditional_fields_convert_to_their_simplified_twins() -> None:
    t2s = opencc.OpenCC("t2s")
    for text in _leaves(notice, jijinan.Text):
        # the build's one checked exception to OpenCC: 著力 is written 着力 in simplified
        assert t2s.convert(text.hant).replace("著力", "着力") == text.hans
        assert text.hant != text.hans or text.hans.isascii()
    for u in units:
        assert t2s.convert(u.name_hant) == u.name
        assert t2s.convert(u.published_name_hant) == u.published_name
