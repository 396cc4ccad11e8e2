"""Crosswalks between any two tables: the pairs of divisions whose land overlaps, with the flags
that say when one holds all of the other; checked on divisions that merged, split and moved."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import jijinan


def pairs(xw: jijinan.Crosswalk, code: str) -> dict[tuple[str | None, str | None], tuple[bool, bool]]:
    return {
        (r.source_code, r.target_code): (r.whole_source, r.whole_target)
        for r in xw
        if code in (r.source_code, r.target_code)
    }


def test_merger_split_move_and_an_untouched_county() -> None:
    xw = jijinan.crosswalk("2014", "2016")
    # 闸北区 went whole into 静安区, which holds more than 闸北区
    assert pairs(xw, "310108") == {("310108", "310106"): (True, False)}
    assert pairs(xw, "310106") == {("310108", "310106"): (True, False), ("310106", "310106"): (True, False)}
    # 枞阳县 moved from 安庆 (340823) to 铜陵 (340722), whole, in 2015
    assert pairs(xw, "340823") == {("340823", "340722"): (True, True)}
    later = jijinan.crosswalk(2017, 2018)  # and gave part of itself to 铜陵's 郊区 in 2018
    assert pairs(later, "340722")[("340722", "340711")] == (False, False)
    assert pairs(later, "340722")[("340722", "340722")] == (False, True)
    split = jijinan.crosswalk(2019, 2020)  # 邢台县 split between 襄都区 and 信都区
    assert pairs(split, "130521") == {("130521", "130502"): (False, False), ("130521", "130503"): (False, False)}
    assert pairs(split, "130502")[("130502", "130502")] == (True, False)  # 桥东区 became part of 襄都区
    assert pairs(jijinan.crosswalk("2005", "2024"), "410621") == {("410621", "410621"): (True, True)}


def test_every_county_level_division_of_both_tables_appears() -> None:
    xw = jijinan.crosswalk("2005", "2024")
    source = {r.code for r in jijinan.panel(2005, 2005)}
    target = {r.code for r in jijinan.panel(2024, 2024)}
    assert {r.source_code for r in xw} - {None} == source
    assert {r.target_code for r in xw} - {None} == target
    assert len({(r.source_code, r.target_code) for r in xw}) == len(xw)
    for r in xw:
        if r.source_code is None or r.target_code is None:  # land outside the other table's counties
            assert not (r.whole_source)
            assert not (r.whole_target)
    notice = jijinan.crosswalk("2015-07", "2024")
    assert {r.source_code for r in notice} - {None} == {r.code for r in jijinan.coverage()}


def test_the_same_table_is_the_identity() -> None:
    xw = jijinan.crosswalk(2010, "2010")
    assert all(r.source_code == r.target_code and r.whole_source and r.whole_target for r in xw)


def test_a_crosswalk_read_backwards_is_the_same_pairs() -> None:
    forward = {(r.source_code, r.target_code, r.whole_source, r.whole_target) for r in jijinan.crosswalk(2005, 2024)}
    backward = {(r.target_code, r.source_code, r.whole_target, r.whole_source) for r in jijinan.crosswalk(2024, 2005)}
    assert forward == backward


def test_frames() -> None:
    frame = jijinan.crosswalk("2019", "2020").to_pandas()
    assert list(frame.columns) == [
        "source_code",
        "source_name",
        "target_code",
        "target_name",
        "whole_source",
        "whole_target",
    ]
    assert frame["source_code"].dtype == pd.StringDtype()
    assert frame["whole_source"].dtype == bool


def test_bad_tables() -> None:
    with pytest.raises(ValueError, match="2015-07"):
        jijinan.crosswalk("2015-06", "2020")
    with pytest.raises(ValueError, match="2000"):
        jijinan.crosswalk(1999, 2020)
    with pytest.raises(TypeError):
        jijinan.crosswalk(2010.0, 2020)  # type: ignore[arg-type]


def test_the_command_line_writes_it_with_a_schema(tmp_path: Path) -> None:
    out = tmp_path / "xw.csv"
    subprocess.run(
        [sys.executable, "-m", "jijinan", "crosswalk", "--from", "2010", "--to", "2020", "-o", str(out)],
        check=True,
        capture_output=True,
    )
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(jijinan.crosswalk(2010, 2020))
    assert {r["whole_source"] for r in rows} == {"0", "1"}
    schema = json.loads((tmp_path / "xw.schema.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in schema["fields"]] == list(rows[0])
    frame = pd.read_csv(out)
    assert frame["whole_target"].dtype.kind == "i"


@pytest.mark.parametrize("suffix", ["json", "dta", "parquet", "xlsx"])
def test_the_command_line_writes_every_table_format(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"xw.{suffix}"
    subprocess.run(
        [sys.executable, "-m", "jijinan", "crosswalk", "--from", "2019", "--to", "2020", "-o", str(out)],
        check=True,
        capture_output=True,
    )
    if suffix == "json":
        frame = pd.DataFrame(json.loads(out.read_text(encoding="utf-8")))
    elif suffix == "dta":
        frame = pd.read_stata(out)
    elif suffix == "parquet":
        frame = pd.read_parquet(out)
        assert frame["whole_source"].dtype == bool
    else:
        frame = pd.read_excel(out, sheet_name="crosswalk", dtype={"source_code": str, "target_code": str})
    assert len(frame) == len(jijinan.crosswalk(2019, 2020))
    row = frame[(frame["source_code"] == "130521") & (frame["target_code"] == "130502")]
    assert len(row) == 1
    assert not (tmp_path / "xw.schema.json").exists()  # a schema goes beside CSV files only
