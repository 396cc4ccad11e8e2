"""Issue 15: GB/T 2260's romanised forms, NBS zones by name, the level hint, and units.get reading what match reads."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jijinan import AmbiguousUnitError, Level, MatchStatus, UnitNotFoundError, units

COVERED, NOT_PILOT, UNKNOWN, AMBIGUOUS = (
    MatchStatus.COVERED,
    MatchStatus.NOT_PILOT,
    MatchStatus.UNKNOWN,
    MatchStatus.AMBIGUOUS,
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Gu'an Xian", "131022"),  # GB/T 2260's pinyin generic words
        ("Wensu Xian", "652922"),
        ("Hotan Shi", "653201"),  # the English table's Hotan, with the pinyin generic
        ("Jarud Qi", "150526"),
        ("Alxa Zuoqi", "152921"),
        ("Jing,an Xian", "360925"),  # a comma for the apostrophe
        ("Jing’an Xian", "360925"),
        ("Kashi (Kaxgar) Shi", "653101"),  # a bracketed alternative
        ("Bachu(Maralbexi) Xian", "653130"),
        ("Kuqa Xian", "652923"),
        ("Kuqa County", "652923"),
        ("Korla Shi", "652801"),
        ("Xunxian County", "410621"),  # the generic written twice
        ("Zhaoxian County", "130133"),
        ("XUN-XIAN", "410621"),
        ("Xùn Xiàn", "410621"),  # tone marks
        ("Weichang Manzu Mengguzu Zizhixian", "130828"),
    ],
)
def test_romanised_forms_of_gbt_2260_and_english_lists(name: str, code: str) -> None:
    found = units.match(name, as_of=2015)
    assert found.code == code, found.reason


def test_a_transcription_the_english_table_lacks_is_not_invented() -> None:
    # GB/T 2260 romanises 道孚县 as "Dawu Xian"; the reviewed English table has no Dawu for
    # 道孚, so the package reads "Dawu" only as 大悟 and never as 道孚.
    assert units.match("Daofu Xian", as_of=2015).code == "513326"
    assert "513326" not in {c.code for c in units.match("Dawu Xian").candidates}


@pytest.mark.parametrize(
    ("name", "kwargs", "code"),
    [
        ("Xi'an", {"level": "prefectural"}, "610100"),
        ("西安", {"level": "prefectural"}, "610100"),
        ("恩施", {"level": "county"}, "422801"),
        ("恩施", {"level": Level.PREFECTURAL}, "422800"),
        ("吉林", {"level": "provincial"}, "220000"),
        ("吉林", {"level": "prefectural"}, "220200"),
    ],
)
def test_the_level_hint_keeps_divisions_of_that_level(name: str, kwargs: dict[str, object], code: str) -> None:
    assert units.match("Xi'an").status is AMBIGUOUS  # 西安市 and two 西安区 without it
    found = units.match(name, **kwargs)  # type: ignore[arg-type]
    assert found.code == code, found.reason


def test_the_level_hint_in_match_many_scalar_or_per_row() -> None:
    found = units.match_many(["西安", "恩施", "恩施"], level=["prefectural", "county", None])
    assert [m.code for m in found] == ["610100", "422801", None]
    assert [m.code for m in units.match_many(["西安", "铜川"], level="prefectural")] == ["610100", "610200"]
    with pytest.raises(ValueError, match="level must be one of"):
        units.match("西安", level="city")
    with pytest.raises(TypeError, match="level"):
        units.match("西安", level=3)  # type: ignore[arg-type]


def test_the_level_hint_in_match_frame() -> None:
    pd = pytest.importorskip("pandas")
    import jijinan

    frame = pd.DataFrame({"city": ["西安", "恩施州", "Xi'an"]})
    out = jijinan.match_frame(frame, name="city", level="prefectural")
    assert out["code"].tolist() == ["610100", "422800", "610100"]


@pytest.mark.parametrize(
    ("name", "status", "unit"),
    [
        ("南京经济技术开发区", COVERED, "南京市"),  # a pilot prefecture: all of it
        ("北京经济技术开发区", COVERED, "北京市"),
        ("朝阳经济开发区", NOT_PILOT, None),  # 辽宁 朝阳市: no pilot land
    ],
)
def test_nbs_zones_by_name_are_read_by_their_prefecture(name: str, status: MatchStatus, unit: str | None) -> None:
    found = units.match(name)
    assert found.status is status, found.reason
    assert (found.unit.name if found.unit else None) == unit
    assert "statistical zone of" in found.reason


def test_a_zone_of_a_prefecture_with_pilot_and_other_land_is_unknown_and_says_which() -> None:
    for key in ("石家庄高新技术产业开发区", "河北石家庄高新区", "130171000000"):
        found = units.match(key)
        assert found.status is UNKNOWN, key
        assert "河北省石家庄市 (130100" in found.reason, found.reason


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("河南浚县", "浚县"),
        ("鹤壁浚县", "浚县"),
        ("xunxian", "浚县"),
        ("Xunxian County", "浚县"),
        ("北京", "北京市"),
        ("410621000000", "浚县"),
        ("河南省鹤壁市浚縣", "浚县"),
    ],
)
def test_units_get_reads_every_spelling_match_reads(key: str, name: str) -> None:
    assert units.get(key).name == name


def test_units_get_misses_rank_units_of_the_keys_province_first() -> None:
    with pytest.raises(UnitNotFoundError) as caught:
        units.get("滑县")  # 河南's 滑县 is no unit; 浚县 of 河南 is nearest
    assert caught.value.candidates[0] == "河南省鹤壁市浚县"


def test_units_get_keeps_the_ambiguity_rule() -> None:
    with pytest.raises(AmbiguousUnitError):
        units.get("tongshan")  # 铜山区 (of 徐州, unit 103) and 通山县 (unit 185) read alike


@pytest.mark.parametrize(
    ("code", "as_of", "found"),
    [
        ("469003", 2017, "460400"),  # NBS kept 儋州市's county-level code; GB/T's is 460400 from 2015
        ("469003", 2010, "469003"),
        ("620201", 2020, "620200"),  # NBS's row for 嘉峪关市, a city without county-level divisions
        ("620201000000", 2020, "620200"),
    ],
)
def test_nbs_codes_for_divisions_gbt_codes_otherwise(code: str, as_of: int, found: str) -> None:
    match = units.match(code, as_of=as_of)
    assert match.code == found, match.reason
    assert match.status is NOT_PILOT


def test_a_code_of_a_division_that_ended_is_not_read_as_its_successor() -> None:
    # 万全县 became 万全区 and the prefecture 巢湖市 ended (the county-level 巢湖市 is other land)
    assert units.match("130729", as_of=2020).status is UNKNOWN
    assert units.match("341400", as_of=2015).status is UNKNOWN


def test_the_cli_level_option(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cli_helpers import rows, run

    source = tmp_path / "cities.csv"
    source.write_text("city\n西安\nXi'an\n恩施\n", encoding="utf-8")
    found = rows(run("match", source, "--column", "city", "--level", "prefectural").stdout)
    assert [r["code"] for r in found] == ["610100", "610100", "422800"]
    assert run("match", source, "--column", "city", "--level", "city").returncode != 0
