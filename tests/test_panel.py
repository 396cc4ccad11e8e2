"""The county-year panel checked against itself, the tables and the coverage table."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import jijinan
from jijinan import MatchStatus, units

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import accuracy  # noqa: E402

PANEL = jijinan.panel(2005, 2024, notice=True)  # with the notice date's table, which these tests read


def test_periods_are_the_year_ends_with_the_notice_date_between_2014_and_2015() -> None:
    assert PANEL.periods == (*(str(y) for y in range(2005, 2015)), "2015-07", *(str(y) for y in range(2015, 2025)))
    assert [r.period for r in PANEL] == sorted((r.period for r in PANEL), key=PANEL.periods.index)
    assert {r.period: r.post for r in PANEL} == {p: p not in {"2015-07"} and p >= "2015" for p in PANEL.periods}
    assert jijinan.panel(2016, 2017).periods == ("2016", "2017")
    assert jijinan.panel(2005, 2024).periods == tuple(str(y) for y in range(2005, 2025))  # the default: year-ends
    assert jijinan.panel(2014, 2015, notice=False).periods == ("2014", "2015")


@pytest.mark.parametrize("period", ["2005", "2010", "2014", "2015-07", "2015", "2020", "2024"])
def test_every_row_is_what_match_says(period: str) -> None:
    rows = [r for r in PANEL if r.period == period]
    as_of: int | str = period if period == "2015-07" else int(period)
    found = units.match_many([r.code for r in rows], as_of=as_of)
    for row, match in zip(rows, found, strict=True):
        assert (match.code, match.status, match.period) == (row.code, row.status, period), match.reason
        assert match.unit == (row.units[0] if row.units else None)
        assert match.name == row.province + (row.prefecture or "") + row.name


def test_each_table_has_exactly_its_county_level_divisions(shared: Path) -> None:
    counts = Counter(r.period for r in PANEL)
    for year in range(2005, 2025):
        table = accuracy.year_table(shared, year)
        assert counts[str(year)] == sum(1 for code in table if not code.endswith("00")), year
    # and, independently of the history, the year-end tables the reference ships as text
    for year in (2014, 2015, 2024):
        lines = (shared / "reference" / "areacodes" / "data" / f"{year}.txt").read_text(encoding="utf-8").split()
        codes = {line for line in lines if line.isdigit()}
        assert {r.code for r in PANEL if r.period == str(year)} == {c for c in codes if not c.endswith("00")}


def test_the_notice_date_is_the_coverage_table() -> None:
    notice = {r.code: r for r in PANEL if r.period == "2015-07"}
    coverage = jijinan.coverage()
    assert set(notice) == {r.code for r in coverage}
    for row in coverage:
        assert (notice[row.code].status in (MatchStatus.PILOT, MatchStatus.COVERED)) == row.covered
        assert notice[row.code].units == ((row.unit,) if row.unit else ())
    assert Counter(r.status for r in notice.values())[MatchStatus.PARTIAL] == 0


def test_divisions_that_split_or_merge_carry_the_units_whose_land_they_hold() -> None:
    jingan = {r.period: r for r in PANEL if r.code == "310106"}
    assert jingan["2014"].status is MatchStatus.NOT_PILOT
    assert jingan["2015"].status is MatchStatus.PARTIAL
    assert [u.name for u in jingan["2015"].units] == ["闸北区"]
    pingcheng = {r.period: r for r in PANEL if r.code == "140213"}
    assert pingcheng["2024"].status is MatchStatus.PARTIAL
    tongling = [r for r in PANEL if r.period == "2024" and r.code == "340722"]  # 枞阳县, moved to 铜陵市 in 2015
    assert [r.status for r in tongling] == [MatchStatus.NOT_PILOT]


def test_flat_forms_and_the_command_line() -> None:
    small = jijinan.panel(2015, 2016)
    frame = small.to_pandas()
    assert len(frame) == len(small)
    assert list(frame["period"].cat.categories) == ["2015", "2016"]
    assert frame["code"].dtype == pd.StringDtype()
    assert frame.loc[frame["code"] == "410621", "unit_codes"].tolist() == ["410621"] * 2
    out = subprocess.run(
        [sys.executable, "-m", "jijinan", "panel", "--from", "2015", "--to", "2016"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert list(csv.DictReader(io.StringIO(out))) == [
        {k: "" if v is None else str(int(v)) if isinstance(v, bool) else str(v) for k, v in r.items()}
        for r in small.to_records()
    ]


def test_bad_years() -> None:
    with pytest.raises(ValueError, match="2000 to 2024"):
        jijinan.panel(1999, 2005)
    with pytest.raises(ValueError, match="after end"):
        jijinan.panel(2020, 2010)
    with pytest.raises(TypeError, match="year"):
        jijinan.panel("2005")  # type: ignore[arg-type]
    with pytest.raises(AttributeError, match="immutable"):
        PANEL._rows = ()  # type: ignore[misc]
