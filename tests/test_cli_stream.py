"""jijinan match streams: memory stays the same at any size, and a terminal gets a progress line.

A generated CSV of some 25 MB (a million rows of repeated county names) is matched in a
subprocess whose peak memory is measured; a file a hundredth of the size must take about as
much. The full 50 MB measurement, with its speed, is bench/run.py's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import jijinan

ROWS = 1_000_000
PEAK = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[1:])
print(result.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _generate(path: Path, rows: int) -> Path:
    names = [r.name for r in jijinan.coverage()]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("id,county,year\n")
        handle.writelines(f"{i},{names[i % len(names)]},{2015 + i % 10}\n" for i in range(rows))
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("stream")
    return _generate(folder / "small.csv", ROWS // 100), _generate(folder / "big.csv", ROWS)


def _peak(*args: str | Path, stderr: int | None = None) -> tuple[int, float]:
    """Run ``jijinan ARGS`` in a fresh process; its exit status and peak memory in MiB."""
    command = [sys.executable, "-c", PEAK, sys.executable, "-m", "jijinan", *map(str, args)]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=stderr, text=True, check=True, timeout=300)
    status, kib = result.stdout.split()
    return int(status), int(kib) / 1024


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def test_memory_stays_the_same_at_any_size(files: tuple[Path, Path], tmp_path: Path) -> None:
    small, big = files
    assert big.stat().st_size > 20_000_000
    status, small_peak = _peak("match", small, "--column", "county", "-o", tmp_path / "small.out.csv")
    assert status == 0
    status, big_peak = _peak("match", big, "--column", "county", "-o", tmp_path / "big.out.csv")
    assert status == 0
    assert big_peak < 150, f"peak {big_peak:.0f} MiB"
    assert big_peak - small_peak < 30, f"{small_peak:.0f} MiB for 10,000 rows, {big_peak:.0f} MiB for 1,000,000"
    assert _count_lines(tmp_path / "big.out.csv") == ROWS + 1


def _run_on_a_terminal(*args: str | Path) -> tuple[int, str]:
    """Run ``jijinan ARGS`` with standard error on a pseudo-terminal; the exit status and what it showed."""
    master, slave = os.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "jijinan", *map(str, args)],
            stdout=subprocess.DEVNULL,
            stderr=slave,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        os.close(slave)
        shown = b""
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not data:
                break
            shown += data
        return process.wait(timeout=300), shown.decode("utf-8", "replace")
    finally:
        os.close(master)


def test_a_progress_line_on_a_terminal(files: tuple[Path, Path], tmp_path: Path) -> None:
    _, big = files
    # JSON lines: a run of several seconds however fast the machine (the line shows after one
    # second, and a CSV of a million plain lines now takes about that)
    status, shown = _run_on_a_terminal("match", big, "--column", "county", "-o", tmp_path / "out.jsonl")
    assert status == 0
    assert "rows/s" in shown
    assert "%" in shown
    assert f"jijinan match: {ROWS:,} rows in " in shown
    status, shown = _run_on_a_terminal("match", big, "--column", "county", "-o", tmp_path / "out.csv", "--quiet")
    assert status == 0
    assert shown == ""


def test_no_progress_line_when_piped(files: tuple[Path, Path]) -> None:
    small, _ = files
    result = subprocess.run(
        [sys.executable, "-m", "jijinan", "match", small, "--column", "county", "-o", os.devnull],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    # no progress line, only what was written (issue 18 item 15)
    assert b"\r" not in result.stderr
    assert result.stderr.decode("utf-8").startswith(f"jijinan: {ROWS // 100:,} rows written to {os.devnull}: ")
