"""Nothing a user gave is lost or changed on the way out, and nothing read is unbounded (issue 18).

Each test writes real files and runs the installed command (or ``main`` in-process for the
property tests): cells with line breaks, quotes and tabs come back as they went in, through
every format ``match`` writes; an output that is the input is refused; xlsx cells stay data
and keep their types; a file that would make jijinan read without end is refused at a limit.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import jijinan
from cli_helpers import one_line_error, run
from jijinan.cli import EXIT_DATA, EXIT_OUTPUT, EXIT_USAGE, main
from jijinan.tables.schema import MATCH_COLUMNS

ADDED = [c.name for c in MATCH_COLUMNS]

PEAK = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
sys.stderr.buffer.write(result.stderr)
print(result.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def ok(result: subprocess.CompletedProcess[bytes]) -> bytes:
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    return result.stdout


def jijinan_rows(path: Path, **options: str) -> list[list[str]]:
    """The cells of a table file as jijinan itself reads them (its own reader, as ``match`` uses it)."""
    from jijinan.files.reading import open_table

    with open_table(str(path), **options) as table:  # type: ignore[arg-type]
        return [table.columns, *(row for chunk in table.chunks() for row in chunk.rows)]


# -- 1. every cell round-trips -------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_a_bare_cr_inside_a_cell_round_trips(tmp_path: Path, fmt: str, delimiter: str) -> None:
    source = tmp_path / "cr.csv"
    source.write_bytes('id,note,county\n1,"line one\rline two",浚县\n2,"a\r\nb",滑县\n'.encode())
    out = tmp_path / f"out.{fmt}"
    ok(run("match", source, "--column", "county", "-o", out))
    back = jijinan_rows(out)
    assert [r[:3] for r in back[1:]] == [["1", "line one\rline two", "浚县"], ["2", "a\r\nb", "滑县"]]
    assert all(len(r) == len(back[0]) == 13 for r in back)
    frame = pd.read_csv(out, sep=delimiter, dtype=str, keep_default_na=False)
    assert list(frame["note"]) == ["line one\rline two", "a\r\nb"]
    assert list(frame["status"]) == ["pilot", "not_pilot"]


def test_the_table_writers_of_units_coverage_and_panel_quote_a_cr() -> None:
    from jijinan.files.csvfile import write_csv
    from jijinan.tables.schema import UNIT_COLUMNS

    record = {c.name: None for c in UNIT_COLUMNS}
    record["seq"] = 1
    record["full_name"] = "a\rb"
    text = io.StringIO()
    write_csv(text, [record], UNIT_COLUMNS)
    back = list(csv.reader(io.StringIO(text.getvalue(), newline="")))
    assert len(back) == 2
    assert back[1][[c.name for c in UNIT_COLUMNS].index("full_name")] == "a\rb"


_SPECIAL = st.sampled_from(["\r", "\n", "\r\n", '"', "\t", ",", ";", "|", " ", "=", "\x1e", "\ufeff", "#N/A"])
_CELL = st.one_of(
    st.lists(st.one_of(_SPECIAL, st.text(max_size=5)), max_size=8).map("".join),
    st.integers().map(str),
    st.floats(allow_nan=False).map(repr),
    st.tuples(st.text(alphabet='浚县滑城区,\r\n"\t =', min_size=1, max_size=6), st.integers(1000, 6000)).map(
        lambda t: t[0] * t[1]
    ),
)


_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _read_back(path: Path, fmt: str) -> list[list[str]]:
    """The input's cells of ``path`` in ``fmt``, read back by pandas (and by jijinan for text)."""
    if fmt in ("csv", "tsv"):
        frame = pd.read_csv(path, sep="," if fmt == "csv" else "\t", dtype=str, keep_default_na=False)
        ours = jijinan_rows(path)
        assert ours[1:] == frame.values.tolist()
    elif fmt == "json":
        frame = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
    elif fmt == "jsonl":
        frame = pd.read_json(path, lines=True, dtype=str)
    else:
        frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="calamine")
        ours = jijinan_rows(path)
        assert ours[1:] == [["" if c is None else c for c in row] for row in frame.values.tolist()]
    return [[str(c) for c in row[:2]] for row in frame.values.tolist()]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=6))
