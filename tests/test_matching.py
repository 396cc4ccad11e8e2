"""units.match and match_many: every status with real names, the traps, and bad input."""

from __future__ import annotations

import time

import pytest

from jijinan import Match, MatchStatus, PilotUnit, units

PILOT, COVERED, PARTIAL = MatchStatus.PILOT, MatchStatus.COVERED, MatchStatus.PARTIAL
NOT_PILOT, AMBIGUOUS, UNKNOWN = MatchStatus.NOT_PILOT, MatchStatus.AMBIGUOUS, MatchStatus.UNKNOWN


def _unit_name(match: Match) -> str | None:
    return match.unit.name if match.unit else None


@pytest.mark.parametrize(
    ("name", "kwargs", "status", "unit", "code"),
    [
        ("浚县", {}, PILOT, "浚县", "410621"),
        ("河南省鹤壁市浚县", {}, PILOT, "浚县", "410621"),
        (" 浚縣\u3000", {}, PILOT, "浚县", "410621"),
        ("滑县", {}, NOT_PILOT, None, "410526"),  # the namesake 0.2.0 wrongly took for unit 154
        ("南京市", {}, PILOT, "南京市", "320100"),
        ("北京市", {}, PILOT, "北京市", "110000"),
        ("玄武区", {}, COVERED, "南京市", "320102"),
        ("朝阳区", {"province": "北京"}, COVERED, "北京市", "110105"),
        ("北京市朝阳区", {}, COVERED, "北京市", "110105"),
        ("静安区", {}, NOT_PILOT, None, "310106"),
        ("静安区", {"as_of": "2015-07"}, NOT_PILOT, None, "310106"),
        ("静安区", {"as_of": 2015}, PARTIAL, "闸北区", "310106"),  # the end of 2015: 闸北区 merged in October
        ("静安区", {"as_of": 2020}, PARTIAL, "闸北区", "310106"),
        ("闸北区", {}, PILOT, "闸北区", "310108"),
        ("平城区", {}, PARTIAL, "城区", "140213"),  # 大同市城区 with part of 南郊区
        ("万全区", {}, PILOT, "万全县", "130708"),  # only exists later: the same area as 万全县
        ("盘州市", {}, PILOT, "盘县", "520281"),
        ("密云区", {}, COVERED, "北京市", "110118"),
        ("北安市", {}, NOT_PILOT, None, "231181"),  # a county-level city, not the reclamation bureau
        ("张家口市桥东区", {}, NOT_PILOT, None, "130702"),
        ("长治市城区", {}, NOT_PILOT, None, "140402"),
        ("徐州市鼓楼区", {}, NOT_PILOT, None, "320302"),
        ("南京市鼓楼区", {}, COVERED, "南京市", "320106"),
        ("邢台市桥东区", {}, PILOT, "桥东区", "130502"),
        ("桥东区", {"prefecture": "邢台市"}, PILOT, "桥东区", "130502"),
        ("桥东区", {"prefecture": "张家口"}, NOT_PILOT, None, "130702"),
        ("番禹区", {}, PILOT, "番禺区", "440113"),  # the notice's misprint
        ("平安县", {}, PILOT, "平安区", "630203"),  # the notice's stale name
        ("八师石河子市", {}, PILOT, "石河子市", "659001"),
        ("北安管理局", {}, PILOT, "北安管理局", None),
        ("xunxian", {"province": "河南"}, PILOT, "浚县", "410621"),
        ("Xun County", {"prefecture": "鹤壁市"}, PILOT, "浚县", "410621"),
        ("huaxian", {"province": "河南"}, NOT_PILOT, None, "410526"),
        ("Panyu District", {}, PILOT, "番禺区", "440113"),
        ("ＰＡＮＹＵ　ＤＩＳＴＲＩＣＴ", {}, PILOT, "番禺区", "440113"),
        ("Nanjing City", {}, PILOT, "南京市", "320100"),
        ("南京", {}, PILOT, "南京市", "320100"),
        ("铜川", {}, PILOT, "铜川市", "610200"),
        ("410621", {}, PILOT, "浚县", "410621"),
        ("铜陵市", {"as_of": 2020}, PARTIAL, "铜陵市", "340700"),  # gained 枞阳县 from 安庆市
    ],
)
def test_match_statuses(
    name: str, kwargs: dict[str, object], status: MatchStatus, unit: str | None, code: str | None
) -> None:
    found = units.match(name, **kwargs)  # type: ignore[arg-type]
    assert (found.status, _unit_name(found), found.code) == (status, unit, code), found.reason
    assert found.reason
    assert "\n" not in found.reason


