"""Shared fixtures: where ../shared is, the July 2015 code table read from it, and the data as the
build script makes it (built once per test run, however many pytest-xdist workers share it)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: each worker builds for itself
    fcntl = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    return Path(os.environ.get("JIJINAN_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not (path / "reference").is_dir() or not (path / "seed").is_dir():
        pytest.skip(f"the reference material is not at {path} (set JIJINAN_SHARED to point at shared/)")
    return path


@pytest.fixture(scope="session")
def table_2015(shared: Path) -> dict[str, str]:
    with (shared / "reference" / "gb2260" / "mca-201507.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["Code"]: row["Name"] for row in csv.DictReader(handle, delimiter="\t")}


@attrs.frozen
class Build:
    """One run of scripts/build_data.py: where it wrote, and how it ended."""

    out: Path
    returncode: int
    stderr: str


def _run_build(shared: Path, root: Path) -> Build:
    out = root / "built-data"
    if (root / "built-data.json").is_file():  # another worker of this run built it
        status = json.loads((root / "built-data.json").read_text(encoding="utf-8"))
        return Build(out=out, returncode=status["returncode"], stderr=status["stderr"])
    shutil.rmtree(out, ignore_errors=True)  # what a worker that died while building left
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_data.py"), "--shared", str(shared), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    status_file = root / "built-data.json.part"
    status_file.write_text(json.dumps({"returncode": result.returncode, "stderr": result.stderr}), encoding="utf-8")
    status_file.replace(root / "built-data.json")
    return Build(out=out, returncode=result.returncode, stderr=result.stderr)


@pytest.fixture(scope="session")
def built_data(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The data files as scripts/build_data.py (of this tree) builds them from ../shared, into a
    temporary folder: built once per test run (some 20 s), shared by every test that needs them.

    Under pytest-xdist every worker process has a session of its own: the workers of one run share
    the folder above their temporary folders, and the first to get there builds into it, under a
    lock, while the others wait and then read what it built."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None or fcntl is None:
        return _run_build(shared, tmp_path_factory.mktemp("build"))
    root = tmp_path_factory.getbasetemp().parent  # this run's, shared by its workers
    with (root / "built-data.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the process ends
        return _run_build(shared, root)


# Hypothesis: a fixed, reasonable example budget, the same examples on every run (so CI is
# reproducible), and no deadline (the first call of a test loads the data).
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "jijinan",
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("jijinan")
