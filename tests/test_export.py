"""jijinan export: files with their field definitions, valid as a Frictionless data package."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from jijinan.export import export
from jijinan.schema import COVERAGE_COLUMNS, UNIT_COLUMNS


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "out"
    written = export(folder)
    assert [p.name for p in written] == ["units.csv", "coverage.csv", "notice.json", "datapackage.json"]
    return folder


def test_csv_files(exported: Path) -> None:
    with (exported / "units.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 300
    assert rows[153]["code"] == "410621"
    # a reader that guesses types would lose nothing here: codes are quoted text in the schema
    units = pd.read_csv(exported / "units.csv", dtype={"code": "string"})
    assert units.loc[0, "code"] == "110000"
    coverage = pd.read_csv(exported / "coverage.csv", dtype=str, keep_default_na=False)
    assert len(coverage) == 2853
    assert (coverage["covered"] == "true").sum() == 401


def test_notice_json(exported: Path) -> None:
    notice = json.loads((exported / "notice.json").read_text(encoding="utf-8"))
    assert notice["number"] == "民办函〔2015〕244号"
    assert notice["date"] == "2015-07-03"
    assert notice["tasks"][0]["heading"]["hans"] == "加快完善“救急难”主要制度"


def test_datapackage_describes_every_field(exported: Path) -> None:
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == {"units", "coverage", "notice"}
    for name, columns in (("units", UNIT_COLUMNS), ("coverage", COVERAGE_COLUMNS)):
        fields = resources[name]["schema"]["fields"]
        assert [f["name"] for f in fields] == [c.name for c in columns]
        assert all(f["description"] for f in fields)
    level = next(f for f in resources["units"]["schema"]["fields"] if f["name"] == "level")
    assert level["constraints"]["enum"] == ["provincial", "prefectural", "county"]


def test_datapackage_validates_with_frictionless(exported: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(exported / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
