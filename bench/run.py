#!/usr/bin/env python3
"""jijinan's benchmark, side by side with pycountry and the floor of its own dependencies.

    pip install -r bench/requirements.txt   # pycountry: a benchmark-only dependency
    python bench/run.py [--runs 21] [--quick]

Prints a Markdown report: cold start of whole processes (median of ``--runs``), their peak
memory, warm lookups in nanoseconds per call, and match_many throughput. Numbers, not
verdicts: the targets are listed beside them and the docs' performance page explains them.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable

COLD = {
    "jijinan get": "import jijinan; jijinan.units.get('浚县')",
    "jijinan match": "import jijinan; jijinan.units.match('浚县')",
    "pycountry": "import pycountry; pycountry.countries.get(alpha_2='DE')",
    "attrs+cattrs (floor)": "import attrs, cattrs",
    "python (empty)": "pass",
}
PEAK = "; import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def per_call(func: Callable[[], object], number: int) -> float:
    """Nanoseconds per call: the best of 5 repeats of ``number`` calls."""
    gc.collect()
    return min(timeit.repeat(func, number=number, repeat=5)) / number * 1e9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="process starts per cold-start measurement")
    parser.add_argument("--quick", action="store_true", help="few repeats: a smoke run, not a measurement")
    parser.add_argument("--cli-only", action="store_true", help="only the jijinan match section (no pycountry needed)")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    number = 1_000 if args.quick else 100_000
    if args.cli_only:
        import jijinan

        print(f"# jijinan {jijinan.__version__} benchmark\n\nMachine: {machine()}\n")
        return cli_section(args.quick)

    import pycountry

    import jijinan
    from jijinan import units

    print(f"# jijinan {jijinan.__version__} benchmark\n\nMachine: {machine()}\n")

    print("## Cold start (a whole process: import and first answer)\n")
    print(f"Median of {runs} runs, the commands taking turns.\n")
    cold = cold_starts(COLD, runs)
    print("| command | median ms | peak RSS MiB |\n|---|---:|---:|")
    for name, code in COLD.items():
        print(f"| {name}: `{code}` | {cold[name][0] * 1000:.1f} | {cold[name][1] / 1024:.1f} |")
    get, first_match = cold["jijinan get"][0], cold["jijinan match"][0]
    floor, peer = cold["attrs+cattrs (floor)"][0], cold["pycountry"][0]
    print(
        f"\n* cold get / pycountry's import-and-get: **{get / peer:.2f}** (target ≤ 1.25)\n"
        f"* first match / cold get: **{first_match / get:.2f}** (target ≤ 1.30)\n"
        f"* cold get − attrs+cattrs floor: **{(get - floor) * 1000:+.1f} ms**\n"
        f"* peak memory, get / pycountry: **{cold['jijinan get'][1] / cold['pycountry'][1]:.2f}**\n"
    )

    print("## Warm lookups (ns per call, best of 5)\n")
    plain = {u.code: u for u in units if u.code}
    units.get("浚县")
    units.covering("320102")
    pycountry.countries.get(alpha_2="DE")

    def miss() -> None:
        with contextlib.suppress(jijinan.UnitNotFoundError):
            units.get("邢台市桥西区")

    rows = [
        ("dict lookup (the floor)", lambda: plain["410621"]),
        ("pycountry.countries.get(alpha_2='DE')", lambda: pycountry.countries.get(alpha_2="DE")),
        ("units.get('410621') (code)", lambda: units.get("410621")),
        ("units.get('浚县') (name)", lambda: units.get("浚县")),
        ("units.get('河北省邢台市桥东区') (full name)", lambda: units.get("河北省邢台市桥东区")),
        ("units.get('邢台市桥西区') (a miss, caught)", miss),
        ("units.covering('320102')", lambda: units.covering("320102")),
        ("units.match('静安区', as_of=2020)", lambda: units.match("静安区", as_of=2020)),
        ("units.match('河北邢台市襄都区') (prefixes read)", lambda: units.match("河北邢台市襄都区")),
        ("units.match('Panyu District')", lambda: units.match("Panyu District")),
    ]
    print("| call | ns/call | × dict | × pycountry |\n|---|---:|---:|---:|")
    timings = {}
    for label, func in rows:
        timings[label] = per_call(func, number if "match" not in label and "miss" not in label else number // 10)
    base, py = timings[rows[0][0]], timings[rows[1][0]]
    for label, ns in timings.items():
        print(f"| `{label}` | {ns:,.0f} | {ns / base:.1f} | {ns / py:.2f} |")
    print(
        "\nTargets: `get` by code or exact name at least twice as fast as pycountry (× pycountry ≤ 0.50); "
        "a miss ≤ 100,000 ns.\n"
    )
    match_many_section(args.quick)
    return cli_section(args.quick)


def match_many_section(quick: bool) -> None:
    """match_many on distinct names (first pass and again) and on 1 M-row columns of repeated names."""
    import jijinan
    from jijinan import units
    from jijinan.matching.default import default_matcher
    from jijinan.matching.matcher import Matcher

    print("## match_many throughput\n")
    names = [r.province + (r.prefecture or "") + r.name for r in jijinan.coverage()]
    repeats = 1 if quick else 5
    matcher = default_matcher()

    def first_pass() -> float:
        # a matcher of its own: no division of these names has been judged yet
        fresh = Matcher(matcher.units, matcher.index, matcher.normalize)
        start = time.perf_counter()
        fresh.match_many(names)
        return time.perf_counter() - start

    rows = [
        (
            "2,853 county names of July 2015, all distinct: first pass",
            len(names),
            min(first_pass() for _ in range(repeats)),
        ),
        (
            "the same names again (each division judged before)",
            len(names),
            min(timeit.repeat(lambda: units.match_many(names), number=1, repeat=repeats)),
        ),
    ]
    size = 100_000 if quick else 1_000_000
    repeated = [names[(i * 7919) % len(names)] for i in range(size)]
    columns: list[tuple[str, object]] = [("a list", repeated)]
    try:
        import pandas as pd

        columns.append(("pandas object", pd.Series(repeated, dtype=object)))
        columns.append(("pandas categorical", pd.Series(repeated, dtype="category")))
        with contextlib.suppress(ImportError):  # pyarrow, for pandas' Arrow strings
            columns.append(("pandas string[pyarrow]", pd.Series(repeated, dtype="string[pyarrow]")))
    except ImportError:
        pass
    try:
        import polars as pl

        columns.append(("polars String", pl.Series(repeated)))
    except ImportError:
        pass
    for label, column in columns:
        best = min(timeit.repeat(lambda c=column: units.match_many(c), number=1, repeat=repeats))  # type: ignore[misc]
        rows.append((f"{size:,} rows of repeated names, {label}", size, best))
    print("| input | rows | seconds | rows/s |\n|---|---:|---:|---:|")
    for label, count, seconds in rows:
        print(f"| {label} | {count:,} | {seconds:.3f} | {count / seconds:,.0f} |")
    print("\nTargets: ≥ 500,000 rows/s on the 2,853 distinct names; ≥ 2,000,000 rows/s on 1 M-row columns.\n")


def cold_starts(commands: dict[str, str], runs: int) -> dict[str, tuple[float, int]]:
    """Median wall time (s) and peak RSS (KiB) of each command, the commands taking turns so load hits all alike."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for code in commands.values():
        subprocess.run([sys.executable, "-c", code], check=True, env=env)  # warm the disk cache
    for _ in range(runs):
        for name, code in commands.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            times[name].append(time.perf_counter() - start)
    out = {}
    for name, code in commands.items():
        peak = subprocess.run([sys.executable, "-c", code + PEAK], check=True, capture_output=True, text=True, env=env)
        out[name] = (statistics.median(times[name]), int(peak.stdout.split()[-1]))
    return out


