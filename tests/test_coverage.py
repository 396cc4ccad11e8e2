"""Coverage at the notice date: which county-level divisions the pilot covered."""

from __future__ import annotations

from collections import Counter

import pytest

import jijinan
from jijinan import DivisionNotFoundError, Kind, Level, Via, units


def test_2853_divisions_401_covered() -> None:
    rows = jijinan.coverage()
    assert len(rows) == 2853
    assert len(rows.covered()) == 401
    assert sum(r.covered for r in rows) == 401
    assert jijinan.coverage() is rows  # built once


def test_every_covered_division_lies_in_its_unit_by_code() -> None:
    for row in jijinan.coverage():
        if not row.covered:
            assert row.unit is None
            assert row.via is None
            continue
        unit = row.unit
        assert unit is not None
        assert unit.code is not None
        if row.via is Via.SELF:
            assert row.code == unit.code
        elif row.via is Via.PREFECTURE:
            assert unit.level is Level.PREFECTURAL
            assert row.code[:4] == unit.code[:4]
        else:
            assert unit.kind is Kind.MUNICIPALITY
            assert row.code[:2] == unit.code[:2] == "11"


def test_no_division_is_covered_twice_and_every_unit_covers_something() -> None:
    rows = jijinan.coverage()
    assert len({r.code for r in rows}) == len(rows)
    by_unit = Counter(r.unit.seq for r in rows if r.unit is not None)
    assert set(by_unit) == {u.seq for u in units if u.code is not None}
    assert by_unit[units.get("北京市").seq] == 16  # Beijing's 16 county-level divisions in July 2015
    assert Counter(r.via for r in rows if r.covered)[Via.SELF] == 287  # 288 county-level units less the bureau


def test_rows_carry_their_parents(table_2015: dict[str, str]) -> None:
    rows = {r.code: r for r in jijinan.coverage()}
    assert set(rows) == {c for c in table_2015 if not c.endswith("00")}
    xuanwu = rows["320102"]
    assert (xuanwu.name, xuanwu.prefecture, xuanwu.province) == ("玄武区", "南京市", "江苏省")
    assert xuanwu.unit is not None
    assert xuanwu.unit.name == "南京市"
    assert rows["429004"].prefecture is None  # 仙桃市, administered by the province
    assert rows["429004"].via is Via.SELF


@pytest.mark.parametrize(
    ("code", "unit"),
    [
        ("410621", "浚县"),  # itself
        ("320102", "南京市"),  # 玄武区, through its prefecture-level city
        ("110105", "北京市"),  # 朝阳区, through Beijing
        ("320100", "南京市"),  # the city itself
        ("110000", "北京市"),
        ("310108", "闸北区"),  # merged into 静安区 in October 2015, after the notice
        ("130702", None),  # 张家口市桥东区, a namesake of a pilot unit
        ("130500", None),  # 邢台市 holds two pilot units but is not one
        ("231181", None),  # 北安市, not the reclamation bureau
    ],
)
def test_covering(code: str, unit: str | None) -> None:
    found = units.covering(code)
    assert (found.name if found else None) == unit


def test_covering_errors() -> None:
    with pytest.raises(TypeError):
        units.covering(320102)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty"):
        units.covering("")
    with pytest.raises(ValueError, match="six digits"):
        units.covering("32010")
    with pytest.raises(DivisionNotFoundError, match="密云区"):
        units.covering("110118")  # 密云区 exists only from late 2015
    with pytest.raises(LookupError):
        units.covering("999999")
