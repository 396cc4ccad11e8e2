"""The example notebook runs from top to bottom, and its committed copy shows the chart."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbclient
import nbformat

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "example.ipynb"


def test_notebook_runs(tmp_path: Path) -> None:
    copy = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, copy)
    nb = nbformat.read(copy, as_version=4)
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "the bar chart was not drawn"
    text = "".join(o.get("text", "") for o in outputs)
    assert "2853 county-level divisions; 401 covered" in text


def test_committed_notebook_carries_its_chart() -> None:
    # the docs render the committed notebook without running it: its outputs must be there
    nb = nbformat.read(NOTEBOOK, as_version=4)
    images = [o for cell in nb.cells for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 1
