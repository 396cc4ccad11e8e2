"""match_frame on every kind of key column a user brings: the same answers, order, dtypes and nulls.

The key columns are numbered by the cheapest route their type allows (``jijinan.tables.frame_codes``:
a categorical's own codes, Arrow dictionary encoding, ``pandas.factorize``), and the answers are
expanded by those numbers. Each route is held here to a row-by-row reference: ``match_many`` on
one row at a time, on real names (namesakes, a renamed county, a code, misses) and missing values
of every spelling (None, NaN, ``pd.NA``), with unused categories in the input.
"""

from __future__ import annotations

import math
import random
import sys
from typing import Any

import pytest

import jijinan
from jijinan import units
from jijinan.tables import frame_codes
from jijinan.tables.flat import match_records
from jijinan.tables.match_frame import answer_values
from jijinan.tables.schema import MATCH_COLUMNS

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

# namesakes (朝阳区: Beijing and Changchun), 平安县 (a district from 2015), a unit's own name, a
# code, a prefecture-level name, a miss, a blank, and missing names
NAMES = ["朝阳区", "浚县", "平安县", "410621", "邢台市桥西区", "鼓楼区", "石家庄市", "不存在县", "", None]
YEARS = [2010, 2015, 2020, None]
TEXT = [c.name for c in MATCH_COLUMNS if c.type == "string"]


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _reference(names: list[Any], years: list[Any] | None = None) -> list[dict[str, Any]]:
    """The answers row by row: match_many on one row at a time, a missing value as None."""
    records = []
    for i, name in enumerate(names):
        year = None if years is None or _missing(years[i]) else int(years[i])
        found = units.match_many([None if _missing(name) else name], as_of=[year] if years is not None else None)
        records.extend(match_records(found))
    return records


def _rows(count: int, seed: int = 16) -> tuple[list[Any], list[Any]]:
    draw = random.Random(seed)
    return [draw.choice(NAMES) for _ in range(count)], [draw.choice(YEARS) for _ in range(count)]


def _check_pandas(out: Any, frame: Any, expected: list[dict[str, Any]]) -> None:
    assert list(out.index) == list(frame.index)
    assert list(out.columns[: len(frame.columns)]) == list(frame.columns)
    for column in MATCH_COLUMNS:
        cells = [None if _missing(v) else v for v in out[column.name].tolist()]
        assert cells == [r[column.name] for r in expected], column.name
    assert str(out["unit_seq"].dtype) == "Int64"
    for column in MATCH_COLUMNS:
        if column.type == "category":
            assert list(out[column.name].cat.categories) == list(column.categories)
        elif column.type == "string":
            dtype = out[column.name].dtype
            assert isinstance(dtype, pd.CategoricalDtype), column.name
            assert dtype.categories.dtype == pd.StringDtype(), column.name
            present = {r[column.name] for r in expected} - {None}
            assert set(dtype.categories) == present, column.name  # no unused or missing category


def _check_polars(out: Any, frame: Any, expected: list[dict[str, Any]]) -> None:
    for label in frame.columns:
        assert out[label].to_list() == frame[label].to_list(), label
    for column in MATCH_COLUMNS:
        assert out[column.name].to_list() == [r[column.name] for r in expected], column.name
    assert out.schema["unit_seq"] == pl.Int64
    assert out.schema["status"] == pl.Enum(list(MATCH_COLUMNS[0].categories))
    assert out.schema["via"] == pl.Enum(["self", "prefecture", "province"])
    for label in TEXT:
        assert out.schema[label] == pl.Categorical, label


def test_answer_values_are_the_flat_records_column_by_column() -> None:
    names = [r.province + r.name for r in jijinan.coverage()][:400] + [n for n in NAMES if n is not None]
    found = units.match_many([*names, None, "鼓楼区"], as_of=[*([2015] * len(names)), None, 2020])
    assert any(m.candidates for m in found)  # 鼓楼区 is several districts: candidates are joined
    columns = answer_values(found)
    records = match_records(found)
    assert list(columns) == [c.name for c in MATCH_COLUMNS]
    for name, values in columns.items():
        assert values == [r[name] for r in records], name


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda names: pd.Series(names, dtype=object), id="object, None"),
        pytest.param(lambda names: pd.Series([math.nan if n is None else n for n in names], dtype=object), id="NaN"),
        pytest.param(lambda names: pd.Series(names, dtype="string"), id="string, pd.NA"),
        pytest.param(lambda names: pd.Series(names, dtype="str"), id="str (Arrow)"),
        pytest.param(
            lambda names: pd.Series(
                pd.Categorical(names, categories=["未用县", *sorted({n for n in names if n is not None})])
            ),
            id="category, an unused category",
        ),
    ],
)
def test_pandas_name_columns_of_every_kind(make: Any) -> None:
    names, _ = _rows(300)
    frame = pd.DataFrame({"id": range(len(names)), "county": make(names)})
    frame.index = pd.Index([f"r{i}" for i in range(len(names))])  # labels, not positions
    before = frame.copy()
    out = jijinan.match_frame(frame, "county")
    _check_pandas(out, frame, _reference(names))
    pd.testing.assert_frame_equal(frame, before)  # the input is not changed


