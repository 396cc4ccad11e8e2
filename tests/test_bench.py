"""bench/run.py runs (a smoke run: it measures nothing here and asserts no timing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_bench_smoke_run() -> None:
    pytest.importorskip("pycountry", reason="pycountry is a benchmark-only dependency (bench/requirements.txt)")
    result = subprocess.run([sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for heading in ("## Cold start", "## Warm lookups", "## match_many throughput", "## jijinan match on a"):
        assert heading in result.stdout


def test_bench_cli_section_runs() -> None:
    # the command line's section needs no benchmark-only dependency
    result = subprocess.run(
        [sys.executable, str(BENCH), "--cli-only", "--quick"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "## jijinan match on a 2 MB CSV" in result.stdout
    assert "* rows/s: **" in result.stdout
    assert "* peak memory: **" in result.stdout
