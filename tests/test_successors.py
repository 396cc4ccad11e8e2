"""What each pilot unit became by the end of 2024."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from jijinan import Relation, units


def _successors(name: str) -> list[tuple[str, str, Relation]]:
    return [(s.code, s.name, s.relation) for s in units.get(name).successors]


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("万全县", [("130708", "万全区", Relation.SAME_AREA)]),
        ("抚远县", [("230883", "抚远市", Relation.SAME_AREA)]),
        ("漠河县", [("232701", "漠河市", Relation.SAME_AREA)]),
        ("闸北区", [("310106", "静安区", Relation.WHOLE)]),
        ("京山县", [("420882", "京山市", Relation.SAME_AREA)]),
        ("盘县", [("520281", "盘州市", Relation.SAME_AREA)]),
        ("湟中县", [("630106", "湟中区", Relation.SAME_AREA)]),
        ("寿县", [("340422", "寿县", Relation.SAME_AREA)]),  # moved to 淮南市 in December 2015: new code
        ("大同市城区", [("140213", "平城区", Relation.PART), ("140214", "云冈区", Relation.PART)]),
        ("北京市", [("110000", "北京市", Relation.UNCHANGED)]),  # 密云县 and 延庆县 became districts inside it
        ("浚县", [("410621", "浚县", Relation.UNCHANGED)]),
    ],
)
def test_known_cases(unit: str, expected: list[tuple[str, str, Relation]]) -> None:
    assert _successors(unit) == expected


def test_approvals_are_cited() -> None:
    (jingan,) = units.get("闸北区").successors
    assert [(a.number, a.date) for a in jingan.approvals] == [("国函〔2015〕183号", datetime.date(2015, 10, 13))]
    assert "上海市" in jingan.approvals[0].title
    (wanquan,) = units.get("万全县").successors
    assert wanquan.approvals[0].number == "国函〔2016〕5号"
    assert units.get("浚县").successors[0].approvals == ()


def test_bureau_has_no_successor() -> None:
    assert units.get("北安管理局").successors == ()


def test_every_other_unit_has_a_successor_and_unchanged_means_unchanged() -> None:
    for unit in units:
        if unit.code is None:
            continue
        assert unit.successors, unit
        for successor in unit.successors:
            if successor.relation is Relation.UNCHANGED:
                assert (successor.code, successor.name) == (unit.code, unit.name)
                assert len(unit.successors) == 1


def _codes_json(shared: Path) -> list[dict[str, object]]:
    raw = json.loads((shared / "reference" / "areacodes" / "codes.json").read_text(encoding="utf-8"))
    out: list[dict[str, object]] = []

    def walk(items: list[dict[str, object]]) -> None:
        for item in items:
            out.append(item)
            walk(item.get("children", []))  # type: ignore[arg-type]

    walk(raw["items"])
    return out


def test_vanished_codes_follow_the_reference_chain(shared: Path) -> None:
    """Independently of the build: follow each vanished unit's succ links to the 2024 table."""
    table_2024 = dict(
        line.split() for line in (shared / "reference/areacodes/data/2024.txt").read_text(encoding="utf-8").splitlines()
    )
    records = _codes_json(shared)
    vanished = [u for u in units if u.code is not None and u.code not in table_2024]
    assert len(vanished) == 11
    for unit in vanished:
        (record,) = [r for r in records if f"{r['code']:06d}" == unit.code and r.get("end", 9999) >= 2015]  # type: ignore[str-format]
        frontier = {f"{s['code']:06d}" for s in record["succ"] if "time" not in s}  # type: ignore[attr-defined]
        reached: set[str] = set()
        while frontier:
            code = frontier.pop()
            if code in table_2024:
                reached.add(code)
                continue
            (nxt,) = [r for r in records if f"{r['code']:06d}" == code and r.get("end", 0) > 2015]  # type: ignore[str-format]
            frontier |= {f"{s['code']:06d}" for s in nxt["succ"] if "time" not in s}  # type: ignore[attr-defined]
        ours = {s.code for s in unit.successors}
        assert reached <= ours, unit.name
        assert all(s.relation is not Relation.UNCHANGED for s in unit.successors)
        for successor in unit.successors:
            assert table_2024[successor.code] == successor.name


def test_what_the_units_became_in_sum() -> None:
    # the figures the docs quote: 272 unchanged, 7 same area, 9 whole, 11 split in two parts
    from collections import Counter

    shapes = Counter(tuple(s.relation.value for s in u.successors) for u in units)
    assert shapes == {("unchanged",): 272, ("part", "part"): 11, ("whole",): 9, ("same_area",): 7, (): 1}
