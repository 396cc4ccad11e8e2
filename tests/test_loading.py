"""Loading is strict: the converter refuses data that does not fit, and sums catch edits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import jijinan
from jijinan import DataIntegrityError, PilotUnit
from jijinan.loading import read_json
from jijinan.loading.structure import structure as _structure


def _unit_payload() -> dict[str, Any]:
    payload = read_json("units.json")["units"][153]
    assert payload["name"] == "浚县"
    return dict(payload)


def test_converter_builds_records() -> None:
    unit = _structure(_unit_payload(), PilotUnit, "$.units[153]")
    assert unit == jijinan.units.get("浚县")


def test_converter_rejects_unknown_keys_naming_them() -> None:
    payload = {**_unit_payload(), "population": 1}
    with pytest.raises(DataIntegrityError, match="population"):
        _structure(payload, PilotUnit, "$.units[153]")


def test_converter_rejects_missing_keys_naming_the_field() -> None:
    payload = _unit_payload()
    del payload["province_code"]
    with pytest.raises(DataIntegrityError, match=r"province_code"):
        _structure(payload, PilotUnit, "$.units[153]")


@pytest.mark.parametrize(("field", "value"), [("code", 410621), ("seq", "154"), ("level", "city"), ("seq", 0)])
def test_converter_rejects_wrong_types_and_values(field: str, value: object) -> None:
    payload = {**_unit_payload(), field: value}
    with pytest.raises(DataIntegrityError, match=field):
        _structure(payload, PilotUnit, "$.units[153]")


def _copy_package(tmp_path: Path) -> Path:
    target = tmp_path / "site" / "jijinan"
    shutil.copytree(Path(jijinan.__file__).parent, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _query_copy(site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONIOENCODING": "utf-8"}
    code = "import jijinan; print(jijinan.units.get('浚县').code)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)


def test_edited_data_fails_loudly(tmp_path: Path) -> None:
    package = _copy_package(tmp_path)
    units_file = package / "data" / "units.json"
    units_file.write_text(units_file.read_text(encoding="utf-8").replace("410621", "410622"), encoding="utf-8")
    result = _query_copy(package.parent)
    assert result.returncode != 0
    assert "DataIntegrityError" in result.stderr
    assert "units.json does not match the checksum" in result.stderr


def test_missing_data_fails_loudly(tmp_path: Path) -> None:
    package = _copy_package(tmp_path)
    (package / "data" / "units.json").unlink()
    result = _query_copy(package.parent)
    assert "DataIntegrityError" in result.stderr
    assert "units.json cannot be read" in result.stderr


def test_intact_copy_loads(tmp_path: Path) -> None:
    package = _copy_package(tmp_path)
    result = _query_copy(package.parent)
    assert result.stdout.strip() == "410621", result.stderr


@pytest.mark.parametrize(("field", "value"), [("name", 1), ("kind", 3), ("notes", "x"), ("prefecture", 5)])
def test_converter_rejects_more_wrong_types(field: str, value: object) -> None:
    with pytest.raises(DataIntegrityError, match=field):
        _structure({**_unit_payload(), field: value}, PilotUnit, "$.units[153]")


def test_unit_lookups_do_not_load_the_division_tables() -> None:
    # The division tables (the bulk of the data) load only for coverage and matching.
    code = (
        "import jijinan.loading.loaders as d\n"
        "seen = []\n"
        "real = d.read_json\n"
        "d.read_json = lambda name: seen.append(name) or real(name)\n"
        "import jijinan\n"
        "jijinan.units.get('浚县'); jijinan.units.filter(level='county'); jijinan.notice.title\n"
        "print(sorted(seen))\n"
        "jijinan.units.match('浚县')\n"
        "print(sorted(seen))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first == "['chars.json', 'notice.json', 'unit_keys.json', 'units.json']"
    assert "divisions.json" in second


def test_the_shipped_division_tables_have_the_shape_the_package_reads() -> None:
    # Loading checks the top level and a sample (the checksums vouch for the rest); here every
    # span and every key of every table is checked.
    from jijinan.loading.divisions import check_all

    divisions, index = read_json("divisions.json"), read_json("index.json")
    more = {name: read_json(f"{name}.json")["keys"] for name in ("latin", "spellings")}
    check_all(divisions, index, more)
    assert len(divisions["codes"]) > 4000
