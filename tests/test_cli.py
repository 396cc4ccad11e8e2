"""The command line: real queries, CSV round trips, exit codes and messages."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jijinan.cli import display_width, main


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in a subprocess, as a user would."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "jijinan", *args], capture_output=True, text=True, encoding="utf-8", env=env, check=False
    )
    return result.returncode, result.stdout, result.stderr


def test_summary_is_the_default() -> None:
    code, out, err = run()
    assert code == 0, err
    assert out.startswith("民办函〔2015〕244号")
    assert out.rstrip().splitlines()[-1].split() == ["all", "1", "11", "288", "300"]


def test_units_table_aligns_cjk() -> None:
    code, out, _ = run("units", "--province", "陕西")
    assert code == 0
    lines = out.rstrip("\n").splitlines()
    assert len(lines) == 2 + 12
    # every row's "level" column starts at the same display column
    starts = {
        display_width(line[: line.index(word)])
        for line in lines[2:]
        for word in ("prefectural", "county ")
        if word in line
    }
    assert len(starts) == 1


def test_units_csv_and_json() -> None:
    code, out, _ = run("units", "--level", "prefectural", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["name"] for r in rows][:4] == ["南京市", "苏州市", "盐城市", "扬州市"]
    assert rows[0]["code"] == "320100"
    code, out, _ = run("units", "--kind", "banner", "--format", "json")
    assert [r["name"] for r in json.loads(out)] == ["阿鲁科尔沁旗", "翁牛特旗", "苏尼特右旗"]


def test_show() -> None:
    code, out, _ = run("show", "浚縣")
    assert code == 0
    assert "410621" in out
    assert "河南省鹤壁市浚县" in out
    assert "two question marks and the letter h" in out  # the note on the damaged entry
    code, out, _ = run("show", "闸北区")
    assert "310106 静安区: whole, 国函〔2015〕183号 (2015-10-13)" in out


def test_show_errors() -> None:
    code, out, err = run("show", "城区")
    assert code == 1
    assert out == ""
    assert "山西省大同市城区 (140202)" in err
    assert "Traceback" not in err
    code, _, err = run("show", "邢台市桥西区")
    assert code == 1
    assert "closest: 河北省邢台市桥东区" in err


def test_match_csv_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "counties.csv"
    source.write_text("code,county,year\n1,浚县,2016\n2,静安区,2016\n3,鼓楼区,2016\n4,万全区,2016\n", encoding="utf-8")
    code, out, err = run("match", str(source), "--column", "county", "--as-of", "2020")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["county"] for r in rows] == ["浚县", "静安区", "鼓楼区", "万全区"]
    assert [r["year"] for r in rows] == ["2016"] * 4  # the input's columns survive
    assert [r["code"] for r in rows] == ["1", "2", "3", "4"]  # the input's own "code" column is kept
    assert [r["status"] for r in rows] == ["pilot", "partial", "ambiguous", "pilot"]
    assert [r["jijinan_code"] for r in rows] == ["410621", "310106", "", "130708"]
    assert rows[0]["unit"] == "河南省鹤壁市浚县"
    assert rows[2]["reason"].startswith("4 divisions")


def test_match_text_file(tmp_path: Path) -> None:
    source = tmp_path / "names.txt"
    source.write_text("浚县\n\n番禹区\nxunxian\n", encoding="utf-8")
    code, out, _ = run("match", str(source), "--province", "河南")
    assert code == 0
    statuses = [r["status"] for r in csv.DictReader(io.StringIO(out))]
    assert statuses == ["pilot", "unknown", "pilot"]  # 番禹区 is in 广东, xunxian in 河南 is 浚县
    code, out, _ = run("match", str(source))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["name"], r["status"]) for r in rows] == [
        ("浚县", "pilot"),
        ("番禹区", "pilot"),
        ("xunxian", "pilot"),
    ]


def test_match_errors(tmp_path: Path) -> None:
    code, _, err = run("match", str(tmp_path / "missing.csv"))
    assert code == 2
    assert "no such file" in err
    bad_column = tmp_path / "a.csv"
    bad_column.write_text("县,年\n滑县,2016\n", encoding="utf-8")
    code, _, err = run("match", str(bad_column), "--column", "county")
    assert code == 2
    assert "no column 'county'" in err
    assert "县, 年" in err
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("滑县\n".encode("gbk"))
    code, _, err = run("match", str(gbk))
    assert code == 2
    assert "not UTF-8" in err
    assert "Traceback" not in err
    code, _, err = run("match", str(bad_column), "--column", "县", "--as-of", "1999")
    assert code == 2
    assert "2000 to 2024" in err


def test_coverage_csv() -> None:
    code, out, _ = run("coverage", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2853
    assert sum(r["covered"] == "true" for r in rows) == 401
    xuanwu = next(r for r in rows if r["code"] == "320102")
    assert (xuanwu["unit_name"], xuanwu["via"]) == ("南京市", "prefecture")


def test_notice() -> None:
    code, out, _ = run("notice")
    assert code == 0
    assert "二、突出工作重点" in out
    assert "（一）加快完善“救急难”主要制度。" in out
    assert out.rstrip().endswith("2015年7月3日")
    code, out, _ = run("notice", "--hant")
    assert "（一）加快完善“救急難”主要制度。" in out


@pytest.mark.parametrize("command", ["units", "show", "match", "coverage", "notice", "export", "summary"])
def test_help_on_every_command(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert out.startswith("usage: jijinan " + command)


def test_unknown_command_and_option() -> None:
    code, _, err = run("frobnicate")
    assert code == 2
    assert "invalid choice" in err
    code, _, err = run("units", "--province", "火星")
    assert code == 2
    assert "no province-level division '火星'" in err


def test_main_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["units", "--level", "provincial", "--format", "csv"], out=out) == 0
    assert out.getvalue().splitlines()[1].startswith("1,110000,北京市")
