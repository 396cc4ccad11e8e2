"""The example notebook runs from top to bottom, and its committed copy shows the chart and the map."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbclient
import nbformat

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "example.ipynb"
HELPER = NOTEBOOK.parent / "pilot_map.py"
MAP_CELL = "map-figure"  # the id of the cell that draws the map
MAP_COUNTS = "2875 county-level features: 271 pilot, 122 covered, 15 partial, 2439 not_pilot, 28 unknown"


def _images(cell: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]


def _cell(nb: nbformat.NotebookNode, cell_id: str) -> nbformat.NotebookNode:
    (cell,) = [c for c in nb.cells if c.get("id") == cell_id]
    return cell


def test_notebook_runs(tmp_path: Path) -> None:
    copy = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, copy)
    shutil.copy(HELPER, tmp_path / HELPER.name)  # the map's drawing, imported by the notebook
    nb = nbformat.read(copy, as_version=4)
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [cell.get("id") for cell in nb.cells for _ in _images(cell)]
    assert len(images) == 2, images  # the bar chart and the map
    assert _images(_cell(nb, MAP_CELL)), "the map was not drawn"
    text = "".join(o.get("text", "") for o in outputs)
    assert "2853 county-level divisions; 401 covered" in text
    assert MAP_COUNTS in text  # the boundary features by status, as joined through units.match
    assert "299 of 300 pilot units are on the map; not on it: 北安管理局" in text


def test_the_notebook_shows_the_join_not_the_plotting() -> None:
    # the map's drawing lives in docs/pilot_map.py; the notebook's cells stay short
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert len(_cell(nb, MAP_CELL).source.splitlines()) <= 20
    assert "def " not in _cell(nb, MAP_CELL).source
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert "jiujinan" not in text
    assert "jijinan pilot" in text  # the charts' titles name the package as it is spelt
    assert "](matching.md)" not in text  # raw .md links 404 on the site
    assert "](panel.md)" not in text


def test_committed_notebook_carries_its_chart_and_map() -> None:
    # the docs render the committed notebook without running it: its outputs must be there
    nb = nbformat.read(NOTEBOOK, as_version=4)
    images = [o for cell in nb.cells for o in _images(cell)]
    assert len(images) == 2
    assert len(_images(_cell(nb, MAP_CELL))) == 1
    text = "".join(o.get("text", "") for cell in nb.cells for o in cell.get("outputs", []))
    assert MAP_COUNTS in text
