"""Every way people write a division, as the matching issue lists them, each answered right."""

from __future__ import annotations

import pytest

from jijinan import MatchStatus, units

PILOT, COVERED, PARTIAL = MatchStatus.PILOT, MatchStatus.COVERED, MatchStatus.PARTIAL
NOT_PILOT, AMBIGUOUS, UNKNOWN = MatchStatus.NOT_PILOT, MatchStatus.AMBIGUOUS, MatchStatus.UNKNOWN


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("河北邢台市襄都区", "130502"),
        ("河北襄都区", "130502"),
        ("北京东城区", "110101"),
        ("内蒙古呼和浩特市新城区", "150102"),
        ("广西南宁市青秀区", "450103"),
        ("河南滑县", "410526"),
        ("安阳滑县", "410526"),
        ("河南 滑县", "410526"),
        ("河南浚县", "410621"),
        ("鹤壁浚县", "410621"),
        ("湖北恩施州利川市", "422802"),
    ],
)
def test_short_province_and_prefecture_prefixes(name: str, code: str) -> None:
    assert units.match(name).code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [("恩施州", "422800"), ("延边", "222400"), ("凉山", "513400"), ("锡盟", "152500"), ("海淀", "110108")],
)
def test_short_names_of_autonomous_prefectures_leagues_and_counties(name: str, code: str) -> None:
    assert units.match(name).code == code


def test_a_short_name_shared_by_several_divisions_lists_them_all() -> None:
    chaoyang = units.match("朝阳")
    assert chaoyang.status is AMBIGUOUS
    assert {c.code for c in chaoyang.candidates} == {"110105", "220104", "211300", "211321"}
    assert units.match("朝阳", province="北京").status is COVERED
    enshi = units.match("恩施")
    assert {c.code for c in enshi.candidates} == {"422800", "422801"}  # the prefecture and its city


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("北京市門頭溝區", "110109"),
        ("上海市靜安區", "310106"),
        ("山東省濰坊市濰城區", "370702"),
        ("四川省宜賓市翠屏區", "511502"),
        ("陜西省銅川市", "610200"),
        ("陝西省銅川市", "610200"),
        ("沈陽市沈河區", "210103"),
        ("瀋陽市瀋河區", "210103"),
        ("雲和縣", "331125"),
        ("云和縣", "331125"),
        ("濬縣", "410621"),
        ("江乾區", "330104"),  # OpenCC's own spelling of 江干区
        ("臺灣省", "710000"),
    ],
)
def test_traditional_and_variant_characters_for_every_division(name: str, code: str) -> None:
    assert units.match(name).code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Jing'an District", "310106"),
        ("Jing’an District", "310106"),
        ("Yan'an", "610600"),
        ("Yanan City", "610600"),
        ("Gu'an County", "131022"),
        ("Lüyuan District", "220106"),
        ("Lvyuan District", "220106"),
        ("Luyuan District", "220106"),
        ("lu:yuan district", "220106"),
        ("ＰＡＮＹＵ　ＤＩＳＴＲＩＣＴ", "440113"),
    ],
)
def test_pinyin_with_apostrophes_and_u_umlaut(name: str, code: str) -> None:
    assert units.match(name).code == code


def test_xi_an_names_three_divisions() -> None:
    # 西安市, and the 西安区 of 辽源 and of 牡丹江: all read Xī'ān
    assert {c.code for c in units.match("Xi'an").candidates} == {"610100", "220403", "231005"}
    assert units.match("Xi'an City").code == "610100"


@pytest.mark.parametrize(
    ("code", "status", "found"),
    [
        ("130502000000", PILOT, "130502"),
        ("130502000", PILOT, "130502"),
        ("410621000000", PILOT, "410621"),
        ("320571", COVERED, "320571"),  # 苏州工业园区: in the pilot city 苏州市
        ("110171", COVERED, "110171"),  # a zone of Beijing
        ("440371", NOT_PILOT, "440371"),  # a zone of 深圳市, which holds no pilot land
        ("320371", UNKNOWN, None),  # a zone of 徐州市, which holds pilot land (铜山区) and other land
        ("130171", UNKNOWN, None),  # a zone of 石家庄市, likewise (藁城区)
        ("999999", UNKNOWN, None),
    ],
)
def test_nbs_codes_and_statistical_zones(code: str, status: MatchStatus, found: str | None) -> None:
    match = units.match(code)
    assert (match.status, match.code) == (status, found), match.reason
    if code in ("320371", "130171"):
        assert "the code tables do not say which the zone lies in" in match.reason


@pytest.mark.parametrize("word", ["全市", "市辖区", "县", "合计", "总计", "全省", "区"])
def test_generic_words_are_not_names(word: str) -> None:
    match = units.match(word)
    assert match.status is UNKNOWN
    assert "generic word" in match.reason


def test_a_whole_word_after_a_prefix_names_the_prefix() -> None:
    assert units.match("北京市全市").code == "110000"
    assert units.match("北京全市").status is PILOT
    assert units.match("北京市市辖区").status is UNKNOWN


def test_names_that_exist_only_before_2015_resolve() -> None:
    ping_an = units.match("平安县", as_of=2010)
    assert (ping_an.status, ping_an.code, ping_an.period) == (PILOT, "632121", "2010")
    dongsheng = units.match("东胜区")  # 鄂尔多斯: a pilot unit, the same name throughout
    assert dongsheng.status is PILOT
    haidong = units.match("海东地区平安县")  # 海东地区 ended in 2013: read in its own tables
    assert (haidong.status, haidong.code) == (PILOT, "632121")
