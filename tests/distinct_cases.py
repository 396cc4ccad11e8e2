"""Real inputs for the equality tests of ``test_distinct_equal.py``, and the digest of an answer.

Each case is ``(name, province, prefecture, as_of, level)``, drawn from the package's own data
in a fixed order: every county of July 2015 by its full name and by its bare name at a year,
names several divisions share (朝阳区, 鼓楼区) bare and with hints, names of divisions renamed
or abolished at years of their life and outside it, romanised names, codes, and names of nothing.

``python tests/distinct_cases.py`` writes the digests of the answers of the installed package to
``tests/data/distinct_answers.json``: the snapshot the tests hold the matcher to. It was written
by the matcher as of commit dfc5cb6, before match_many's fast path for distinct names; write it
again only when an answer is meant to change (new data, new words), and say so in the commit.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import attrs

import jijinan
from jijinan.matching.default import default_matcher
from jijinan.records import Match

Case = tuple[str, "str | None", "str | None", "int | str | None", "str | None"]
SNAPSHOT = Path(__file__).parent / "data" / "distinct_answers.json"


def digest(match: Match) -> str:
    """Every field of ``match`` (units and candidates in full), hashed: equal answers, equal digests."""
    text = repr((type(match).__name__, attrs.astuple(match, recurse=True)))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def cases() -> list[Case]:
    draw = random.Random(16)
    rows = jijinan.coverage()
    out: list[Case] = [(r.province + (r.prefecture or "") + r.name, None, None, None, None) for r in rows]
    bare = sorted({r.name for r in rows})
    out += [(name, None, None, draw.randint(2005, 2024), None) for name in bare]
    index = default_matcher().index
    codes_of: dict[str, set[str]] = {}
    for code, name in zip(index.codes, index.names, strict=True):
        codes_of.setdefault(name, set()).add(code)
    shared = sorted(name for name, codes in codes_of.items() if len(codes) > 1)
    for name in [*shared[::3], "朝阳区", "鼓楼区"]:
        code = min(codes_of[name])
        out += [
            (name, None, None, None, None),
            (name, code[:2] + "0000", None, None, None),
            (name, None, None, draw.randint(2000, 2024), "county"),
        ]
        if code[:4] + "00" in index.prefectures:
            out.append((name, None, code[:4] + "00", draw.choice([None, 2000, 2010, "2015-07", 2024]), None))
    # divisions renamed or abolished: their names inside and outside their years, and their codes
    gone = [i for i in range(len(index.codes)) if index.last[i] < len(index.periods) - 1][::4]
    for i in gone:
        name, code = index.names[i], index.codes[i]
        inside = int(index.periods[index.first[i]][:4])
        out += [(name, None, None, inside, None), (name, None, None, 2024, None), (code, None, None, None, None)]
    latin = sorted(index.more_keys("latin"))[::25]
    out += [(key, None, None, draw.choice([None, 2010, 2020]), None) for key in latin]
    out += [(key.title() + " Xian", None, None, None, None) for key in latin[:40]]
    odd = ["不存在县", "全县", "北京市全市", "河北", "410621", "410621000000", "999999", "410171", "620201"]
    out += [(name, None, None, year, None) for name in odd for year in (None, 2010, 2024)]
    out += [("浚县", "河南省", "鹤壁市", 2015, "county"), ("Xun Xian", None, None, None, "county")]
    return out


def answer(case: Case) -> Match:
    name, province, prefecture, as_of, level = case
    return jijinan.units.match(name, province=province, prefecture=prefecture, as_of=as_of, level=level)


if __name__ == "__main__":
    found = [digest(answer(case)) for case in cases()]
    SNAPSHOT.write_text(json.dumps({"cases": len(found), "digests": found}, indent=0) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(found):,} answers written to {SNAPSHOT}\n")