@pytest.mark.parametrize("storage", ["float, NaN", "Int64, pd.NA", "category"])
def test_pandas_per_row_years(storage: str) -> None:
    names, years = _rows(500, seed=2)
    if storage == "float, NaN":
        column = pd.Series([math.nan if y is None else float(y) for y in years])
    elif storage == "Int64, pd.NA":
        column = pd.Series(years, dtype="Int64")
    else:
        column = pd.Series(years, dtype="category")
    frame = pd.DataFrame({"county": pd.Series(names, dtype="str"), "year": column})
    out = jijinan.match_frame(frame, year="year")
    _check_pandas(out, frame, _reference(names, years))


@pytest.mark.parametrize(
    "dtype",
    [pl.String, pl.Categorical, pl.Enum(["未用县", *sorted({n for n in NAMES if n is not None})])],
    ids=["String", "Categorical", "Enum, an unused category"],
)
@pytest.mark.parametrize("year", [False, True])
def test_polars_name_columns_of_every_kind(dtype: Any, year: bool) -> None:
    names, years = _rows(400, seed=3)
    frame = pl.DataFrame(
        {"id": range(len(names)), "county": pl.Series(names, dtype=dtype), "year": pl.Series(years, dtype=pl.Int64)}
    )
    expected = _reference(names, years if year else None)
    out = jijinan.match_frame(frame, year="year" if year else None)
    _check_polars(out, frame, expected)
    lazy = jijinan.match_frame(frame.lazy(), year="year" if year else None)
    assert isinstance(lazy, pl.LazyFrame)
    _check_polars(lazy.collect(), frame, expected)


def test_many_combinations_are_numbered_by_hashing_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # with no cell counted, the (name, year) pairs are hashed: the same keys, the same answers
    names, years = _rows(300, seed=4)
    frame = pd.DataFrame({"county": names, "year": pd.Series(years, dtype="Int64")})
    counted = jijinan.match_frame(frame, year="year")
    monkeypatch.setattr(frame_codes, "_DENSE_CELLS", 0)
    hashed = jijinan.match_frame(frame, year="year")
    _check_pandas(hashed, frame, _reference(names, years))
    assert hashed["reason"].tolist() == counted["reason"].tolist()
    polars = jijinan.match_frame(pl.from_pandas(frame), year="year")
    _check_polars(polars, pl.from_pandas(frame), _reference(names, years))


def test_empty_and_all_missing_columns() -> None:
    for column in (pd.Series([], dtype="category"), pd.Series([], dtype="str"), pd.Series([None, None], dtype="str")):
        frame = pd.DataFrame({"county": column})
        out = jijinan.match_frame(frame)
        _check_pandas(out, frame, _reference(list(column)))
    for series in (pl.Series([], dtype=pl.Categorical), pl.Series([None, None], dtype=pl.String)):
        frame = pl.DataFrame({"county": series})
        _check_polars(jijinan.match_frame(frame), frame, _reference(series.to_list()))


@pytest.mark.parametrize("dtype", [pl.String, pl.Categorical], ids=["String", "Categorical"])
def test_polars_without_pyarrow(monkeypatch: pytest.MonkeyPatch, dtype: Any) -> None:
    # polars needs no pyarrow: its key columns are then numbered by polars (an Enum) or in Python
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    names, years = _rows(200, seed=5)
    frame = pl.DataFrame({"county": pl.Series(names, dtype=dtype), "year": pl.Series(years, dtype=pl.Int64)})
    _check_polars(jijinan.match_frame(frame, year="year"), frame, _reference(names, years))
