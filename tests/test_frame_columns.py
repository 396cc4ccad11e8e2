"""match_frame's added columns: the answers match_many gives, row by row, as categorical columns.

The columns are built from the distinct answers and expanded by the rows' codes (pandas) or
joined back on the key columns (polars, eager and lazy); these tests hold them to the answers
of ``units.match_many`` on the same rows, with namesakes, hints, missing values and years.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

import jijinan
from jijinan import units
from jijinan.tables.flat import match_records
from jijinan.tables.schema import MATCH_COLUMNS

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

# namesakes (朝阳区 in Beijing and Changchun), a renamed county (平安县 -> 平安区 in 2015), a
# unit's own name, a code, a miss, missing values and a blank
ROWS = [
    ("朝阳区", "北京", 2015),
    ("朝阳区", "吉林", 2015),
    ("朝阳区", None, 2015),
    ("平安县", None, 2010),
    ("平安县", None, 2020),
    ("浚县", "河南", None),
    ("410621", None, 2024),
    ("邢台市桥西区", None, 2015),
    (None, "北京", 2015),
    ("", None, 2015),
    ("浚县", "河南", None),
    ("朝阳区", "北京", 2015),
]


def _expected(province: bool, year: bool, as_of: object = None) -> list[dict[str, Any]]:
    names = [r[0] for r in ROWS]
    found = units.match_many(
        names,
        province=[r[1] for r in ROWS] if province else None,
        as_of=[r[2] for r in ROWS] if year else as_of,
    )
    return match_records(found)


def _cell(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


@pytest.mark.parametrize(("province", "year"), [(False, False), (True, False), (False, True), (True, True)])
def test_pandas_columns_are_match_many_row_by_row(province: bool, year: bool) -> None:
    df = pd.DataFrame(
        {"county": [r[0] for r in ROWS], "province": [r[1] for r in ROWS], "year": [r[2] for r in ROWS]},
        index=range(100, 100 + len(ROWS)),
    )
    out = jijinan.match_frame(df, province="province" if province else None, year="year" if year else None)
    expected = _expected(province, year)
    for column in MATCH_COLUMNS:
        assert [_cell(v) for v in out[column.name].tolist()] == [r[column.name] for r in expected], column.name
    assert list(out.index) == list(df.index)
    assert str(out["unit_seq"].dtype) == "Int64"
    for column in ("status", "code", "name", "period", "unit_code", "unit_name", "via", "candidates", "reason"):
        assert isinstance(out[column].dtype, pd.CategoricalDtype), column
    assert list(out["status"].cat.categories) == [c for c in MATCH_COLUMNS[0].categories]


@pytest.mark.parametrize("lazy", [False, True])
@pytest.mark.parametrize(("province", "year"), [(False, False), (True, True), (False, True)])
def test_polars_columns_are_match_many_row_by_row(province: bool, year: bool, lazy: bool) -> None:
    df = pl.DataFrame(
        {"county": [r[0] for r in ROWS], "province": [r[1] for r in ROWS], "year": [r[2] for r in ROWS]},
        schema={"county": pl.String, "province": pl.String, "year": pl.Int64},
    )
    source = df.lazy() if lazy else df
    out = jijinan.match_frame(source, province="province" if province else None, year="year" if year else None)
    if lazy:
        assert isinstance(out, pl.LazyFrame)
        out = out.collect()
    expected = _expected(province, year)
    assert out["county"].to_list() == df["county"].to_list()  # rows in the input's order
    for column in MATCH_COLUMNS:
        assert out[column.name].to_list() == [r[column.name] for r in expected], column.name
    assert out.schema["unit_seq"] == pl.Int64
    assert isinstance(out.schema["status"], pl.Enum)
    assert out.schema["reason"] == pl.Categorical


def test_as_of_reads_every_row_in_one_table() -> None:
    # 平安县 became 平安区 in 2015: read in 2010 it is the county, in 2020 it is not found
    df = pd.DataFrame({"county": [r[0] for r in ROWS]})
    for as_of in (2010, 2020, "2015-07"):
        out = jijinan.match_frame(df, as_of=as_of)
        expected = _expected(False, False, as_of)
        assert [_cell(v) for v in out["reason"].tolist()] == [r["reason"] for r in expected]
    polars = jijinan.match_frame(pl.DataFrame({"county": ["平安县", "平安县"]}), as_of=2010)
    assert polars["code"].to_list() == ["632121", "632121"]
    with pytest.raises(ValueError, match="not both"):
        jijinan.match_frame(pd.DataFrame({"county": ["浚县"], "year": [2010]}), year="year", as_of=2010)
    with pytest.raises(ValueError, match="as_of must be a year"):
        jijinan.match_frame(df, as_of=1999)


def test_a_bad_year_in_a_lazy_frame_is_reported_when_matched() -> None:
    lazy = pl.DataFrame({"county": ["浚县"], "year": [1990]}).lazy()
    with pytest.raises(ValueError, match="as_of must be a year"):
        jijinan.match_frame(lazy, year="year")


def test_empty_frames() -> None:
    out = jijinan.match_frame(pd.DataFrame({"county": pd.Series([], dtype=object)}))
    assert len(out) == 0
    assert "reason" in out.columns
    polars = jijinan.match_frame(pl.DataFrame({"county": pl.Series([], dtype=pl.String)}))
    assert polars.height == 0
    assert "reason" in polars.columns
