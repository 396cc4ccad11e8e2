"""bench/run.py runs (a smoke run: it measures nothing here and asserts no timing)."""

from __future__ import annotations

import csv
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def _bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not os.access("/usr/bin/time", os.X_OK), reason="the peak is measured with GNU time")
def test_bench_peak_memory_is_each_childs_own() -> None:
    # ru_maxrss of a forked child carries this (big, pandas-loaded) test process's RSS across
    # exec: every child then "peaked" at the same figure. The benchmark's peaks must tell an
    # empty interpreter from one that has loaded the division index for a first match.
    bench = _bench_module()
    ballast = bytearray(96 * 1024 * 1024)  # this process is now far larger than either child
    ballast[::4096] = b"x" * len(ballast[::4096])
    empty = bench.measured([sys.executable, "-c", "pass"])
    first = bench.measured([sys.executable, "-c", "import jijinan; jijinan.units.match('浚县')"])
    assert empty[0].returncode == 0
    assert first[0].returncode == 0
    assert empty[2] is not None
    assert first[2] is not None
    assert empty[2] < first[2]
    assert first[2] < 64 * 1024  # KiB: nothing of this process's 96 MiB
    del ballast


def test_bench_years_are_drawn_at_random(tmp_path: Path) -> None:
    # a cycle of a few years (2015 + i % 10) gives each name few (name, year) pairs and hides
    # what per-row years cost; the benchmark's years are drawn, seeded, from 2005-2024
    bench = _bench_module()
    path = tmp_path / "counties.csv"
    bench.write_counties(path, 400_000)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    years = {int(r["year"]) for r in rows}
    assert years == set(range(2005, 2025))
    pairs = {(r["county"], r["year"]) for r in rows}
    assert len(pairs) > 0.8 * len(rows)  # nearly every row its own (name, year)
    again = tmp_path / "again.csv"
    bench.write_counties(again, 400_000)
    assert again.read_bytes() == path.read_bytes()  # seeded: the same file every run
