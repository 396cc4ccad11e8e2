"""The seed's damage, derived: the page's punctuation fold over GBK bytes decides unit 154.

These tests re-derive, from the seed's own bytes, the judgement the build records for the
damaged Henan entry ``??h``: of the three counties the list order allows (滑县, 浚县,
淇县), only 浚縣 can be printed as ``??h``; and the same fold prints the seed's other
damaged spots from their repaired text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from jijinan import MatchStatus, units

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from stages import seed_damage  # noqa: E402

SEED = "seed/000_5b88ae4e18233f49.txt"


def _seed_line(shared: Path, containing: str) -> str:
    lines = (shared / SEED).read_text(encoding="utf-8").splitlines()
    (line,) = [line.strip() for line in lines if containing in line]
    return line


def test_gbk_bytes_of_the_candidates() -> None:
    # The facts the derivation rests on, as GBK has them.
    assert "浚縣".encode("gbk").hex(" ") == "bf a3 bf 68"
    assert "滑縣".encode("gbk").hex(" ") == "bb ac bf 68"
    assert "淇縣".encode("gbk").hex(" ") == "e4 bf bf 68"
    assert bytes.fromhex("a3bf").decode("gbk") == "？"
    assert bytes.fromhex("a3ac").decode("gbk") == "，"
    assert bytes.fromhex("a1a3").decode("gbk") == "。"
    with pytest.raises(UnicodeDecodeError):
        bytes.fromhex("acbf").decode("gbk")  # 滑縣's straddling pair is no character at all


@pytest.mark.parametrize(
    ("candidate", "printed"),
    [("浚縣", "??h"), ("滑縣", "滑縣"), ("淇縣", "淇縣")],
)
def test_only_xun_county_prints_as_the_damage(candidate: str, printed: str) -> None:
    assert seed_damage.damage(f"舞鋼市，{candidate}，武陟縣") == f"舞鋼市,{printed},武陟縣"


def test_the_damaged_line_of_the_seed_allows_only_xun_county(shared: Path) -> None:
    line = _seed_line(shared, "??h")
    assert line.startswith("新鄭市,蘭考縣,欒川縣,舞鋼市,??h,武陟縣")
    full_width = line.replace(",", "，")
    fits = [c for c in ("滑縣", "浚縣", "淇縣") if seed_damage.can_become(line, full_width.replace("??h", c))]
    assert fits == ["浚縣"]


@pytest.mark.parametrize(
    ("repaired", "damaged"),
    [
        ("單位。現將", "單位?,F將"),
        ("山西省：", "山西?。?"),
        ("本省（區、市）", "本?。▍^、市)"),
        ("本省（自治區、直轄市）", "本?。ㄗ灾螀^、直轄市)"),
    ],
)
def test_the_same_fold_prints_the_other_damaged_spots(shared: Path, repaired: str, damaged: str) -> None:
    assert seed_damage.damage(repaired) == damaged
    # and the seed has them, once pinyin annotations (the converter's, not the page's) are dropped
    seed = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", (shared / SEED).read_text(encoding="utf-8"))
    assert damaged in seed


def test_every_line_of_the_seed_is_the_fold_of_its_repaired_text(shared: Path) -> None:
    # Each line of the seed is what the page prints for the repaired line: either its
    # aligned fold or its damaged one. The fold did not strike every straddling pair (11
    # of the 22 省： headings and 勐海縣 are intact), so both are allowed, and nothing else.
    sys.path.insert(0, str(REPO / "scripts"))
    from stages import seed as seed_stage

    raw = (shared / SEED).read_text(encoding="utf-8")
    repaired, _metadata, _received = seed_stage.repair_seed(raw)
    seed = [line.strip() for line in raw.splitlines() if line.strip()][1:-3]
    seed = [line for line in seed if not line.startswith("頒布時間")]
    annotation = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")

    def plain(text: str) -> str:  # what the page did besides the fold: annotations, 陜, brackets
        return annotation.sub("", text).replace("陜", "陝").replace("〔", "[").replace("〕", "]")

    assert len(repaired) == len(seed)
    damaged = 0
    for ours, theirs in zip(repaired, seed, strict=True):
        folded, broken = plain(seed_damage.fold(ours)), plain(seed_damage.damage(ours))
        assert plain(theirs) in (folded, broken), (ours, theirs)
        damaged += plain(theirs) != folded
    assert damaged == 15  # 11 headings, 單位, two 本省, and the Henan list


def test_unit_154_is_xun_county() -> None:
    unit = units[153]
    assert (unit.seq, unit.name, unit.code, unit.prefecture, unit.prefecture_code) == (
        154,
        "浚县",
        "410621",
        "鹤壁市",
        "410600",
    )
    assert units.get("浚縣").code == "410621"
    assert "not available to confirm" in unit.notes[0]
    assert "滑县 (410526), 浚县 (410621), 淇县 (410622)" in unit.notes[0]
    hua = units.match("滑县")
    assert hua.status is MatchStatus.NOT_PILOT
    assert hua.code == "410526"
