"""The lossy-key rule: a reading more than one division of any table has had never answers with one.

Romanised names have no tones and no characters: 华县 and 滑县 are both ``huaxian``, and
华县 ended during 2015, so a list of 2015 may mean either. The cases of issue 15 each get a
test; then every namesake set the index holds, built from the index itself.
"""

from __future__ import annotations

import pytest

from jijinan import Match, MatchStatus, units

AMBIGUOUS, UNKNOWN = MatchStatus.AMBIGUOUS, MatchStatus.UNKNOWN


def _codes(match: Match) -> set[str]:
    return {c.code for c in match.candidates}


@pytest.mark.parametrize(
    ("name", "kwargs", "codes"),
    [
        ("Jixian County", {}, {"120225", "230521"}),  # 蓟县 (its generic written twice) and 集贤县
        ("Jixian County", {"as_of": 2010}, {"120225", "230521"}),
        ("hua xian", {"as_of": 2015}, {"410526", "610521"}),  # 华县 ended during 2015
        ("hua xian", {"as_of": 2020}, {"410526", "610521"}),
        ("shan xian", {"as_of": 2015}, {"371722", "411222"}),  # 陕县 became 陕州区 in 2015
        ("heng shan xian", {"as_of": 2015}, {"430423", "610823"}),  # 横山县 became 横山区 in 2015
        ("Tongshan Xian", {"as_of": 2010}, {"421224", "320323"}),  # 铜山县 became 铜山区 in 2010
        ("Tongshan Xian", {}, {"421224", "320323"}),
    ],
)
def test_a_reading_another_division_of_any_table_had_is_ambiguous(
    name: str, kwargs: dict[str, object], codes: set[str]
) -> None:
    found = units.match(name, **kwargs)  # type: ignore[arg-type]
    assert found.status is AMBIGUOUS, found.reason
    assert codes <= _codes(found), found.reason
    assert found.code is None
    assert found.unit is None
    # every candidate says which table it is of: its years
    assert all(c.period for c in found.candidates)


def test_liu_he_in_jiangsu_is_not_the_liuhe_county_of_jilin() -> None:
    # 六合 reads lù hé (the reviewed reading), so "liu he" is no key of 六合区; in 江苏 no
    # division reads liuhe, and the answer is no answer, never 柳河县 of 吉林.
    found = units.match("liu he", province="江苏")
    assert found.code is None
    assert found.code != "220524"
    assert units.match("lu he", province="江苏", as_of=2015).code == "320116"  # 六合区 of 南京


@pytest.mark.parametrize(
    ("name", "kwargs", "code"),
    [
        ("Beijing", {}, "110000"),
        ("Shanghai", {}, "310000"),
        ("Xunxian", {}, "410621"),
        ("Xunxian County", {}, "410621"),
        ("Danzhou Shi", {"as_of": 2020}, "460400"),  # 469003 until 2014: one division, recoded
        ("Tongshan Qu", {"as_of": 2015}, "320312"),
        ("Yanqing", {"as_of": 2020}, "110119"),  # 延庆县 -> 延庆区: one division, renamed
    ],
)
def test_one_division_under_several_codes_or_names_is_not_a_namesake(
    name: str, kwargs: dict[str, object], code: str
) -> None:
    found = units.match(name, **kwargs)  # type: ignore[arg-type]
    assert found.code == code, found.reason


def test_chinese_names_keep_their_answers() -> None:
    assert units.match("华县", as_of=2015).status is UNKNOWN  # it ended during 2015: the reason says when
    assert units.match("滑县", as_of=2015).code == "410526"
    assert units.match("铜山县", as_of=2010).status is UNKNOWN
    assert units.match("通山县", as_of=2010).code == "421224"


def _romanised_namesakes() -> list[tuple[str, list[int], list[list[int]]]]:
    """Every romanised key of the index that more than one division has had: its spans, its divisions."""
    from jijinan.loading.loaders import load_division_index
    from jijinan.matching.namesakes import county_parents, divisions_of

    index = load_division_index()
    parents = county_parents(index.codes)
    out = []
    for key, found in index.more_keys("latin").items():
        spans = [found] if isinstance(found, int) else [i for i in found if i >= 0]
        divisions = divisions_of(index, spans, parents) if len(spans) > 1 else []
        if len(divisions) > 1:
            out.append((key, spans, divisions))
    return out


def test_every_romanised_namesake_of_the_tables_abstains_in_every_table() -> None:
    from jijinan.loading.loaders import load_division_index

    index = load_division_index()
    namesakes = _romanised_namesakes()
    assert len(namesakes) > 200  # huaxian, tongshanxian, jixian, ...
    keys = {key for key, _s, _d in namesakes}
    assert {"huaxian", "tongshanxian", "hengshanxian", "shanxian"} <= keys
    for period, label in enumerate(index.periods):
        alive = [(key, divisions) for key, spans, divisions in namesakes if any(index.alive(i, period) for i in spans)]
        found = units.match_many([key for key, _ in alive], as_of=label)
        for (key, divisions), match in zip(alive, found, strict=True):
            assert match.status is AMBIGUOUS, (key, label, match.reason)
            codes = _codes(match)
            for division in divisions:  # each division is a candidate
                assert {index.codes[i] for i in division} & codes, (key, label, match.reason)
    found = units.match_many([key for key, _s, _d in namesakes])  # and without a year
    assert all(m.status is AMBIGUOUS for m in found)