@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "xlsx"])
def test_random_cells_round_trip_through_every_output_format(
    tmp_path: Path, fmt: str, cells: list[tuple[str, str]]
) -> None:
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(["note", "county"])
        writer.writerows(cells)
    out = tmp_path / f"out.{fmt}"
    out.unlink(missing_ok=True)
    status = main(["match", str(source), "--column", "county", "--format", fmt, "-o", str(out), "-q"])
    if fmt == "xlsx" and any(_NOT_IN_XLSX.search(c) or len(c) > 32_767 for row in cells for c in row):
        assert status == EXIT_USAGE  # a cell xlsx cannot hold is an error naming its line, never cut short
        assert not out.exists()
        return
    assert status == 0
    assert _read_back(out, fmt) == [list(row) for row in cells]


_CONTROL = st.sampled_from(["\x00", "\x01", "\x1f", "\x7f", "\r", "\n", "\t", '"'])


@settings(max_examples=40, deadline=None)
@given(cells=st.lists(st.lists(st.one_of(_CONTROL, st.text(max_size=4)), max_size=6).map("".join), min_size=1))
def test_control_characters_in_cells_round_trip_through_the_csv_and_tsv_writers(cells: list[str]) -> None:
    # NUL and the other control characters: whatever the reader makes of them, the writer never
    # lets one cell become two, or a row become two rows
    from jijinan.files.base import Chunk
    from jijinan.files.formats import make_sink

    for delimiter, fmt in ((",", "csv"), ("\t", "tsv")):
        stream = io.BytesIO()
        sink = make_sink(fmt, stream, ["a", "b"], ADDED)
        tail = sink.tail(jijinan.units.match("浚县"))
        sink.write(Chunk([[c, "x"] for c in cells], 2), [tail for _ in cells])
        sink.close()
        back = list(csv.reader(io.StringIO(stream.getvalue().decode("utf-8"), newline=""), delimiter=delimiter))
        assert [r[:3] for r in back] == [["a", "b", "status"], *([c, "x", "pilot"] for c in cells)]
        assert {len(r) for r in back} == {2 + len(ADDED)}


# -- 2. the output is never the input ------------------------------------------------------


def _input(tmp_path: Path) -> Path:
    source = tmp_path / "in.csv"
    source.write_bytes("标题\nid,county\n1,浚县\n".encode("gbk"))
    return source


@pytest.mark.parametrize("how", ["same", "relative", "hardlink", "symlink"])
def test_an_output_that_is_the_input_is_refused(tmp_path: Path, how: str) -> None:
    source = _input(tmp_path)
    before = source.read_bytes()
    target: Path | str = source
    if how == "relative":
        target = "./in.csv"
    elif how == "hardlink":
        target = tmp_path / "hard.csv"
        os.link(source, target)
    elif how == "symlink":
        target = tmp_path / "link.csv"
        target.symlink_to(source)
    args = ["match", "in.csv", "--encoding", "gbk", "--skip", "1", "--column", "county", "-o", str(target)]
    message = one_line_error(run(*args, cwd=tmp_path), EXIT_USAGE)
    assert "is the input" in message
    assert source.read_bytes() == before


def test_an_xlsx_input_is_not_overwritten(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["county"])
    book.active.append(["浚县"])
    book.create_sheet("other").append(["keep me"])
    source = tmp_path / "book.xlsx"
    book.save(source)
    before = source.read_bytes()
    one_line_error(run("match", source, "--column", "county", "-o", source), EXIT_USAGE)
    assert source.read_bytes() == before


def test_standard_input_or_output_that_is_the_input_file_is_refused(tmp_path: Path) -> None:
    source = _input(tmp_path)
    before = source.read_bytes()
    with source.open("rb") as stdin:
        result = run("match", "-", "--encoding", "gbk", "--skip", "1", "--column", "county", "-o", source, stdin=None)
        result = subprocess.run(
            [sys.executable, "-m", "jijinan", "match", "-", "--encoding", "gbk", "--skip", "1", "--column", "county",
             "-o", str(source)],
            stdin=stdin, capture_output=True, check=False, timeout=60,
        )  # fmt: skip
    assert result.returncode == EXIT_USAGE, result.stderr.decode()
    assert source.read_bytes() == before
    with source.open("ab") as stdout:  # >> in.csv: it would read its own output without end
        result = subprocess.run(
            [sys.executable, "-m", "jijinan", "match", str(source), "--encoding", "gbk", "--skip", "1", "--column",
             "county"],
            stdout=stdout, stderr=subprocess.PIPE, check=False, timeout=60,
        )  # fmt: skip
    assert result.returncode == EXIT_USAGE, result.stderr.decode()
    assert source.read_bytes() == before


# -- 3, 4, 5, 6. xlsx: data, never formulas; long cells; formulas without values; types ----


INJECTIONS = ['=HYPERLINK("http://example.com","x")', "=cmd|' /C calc'!A0", "=1+1", "#N/A", "#DIV/0!"]


