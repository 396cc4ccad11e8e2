"""Matching real columns: per-row hints, every kind of missing value, and DataFrames."""

from __future__ import annotations

import decimal

import numpy as np
import pandas as pd
import polars as pl
import pytest

import jijinan
from jijinan import MatchStatus, units

PILOT, COVERED, NOT_PILOT = MatchStatus.PILOT, MatchStatus.COVERED, MatchStatus.NOT_PILOT
AMBIGUOUS, UNKNOWN = MatchStatus.AMBIGUOUS, MatchStatus.UNKNOWN


def test_per_row_province_tells_namesakes_apart() -> None:
    names = ["朝阳区", "朝阳区", "朝阳区", "鼓楼区", "鼓楼区"]
    provinces = ["北京", "吉林省", None, "江苏", "福建"]
    found = units.match_many(names, province=provinces)
    assert [m.status for m in found] == [COVERED, NOT_PILOT, AMBIGUOUS, AMBIGUOUS, NOT_PILOT]
    assert [m.code for m in found] == ["110105", "220104", None, None, "350102"]
    # 江苏 has two 鼓楼区 (南京, 徐州): the province hint alone cannot settle it
    assert {c.code for c in found[3].candidates} == {"320106", "320302"}


def test_per_row_prefecture_and_year_columns() -> None:
    found = units.match_many(
        pd.Series(["鼓楼区", "鼓楼区", "静安区", "静安区"]),
        prefecture=pd.Series(["南京", "徐州市", None, None]),
        as_of=pd.Series([2015, 2015, 2014, 2020], dtype="Int64"),
    )
    assert [m.status.value for m in found] == ["covered", "not_pilot", "not_pilot", "partial"]


def test_a_year_column_with_missing_years_reads_as_floats() -> None:
    years = pd.Series([2020.0, np.nan])  # what pandas makes of a year column with a gap
    found = units.match_many(["静安区", "静安区"], as_of=years)
    assert [m.status.value for m in found] == ["partial", "not_pilot"]


def test_hint_length_mismatch_names_both_lengths() -> None:
    with pytest.raises(ValueError, match=r"province has 2 values but names has 3"):
        units.match_many(["滑县", "浚县", "鼓楼区"], province=["河南", "河南"])


def test_hints_are_checked_before_names() -> None:
    with pytest.raises(ValueError, match="names no province"):
        units.match_many([], province="火星")
    with pytest.raises(ValueError, match="names no province"):
        units.match_many([None, object()], province=[None, "火星"])
    with pytest.raises(ValueError, match="as_of must be a year"):
        units.match_many([None], as_of=[1900])


@pytest.mark.parametrize(
    "missing",
    [None, float("nan"), np.float32("nan"), np.float64("nan"), pd.NA, pd.NaT, decimal.Decimal("nan"), "", "  "],
    ids=repr,
)
def test_every_kind_of_missing_value_is_unknown(missing: object) -> None:
    (found,) = units.match_many([missing])
    assert found.status is UNKNOWN
    assert found.code is None


def test_the_librarys_own_columns_can_be_matched() -> None:
    prefectures = units.to_pandas()["prefecture"]  # string dtype with <NA>
    found = units.match_many(prefectures)
    assert len(found) == 300
    assert found[0].status is UNKNOWN  # 北京市 has no prefecture
    assert all(m.status is not UNKNOWN for m, p in zip(found, prefectures, strict=True) if p is not pd.NA)


def test_integer_codes_and_numpy_years() -> None:
    found = units.match_many(pd.Series([130502, 410621, None], dtype="Int64"), as_of=np.int64(2016))
    assert [m.code for m in found] == ["130502", "410621", None]
    assert units.match("静安区", as_of=np.int32(2020)).status.value == "partial"
    with pytest.raises(TypeError, match="as_of"):
        units.match("静安区", as_of=True)


def test_match_frame_pandas_keeps_rows_and_input() -> None:
    df = pd.DataFrame(
        {
            "county": ["朝阳区", "朝阳区", None, "静安区"],
            "province": ["北京", "吉林", None, "上海"],
            "year": [2015, 2015, 2015, 2020],
        },
        index=[10, 11, 12, 13],
    )
    before = df.copy()
    out = jijinan.match_frame(df, province="province", year="year")
    pd.testing.assert_frame_equal(df, before)
    assert list(out.index) == [10, 11, 12, 13]
    assert list(out["status"].astype(str)) == ["covered", "not_pilot", "unknown", "partial"]
    assert list(out["unit_code"].astype("string").fillna("")) == ["110000", "", "", "310108"]
    assert isinstance(out["unit_code"].dtype, pd.CategoricalDtype)  # values repeat row after row
    assert list(out.columns[:3]) == ["county", "province", "year"]


def test_match_frame_polars_and_clashing_columns() -> None:
    df = pl.DataFrame({"code": [1, 2], "name": ["浚县", "滑县"]})
    out = jijinan.match_frame(df, "name")
    assert out["jijinan_code"].to_list() == ["410621", "410526"]
    assert out["jijinan_name"].to_list() == ["河南省鹤壁市浚县", "河南省安阳市滑县"]
    assert out["code"].to_list() == [1, 2]
    assert out["status"].cast(pl.String).to_list() == ["pilot", "not_pilot"]
    prefixed = jijinan.match_frame(df, "name", prefix="m_")
    assert "m_status" in prefixed.columns


def test_match_frame_errors() -> None:
    df = pd.DataFrame({"county": ["浚县"]})
    with pytest.raises(KeyError, match="no column 'prov'"):
        jijinan.match_frame(df, province="prov")
    with pytest.raises(TypeError, match="DataFrame"):
        jijinan.match_frame([["浚县"]])
