"""Shared fixtures: where ../shared is, and the July 2015 code table read from it."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

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
