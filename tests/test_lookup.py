"""units.get, filter and grouping, with real names and their traps."""

from __future__ import annotations

import attrs
import pytest

from jijinan import AmbiguousUnitError, Kind, Level, PilotUnit, UnitNotFoundError, units


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("410621", "410621"),  # code
        ("浚县", "410621"),  # short name
        ("浚縣", "410621"),  # traditional
        ("濬縣", "410621"),  # OpenCC's older traditional form
        ("河南省鹤壁市浚县", "410621"),  # full name
        ("河南省鶴壁市浚縣", "410621"),
        ("鹤壁市浚县", "410621"),  # prefecture + name
        ("河南省浚县", "410621"),  # province + name
        ("  浚县\t", "410621"),  # surrounding white space
        ("４１０６２１", "410621"),  # full-width digits
        ("邢台市桥东区", "130502"),  # published name
        ("河北省邢台市桥东区", "130502"),
        ("邢臺市橋東區", "130502"),
        ("桥东区", "130502"),  # unique among the 300 units (张家口's 桥东区 is not one)
        ("番禹区", "440113"),  # as published (a misprint)
        ("番禺区", "440113"),  # as corrected
        ("广州市番禹区", "440113"),
        ("平安县", "630203"),  # as published (already renamed)
        ("平安区", "630203"),
        ("海东市平安区", "630203"),
        ("八师石河子市", "659001"),
        ("石河子市", "659001"),
        ("新疆生产建设兵团八师石河子市", "659001"),
        ("全市", "110000"),
        ("北京市", "110000"),
        ("南京市", "320100"),
        ("江苏省南京市", "320100"),
        ("大同市城区", "140202"),
        ("阳泉市城区", "140302"),
        ("陽泉市城區", "140302"),
        ("万柏林区", "140109"),  # listed after 太原市迎泽区、 and shares its prefecture
        ("太原市万柏林区", "140109"),
        ("和龙市", "222406"),
        ("神农架林区", "429021"),
        ("闸北区", "310108"),
        ("陕西省铜川市", "610200"),
        ("陝西省銅川市", "610200"),
    ],
)
def test_get_finds_unit(key: str, code: str) -> None:
    assert units.get(key).code == code


def test_get_bureau_without_code() -> None:
    for key in ("北安管理局", "省农垦总局北安管理局", "黑龙江省农垦总局北安管理局", "北安管理局 "):
        unit = units.get(key)
        assert unit.code is None
        assert unit.kind is Kind.RECLAMATION_BUREAU
        assert unit.province == "黑龙江省"


def test_bei_an_city_is_not_the_bureau() -> None:
    with pytest.raises(UnitNotFoundError) as info:
        units.get("北安市")
    assert "黑龙江省农垦总局北安管理局" in info.value.candidates


def test_ambiguous_name_lists_every_candidate() -> None:
    with pytest.raises(AmbiguousUnitError) as info:
        units.get("城区")
    assert [u.full_name for u in info.value.candidates] == ["山西省大同市城区", "山西省阳泉市城区"]
    assert "140202" in str(info.value)
    assert "140302" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_not_found_names_closest_candidates() -> None:
    with pytest.raises(UnitNotFoundError) as info:
        units.get("邢台市桥西区")
    assert info.value.candidates[0] == "河北省邢台市桥东区"
    assert "河北省邢台市桥东区" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_not_found_for_division_outside_the_pilot() -> None:
    # 张家口市桥东区 shares a name with a pilot unit but is not one.
    with pytest.raises(UnitNotFoundError):
        units.get("张家口市桥东区")
    with pytest.raises(UnitNotFoundError):
        units.get("玄武区")  # covered through 南京市, but not itself a unit


@pytest.mark.parametrize("key", [None, 410526, b"410526", ["滑县"], 4.1])
def test_get_rejects_non_strings(key: object) -> None:
    with pytest.raises(TypeError, match="must be a str"):
        units.get(key)  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ["", "   ", "\u3000"])
def test_get_rejects_empty(key: str) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        units.get(key)


def test_get_huge_key_is_not_found_quickly() -> None:
    with pytest.raises(UnitNotFoundError) as info:
        units.get("滑" * 10_000_000)
    assert info.value.candidates == ()


def test_records_refuse_mutation() -> None:
    unit = units.get("浚县")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        unit.code = "000000"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        unit.extra = 1  # type: ignore[attr-defined]
    assert isinstance(unit.notes, tuple)
    assert units.get("浚县").code == "410621"


def test_records_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        PilotUnit(1, "x")  # type: ignore[misc]


def test_collection_is_immutable_sequence() -> None:
    assert units[0].name == "北京市"
    assert units[-1].name == "石河子市"
    assert len(units[10:20]) == 10
    assert isinstance(units[10:20], tuple)
    with pytest.raises(TypeError):
        units[0] = units[1]  # type: ignore[index]
    with pytest.raises(TypeError, match=r"units\.get"):
        units["滑县"]  # type: ignore[call-overload]
    assert units[0] in units


def test_filter() -> None:
    shaanxi = units.filter(province="陕西省")
    assert len(shaanxi) == 12
    assert units.filter(province="陝西") == shaanxi == units.filter(province="610000")
    assert len(units.filter(province="新疆维吾尔自治区")) == 10  # 9 + 八师石河子市
    assert len(units.filter(group="新疆生产建设兵团")) == 1
    assert len(units.filter(province="广西")) == 5
    assert [u.name for u in units.filter(province="江苏省", level="prefectural")] == [
        "南京市",
        "苏州市",
        "盐城市",
        "扬州市",
    ]
    assert [u.name for u in units.filter(kind=Kind.BANNER)] == ["阿鲁科尔沁旗", "翁牛特旗", "苏尼特右旗"]
    assert units.filter() == tuple(units)
    assert units.filter(province="上海市", level=Level.PREFECTURAL) == ()


def test_filter_errors() -> None:
    with pytest.raises(ValueError, match="closest: 陕西省"):
        units.filter(province="陕西生")
    with pytest.raises(ValueError, match="valid: provincial, prefectural, county"):
        units.filter(level="city")
    with pytest.raises(ValueError, match="no kind"):
        units.filter(kind="village")
    with pytest.raises(TypeError):
        units.filter(level=3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no group"):
        units.filter(group="兵团")


def test_by_province() -> None:
    grouped = units.by_province()
    assert len(grouped) == 31
    assert sum(map(len, grouped.values())) == 300
    assert len(grouped["黑龙江省"]) == 31
    assert "新疆生产建设兵团" not in grouped
    with pytest.raises(TypeError):
        grouped["北京市"] = ()  # type: ignore[index]


def test_index_keys_are_in_normal_form() -> None:
    # get() trusts a key found as given: that is only right if normalising is idempotent.
    from jijinan.collection import _default_index

    index = _default_index()
    assert len(index.by_key) > 1500
    assert all(index.normalize(key) == key for key in index.by_key)


def test_counts() -> None:
    assert units.counts("level") == {"provincial": 1, "prefectural": 11, "county": 288}
    by_province = units.counts()
    assert len(by_province) == 31
    assert by_province["黑龙江省"] == 31
    assert sum(by_province.values()) == 300
    assert len(units.counts("group")) == 32
    assert units.counts("kind")["banner"] == 3
    with pytest.raises(ValueError, match="province, group, level or kind"):
        units.counts("colour")
