"""The docs build with mkdocs --strict, and the data dictionary names every field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from jijinan import records
from jijinan.schema import COVERAGE_COLUMNS, UNIT_COLUMNS

REPO = Path(__file__).resolve().parent.parent
DICTIONARY = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    assert (site / "index.html").is_file()
    reference = (site / "reference" / "index.html").read_text(encoding="utf-8")
    assert "Find a pilot unit by its code or by a name" in reference  # docstrings made it in
    notebook = (site / "example" / "index.html").read_text(encoding="utf-8")
    # the bar chart and the map are shown (the page's CSS has data: PNGs of its own: count <img> sources)
    assert notebook.count('src="data:image/png;base64,') >= 2
    assert "Keep a Changelog" in (site / "changelog" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "record",
    [records.PilotUnit, records.Successor, records.Approval, records.Notice, records.CoverageRow, records.Match],
    ids=lambda r: r.__name__,
)
def test_data_dictionary_names_every_field(record: type) -> None:
    for field in attrs.fields(record):
        assert f"`{field.name}`" in DICTIONARY, f"{record.__name__}.{field.name}"


def test_data_dictionary_names_every_column() -> None:
    for column in (*UNIT_COLUMNS, *COVERAGE_COLUMNS):
        assert f"| `{column.name}` | {column.type} |" in DICTIONARY, column.name
