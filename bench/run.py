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
    "jijinan": "import jijinan; jijinan.units.get('浚县')",
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


def cold_start(code: str, runs: int) -> tuple[float, int]:
    """Median wall time (s) of a fresh interpreter running ``code``, and its peak RSS (KiB)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)  # warm the disk cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    peak = subprocess.run([sys.executable, "-c", code + PEAK], check=True, capture_output=True, text=True, env=env)
    return statistics.median(times), int(peak.stdout.split()[-1])


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

    print("## Cold start (a whole process: import and first lookup)\n")
    print(f"Median of {runs} runs.\n")
    print("| command | median ms | peak RSS MiB |\n|---|---:|---:|")
    cold = {}
    for name, code in COLD.items():
        cold[name] = cold_start(code, runs)
        print(f"| {name}: `{code}` | {cold[name][0] * 1000:.1f} | {cold[name][1] / 1024:.1f} |")
    ours, floor, peer = cold["jijinan"][0], cold["attrs+cattrs (floor)"][0], cold["pycountry"][0]
    print(
        f"\n* jijinan / pycountry: **{ours / peer:.2f}** (target ≤ 1.00)\n"
        f"* jijinan − attrs+cattrs floor: **{(ours - floor) * 1000:+.1f} ms** (target ≤ +10 ms)\n"
        f"* peak memory jijinan / pycountry: **{cold['jijinan'][1] / cold['pycountry'][1]:.2f}** (target ≤ 1.00)\n"
    )

    print("## Warm lookups (ns per call, best of 5)\n")
    plain = {u.code: u for u in units if u.code}
    units.get("浚县")
    units.covering("320102")
    pycountry.countries.get(alpha_2="DE")
    rows = [
        ("dict lookup (the floor)", lambda: plain["410621"]),
        ("pycountry.countries.get(alpha_2='DE')", lambda: pycountry.countries.get(alpha_2="DE")),
        ("units.get('410621') (code)", lambda: units.get("410621")),
        ("units.get('浚县') (name)", lambda: units.get("浚县")),
        ("units.get('河北省邢台市桥东区') (full name)", lambda: units.get("河北省邢台市桥东区")),
        ("units.covering('320102')", lambda: units.covering("320102")),
        ("units.match('静安区', as_of=2020)", lambda: units.match("静安区", as_of=2020)),
        ("units.match('Panyu District')", lambda: units.match("Panyu District")),
    ]
    print("| call | ns/call | × dict | × pycountry |\n|---|---:|---:|---:|")
    timings = {}
    for label, func in rows:
        timings[label] = per_call(func, number if "match" not in label else number // 10)
    base, py = timings[rows[0][0]], timings[rows[1][0]]
    for label, ns in timings.items():
        print(f"| `{label}` | {ns:,.0f} | {ns / base:.1f} | {ns / py:.2f} |")
    print("\nTarget: `get` by code or exact name at least twice as fast as pycountry (× pycountry ≤ 0.50).\n")

    print("## match_many throughput\n")
    names = [r.province + (r.prefecture or "") + r.name for r in jijinan.coverage()]
    panel = names * 20
    print("| input | rows | seconds | rows/s |\n|---|---:|---:|---:|")
    for label, data, kwargs in (
        ("2,853 county names of July 2015 (all distinct)", names, {}),
        ("a 20-year panel column of those names", panel, {}),
        ("the same panel read as of 2020", panel, {"as_of": 2020}),
    ):
        repeats = 1 if args.quick else 5
        best = min(timeit.repeat(lambda d=data, k=kwargs: units.match_many(d, **k), number=1, repeat=repeats))
        print(f"| {label} | {len(data):,} | {best:.3f} | {len(data) / best:,.0f} |")
    print("\nTarget: over 1,000,000 rows/s on repeated names.\n")
    return cli_section(args.quick)


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
