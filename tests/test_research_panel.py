"""The panel as a research table: one row per (code, year), treatment columns that obey their
rules on every row, and time-consistent units that join exactly the divisions that exchanged land."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

import jijinan
from jijinan import MatchStatus

PANEL = jijinan.panel(2005, 2024)
IN_PILOT = (MatchStatus.PILOT, MatchStatus.COVERED)


def units_of(panel: jijinan.Panel) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in panel:
        found[row.stable_id].add((row.code, row.name))
    return found


def unit_holding(panel: jijinan.Panel, code: str) -> set[str]:
    (stable,) = {r.stable_id for r in panel if r.code == code}
    return {r.code for r in panel if r.stable_id == stable}


def test_one_row_per_code_and_year_by_default() -> None:
    assert PANEL.periods == tuple(str(y) for y in range(2005, 2025))
    pairs = Counter((r.code, r.year) for r in PANEL)
    assert max(pairs.values()) == 1
    assert "2015-07" not in {r.period for r in PANEL}
    frame = PANEL.to_pandas()
    assert not frame.duplicated(["code", "year"]).any()
    # the notice date's table is there when asked for, and only then
    with_notice = jijinan.panel(2014, 2016, notice=True)
    assert with_notice.periods == ("2014", "2015-07", "2015", "2016")
    assert jijinan.panel(2014, 2016).periods == ("2014", "2015", "2016")


def test_every_row_obeys_the_rule_of_each_new_column() -> None:
    for r in PANEL:
        assert r.in_pilot == (r.status in IN_PILOT)
        assert r.treated == (r.in_pilot and r.post)
        assert r.event_time == r.year - 2015
        assert r.post == (r.year >= 2015)
        assert 0 <= r.pilot_share <= 1
        if r.status is MatchStatus.NOT_PILOT:
            assert r.pilot_share == 0
        elif r.in_pilot:
            assert r.pilot_share == 1
        else:
            assert r.status is MatchStatus.PARTIAL, r
            assert 0 < r.pilot_share < 1, r
        assert re.fullmatch(r"[A-Z][A-Za-zü', -]+", r.name_pinyin), r.name_pinyin
        assert r.stable_id.isdigit()
        assert len(r.stable_id) == 6
        assert r.stable_notice_codes, r


def test_pilot_share_counts_the_notice_date_divisions() -> None:
    jingan = {r.year: r for r in PANEL if r.code == "310106"}
    assert jingan[2014].pilot_share == 0  # 静安区 alone, not pilot
    assert jingan[2016].pilot_share == 0.5  # 静安区 and 闸北区 (unit), one of two
    assert jingan[2016].stable_notice_codes == ("310106", "310108")


def test_names_in_pinyin_for_every_row() -> None:
    names = {(r.code, r.year): r.name_pinyin for r in PANEL}
    assert names[("410621", 2020)] == "Xun County"
    assert names[("130502", 2019)] != names[("130502", 2020)]  # 桥东区, then 襄都区
    units_pinyin = {u.code: u.name_pinyin for u in jijinan.units if u.code}
    for r in PANEL:
        if r.year == 2015 and r.code in units_pinyin and r.status is MatchStatus.PILOT:
            assert r.name_pinyin == units_pinyin[r.code], r


def test_stable_units_join_exactly_the_divisions_that_exchanged_land() -> None:
    assert unit_holding(PANEL, "310108") == {"310106", "310108"}  # 闸北区 went into 静安区
    assert unit_holding(PANEL, "130521") == {"130502", "130503", "130521"}  # 邢台县 split
    assert unit_holding(PANEL, "340823") == {"340823", "340722", "340711"}  # 枞阳县 and 铜陵's 郊区
    assert unit_holding(PANEL, "410621") == {"410621"}  # 浚县: untouched
    # the id is the unit's smallest code in the last table, whatever the order of rows
    assert {r.stable_id for r in PANEL if r.code in ("310108", "310106")} == {"310106"}
    assert {r.stable_id for r in PANEL if r.code in ("340823", "340722", "340711")} == {"340711"}
    units = units_of(PANEL)
    last = {r.code for r in PANEL if r.year == 2024}
    for stable, members in units.items():
        if any(code in last for code, _name in members):
            assert stable == min(r.code for r in PANEL if r.year == 2024 and r.stable_id == stable)


def test_stable_units_depend_on_the_window() -> None:
    # before 2020, 邢台县 had not yet split: three units of their own
    early = jijinan.panel(2005, 2019)
    assert unit_holding(early, "130521") == {"130521"}
    assert unit_holding(early, "130502") == {"130502"}
    # after 2015's merger, 静安区 is one unit with no other
    late = jijinan.panel(2016, 2024)
    assert unit_holding(late, "310106") == {"310106"}


def test_every_unit_holds_the_same_divisions_each_year_it_is_whole() -> None:
    # a unit's rows are the same land every year: a unit of one division has one code
    units = units_of(PANEL)
    singles = [members for members in units.values() if len({c for c, _n in members}) == 1]
    assert len(singles) > 2000
    years = defaultdict(set)
    for r in PANEL:
        years[r.stable_id].add(r.year)
    # Land rarely enters or leaves the county level: 儋州市 became a prefecture-level city without
    # counties in 2015; XPCC cities and 三亚's districts were made of land outside any county.
    short = {stable for stable, y in years.items() if y != set(range(2005, 2025))}
    assert len(short) <= 20
    assert years["469003"] == set(range(2005, 2015))
    assert {"659007", "460202"} <= short


def test_flat_forms_carry_the_new_columns() -> None:
    frame = jijinan.panel(2014, 2016).to_pandas()
    for column in ("in_pilot", "treated", "pilot_share", "event_time", "stable_id", "stable_notice_codes"):
        assert column in frame.columns
    assert str(frame["pilot_share"].dtype) == "float64"
    assert frame["stable_id"].dtype == "string"
    assert set(frame["event_time"]) == {-1, 0, 1}


def test_bad_level() -> None:
    with pytest.raises(ValueError, match="level"):
        jijinan.panel(2005, 2024, level="township")  # type: ignore[arg-type]


def test_the_land_file_is_checked() -> None:
    from jijinan.loading import read_json
    from jijinan.loading.land import check_land, load_land

    land = load_land()
    payload = read_json("land.json")
    spans, periods = len(payload["land"]), 26
    check_land(payload, spans, periods)
    broken = {**payload, "land": [*payload["land"][:-1], [[0, [land.leaves]]]]}  # a leaf past the count
    with pytest.raises(ValueError, match="malformed land"):
        check_land(broken, spans, periods)
    with pytest.raises(ValueError, match="spans"):
        check_land(payload, spans + 1, periods)
    with pytest.raises(ValueError, match="keys"):
        check_land({"land": []}, spans, periods)