def test_xlsx_output_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["note", "county"])
        writer.writerows([text, "浚县"] for text in INJECTIONS)
    out = tmp_path / "out.xlsx"
    ok(run("match", source, "--column", "county", "-o", out))
    sheet = openpyxl.load_workbook(out).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == INJECTIONS
    assert {c.data_type for c in cells} == {"s"}


def test_a_text_cell_of_an_xlsx_input_stays_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["note", "county"])
    sheet.append(["x", "浚县"])
    sheet["A2"].value = "=1+1"
    sheet["A2"].data_type = "s"  # the text "=1+1", not a formula
    source = tmp_path / "in.xlsx"
    book.save(source)
    out = tmp_path / "out.xlsx"
    ok(run("match", source, "--column", "county", "-o", out))
    cell = openpyxl.load_workbook(out).active["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_the_xlsx_rows_of_panel_and_export_write_strings_as_strings(tmp_path: Path) -> None:
    # panel -o x.xlsx and export --format xlsx write their rows through the same function
    from jijinan.files.xlsx import xlsx_row

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("t")
    names = ["a", "b", "c", "d", "e", "f"]
    sheet.append(xlsx_row(sheet, ["=1+1", 3, None, True, "#N/A", 2016.0], "row 2", names))
    book.save(tmp_path / "t.xlsx")
    cells = next(openpyxl.load_workbook(tmp_path / "t.xlsx").active.iter_rows())
    assert [(c.value, c.data_type) for c in cells] == [
        ("=1+1", "s"), (3, "n"), (None, "n"), (True, "b"), ("#N/A", "s"), (2016, "n")
    ]  # fmt: skip


def test_an_xlsx_cell_over_32767_characters_is_an_error_naming_line_and_column(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"note,county\nshort,浚县\n{'长' * 32_768},滑县\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    message = one_line_error(run("match", source, "--column", "county", "-o", out), EXIT_USAGE)
    assert "line 3" in message
    assert "note" in message
    assert "32,767" in message
    assert not out.exists()
    ok(run("match", source, "--column", "county", "-o", tmp_path / "out.csv"))  # CSV holds it whole


def test_a_formula_without_a_saved_value_is_not_read_as_empty(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["n", "county"])
    sheet.append(["=1+1", "浚县"])  # openpyxl saves the formula and no value
    source = tmp_path / "formula.xlsx"
    book.save(source)
    message = one_line_error(run("match", source, "--column", "county"), EXIT_USAGE)
    assert "A2" in message
    assert "formula" in message


def test_an_xlsx_round_trip_keeps_each_cells_type(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "县名", "年份", "低保人数", "比例", "日期", "试点"])
    sheet.append([1, "浚县", 2016, 18611, 0.25, datetime.date(2016, 1, 2), True])
    sheet.append([2, "滑县", 2016, 40213, 1.5, datetime.datetime(2016, 3, 4, 5, 6), False])
    source = tmp_path / "types.xlsx"
    book.save(source)
    out = tmp_path / "out.xlsx"
    ok(run("match", source, "--column", "县名", "-o", out))
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=2, max_col=7, values_only=True))
    assert rows == [
        (1, "浚县", 2016, 18611, 0.25, datetime.datetime(2016, 1, 2), True),
        (2, "滑县", 2016, 40213, 1.5, datetime.datetime(2016, 3, 4, 5, 6), False),
    ]
    # the text used for matching and for CSV output is as before
    text = ok(run("match", source, "--column", "县名")).decode()
    assert text.splitlines()[1].startswith("1,浚县,2016,18611,0.25,2016-01-02,TRUE,pilot")


# -- 7. a BOM is kept -----------------------------------------------------------------------


def test_the_inputs_bom_is_kept_in_csv_output(tmp_path: Path) -> None:
    source = tmp_path / "excel.csv"
    source.write_bytes(codecs.BOM_UTF8 + "county\n浚县\n".encode())
    assert ok(run("match", source)).startswith(codecs.BOM_UTF8 + b"county,status")
    ok(run("match", source, "-o", tmp_path / "out.tsv"))
    assert (tmp_path / "out.tsv").read_bytes().startswith(codecs.BOM_UTF8 + b"county\tstatus")
    plain = tmp_path / "plain.csv"
    plain.write_bytes("county\n浚县\n".encode())
    assert ok(run("match", plain)).startswith(b"county,status")
    assert ok(run("match", source, "--output-encoding", "gb18030")).startswith(b"county,status")


# -- 10. bounded reading --------------------------------------------------------------------