@pytest.mark.parametrize(
    ("name", "kwargs", "codes"),
    [
        ("鼓楼区", {}, {"320106", "320302", "350102", "410204"}),
        ("桥东区", {}, {"130502", "130702"}),
        ("城区", {"province": "山西省"}, {"140202", "140302", "140402", "140502"}),
        ("huaxian", {}, {"410526", "610521"}),  # 滑县 and 陕西 华县 read alike
        ("朝阳区", {}, {"110105", "220104"}),
        ("吉林", {}, {"220000", "220200"}),  # the province and its namesake city
        ("Nanjing", {}, {"320100", "350627"}),  # 南京 and 南靖 (县) read alike without tones
    ],
)
def test_ambiguous_lists_every_candidate(name: str, kwargs: dict[str, object], codes: set[str]) -> None:
    found = units.match(name, **kwargs)  # type: ignore[arg-type]
    assert found.status is AMBIGUOUS
    assert found.unit is None
    assert found.code is None
    assert {c.code for c in found.candidates} == codes
    assert "province=" in found.reason


def test_unknown() -> None:
    for name, kwargs in [("纽约", {}), ("闸北区", {"as_of": 2020}), ("万全区", {"as_of": 2015})]:
        found = units.match(name, **kwargs)  # type: ignore[arg-type]
        assert found.status is UNKNOWN, name
        assert found.code is None
        assert found.reason


def _keys(unit: PilotUnit) -> dict[str, str]:
    keys = {"name": unit.name, "published": unit.published_name, "full": unit.full_name}
    if unit.code is not None:
        keys["code"] = unit.code
    return keys


@pytest.mark.parametrize("unit", list(units), ids=lambda u: f"{u.seq}-{u.name}")
def test_every_unit_matches_itself(unit: PilotUnit) -> None:
    for kind, key in _keys(unit).items():
        found = units.match(key)
        if key == "全市":  # the notice's entry for Beijing is a generic word on its own
            assert found.status is UNKNOWN
            found = units.match(unit.province + key)
        if found.status is AMBIGUOUS:
            assert kind in ("name", "published"), (kind, key)
            assert unit.code in {c.code for c in found.candidates}
            found = units.match(key, province=unit.province, prefecture=unit.prefecture)
        assert found.status is PILOT, (kind, key, found.reason)
        assert found.unit is unit
        assert found.code == unit.code


@pytest.mark.parametrize("bad", [None, 410526, b"\xe6\xbb\x91", ["滑县"]])
def test_match_rejects_non_strings(bad: object) -> None:
    with pytest.raises(TypeError, match="must be a str"):
        units.match(bad)  # type: ignore[arg-type]


def test_match_rejects_empty_and_bad_hints() -> None:
    with pytest.raises(ValueError, match="empty"):
        units.match("  ")
    with pytest.raises(ValueError, match="as_of must be a year from 2000 to 2024"):
        units.match("滑县", as_of=1999)
    with pytest.raises(TypeError, match="as_of"):
        units.match("滑县", as_of=2020.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'2015-07'"):
        units.match("滑县", as_of="July")  # type: ignore[arg-type]
    assert units.match("静安区", as_of="2020").status is PARTIAL  # a table's label names it too
    with pytest.raises(ValueError, match="names no province"):
        units.match("滑县", province="火星")


def test_huge_name_is_unknown_at_once() -> None:
    start = time.perf_counter()
    found = units.match("滑" * 10_000_000)
    assert found.status is UNKNOWN
    assert "characters long" in found.reason
    assert time.perf_counter() - start < 5  # a guard against a hang, not a benchmark


def test_match_many_keeps_order_and_does_each_name_once() -> None:
    names = ["浚县", "静安区", None, float("nan"), "", "浚县", "番禹区"] * 3
    found = units.match_many(names, as_of=2020)
    assert len(found) == len(names)
    assert [m.status for m in found[:7]] == [PILOT, PARTIAL, UNKNOWN, UNKNOWN, UNKNOWN, PILOT, PILOT]
    assert found[0] is found[5] is found[7]
    assert found[2].reason == "missing value"


def test_match_many_accepts_any_iterable_and_rejects_bad_items() -> None:
    assert [m.code for m in units.match_many(iter(["浚县", "410621"]))] == ["410621", "410621"]
    with pytest.raises(TypeError, match="single str"):
        units.match_many("滑县")
    with pytest.raises(TypeError, match="got float"):
        units.match_many(["浚县", 4.5])
    with pytest.raises(TypeError, match="got bool"):
        units.match_many(["浚县", True])
    assert units.match_many([410621])[0].code == "410621"  # a code column read as integers


def test_match_many_over_all_july_names() -> None:
    from jijinan import coverage

    rows = coverage()
    found = units.match_many([r.province + (r.prefecture or "") + r.name for r in rows])
    statuses = [m.status for m in found]
    assert statuses.count(UNKNOWN) == 0
    assert statuses.count(AMBIGUOUS) == 0
    covered = [m.status in (PILOT, COVERED) for m in found]
    assert covered == [r.covered for r in rows]
