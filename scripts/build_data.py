#!/usr/bin/env python3
"""Build jijinan's packaged data from the seed notice and the reference code tables.

Usage::

    python scripts/build_data.py [--shared ../shared] [--out src/jijinan/data]

Reads ``seed/`` (the notice, as received, damaged) and ``reference/`` (GB/T 2260 tables
and their change history) under ``--shared`` and writes the JSON files of
``src/jijinan/data/``. Nothing is downloaded and nothing is typed from memory: every
name and code in the output comes from the seed or a reference table, and every
judgement made on the way is one row of an explicit table, with its reason, in the stage
that makes it (``scripts/stages/``, one module per stage; for romanised names:
scripts/place_readings.tsv and scripts/place_english.tsv).
The build fails loudly when the seed or the tables do not say what those tables
expect (a repair that no longer applies, a name that resolves to no code, a count
that disagrees with the notice's own).

This file is the driver: it runs the stages in order. Build-time tools: OpenCC
(traditional -> simplified) and pypinyin (romanisation). Neither is a runtime dependency
of the package.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stages import land, romanize, seed, successors, tables, write
from stages import notice as notice_stage
from stages import units as units_stage
from stages.codes import CodeTable
from stages.errors import BuildError
from stages.history import History
from stages.package import Normalizer, check_all, check_land
from stages.traditional import Converter, ConverterError, char_map, lookup_names

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "src" / "jijinan" / "data"
SEED_NAME = "seed/000_5b88ae4e18233f49.txt"
TABLE_2015 = "reference/gb2260/mca-201507.tsv"


def build(shared: Path, out: Path) -> dict[str, str]:
    """Build every data file into out; return file name -> BLAKE2b digest (as b2sum writes it)."""
    raw = (shared / SEED_NAME).read_text(encoding="utf-8")
    table = CodeTable.read_tsv(shared / TABLE_2015)
    conv = Converter()
    # The seed, the notice and the units
    lines, metadata, received = seed.repair_seed(raw)
    notice, attachment, stated = notice_stage.parse_notice(conv, lines, metadata)
    notice["received"] = received
    units = units_stage.parse_units(conv, attachment, table)
    units_stage.check_units(units, stated, table)
    seed.decide_damaged_entry(raw, table, conv, units)
    # The history of land: renames and successors
    history = History(shared / "reference", table.names)
    successors.explain_renames(history, units)
    successors.add_successors(history, units)
    # Romanised names and the traditional spellings of every name
    names = {r.name for r in history.records} | {u["name"] for u in units}
    romanize.check_romanisation(names)
    romanize.add_pinyin(units)
    t2s = char_map(conv, *lookup_names(history, units))
    conv.check_exceptions_used()
    # The division table and the lookup indexes, checked as the package reads them
    normalize = Normalizer(t2s)
    spans, spellings = tables.division_spans(history, units)
    pinyin = romanize.pinyin_table(names)
    index, more = tables.index_payload(
        spans, spellings, units=units, pinyin=pinyin, normalize=normalize, misconversions=conv.misconversions
    )
    divisions = tables.divisions_payload(spans)
    check_all(divisions, index, more)  # the shape the package reads, every span and key
    # The land of every division at every table, for the panels and the crosswalks
    cover, _exact = tables.pilot_area(history, units)
    land_file = land.land_payload(history, spans, set(cover))
    check_land(land_file, len(spans), len(divisions["periods"]))
    files = {
        "notice.json": write.dump({"notice": notice}),
        "units.json": write.dump({"units": units}),
        "chars.json": write.dump({"t2s": t2s}),
        "divisions.json": write.compact(divisions),
        "index.json": write.compact(index),
        **{f"{name}.json": write.compact({"keys": keys}) for name, keys in more.items()},
        "unit_keys.json": write.compact({"keys": tables.unit_keys_payload(units, normalize)}),
        "land.json": write.compact(land_file),
    }
    return write.write(out, files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder (default: ../shared)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the data files")
    args = parser.parse_args(argv)
    try:
        sums = build(args.shared, args.out)
    except (BuildError, ConverterError) as exc:
        print(f"build_data: {exc}", file=sys.stderr)
        return 1
    for name, digest in sums.items():
        print(f"{digest[:12]}  {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
