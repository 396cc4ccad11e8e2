"""DataFrames and plain records, with the documented types."""

from __future__ import annotations

import builtins
from typing import Any

import pandas as pd
import polars as pl
import pytest

import jijinan
from jijinan import units
from jijinan.tables.schema import COVERAGE_COLUMNS, UNIT_COLUMNS


def test_units_to_pandas() -> None:
    df = units.to_pandas()
    assert df.shape == (300, len(UNIT_COLUMNS))
    assert list(df.columns) == [c.name for c in UNIT_COLUMNS]
    assert df["seq"].dtype == "int64"
    for column in ("code", "name", "province_code", "prefecture_code", "successor_codes"):
        assert isinstance(df[column].dtype, pd.StringDtype), column
    assert isinstance(df["level"].dtype, pd.CategoricalDtype)
    assert list(df["level"].cat.categories) == ["provincial", "prefectural", "county"]
    assert df.groupby("level", observed=True).size().to_dict() == {"provincial": 1, "prefectural": 11, "county": 288}
    assert df.loc[df["name"] == "浚县", "code"].item() == "410621"
    assert df["code"].isna().sum() == 1  # the reclamation bureau
    assert df.loc[df["name"] == "北京市", "code"].item() == "110000"  # text, not 110000 the number
    assert df.loc[df["name"] == "大同市城区".removeprefix("大同市"), "successor_relations"].iloc[0] == "part; part"


def test_coverage_to_pandas() -> None:
    df = jijinan.coverage().to_pandas()
    assert df.shape == (2853, len(COVERAGE_COLUMNS))
    assert df["covered"].dtype == bool
    assert int(df["covered"].sum()) == 401
    assert str(df["unit_seq"].dtype) == "Int64"
    assert df["unit_seq"].isna().sum() == 2853 - 401
    assert isinstance(df["via"].dtype, pd.CategoricalDtype)
    assert df.loc[df["code"] == "320102", "unit_name"].item() == "南京市"


def test_polars() -> None:
    df = units.to_polars()
    assert df.shape == (300, len(UNIT_COLUMNS))
    assert df.schema["code"] == pl.String
    assert df.schema["seq"] == pl.Int64
    assert isinstance(df.schema["kind"], pl.Enum)
    assert df.filter(pl.col("name") == "浚县")["code"].item() == "410621"
    cov = jijinan.coverage().to_polars()
    assert cov.shape == (2853, len(COVERAGE_COLUMNS))
    assert cov.schema["covered"] == pl.Boolean
    assert cov["covered"].sum() == 401


def test_to_records_needs_nothing() -> None:
    records = units.to_records()
    assert len(records) == 300
    assert records[153]["code"] == "410621"
    assert all(isinstance(r["code"], (str, type(None))) for r in records)
    assert set(records[0]) == {c.name for c in UNIT_COLUMNS}
    assert len(jijinan.coverage().to_records()) == 2853


@pytest.mark.parametrize(("module", "call"), [("pandas", "to_pandas"), ("polars", "to_polars")])
def test_missing_library_names_the_extra(monkeypatch: pytest.MonkeyPatch, module: str, call: str) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == module:
            raise ImportError(f"No module named {module!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match=rf'pip install "jijinan\[{module}\]"'):
        getattr(units, call)()
    with pytest.raises(ImportError, match=module):
        getattr(jijinan.coverage(), call)()
