"""jijinan export: files with their field definitions, valid as a Frictionless data package, and
written so that nothing already there is lost: no overwriting unasked, no writing through links,
nothing half-written after a failure. The optional formats are read back with the libraries
their users read them with."""

from __future__ import annotations

import csv
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cli_helpers import one_line_error, run
from jijinan.cli import EXIT_OUTPUT, EXIT_USAGE
from jijinan.export import export
from jijinan.tables.schema import COVERAGE_COLUMNS, UNIT_COLUMNS

BASIC = ["units.csv", "coverage.csv", "notice.json", "datapackage.json"]
EVERYTHING = [*BASIC, "units.dta", "coverage.dta", "units.parquet", "coverage.parquet", "jijinan.xlsx"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "out"
    written = export(folder)
    assert [p.name for p in written] == BASIC
    return folder


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An export in every format, through the command line."""
    folder = tmp_path_factory.mktemp("export-all") / "data"
    result = run("export", folder, "--format", "all")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split() == [str(folder / name) for name in EVERYTHING]
    return folder


def test_csv_files(exported: Path) -> None:
    with (exported / "units.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 300
    assert rows[153]["code"] == "410621"
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


def test_frictionless_validate_on_the_full_export(everything: Path) -> None:
    command = Path(sys.executable).parent / "frictionless"
    if not command.exists():
        pytest.skip("the frictionless command is not installed")
    result = subprocess.run(
        [str(command), "validate", "datapackage.json"], cwd=everything, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("VALID") == 3


# -- the optional formats, read back ---------------------------------------------------------


def test_stata(everything: Path) -> None:
    units = pd.read_stata(everything / "units.dta")
    assert len(units) == 300
    assert units.loc[153, "code"] == "410621"
    assert units.loc[153, "name"] == "浚县"  # UTF-8 (Stata 14+, version 118)
    assert units.loc[0, "level"] == "provincial"  # value labels, read back as categories
    assert list(units["level"].cat.categories) == ["provincial", "prefectural", "county"]
    with pd.io.stata.StataReader(everything / "units.dta") as reader:
        labels = reader.variable_labels()
        assert reader.data_label == "The 300 pilot units of 民办函〔2015〕244号"
        assert set(reader.value_labels()) == {"level", "kind"}
    assert labels["name_pinyin"] == "The name romanised, generic part in English: Xun County, Gu'an County."
    assert all(0 < len(label) <= 80 for label in labels.values())
    coverage = pd.read_stata(everything / "coverage.dta")
    assert len(coverage) == 2853
    assert (coverage["covered"] == "covered").sum() == 401
    xuanwu = coverage[coverage["code"] == "320102"].iloc[0]
    assert (xuanwu["via"], xuanwu["unit_name"], xuanwu["unit_seq"]) == ("prefecture", "南京市", 99)
    with pd.io.stata.StataReader(everything / "coverage.dta") as reader:
        assert set(reader.value_labels()) == {"covered", "via"}


def test_parquet(everything: Path) -> None:
    pl = pytest.importorskip("polars")
    pq = pytest.importorskip("pyarrow.parquet")
    units = pl.read_parquet(everything / "units.parquet")
    assert units.columns == [c.name for c in UNIT_COLUMNS]
    assert units.height == 300
    assert units.row(153, named=True)["code"] == "410621"
    assert units.schema["seq"] == pl.Int64
    levels = units["level"].cast(pl.String).to_list()
    assert {level: levels.count(level) for level in levels} == {"provincial": 1, "prefectural": 11, "county": 288}
    coverage = pl.read_parquet(everything / "coverage.parquet")
    assert coverage.height == 2853
    assert coverage["covered"].sum() == 401
    assert coverage.schema["covered"] == pl.Boolean
    schema = pq.read_schema(everything / "units.parquet")
    assert schema.field("level").metadata[b"description"].decode() == UNIT_COLUMNS[15].description


def test_xlsx(everything: Path) -> None:
    calamine = pytest.importorskip("python_calamine")
    book = calamine.CalamineWorkbook.from_path(str(everything / "jijinan.xlsx"))
    assert book.sheet_names == ["units", "coverage", "columns"]
    units = book.get_sheet_by_name("units").to_python()
    assert units[0] == [c.name for c in UNIT_COLUMNS]
    assert len(units) == 301
    assert units[154][1] == "410621"  # a code is text, not the number 410621
    assert units[154][0] == 154
    coverage = book.get_sheet_by_name("coverage").to_python()
    assert len(coverage) == 2854
    assert sum(row[6] is True for row in coverage[1:]) == 401
    columns = book.get_sheet_by_name("columns").to_python()
    assert len(columns) == 1 + len(UNIT_COLUMNS) + len(COVERAGE_COLUMNS)


# -- nothing is ever destroyed ------------------------------------------------------------------


def test_refuses_to_replace_files_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "units.csv").write_text("my own work\n")
    (folder / "notes.txt").write_text("keep me\n")
    message = one_line_error(run("export", folder), EXIT_USAGE)
    assert "already holds units.csv" in message
    assert "--force" in message
    assert (folder / "units.csv").read_text() == "my own work\n"
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "units.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # no temporary folder left
    result = run("export", folder, "--force")
    assert result.returncode == 0, result.stderr.decode()
    assert (folder / "units.csv").read_text(encoding="utf-8").startswith("seq,code,")
    assert (folder / "notes.txt").read_text() == "keep me\n"  # files export does not write are kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_an_empty_existing_folder_is_used(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    assert run("export", folder).returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(BASIC)


def test_never_writes_through_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.csv"
    victim.write_text("precious\n")
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "units.csv").symlink_to(victim)
    for args in ((), ("--force",)):
        message = one_line_error(run("export", folder, *args), EXIT_USAGE)
        assert "symbolic link" in message
        assert victim.read_text() == "precious\n"
        assert (folder / "units.csv").is_symlink()
    # a link as the folder itself
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    assert "symbolic link" in one_line_error(run("export", link), EXIT_USAGE)
    assert list(real.iterdir()) == []


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    target = tmp_path / "data"
    target.write_text("a file\n")
    assert "not a folder" in one_line_error(run("export", target, "--force"), EXIT_USAGE)
    assert target.read_text() == "a file\n"


def _small_files() -> None:
    """In the child: files may grow to 100 kB only (coverage.csv is some 190 kB), as on a nearly full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))


