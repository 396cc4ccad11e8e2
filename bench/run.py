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
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

COLD = {
    "jijinan get": "import jijinan; jijinan.units.get('浚县')",
    "jijinan match": "import jijinan; jijinan.units.match('浚县')",
    "pycountry": "import pycountry; pycountry.countries.get(alpha_2='DE')",
    "attrs+cattrs (floor)": "import attrs, cattrs",
    "python (empty)": "pass",
}
TIME = "/usr/bin/time"
"""GNU time: it runs a command and reports that command's own peak RSS (``%M``, from wait4)."""
SEED = 2015
"""The seed of the random years the generated CSV holds (a fixed seed: every run writes the same file)."""


def measured(
    argv: list[str], **kwargs: object
) -> tuple[subprocess.CompletedProcess[str], float, int | None, float | None]:
    """Run ``argv``: its result, wall seconds, its own peak RSS in KiB and CPU seconds (None without GNU time).

    CPU seconds (user + system) are what the ratios use: on a machine shared with other work
    wall time swings by a factor of two or more from one run to the next, CPU time much less.

    The peak is the child's own: ``ru_maxrss`` of a process this one forks would carry this
    process's RSS across fork+exec (Linux keeps the high-water mark of the image exec replaces),
    so every child would report at least the benchmark's own memory. GNU time is small, so
    what it reports of its child (wait4's rusage) is the child's.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        use_time = os.access(TIME, os.X_OK)
        command = [TIME, "-f", "%U %S %M", "-o", report.name, *argv] if use_time else argv
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
        seconds = time.perf_counter() - start
        lines = report.read().split() if use_time else []
    peak = int(lines[-1]) if lines and lines[-1].isdigit() else None
    cpu = float(lines[-3]) + float(lines[-2]) if peak is not None and len(lines) >= 3 else None
    return result, seconds, peak, cpu


def mib(kib: int | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:.1f}"


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
    parser.add_argument("--engines", action="store_true", help="also the 10 M-row Parquet section (polars, DuckDB)")
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
        print(f"| {name}: `{code}` | {cold[name][0] * 1000:.1f} | {mib(cold[name][1])} |")
    get, first_match = cold["jijinan get"][0], cold["jijinan match"][0]
    floor, peer = cold["attrs+cattrs (floor)"][0], cold["pycountry"][0]
    print(
        f"\n* cold get / pycountry's import-and-get: **{get / peer:.2f}** (target ≤ 1.25)\n"
        f"* first match / cold get: **{first_match / get:.2f}** (target ≤ 1.25)\n"
        f"* cold get − attrs+cattrs floor: **{(get - floor) * 1000:+.1f} ms**\n"
        f"* peak memory, get / pycountry: **{ratio(cold['jijinan get'][1], cold['pycountry'][1])}**\n"
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
    frames_section(args.quick)
    if args.engines:
        engines_section(args.quick)
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
    print(
        "\nTargets: ≥ 250,000 rows/s on the 2,853 distinct names, first pass; ≥ 2,000,000 rows/s on 1 M-row columns.\n"
    )


def ratio(a: float | None, b: float | None) -> str:
    return "n/a" if a is None or not b else f"{a / b:.2f}"


def best_of(func: Callable[[], object], repeats: int) -> tuple[float, float]:
    """The shortest wall time and the shortest CPU time of ``repeats`` calls (the least disturbed by other work)."""
    walls, cpus = [], []
    for _ in range(repeats):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


FRAME_STEPS = (
    "read the CSV",
    "match_frame(df, 'county'), names matched anew",
    "… again (answers kept)",
    "… as_of=2020, anew",
    "… year='year' (per-row years), anew",
    "… year='year', again",
    "read the CSV, county categorical",
    "match_frame on it, anew",
    "… again (answers kept)",
)


def frames_section(quick: bool) -> None:
    """match_frame on pandas and polars against reading the same CSV, with and without a year column.

    Each frame is read twice: as the reader gives it (pandas' Arrow strings, polars ``String``) and
    with the name column read as a categorical (pandas ``category``, polars ``Categorical``), whose
    codes match_frame takes as they are instead of hashing a million strings.
    """
    import jijinan
    from jijinan.matching.default import default_matcher

    rows_wanted = 100_000 if quick else 1_000_000
    repeats = 2 if quick else 5
    print(f"## match_frame on {rows_wanted:,} rows\n")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "counties.csv"
        rows, distinct = write_counties(source, rows_wanted * 23)  # about 23 bytes a row
        print(
            f"The CSV of the command-line section, {rows:,} rows ({distinct:,} names, random years "
            f"2005-2024). Best of {repeats} wall times and, apart, of {repeats} CPU times (all threads) in "
            'this process, the matcher warm; "anew": the answers kept from the call before dropped.\n'
        )
        readers: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {}
        with contextlib.suppress(ImportError):
            import pandas as pd

            readers["pandas"] = (lambda: pd.read_csv(source), lambda: pd.read_csv(source, dtype={"county": "category"}))
        with contextlib.suppress(ImportError):
            import polars as pl

            readers["polars"] = (
                lambda: pl.read_csv(source),
                lambda: pl.read_csv(source, schema_overrides={"county": pl.Categorical}),
            )
        table: dict[str, list[tuple[float, float]]] = {}
        for kind, (read, read_categorical) in readers.items():
            frame, categorical = read(), read_categorical()
            jijinan.match_frame(frame.head(1000), "county")
            known = default_matcher().answers.known

            def fresh(call: Callable[[], object], known: dict[Any, Any] = known) -> Callable[[], object]:
                # the answers kept from the call before dropped: each distinct name matched anew
                return lambda: (known.clear(), call())

            def plain(f: Any) -> Callable[[], object]:
                return lambda: jijinan.match_frame(f, "county")

            def yearly(f: Any) -> Callable[[], object]:
                return lambda: jijinan.match_frame(f, "county", year="year")

            table[kind] = [
                best_of(read, repeats),
                best_of(fresh(plain(frame)), repeats),
                best_of(plain(frame), repeats),
                best_of(fresh(lambda f=frame: jijinan.match_frame(f, "county", as_of=2020)), repeats),
                best_of(fresh(yearly(frame)), repeats),
                best_of(yearly(frame), repeats),
                best_of(read_categorical, repeats),
                best_of(fresh(plain(categorical)), repeats),
                best_of(plain(categorical), repeats),
            ]
        kinds = [k for k in ("pandas", "polars") if k in table]
        print("| step | " + " | ".join(f"{k} s | {k} CPU s" for k in kinds) + " |")
        print("|---|" + "---:|---:|" * len(kinds))
        for i, step in enumerate(FRAME_STEPS):
            cells = " | ".join(f"{table[k][i][0]:.3f} | {table[k][i][1]:.3f}" for k in kinds)
            print(f"| `{step}` | {cells} |")
        print("\nmatch_frame / reading the same CSV, wall (CPU); target ≤ 0.25:\n")
        for kind in kinds:
            t = table[kind]

            def over(a: tuple[float, float], b: tuple[float, float]) -> str:
                return f"**{a[0] / b[0]:.2f}** ({a[1] / b[1]:.2f})"

            print(
                f"* {kind}: again {over(t[2], t[0])}, anew {over(t[1], t[0])}; a categorical name column: "
                f"again {over(t[8], t[6])}, anew {over(t[7], t[6])}; with a year column / without: "
                f"{over(t[4], t[1])} anew, {over(t[5], t[2])} again (target ≤ 1.3)"
            )
        print()


# -- past one process's patience: a 10 M-row Parquet file -----------------------------------------

ENGINES = {
    "polars eager: read_parquet, match_frame, write_parquet": """
import sys, polars as pl, jijinan
frame = pl.read_parquet(sys.argv[1])
jijinan.match_frame(frame, "county", year="year").write_parquet(sys.argv[2])
""",
    "polars lazy: scan_parquet, match_frame(LazyFrame), sink_parquet": """
import sys, polars as pl, jijinan
jijinan.match_frame(pl.scan_parquet(sys.argv[1]), "county", year="year").sink_parquet(sys.argv[2])
""",
    "DuckDB: distinct (county, year) matched, joined back in SQL, COPY to Parquet": """
import sys, duckdb, pandas as pd, jijinan
con = duckdb.connect()
con.execute("SET threads TO 2")
keys = con.execute(f"SELECT DISTINCT county, year FROM read_parquet('{sys.argv[1]}')").df()
answers = jijinan.match_frame(keys, "county", year="year")
for column in answers.columns[2:]:  # DuckDB takes the answers as plain text, not categories
    answers[column] = answers[column].astype("string" if column != "unit_seq" else "Int64")
con.register("answers", answers)
con.execute(
    f"COPY (SELECT t.*, a.* EXCLUDE (county, year) FROM read_parquet('{sys.argv[1]}') t "
    "LEFT JOIN answers a ON t.county IS NOT DISTINCT FROM a.county AND t.year IS NOT DISTINCT FROM a.year) "
    f"TO '{sys.argv[2]}' (FORMAT parquet)"
)
""",
}


def engines_section(quick: bool) -> None:
    """match_frame past memory: polars eager against lazy, and the same pattern in DuckDB, as whole processes."""
    import random

    import jijinan

    rows = 200_000 if quick else 10_000_000
    print(f"## {rows:,} rows of Parquet: eager, lazy, and in DuckDB\n")
    try:
        import polars as pl
    except ImportError:
        print("polars is not installed: skipped.\n")
        return
    names = [r.name for r in jijinan.coverage()]
    draw = random.Random(SEED)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "counties.parquet"
        counties = pl.Series("county", names)[pl.Series([draw.randrange(len(names)) for _ in range(100_000)])]
        block = pl.DataFrame({"county": counties, "year": [draw.randint(2005, 2024) for _ in range(100_000)]})
        whole = pl.concat([block] * (rows // 100_000)).with_row_index("id")
        whole.write_parquet(source)
        del whole, block
        print(
            f"`id, county, year`: {len(names):,} names and years 2005-2024 at random; each command a "
            "new process, matching on `year` and writing Parquet.\n"
        )
        print("| command | wall s | CPU s | peak RSS MiB |\n|---|---:|---:|---:|")
        for label, code in ENGINES.items():
            if label.startswith("DuckDB"):
                try:
                    import duckdb  # noqa: F401
                except ImportError:
                    print(f"| {label} | not installed | | |")
                    continue
            target = Path(folder) / "out.parquet"
            result, seconds, kib, cpu = measured([sys.executable, "-c", code, str(source), str(target)])
            if result.returncode != 0:
                print(f"| {label} | failed: {result.stderr.strip().splitlines()[-1][:80]} | | |")
                continue
            print(f"| {label} | {seconds:.2f} | {cpu if cpu is not None else seconds:.2f} | {mib(kib)} |")
            target.unlink(missing_ok=True)
        print(
            "\nSpark (PySpark) is not installed here: the same pattern is shown in docs/performance.md, not measured.\n"
        )


def cold_starts(commands: dict[str, str], runs: int) -> dict[str, tuple[float, int | None]]:
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
        result, _, peak, _ = measured([sys.executable, "-c", code], env=env)
        result.check_returncode()
        out[name] = (statistics.median(times[name]), peak)
    return out


# -- the command line on a big file ---------------------------------------------------------------

BARE_READ = """
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    for row in csv.reader(handle):
        pass
"""


def write_counties(path: Path, size: int) -> tuple[int, int]:
    """A CSV of ``id,county,year`` of about ``size`` bytes: names of July 2015 repeated, years at random.

    The years are drawn (seeded) from 2005-2024, as a panel's would be: a cycle of a few years
    would give each name only those few (name, year) pairs and hide the cost of per-row years.
    Returns the rows written and the distinct names.
    """
    import random

    import jijinan

    names = [r.name for r in jijinan.coverage()]
    draw = random.Random(SEED).randint
    rows = written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("id,county,year\n")
        while written < size:
            lines = [f"{i},{names[i % len(names)]},{draw(2005, 2024)}\n" for i in range(rows, rows + 10_000)]
            block = "".join(lines)
            handle.write(block)
            written += len(block.encode("utf-8"))
            rows += len(lines)
    return rows, len(set(names))


def cli_section(quick: bool) -> int:
    """`jijinan match` on a generated CSV of repeated county names: time and peak memory of the process."""
    size = 2_000_000 if quick else 50_000_000
    print(f"## jijinan match on a {size / 1e6:.0f} MB CSV\n")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "counties.csv"
        rows, distinct = write_counties(source, size)
        print(
            f"{rows:,} rows of `id,county,year`, {distinct:,} distinct county names repeated, "
            f"years drawn at random (seed {SEED}) from 2005-2024.\n"
        )
        print("| command | wall s | CPU s | rows/s (CPU) | peak RSS MiB |\n|---|---:|---:|---:|---:|")
        results = {}
        target = Path(folder) / "out"
        base = [sys.executable, "-m", "jijinan", "match", str(source), "--column", "county", "-o", str(target)]
        quoted = Path(folder) / "quoted.csv"
        with source.open(encoding="utf-8") as lines, quoted.open("w", encoding="utf-8") as out:
            for line in lines:  # every county quoted: no line is plain, the csv module reads them all
                i, county, year = line.rstrip("\n").split(",")
                out.write(f'{i},"{county}",{year}\n')
        careful = [*base[:4], str(quoted), *base[5:]]
        for key, label, command in (
            ("bare", "a bare `csv.reader` pass (the floor)", [sys.executable, "-c", BARE_READ, str(source)]),
            ("plain", "`jijinan match counties.csv --column county -o out.csv`", base),
            ("year", "… with `--year-column year` (per-row years)", [*base, "--year-column", "year"]),
            ("jsonl", "… with `--format jsonl`", [*base, "--format", "jsonl"]),
            ("quoted", "… every county quoted (the csv module reads every line)", careful),
        ):
            result, seconds, kib, cpu = measured(command)
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                return 1
            cpu = cpu if cpu is not None else seconds
            results[key] = (cpu, kib, seconds)
            print(f"| {label} | {seconds:.2f} | {cpu:.2f} | {rows / cpu:,.0f} | {mib(kib)} |")
            target.unlink(missing_ok=True)
    cpu, peak, wall = results["plain"]
    print(
        f"\n* rows/s: **{rows / cpu:,.0f}** per CPU second, {rows / wall:,.0f} per wall second "
        "(the whole process, start-up included)\n"
        f"* `jijinan match` / bare `csv.reader` pass: **{cpu / results['bare'][0]:.2f}** in CPU time, "
        f"{wall / results['bare'][2]:.2f} in wall time (target ≤ 3.5)\n"
        f"* `--year-column` / without: **{results['year'][0] / cpu:.2f}** in CPU time, "
        f"{results['year'][2] / wall:.2f} in wall time (target ≤ 1.3)\n"
        f"* every county quoted / plain lines: **{results['quoted'][0] / cpu:.2f}** in CPU time "
        "(the careful path: the csv module splits every line)\n"
        f"* peak memory: **{mib(peak)} MiB** (target ≤ 64 MiB); with `--year-column`: "
        f"**{mib(results['year'][1])} MiB**"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
