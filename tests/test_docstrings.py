"""The examples in the public docstrings run as written (the API reference shows them)."""

from __future__ import annotations

import doctest

import pytest

import jijinan
from jijinan import collection, records
from jijinan.matching import matcher
from jijinan.tables import coverage, crosswalk, frames, match_frame, panel

MODULES = [jijinan, collection, coverage, panel, crosswalk, records, matcher, match_frame, frames]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples_run(module: object) -> None:
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    globs = {"jijinan": jijinan, "units": jijinan.units}
    tests = [t for t in finder.find(module, globs=dict(globs)) if t.examples]
    for test in tests:
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_the_public_functions_show_examples() -> None:
    for function in (jijinan.match_frame, jijinan.panel, jijinan.crosswalk, jijinan.units.get, jijinan.units.match):
        assert ">>>" in (function.__doc__ or ""), function