# -- the command line on a big file ---------------------------------------------------------------

CLI_PEAK = """
import resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:])
print(result.returncode, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def cli_section(quick: bool) -> int:
    """`jijinan match` on a generated CSV of repeated county names: rows/s and peak memory of the process."""
    import tempfile
    from pathlib import Path

    import jijinan

    size = 2_000_000 if quick else 50_000_000
    names = [r.name for r in jijinan.coverage()]
    print(f"## jijinan match on a {size / 1e6:.0f} MB CSV\n")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "counties.csv"
        rows = 0
        written = 0
        with source.open("w", encoding="utf-8", newline="") as handle:
            handle.write("id,county,year\n")
            while written < size:
                lines = [f"{i},{names[i % len(names)]},{2015 + i % 10}\n" for i in range(rows, rows + 10_000)]
                block = "".join(lines)
                handle.write(block)
                written += len(block.encode("utf-8"))
                rows += len(lines)
        print(f"{rows:,} rows of `id,county,year`, {len(names):,} distinct county names repeated.\n")
        print("| command | seconds | rows/s | peak RSS MiB |\n|---|---:|---:|---:|")
        results = []
        for label, extra in (
            ("`jijinan match counties.csv --column county -o out.csv`", []),
            ("… with `--year-column year` (per-row hints)", ["--year-column", "year"]),
            ("… with `--format jsonl`", ["--format", "jsonl"]),
        ):
            target = Path(folder) / "out"
            command = [sys.executable, "-m", "jijinan", "match", str(source), "--column", "county", "-o", str(target)]
            measured = subprocess.run(
                [sys.executable, "-c", CLI_PEAK, *command, *extra], check=True, capture_output=True, text=True
            )
            status, seconds, kib = measured.stdout.split()
            if status != "0":
                print(measured.stderr, file=sys.stderr)
                return 1
            results.append((float(seconds), int(kib) / 1024))
            print(f"| {label} | {float(seconds):.2f} | {rows / float(seconds):,.0f} | {int(kib) / 1024:.0f} |")
            target.unlink()
    seconds, peak = results[0]
    print(
        f"\n* rows/s: **{rows / seconds:,.0f}** (target ≥ 300,000; the whole process, start-up included)\n"
        f"* peak memory: **{peak:.0f} MiB** (target ≤ 150 MiB at any size)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
