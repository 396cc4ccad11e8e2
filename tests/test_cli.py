"""The command line: real queries, formats, exit codes and one-line messages, run as a user would."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cli_helpers import SCRIPT, err, one_line_error, rows, run
from jijinan import __version__
from jijinan.cli import EXIT_DATA, EXIT_INTERRUPTED, EXIT_NOT_FOUND, EXIT_OUTPUT, EXIT_USAGE, display_width, main


def text(result: subprocess.CompletedProcess[bytes]) -> str:
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")


def test_summary_is_the_default() -> None:
    out = text(run())
    assert out.startswith("民办函〔2015〕244号")
    assert out.rstrip().splitlines()[-1].split() == ["all", "1", "11", "288", "300"]


def test_the_installed_script() -> None:
    result = subprocess.run([str(SCRIPT), "show", "410621"], capture_output=True, check=False)
    assert result.returncode == 0
    assert "河南省鹤壁市浚县" in result.stdout.decode("utf-8")


def test_version() -> None:
    assert text(run("--version")).strip() == f"jijinan {__version__}"


def test_units_table_aligns_cjk() -> None:
    lines = text(run("units", "--province", "陕西")).rstrip("\n").splitlines()
    assert len(lines) == 2 + 12
    starts = {
        display_width(line[: line.index(word)])
        for line in lines[2:]
        for word in ("prefectural", "county ")
        if word in line
    }
    assert len(starts) == 1


def test_units_csv_and_json() -> None:
    found = rows(run("units", "--level", "prefectural", "--format", "csv").stdout)
    assert [r["name"] for r in found][:4] == ["南京市", "苏州市", "盐城市", "扬州市"]
    assert found[0]["code"] == "320100"
    banners = json.loads(text(run("units", "--kind", "banner", "--format", "json")))
    assert [r["name"] for r in banners] == ["阿鲁科尔沁旗", "翁牛特旗", "苏尼特右旗"]


def test_units_json_has_lists_not_joined_strings() -> None:
    import jijinan

    units = {u["code"]: u for u in json.loads(text(run("units", "--format", "json")))}
    zhabei = units["310108"]
    assert zhabei["successor_codes"] == ["310106"]
    assert zhabei["successor_relations"] == ["whole"]
    assert units["410621"]["notes"] == list(jijinan.units.get("410621").notes)
    assert all(isinstance(u["notes"], list) for u in units.values())
    assert all(isinstance(u["successor_names"], list) for u in units.values())
    split = next(u for u in units.values() if len(u["successor_codes"]) > 1)  # a unit split in two or more
    assert len(split["successor_names"]) == len(split["successor_relations"]) == len(split["successor_codes"])


def test_units_group() -> None:
    out = text(run("units", "--group", "新疆生产建设兵团", "--format", "csv"))
    assert [r["name"] for r in rows(out.encode())] == ["石河子市"]
    message = one_line_error(run("units", "--group", "火星兵团"), EXIT_USAGE)
    assert "no group '火星兵团'" in message


def test_show() -> None:
    out = text(run("show", "浚縣"))
    assert "410621" in out
    assert "河南省鹤壁市浚县" in out
    assert "two question marks and the letter h" in out
    assert "310106 静安区: whole, 国函〔2015〕183号 (2015-10-13)" in text(run("show", "闸北区"))


def test_show_errors() -> None:
    result = run("show", "城区")
    assert "山西省大同市城区 (140202)" in one_line_error(result, EXIT_NOT_FOUND)
    assert result.stdout == b""
    assert one_line_error(run("show", "邢台桥中"), EXIT_NOT_FOUND).endswith(
        "closest: 河北省邢台市桥东区, 河北省邢台市宁晋县"
    )


def test_show_a_division_that_is_no_pilot_unit() -> None:
    # 滑县 is a real county, not in the pilot: say so, and point to match
    message = one_line_error(run("show", "滑县"), EXIT_NOT_FOUND)
    assert "'滑县' is not a pilot unit" in message
    assert "河南省安阳市滑县 (410526" in message
    assert "jijinan match" in message
    # a district inside a prefecture-level unit: covered, and the unit to show
    message = one_line_error(run("show", "南京市玄武区"), EXIT_NOT_FOUND)
    assert "is not a pilot unit" in message
    assert "jijinan show 320100" in message
    # a renamed unit: the unit's own code
    assert "jijinan show 130729" in one_line_error(run("show", "万全区"), EXIT_NOT_FOUND)


def test_the_same_suggestion_is_never_listed_twice() -> None:
    message = one_line_error(run("units", "--province", "陕西x"), EXIT_USAGE)
    closest = message.split("closest: ", 1)[1].split(", ")
    assert closest == ["陕西省"]


def test_coverage_csv() -> None:
    found = rows(run("coverage", "--format", "csv").stdout)
    assert len(found) == 2853
    assert sum(r["covered"] == "true" for r in found) == 401
    xuanwu = next(r for r in found if r["code"] == "320102")
    assert (xuanwu["unit_name"], xuanwu["via"]) == ("南京市", "prefecture")


def test_notice() -> None:
    out = text(run("notice"))
    assert "二、突出工作重点" in out
    assert "（一）加快完善“救急难”主要制度。" in out
    assert out.rstrip().endswith("2015年7月3日")
    assert "（一）加快完善“救急難”主要制度。" in text(run("notice", "--hant"))


@pytest.mark.parametrize("command", ["units", "show", "match", "coverage", "notice", "export", "summary"])
def test_help_on_every_command(command: str) -> None:
    assert text(run(command, "--help")).startswith("usage: jijinan " + command)


def test_help_lists_the_exit_codes() -> None:
    out = text(run("--help"))
    for status in ("0 done", "1 not found", "2 bad usage", "3 jijinan's data", "4 the output", "130 interrupted"):
        assert status in " ".join(out.split())


def test_unknown_command_and_option() -> None:
    result = run("frobnicate")
    assert result.returncode == EXIT_USAGE
    assert "invalid choice" in err(result)
    assert "no province-level division '火星'" in one_line_error(run("units", "--province", "火星"), EXIT_USAGE)


def test_ascii_terminal_gets_a_message_not_a_codec_error() -> None:
    result = run("show", "浚县", env={"PYTHONIOENCODING": "ascii"})
    message = one_line_error(result, EXIT_OUTPUT)
    assert "PYTHONIOENCODING=utf-8" in message
    assert "UnicodeEncodeError" not in message
    assert "PYTHONIOENCODING=utf-8" in one_line_error(run("match", "--help", env={"PYTHONIOENCODING": "ascii"}), 4)
    # data formats are UTF-8 whatever the terminal's encoding
    data = run("units", "--level", "provincial", "--format", "csv", env={"PYTHONIOENCODING": "ascii"})
    assert data.returncode == 0
    assert rows(data.stdout)[0]["name"] == "北京市"


def test_full_disk_on_standard_output() -> None:
    for args in (("coverage", "--format", "csv"), ("show", "浚县"), ("summary",)):
        with open("/dev/full", "wb") as full:
            result = run(*args, stdout=full)
        message = one_line_error(result, EXIT_OUTPUT)
        assert "No space left on device" in message


def test_closed_standard_output(tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    source.write_text("county\n" + "浚县\n" * 100_000, encoding="utf-8")  # some 15 MB of output
    process = subprocess.Popen(
        [sys.executable, "-m", "jijinan", "match", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith(b"county,status,")
    process.stdout.close()  # like `| head -1`
    _, stderr = process.communicate(timeout=60)
    result = subprocess.CompletedProcess(process.args, process.returncode, b"", stderr)
    assert "standard output was closed" in one_line_error(result, EXIT_OUTPUT)


def test_ctrl_c_is_exit_130_and_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    process = subprocess.Popen(
        [sys.executable, "-m", "jijinan", "match", "-", "--column", "county", "-o", str(target)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert process.stdin is not None
    process.stdin.write(b"id,county\n" + b"".join(f"{i},浚县\n".encode() for i in range(30_000)))
    process.stdin.flush()
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.csv.*.part")):  # reading has begun: the output is open
        assert time.monotonic() < deadline
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        time.sleep(0.05)
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    result = subprocess.CompletedProcess(process.args, process.returncode, b"", stderr)
    assert one_line_error(result, EXIT_INTERRUPTED) == "jijinan: interrupted"
    assert list(tmp_path.iterdir()) == []


def test_damaged_data_has_its_own_exit_code(tmp_path: Path) -> None:
    import jijinan

    copy = tmp_path / "site" / "jijinan"
    shutil.copytree(Path(jijinan.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "data" / "units.json").open("ab") as handle:
        handle.write(b" ")
    result = run("show", "浚县", env={"PYTHONPATH": str(tmp_path / "site")})
    message = one_line_error(result, EXIT_DATA)
    assert "reinstall jijinan" in message
    assert EXIT_DATA not in (EXIT_NOT_FOUND, EXIT_USAGE)


def test_main_in_process(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["units", "--level", "provincial", "--format", "csv"], out=out) == 0
    assert out.getvalue().splitlines()[1].startswith("1,110000,北京市")
    source = tmp_path / "a.csv"
    source.write_text("county\n浚县\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["match", str(source), "--bom"], out=out) == 0
    assert rows(out.getvalue().encode())[0]["unit_code"] == "410621"
