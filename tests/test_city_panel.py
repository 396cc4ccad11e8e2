"""The prefecture-level panel: one row per city per year, agreeing with the county panel by aggregation."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

import jijinan

CITY = jijinan.panel(2005, 2024, level="prefectural")
COUNTY = jijinan.panel(2005, 2024)


def key_of(code: str, year: int, cities: set[tuple[str, int]]) -> str:
    if (code[:2] + "0000", year) in cities:
        return code[:2] + "0000"
    if (code[:4] + "00", year) in cities:
        return code[:4] + "00"
    return code


def test_it_agrees_with_the_county_panel() -> None:
    cities = {(r.code, r.year) for r in CITY}
    counts: Counter[tuple[str, int]] = Counter()
    pilots: Counter[tuple[str, int]] = Counter()
    for r in COUNTY:
        key = (key_of(r.code, r.year, cities), r.year)
        assert key in cities, r
        counts[key] += 1
        pilots[key] += r.in_pilot
    for r in CITY:
        assert r.county_divisions == counts[(r.code, r.year)], r
        assert r.pilot_divisions == pilots[(r.code, r.year)], r
        assert r.pilot_share == (r.pilot_divisions / r.county_divisions if r.county_divisions else None)
        assert r.event_time == r.year - 2015
        assert r.post == (r.year >= 2015)
    assert len({(r.code, r.year) for r in CITY}) == len(CITY)


def test_municipalities_are_one_row_and_the_pilot_cities_are_whole() -> None:
    in_2016 = {r.code: r for r in CITY if r.year == 2016}
    beijing = in_2016["110000"]
    assert (beijing.kind, beijing.whole_pilot, beijing.pilot_share) == ("municipality", True, 1.0)
    assert in_2016["310000"].kind == "municipality"
    assert not in_2016["310000"].whole_pilot
    notice = jijinan.panel(2015, 2015, level="prefectural", notice=True)
    whole = {r.code for r in notice if r.period == "2015-07" and r.whole_pilot and r.kind != "province_administered"}
    assert whole == {u.code for u in jijinan.units if u.level.value in ("prefectural", "provincial")}
    assert len(whole) == 12
    assert not in_2016["340700"].whole_pilot  # 铜陵市 received 枞阳县 after the notice
    assert in_2016["429004"].kind == "province_administered"  # 仙桃市
    assert in_2016["659001"].kind == "province_administered"  # 石河子市
    assert in_2016["441900"].county_divisions == 0
    assert in_2016["441900"].pilot_share is None


def test_prefectures_that_exchanged_land_are_one_unit() -> None:
    def unit(code: str) -> set[str]:
        (stable,) = {r.stable_id for r in CITY if r.code == code}
        return {r.code for r in CITY if r.stable_id == stable}

    assert {"340800", "340700"} <= unit("340800")  # 枞阳县 moved from 安庆 to 铜陵
    assert unit("410600") == {"410600"}  # 鹤壁市
    assert {r.stable_id for r in CITY if r.code == "410600"} == {"410600"}


def test_flat_form() -> None:
    frame = jijinan.panel(2015, 2016, level="prefectural").to_pandas()
    assert frame["pilot_share"].dtype == "float64"
    assert set(frame["kind"].cat.categories) == {"prefecture", "municipality", "province_administered"}


def test_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "cities.csv"
    command = [sys.executable, "-m", "jijinan", "panel", "--level", "prefectural", "--from", "2016", "--to", "2016"]
    subprocess.run([*command, "-o", str(out)], check=True, capture_output=True)
    frame = pd.read_csv(out, dtype={"code": str, "stable_id": str})
    assert len(frame) == sum(1 for r in CITY if r.year == 2016)
    assert frame.loc[frame["code"] == "110000", "whole_pilot"].tolist() == [1]
    schema = json.loads((tmp_path / "cities.schema.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in schema["fields"]] == list(frame.columns)
    assert schema["primaryKey"] == ["code", "year"]
    # 0.3's --no-notice is the default now, and still accepted; --notice adds the July 2015 table
    county = [sys.executable, "-m", "jijinan", "panel", "--from", "2015", "--to", "2015"]
    plain = subprocess.run([*county, "--no-notice"], check=True, capture_output=True).stdout
    assert plain == subprocess.run(county, check=True, capture_output=True).stdout
    both = subprocess.run([*county, "--notice"], check=True, capture_output=True).stdout.decode("utf-8")
    assert {line.split(",")[0] for line in both.splitlines()[1:]} == {"2015-07", "2015"}