def test_a_fifo_with_a_bad_byte_after_the_sample_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    body = b"id,county\n" + b"".join(b"%d,\xe6\xb5\x9a\xe5\x8e\xbf\n" % i for i in range(20_000)) + b"9,\xff\n"

    def feed() -> None:
        with open(fifo, "wb") as handle:
            handle.write(body)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = subprocess.run(
        [sys.executable, "-m", "jijinan", "match", str(fifo), "--column", "county", "-o", str(tmp_path / "out.csv")],
        capture_output=True,
        check=False,
        timeout=60,  # it hung for ever, waiting to open the FIFO again
    )
    writer.join(5)
    message = one_line_error(result, EXIT_USAGE)
    assert "is not utf-8" in message
    assert "line 20002 (byte 248,902: ff)" in message


def test_dev_zero_stops_at_the_field_limit(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PEAK, sys.executable, "-m", "jijinan", "match", "/dev/zero"],
        capture_output=True,
        check=False,
        timeout=150,
    )
    status, peak_kib = map(int, result.stdout.split())
    text = result.stderr.decode()
    assert status == EXIT_USAGE, text
    assert "Traceback" not in text
    assert "8,388,608" in text
    assert peak_kib < 400 * 1024, peak_kib


def _zip_bomb(path: Path, sheet_bytes: int) -> None:
    """A real xlsx whose one sheet unpacks to ``sheet_bytes`` (padding a valid sheet with spaces)."""
    book = openpyxl.Workbook()
    book.active.append(["county"])
    book.active.append(["浚县"])
    plain = io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as small, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as big:
        for info in small.infolist():
            data = small.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                big.writestr(info.filename, data)
                continue
            at = data.index(b"<sheetData>")
            with big.open(info.filename, "w", force_zip64=True) as handle:
                handle.write(data[:at])
                block = b" " * (1 << 24)
                for _ in range(sheet_bytes // len(block)):
                    handle.write(block)
                handle.write(data[at:])


def test_an_xlsx_that_unpacks_past_the_limit_is_refused_before_unpacking(tmp_path: Path) -> None:
    source = tmp_path / "bomb.xlsx"
    _zip_bomb(source, 1_200_000_000)
    assert source.stat().st_size < 20_000_000
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", PEAK, sys.executable, "-m", "jijinan", "match", str(source)],
        capture_output=True,
        check=False,
        timeout=150,
    )
    status, peak_kib = map(int, result.stdout.split())
    text = result.stderr.decode()
    assert status == EXIT_USAGE, text
    assert "1,073,741,824" in text
    assert peak_kib < 300 * 1024, peak_kib
    assert time.monotonic() - started < 20


# -- 12. outputs: closed, wrong names, links, signals, export's staging, B2SUMS --------------


@pytest.mark.parametrize("command", [["panel"], ["coverage"], ["units"], ["notice"], ["coverage", "--format", "csv"]])
def test_a_closed_output_pipe_is_exit_4(command: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # like | head -1 that has already gone
    try:
        result = subprocess.run(
            [sys.executable, "-m", "jijinan", *command],
            stdout=write,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            check=False,
            timeout=120,
        )
    finally:
        os.close(write)
    assert result.returncode == EXIT_OUTPUT, result.stderr.decode()
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize("command", ["panel", "coverage", "coverage --format csv"])
def test_a_long_output_into_head_is_exit_4(command: str, unbuffered: str) -> None:
    # with PYTHONUNBUFFERED standard output is a raw stream: a write cut short by head's exit
    # was taken as done, and the run said 0
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered, "PYTHONIOENCODING": "utf-8"}
    shell = f"{sys.executable} -m jijinan {command} | head -1 > /dev/null; echo ${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, check=False, timeout=120, env=env)
    assert result.stdout.strip() == b"4", result.stderr.decode()


