#!/usr/bin/env python3
"""match_many on distinct inputs: names never judged, and distinct (name, year) pairs.

    python bench/distinct.py [--repeats 7]

Prints CPU-time throughput (best of ``--repeats``) for:

- the 2,853 county names of July 2015 with their province and prefecture (the list of
  ``bench/run.py``'s match_many section), all distinct, on a fresh ``Matcher`` (no division
  judged yet: a first pass in a warm process);
- the 2,811 distinct county names of July 2015 each paired with every year 2005-2024 in a
  random order (56,220 distinct pairs, ``match_many(names, as_of=years)``), on a fresh matcher
  and on the process's matcher with its kept answers dropped (divisions judged before);
- the same 2,811 names without years, for the ratio.

Run it once per source tree to compare two versions side by side
(``PYTHONPATH=/tmp/old/src python bench/distinct.py``).
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from collections.abc import Callable


def best(call: Callable[[], object], repeats: int) -> float:
    """The least CPU time of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        call()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    repeats = parser.parse_args().repeats

    import jijinan
    from jijinan.matching.default import default_matcher
    from jijinan.matching.matcher import Matcher

    matcher = default_matcher()
    full = [r.province + (r.prefecture or "") + r.name for r in jijinan.coverage()]
    bare = sorted({r.name for r in jijinan.coverage()})
    pairs = [(name, year) for name in bare for year in range(2005, 2025)]
    random.Random(2015).shuffle(pairs)
    pair_names = [name for name, _ in pairs]
    pair_years = [year for _, year in pairs]

    def fresh() -> Matcher:
        return Matcher(matcher.units, matcher.index, matcher.normalize)

    def first_pass() -> float:
        m = fresh()
        gc.collect()
        start = time.process_time()
        m.match_many(full)
        return time.process_time() - start

    def pairs_fresh() -> float:
        m = fresh()
        gc.collect()
        start = time.process_time()
        m.match_many(pair_names, as_of=pair_years)
        return time.process_time() - start

    def anew(call: Callable[[], object]) -> Callable[[], object]:
        return lambda: (matcher.answers.known.clear(), call())

    # the first pass first: later sections keep answers, and a larger heap slows the collector
    rows = [("2,853 full names, first pass (fresh matcher)", len(full), min(first_pass() for _ in range(repeats)))]
    rows.append(("2,853 full names again (answers kept)", len(full), best(lambda: matcher.match_many(full), repeats)))
    rows.append(("56,220 (name, year) pairs, fresh matcher", len(pairs), min(pairs_fresh() for _ in range(repeats))))
    matcher.match_many(pair_names, as_of=pair_years)  # every division judged at every year
    rows.append(
        (
            "56,220 (name, year) pairs, divisions judged, answers dropped",
            len(pairs),
            best(anew(lambda: matcher.match_many(pair_names, as_of=pair_years)), repeats),
        )
    )
    rows.append(
        (
            "2,811 bare names, no year, divisions judged, answers dropped",
            len(bare),
            best(anew(lambda: matcher.match_many(bare)), repeats),
        )
    )
    print("| input | rows | CPU s | rows/s | µs/row |\n|---|---:|---:|---:|---:|")
    for label, count, seconds in rows:
        print(f"| {label} | {count:,} | {seconds:.4f} | {count / seconds:,.0f} | {seconds / count * 1e6:.2f} |")


if __name__ == "__main__":
    main()