def test_a_failed_write_changes_nothing(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    result = run("export", fresh, preexec_fn=_small_files)
    message = one_line_error(result, EXIT_OUTPUT)
    assert "nothing in it was changed" in message
    assert not fresh.exists()
    assert list(tmp_path.iterdir()) == []

    folder = tmp_path / "data"
    assert run("export", folder).returncode == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    (folder / "units.csv").write_text("an older export\n")
    before["units.csv"] = b"an older export\n"
    result = run("export", folder, "--force", preexec_fn=_small_files)
    one_line_error(result, EXIT_OUTPUT)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_missing_extra_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    for module in ("pandas", "pyarrow", "openpyxl"):
        (stubs / f"{module}.py").write_text("raise ImportError('not installed (a test stub)')\n")
    env = {"PYTHONPATH": str(stubs)}
    for fmt, extra in (("dta", "stata"), ("parquet", "parquet"), ("xlsx", "xlsx")):
        target = tmp_path / fmt
        message = one_line_error(run("export", target, "--format", fmt, env=env), EXIT_USAGE)
        assert f'pip install "jijinan[{extra}]"' in message
        assert not target.exists()
    assert run("export", tmp_path / "csv-only", env=env).returncode == 0  # CSV needs no extra


def test_export_in_python_refuses_too(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    export(folder)
    with pytest.raises(FileExistsError, match="already holds"):
        export(folder)
    assert [p.name for p in export(folder, force=True)] == BASIC
    with pytest.raises(ValueError, match="unknown export format"):
        export(tmp_path / "other", formats=["sav"])
    assert not (tmp_path / "other").exists()


def test_new_folder_permissions_follow_the_umask(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    export(folder)
    mask = os.umask(0)
    os.umask(mask)
    assert folder.stat().st_mode & 0o777 == 0o777 & ~mask
