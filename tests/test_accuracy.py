"""Matching whole county lists of real years, in every spelling: right, never wrong.

The lists are every county-level division of a year's table (what NBS publishes), read
back with ``as_of=year`` (bench/accuracy.py prints the same figures as a table).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from jijinan import MatchStatus, units

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import accuracy  # noqa: E402

YEARS = [2000, 2010, 2015, 2024]
ROMANISED = [f"{form}, {hint}" for form in accuracy.romanised() for hint in ("province", "no hint")]


@pytest.mark.parametrize("year", YEARS)
def test_every_spelling_of_a_whole_county_list(shared: Path, year: int) -> None:
    results = {label: (total, counts) for label, total, counts in accuracy.evaluate(shared, year)}
    for label, (total, counts) in results.items():
        assert counts["wrong"] == 0, (year, label, counts)
        if label == "short province, no prefecture":
            continue  # names shared within a province abstain: see the next test
        if label in ROMANISED or label.startswith("pinyin generic, no hint, read a year late"):
            continue  # no tones, no characters: many must abstain (below), none may be wrong
        assert counts["right"] == total, (year, label, counts)
    for label in ROMANISED:  # with the province given, a romanised list is nearly all resolved
        total, counts = results[label]
        assert counts["right"] / total >= (0.97 if label.endswith("province") else 0.85), (year, label, counts)
    total, counts = results["short province, no prefecture"]
    assert counts["right"] / total >= 0.98, counts


@pytest.mark.parametrize("year", YEARS)
def test_a_province_prefix_alone_abstains_exactly_where_the_province_has_namesakes(shared: Path, year: int) -> None:
    rows = list(accuracy.counties(accuracy.year_table(shared, year)))
    within = Counter((province, name) for _c, province, _f, name in rows)
    short = accuracy.spellings()["short province, no prefecture"]
    found = units.match_many([short(p, f, n) for _c, p, f, n in rows], as_of=year)
    for (code, province, _f, name), match in zip(rows, found, strict=True):
        if within[(province, name)] > 1:
            assert match.status is MatchStatus.AMBIGUOUS, (province, name)
            assert code in {c.code for c in match.candidates}
        else:
            assert match.code == code, (province, name, match.reason)
