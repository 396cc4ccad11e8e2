"""The Stata and R recipes of docs/panel.md use only variables that the files `jijinan panel` writes
carry (or that the recipe makes itself), and those files read as numbers where a regression needs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parent.parent
PAGE = (REPO / "docs" / "panel.md").read_text(encoding="utf-8")

# Commands, options, functions and file names of the recipes: not variables.
STATA_WORDS = {
    "use", "clear", "merge", "using", "keep", "match", "nogenerate", "egen", "group", "gen", "xtset",
    "bysort", "max", "reghdfe", "absorb", "vce", "cluster", "dta", "outcome", "panel", "ib9",
}  # fmt: skip
R_WORDS = {
    "library", "fixest", "read", "csv", "colClasses", "character", "encoding", "merge", "by", "c", "ave",
    "FUN", "max", "feols", "data", "cluster", "i", "ref",
}  # fmt: skip
OUTCOME = "y"  # the user's own outcome, merged in


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", PAGE, flags=re.DOTALL)


def variables(block: str, words: set[str]) -> set[str]:
    code = re.sub(r'"[^"]*"', " ", block)  # file names, encodings
    made = set(re.findall(r"\b(?:gen|egen)\s+(\w+)", code))
    made |= set(re.findall(r"(?:\$|^)(\w+)\s*<-", code, flags=re.MULTILINE))
    tokens = set(re.findall(r"[A-Za-z_]\w*", code))
    return tokens - words - made - {OUTCOME}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("recipes")
    for name in ("panel.csv", "panel.dta"):
        subprocess.run(
            [sys.executable, "-m", "jijinan", "panel", "--from", "2014", "--to", "2016", "-o", str(folder / name)],
            check=True,
            capture_output=True,
        )
    return folder


def test_the_recipes_are_there() -> None:
    assert len(blocks("stata")) == 1
    assert "xtset" in blocks("stata")[0]
    assert "reghdfe" in blocks("stata")[0]
    assert len(blocks("r")) == 1
    assert "feols" in blocks("r")[0]


@pytest.mark.parametrize(
    ("language", "words", "file"), [("stata", STATA_WORDS, "panel.dta"), ("r", R_WORDS, "panel.csv")]
)
def test_every_variable_of_a_recipe_is_in_the_file(written: Path, language: str, words: set[str], file: str) -> None:
    (block,) = blocks(language)
    used = variables(block, words)
    assert {"code", "year", "stable_id", "treated", "event_time", "in_pilot"} <= used
    columns = set(
        pd.read_stata(written / file).columns if file.endswith(".dta") else pd.read_csv(written / file).columns
    )
    assert used <= columns, used - columns


def test_the_files_read_as_numbers_and_text(written: Path) -> None:
    frame = pd.read_csv(written / "panel.csv")
    for flag in ("post", "in_pilot", "treated"):
        assert set(frame[flag]) <= {0, 1}, flag
    assert frame["pilot_share"].dtype == "float64"
    schema = json.loads((written / "panel.schema.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == list(frame.columns)
    assert fields["code"]["type"] == "string"
    assert (fields["treated"]["type"], fields["treated"]["trueValues"], fields["treated"]["falseValues"]) == (
        "boolean",
        ["1"],
        ["0"],
    )
    assert fields["pilot_share"]["type"] == "number"
    text = pd.read_csv(written / "panel.csv", dtype={"code": str, "stable_id": str})
    assert text["code"].str.len().eq(6).all()
    stata = pd.read_stata(written / "panel.dta", convert_categoricals=False)
    assert stata["code"].map(type).eq(str).all()
    assert stata["treated"].dtype.kind == "i"
    labels = pd.io.stata.StataReader(written / "panel.dta").variable_labels()
    assert all(label and "…" not in label for label in labels.values())
    assert labels["pilot_share"] == "Share of its notice-date divisions in the pilot, by count (not area)"
