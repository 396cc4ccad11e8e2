"""The code history as the build reads it: approvals heading by heading, land followed from 2000.

These tests run scripts/stages/history.py on ../shared, as the build does, and check what the
packaged data says about the same facts.
"""

from __future__ import annotations

import csv
import datetime
import sys
from pathlib import Path

import pytest

from jijinan import Relation, units

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def history(shared: Path) -> object:
    sys.path.insert(0, str(REPO / "scripts"))
    from stages import history as module

    with (shared / "reference" / "gb2260" / "mca-201507.tsv").open(encoding="utf-8", newline="") as handle:
        july = {row["Code"]: row["Name"] for row in csv.DictReader(handle, delimiter="\t")}
    return module.History(shared / "reference", july)


def _record(history: object, code: str, name: str) -> object:
    (found,) = [r for r in history.records if r.code == code and r.name == name]  # type: ignore[attr-defined]
    return found


def test_a_combined_entry_is_read_heading_by_heading(history: object) -> None:
    # 湘民行发〔2015〕1号 moved 跳马镇 of 长沙县 to 雨花区; 2号, filed under the same entry of the
    # history, moved 暮云 and 南托 to 天心区. Each move has its own approval.
    changsha = _record(history, "430121", "长沙县")
    yuhua = _record(history, "430111", "雨花区")
    tianxin = _record(history, "430103", "天心区")
    approvals = history.approvals  # type: ignore[attr-defined]
    to_yuhua = [approvals[a].number for a in history.approvals_of(2015, 16, changsha, yuhua)]  # type: ignore[attr-defined]
    to_tianxin = [approvals[a].number for a in history.approvals_of(2015, 16, changsha, tianxin)]  # type: ignore[attr-defined]
    assert to_yuhua == ["湘民行发〔2015〕1号"]
    assert to_tianxin == ["湘民行发〔2015〕2号"]


def test_notes_of_the_history_are_not_approvals(history: object) -> None:
    # 2001's entry on 通什市 -> 五指山市 carries the approval and a note on the code change.
    titles = [history.approvals[a].title for a in history._sections.get((2001, 26), ())]  # type: ignore[attr-defined]
    assert "代码变更" not in titles


def test_approvals_with_chinese_numeral_dates(history: object) -> None:
    module = sys.modules["stages.history_records"]
    approval = module.Approval("# 某批复\n文号：民发〔2001〕170号\n日期：二〇〇一年七月五日\n")
    assert approval.date == datetime.date(2001, 7, 5)
    assert module.Approval("# x\n日期：一九九〇年十二月二十七日\n").date == datetime.date(1990, 12, 27)


def test_undated_approvals_sort_last(history: object) -> None:
    module = sys.modules["stages.history_records"]
    dated = module.Approval("# a\n日期：2016年1月2日\n")
    undated = module.Approval("# b〔2016〕1号\n")
    assert sorted([undated, dated], key=lambda a: a.sort_key()) == [dated, undated]


def test_pingan_county_in_2010_has_the_pilot_units_land(history: object) -> None:
    module = sys.modules["stages.history_records"]
    ping_an = _record(history, "632121", "平安县")
    assert history.origin(module.LABELS.index("2010"), ping_an) == {"630203": ("all", frozenset())}  # type: ignore[attr-defined]


def test_changsha_county_before_2015_held_land_that_later_went_to_pilot_yuhua(history: object) -> None:
    module = sys.modules["stages.history_records"]
    changsha = _record(history, "430121", "长沙县")
    origin = history.origin(module.LABELS.index("2014"), changsha)  # type: ignore[attr-defined]
    assert {code: share for code, (share, _m) in origin.items()} == {
        "430121": "all",
        "430111": "part",
        "430103": "part",
    }
    assert units.match("长沙县", as_of=2014).status.value == "partial"
    assert units.match("长沙县", as_of=2016).status.value == "not_pilot"


def test_the_renamed_unit_says_when_and_by_what() -> None:
    (note,) = units.get("平安区").notes
    assert "The table at the end of 2014 still lists 平安县 (630221 of 海东市)" in note
    assert "国函〔2015〕38号 of 2015-02-16 made it 平安区 (630203)" in note
    assert "2013" not in note


def test_unchanged_successors_carry_no_approvals() -> None:
    unchanged = [s for u in units for s in u.successors if s.relation is Relation.UNCHANGED]
    assert len(unchanged) > 250
    assert all(s.approvals == () for s in unchanged)
    # Beijing, 盐城, 温州, 赣州, 吉安: their districts changed inside them, their land did not
    for name in ("北京市", "盐城市", "温州市", "赣州市", "吉安市"):
        (successor,) = units.get(name).successors
        assert successor.relation is Relation.UNCHANGED
    # 铜陵市 gained 枞阳县 from 安庆市: that approval is its successor's
    (tongling,) = units.get("铜陵市").successors
    assert tongling.relation is Relation.WHOLE
    assert [a.number for a in tongling.approvals] == ["国函〔2015〕181号"]