@pytest.mark.parametrize("suffix", [".dta", ".parquet", ".xls", ".ods", ".xlsm", ".csv.gz", ".feather"])
def test_match_refuses_an_output_name_of_a_format_it_does_not_write(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text("county\n浚县\n", encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    message = one_line_error(run("match", source, "-o", out), EXIT_USAGE)
    assert "csv, tsv, json, jsonl, xlsx" in message
    assert not out.exists()


@pytest.mark.parametrize("command", [["match", "in.csv"], ["panel", "--from", "2015", "--to", "2015"]])
def test_an_output_through_a_symbolic_link_is_refused(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "in.csv").write_text("county\n浚县\n", encoding="utf-8")
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "elsewhere" / "made.csv")
    (tmp_path / "elsewhere").mkdir()
    message = one_line_error(run(*command, "-o", dangling, cwd=tmp_path), EXIT_USAGE)
    assert "symbolic link" in message
    assert not (tmp_path / "elsewhere" / "made.csv").exists()
    kept = tmp_path / "kept.csv"
    kept.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(kept)
    one_line_error(run(*command, "-o", link, cwd=tmp_path), EXIT_USAGE)
    assert kept.read_text(encoding="utf-8") == "mine\n"
    assert link.is_symlink()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_output_leaves_no_part_file(tmp_path: Path, signum: int) -> None:
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    out = tmp_path / "out.csv"
    # The signal at its default in the child, whatever this process inherited: run under nohup
    # (SIGHUP ignored, and so for every child), jijinan rightly leaves an ignored signal ignored.
    process = subprocess.Popen(
        [sys.executable, "-m", "jijinan", "match", str(fifo), "--column", "county", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signum, signal.SIG_DFL),  # noqa: PLW1509  (no threads here)
    )
    with open(fifo, "wb") as feed:
        feed.write(b"id,county\n" + b"1,\xe6\xb5\x9a\xe5\x8e\xbf\n" * 50_000)
        feed.flush()
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".out.csv.*.part")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(tmp_path.glob(".out.csv.*.part"))
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, stderr.decode()
    assert b"Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_export_stages_inside_an_existing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A mount point, or a writable folder in a read-only one: only the folder itself can be written.
    import tempfile

    from jijinan.files.export import export

    target = tmp_path / "mounted"
    target.mkdir()
    made: list[str] = []
    real = tempfile.mkdtemp

    def spy(*args: object, **kwargs: object) -> str:
        made.append(str(kwargs.get("dir")))
        return real(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkdtemp", spy)
    export(target)
    assert made == [str(target)]
    assert sorted(p.name for p in target.iterdir()) == ["coverage.csv", "datapackage.json", "notice.json", "units.csv"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_export_into_a_writable_folder_of_a_read_only_one(tmp_path: Path) -> None:
    target = tmp_path / "ro" / "mine"
    target.mkdir(parents=True)
    (tmp_path / "ro").chmod(0o555)
    try:
        ok(run("export", target))
    finally:
        (tmp_path / "ro").chmod(0o755)
    assert (target / "units.csv").exists()


def test_b2sums_that_is_not_text_is_a_data_integrity_error(tmp_path: Path) -> None:
    package = tmp_path / "site" / "jijinan"
    shutil.copytree(Path(jijinan.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "data" / "B2SUMS").write_bytes(b"\xff\xfe\x00garbage\x80\n")
    env = {**os.environ, "PYTHONPATH": str(package.parent), "PYTHONIOENCODING": "utf-8"}
    code = "import jijinan; jijinan.units.get('浚县')"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert "jijinan.errors.DataIntegrityError" in result.stderr, result.stderr
    assert "B2SUMS" in result.stderr
    cli = subprocess.run(
        [sys.executable, "-m", "jijinan", "show", "浚县"], env=env, capture_output=True, check=False, timeout=60
    )
    message = one_line_error(cli, EXIT_DATA)
    assert "B2SUMS" in message


@given(
    st.lists(
        st.lists(
            st.text(alphabet=st.sampled_from(list('ab浚县 ,;\t"\r\n\x00\x1e=#')), max_size=6), min_size=3, max_size=3
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([",", "\t", ";"]),
)
def test_the_plain_path_writes_what_the_csv_writer_writes(rows: list[list[str]], delimiter: str) -> None:
    # Joining cells is the fast path of match's CSV output; it must give exactly csv.writer's line
    # whenever it takes a chunk, and give way (None) for any cell the writer would quote.
    from jijinan.files.csvfile import csv_lines, plain_lines

    plain = plain_lines(rows, delimiter)
    if plain is not None:
        assert "".join(line + "\n" for line in plain) == csv_lines(rows, delimiter)
    if any(delimiter in c or '"' in c or "\r" in c or "\n" in c for row in rows for c in row):
        assert plain is None


def test_the_plain_path_takes_ordinary_rows_and_gives_way_to_odd_ones() -> None:
    from jijinan.files.csvfile import plain_lines

    assert plain_lines([["1", "浚县", ""], ["2", "", "x y"]], ",") == ["1,浚县,", "2,,x y"]
    assert plain_lines([["1", "a,b"]], ",") is None  # a delimiter inside a cell
    assert plain_lines([["1", 'say "hi"']], ",") is None
    assert plain_lines([["1", "line\rtwo"]], ",") is None
    assert plain_lines([[""]], ",") is None  # one empty cell: csv.writer writes ""
