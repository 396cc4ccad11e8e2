"""jijinan match on the files people have: every row out, nothing shifted, a clear line when a file is wrong.

Each test writes a real file (or pipes real bytes) and runs the installed command on it.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cli_helpers import one_line_error, raw_rows, rows, run
from jijinan.cli import EXIT_OUTPUT, EXIT_USAGE
from jijinan.tables.schema import MATCH_COLUMNS

ADDED = [c.name for c in MATCH_COLUMNS]


def ok(result: subprocess.CompletedProcess[bytes]) -> bytes:
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    return result.stdout


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- rows of the wrong width --------------------------------------------------------------


def test_a_short_row_is_an_error_naming_its_line(tmp_path: Path) -> None:
    source = write(tmp_path / "short.csv", "id,county,year\n1,浚县,2016\n2,滑县\n")
    result = run("match", source, "--column", "county")
    message = one_line_error(result, EXIT_USAGE)
    assert "line 3 has 2 fields where the header has 3" in message
    assert "--pad" in message
    assert result.stdout == b""  # nothing shifted was written


def test_pad_fills_a_short_row_so_nothing_shifts(tmp_path: Path) -> None:
    source = write(tmp_path / "short.csv", "id,county,year\n1,浚县,2016\n2,滑县\n")
    found = rows(ok(run("match", source, "--column", "county", "--pad")))
    assert [r["year"] for r in found] == ["2016", ""]  # not "not_pilot"
    assert [r["status"] for r in found] == ["pilot", "not_pilot"]


def test_a_long_row_is_an_error_even_with_pad(tmp_path: Path) -> None:
    source = write(tmp_path / "long.csv", "id,county\n1,浚县\n2,滑县,extra\n")
    assert "line 3 has 3 fields where the header has 2" in one_line_error(run("match", source, "--column", "2"), 2)
    assert "only empty fields" in one_line_error(run("match", source, "--column", "2", "--pad"), 2)


def test_pad_drops_empty_fields_past_the_last_column(tmp_path: Path) -> None:
    source = write(tmp_path / "trailing.csv", "id,county\n1,浚县,,\n2,滑县\n")
    assert one_line_error(run("match", source, "--column", "county"), EXIT_USAGE)
    found = raw_rows(ok(run("match", source, "--column", "county", "--pad")))
    assert [r[:3] for r in found[1:]] == [["1", "浚县", "pilot"], ["2", "滑县", "not_pilot"]]


def test_the_line_number_counts_lines_inside_quoted_fields(tmp_path: Path) -> None:
    source = write(tmp_path / "multi.csv", 'id,note,county\n1,"two\nlines",浚县\n2,x\n')
    assert "line 4 has 2 fields" in one_line_error(run("match", source, "--column", "county"), EXIT_USAGE)


# -- one row out per row in ------------------------------------------------------------------


def test_blank_lines_are_rows(tmp_path: Path) -> None:
    source = write(tmp_path / "blank.csv", "county,year\n浚县,2016\n\n滑县,2017\n   \n\n")
    found = rows(ok(run("match", source, "--column", "county")))
    assert [(r["county"], r["status"]) for r in found] == [
        ("浚县", "pilot"),
        ("", "unknown"),
        ("滑县", "not_pilot"),
        ("", "unknown"),
        ("", "unknown"),
    ]


def test_line_separators_inside_a_field_do_not_split_the_row(tmp_path: Path) -> None:
    source = write(tmp_path / "separators.csv", "county,note\n浚县,a\u2028b\n滑县,c\x85d\x0be\x0cf\u2029g\n")
    found = rows(ok(run("match", source, "--column", "county")))
    assert [r["note"] for r in found] == ["a\u2028b", "c\x85d\x0be\x0cf\u2029g"]
    assert [r["status"] for r in found] == ["pilot", "not_pilot"]


def test_an_unclosed_quote_is_an_error_naming_its_line(tmp_path: Path) -> None:
    source = write(tmp_path / "unclosed.csv", 'id,county\n1,浚县\n2,"滑县\n3,鼓楼区\n4,万全区\n')
    result = run("match", source, "--column", "county")
    message = one_line_error(result, EXIT_USAGE)
    assert "line 3" in message
    assert "never closed" in message
    # and a quote closed too early, so that text follows it
    source = write(tmp_path / "stray.csv", 'id,county\n1,"浚县"县\n')
    assert "line 2" in one_line_error(run("match", source, "--column", "county"), EXIT_USAGE)


def test_every_row_comes_out_once_in_order(tmp_path: Path) -> None:
    names = ["浚县", "", "滑县", "万全区", "鼓楼区", "  ", "xunxian", "河北省邢台市桥东区", "火星", "410621"]
    lines = [f"{i},{names[i % len(names)]}" for i in range(5_000)]
    lines[7] = ""  # a blank line
    source = write(tmp_path / "many.csv", "id,county\n" + "\n".join(lines) + "\n")
    found = rows(ok(run("match", source, "--column", "county")))
    assert len(found) == 5_000
    assert [r["id"] for r in found] == [line.split(",")[0] for line in lines]
    assert found[7]["status"] == "unknown"


# -- what used to be tracebacks -----------------------------------------------------------------


def test_old_mac_line_endings(tmp_path: Path) -> None:
    source = tmp_path / "cr.csv"
    source.write_bytes("county,year\r浚县,2016\r滑县,2017\r".encode())
    found = rows(ok(run("match", source, "--column", "county")))
    assert [(r["county"], r["year"], r["status"]) for r in found] == [
        ("浚县", "2016", "pilot"),
        ("滑县", "2017", "not_pilot"),
    ]


def test_a_blank_first_line(tmp_path: Path) -> None:
    source = write(tmp_path / "blankfirst.csv", "\ncounty,year\n浚县,2016\n")
    message = one_line_error(run("match", source), EXIT_USAGE)
    assert "line 1 is blank where the header should be" in message
    assert "--skip 1" in message
    found = rows(ok(run("match", source, "--skip", "1", "--column", "county")))
    assert [r["status"] for r in found] == ["pilot"]


def test_a_title_row_above_the_header(tmp_path: Path) -> None:
    source = write(tmp_path / "title.csv", "2016年各县名单,,\n序号,县名,备注\n1,浚县,\n")
    found = rows(ok(run("match", source, "--skip", "1", "--column", "县名")))
    assert [(r["序号"], r["status"]) for r in found] == [("1", "pilot")]


def test_a_field_over_131072_characters(tmp_path: Path) -> None:
    long = "注" * 200_000
    source = write(tmp_path / "long.csv", f"county,note\n浚县,{long}\n滑县,短\n")
    found = rows(ok(run("match", source, "--column", "county")))
    assert found[0]["note"] == long
    assert [r["status"] for r in found] == ["pilot", "not_pilot"]


def test_a_field_too_long_to_be_true(tmp_path: Path) -> None:
    source = tmp_path / "runaway.csv"
    source.write_text('county,note\n浚县,"' + "x" * (9 * 1024 * 1024) + "\n", encoding="utf-8")
    message = one_line_error(run("match", source, "--column", "county"), EXIT_USAGE)
    assert "line 2" in message
    assert "8,388,608 characters" in message


def test_output_to_a_full_disk(tmp_path: Path) -> None:
    source = write(tmp_path / "a.csv", "county\n" + "浚县\n" * 20_000)
    message = one_line_error(run("match", source, "-o", "/dev/full"), EXIT_OUTPUT)
    assert message == "jijinan: cannot write /dev/full: No space left on device"
    with open("/dev/full", "wb") as full:
        result = run("match", source, stdout=full)
    assert one_line_error(result, EXIT_OUTPUT) == "jijinan: cannot write standard output: No space left on device"


def test_a_failed_run_leaves_the_old_output_file_alone(tmp_path: Path) -> None:
    target = write(tmp_path / "out.csv", "precious\n")
    source = write(tmp_path / "bad.csv", "county,year\n浚县,2016\n" + "滑县,2017\n" * 30_000 + "x\n1,2,3\n")
    one_line_error(run("match", source, "--column", "county", "-o", target), EXIT_USAGE)
    assert target.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "out.csv"]  # no temporary file left
    good = write(tmp_path / "good.csv", "county\n浚县\n")
    ok(run("match", good, "-o", target))
    assert rows(target.read_bytes())[0]["status"] == "pilot"


# -- which column ---------------------------------------------------------------------------


def test_several_columns_need_column(tmp_path: Path) -> None:
    source = write(tmp_path / "ids.csv", "id,county\n1,浚县\n")
    message = one_line_error(run("match", source), EXIT_USAGE)
    assert "--column" in message
    assert "its columns are: id, county" in message


def test_one_column_is_chosen(tmp_path: Path) -> None:
    source = write(tmp_path / "one.csv", "county\n浚县\n滑县\n")
    assert [r["status"] for r in rows(ok(run("match", source)))] == ["pilot", "not_pilot"]


def test_column_by_position_and_loosely_by_name(tmp_path: Path) -> None:
    source = write(tmp_path / "ids.csv", "id, County \n1,浚县\n")
    assert rows(ok(run("match", source, "--column", "2")))[0]["status"] == "pilot"
    assert rows(ok(run("match", source, "--column", "county")))[0]["status"] == "pilot"
    message = one_line_error(run("match", source, "--column", "名称"), EXIT_USAGE)
    assert "no column '名称'" in message
    assert "' County '" in message


def test_a_column_name_used_twice(tmp_path: Path) -> None:
    source = write(tmp_path / "twice.csv", "county,county\n浚县,滑县\n")
    assert "give the position" in one_line_error(run("match", source, "--column", "county"), EXIT_USAGE)
    found = raw_rows(ok(run("match", source, "--column", "2")))
    assert found[1][:3] == ["浚县", "滑县", "not_pilot"]


def test_no_header(tmp_path: Path) -> None:
    source = write(tmp_path / "names.txt", "浚县\n滑县\n\n万全区\n")
    result = run("match", source)
    assert "--no-header" in result.stderr.decode()  # the header is a place name: a warning
    found = rows(ok(run("match", source, "--no-header")))
    assert [(r["column1"], r["status"]) for r in found] == [
        ("浚县", "pilot"),
        ("滑县", "not_pilot"),
        ("", "unknown"),
        ("万全区", "pilot"),
    ]
    table = write(tmp_path / "table.csv", "1,浚县\n2,滑县\n")
    found = rows(ok(run("match", table, "--no-header", "--column", "2")))
    assert [(r["column1"], r["column2"], r["status"]) for r in found] == [
        ("1", "浚县", "pilot"),
        ("2", "滑县", "not_pilot"),
    ]


def test_added_columns_never_replace_input_columns(tmp_path: Path) -> None:
    source = write(tmp_path / "status.csv", "county,status\n浚县,mine\n")
    header = raw_rows(ok(run("match", source, "--column", "county")))[0]
    assert header == ["county", "status", "jijinan_status", *ADDED[1:]]
    both = write(tmp_path / "both.csv", "county,status,jijinan_status\n浚县,a,b\n")
    message = one_line_error(run("match", both, "--column", "county"), EXIT_USAGE)
    assert "'jijinan_status'" in message
    assert "--prefix" in message
    found = raw_rows(ok(run("match", both, "--column", "county", "--prefix", "jjn_")))
    assert found[0] == ["county", "status", "jijinan_status", *(f"jjn_{c}" for c in ADDED)]
    assert found[1][:4] == ["浚县", "a", "b", "pilot"]
    assert len(found[0]) == len(set(found[0]))


# -- encodings --------------------------------------------------------------------------------

GOVERNMENT = "序号,县名,年份\r\n1,浚县,2016\r\n2,滑县,2017\r\n"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_without_encoding_names_it(tmp_path: Path, encoding: str) -> None:
    source = write(tmp_path / "gbk.csv", GOVERNMENT, encoding)
    message = one_line_error(run("match", source, "--column", "县名"), EXIT_USAGE)
    assert "is not UTF-8" in message
    assert "--encoding gb18030" in message


@pytest.mark.parametrize("given", ["gbk", "gb18030", "GB2312"])
def test_gbk_with_encoding(tmp_path: Path, given: str) -> None:
    source = write(tmp_path / "gbk.csv", GOVERNMENT, "gbk")
    found = rows(ok(run("match", source, "--column", "县名", "--encoding", given)))
    assert [(r["县名"], r["status"]) for r in found] == [("浚县", "pilot"), ("滑县", "not_pilot")]


def test_gbk_after_a_long_ascii_start_names_the_line(tmp_path: Path) -> None:
    ascii_rows = "".join(f"{i},x,2016\r\n" for i in range(10_000))  # past the sample
    source = write(tmp_path / "late.csv", "id,county,year\r\n" + ascii_rows + "10001,浚县,2016\r\n", "gbk")
    message = one_line_error(run("match", source, "--column", "county"), EXIT_USAGE)
    assert "line 10002" in message
    assert "gb18030" in message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32"])
def test_byte_order_marks(tmp_path: Path, encoding: str) -> None:
    text = "县名\t年份\r\n浚县\t2016\r\n万全区\t2020\r\n"
    if encoding.endswith("-bom"):
        codec = encoding[: -len("-bom")]
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + text.encode(codec)
    else:
        data = text.encode(encoding)
    source = tmp_path / "excel-unicode.txt"  # what Excel's "Unicode text" saves
    source.write_bytes(data)
    found = rows(ok(run("match", source, "--column", "县名")), "utf-8-sig")  # a UTF-8 mark in is one out
    assert [(r["县名"], r["年份"], r["status"]) for r in found] == [
        ("浚县", "2016", "pilot"),
        ("万全区", "2020", "pilot"),
    ]


@pytest.mark.parametrize("header", ["县名", "county"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_named(tmp_path: Path, codec: str, header: str) -> None:
    source = tmp_path / "nobom.txt"
    source.write_bytes(f"{header}\r\n浚县\r\n".encode(codec))
    assert f"--encoding {codec}" in one_line_error(run("match", source), EXIT_USAGE)
    assert rows(ok(run("match", source, "--encoding", codec)))[0]["status"] == "pilot"


def test_an_unknown_encoding(tmp_path: Path) -> None:
    source = write(tmp_path / "a.csv", "county\n浚县\n")
    assert "not an encoding" in one_line_error(run("match", source, "--encoding", "klingon"), EXIT_USAGE)


# -- delimiters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("tabs.txt", "id\tcounty\tnote\n1\t浚县\ta, b\n2\t滑县\tc\n"),
        ("tabs.tsv", "id\tcounty\tnote\n1\t浚县\ta, b\n2\t滑县\tc\n"),
        ("semicolons.csv", "id;county;note\n1;浚县;a, b\n2;滑县;c\n"),
        ("pipes.csv", "id|county|note\n1|浚县|a, b\n2|滑县|c\n"),
        ("quoted.csv", 'id,county,note\n1,浚县,"a, b"\n2,滑县,c\n'),
    ],
)
def test_delimiters_are_sniffed(tmp_path: Path, name: str, text: str) -> None:
    source = write(tmp_path / name, text)
    found = rows(ok(run("match", source, "--column", "county")))
    assert [(r["id"], r["note"], r["status"]) for r in found] == [("1", "a, b", "pilot"), ("2", "c", "not_pilot")]


def test_delimiter_given(tmp_path: Path) -> None:
    source = write(tmp_path / "odd.csv", "id;county,x\n1;浚县,y\n")
    found = rows(ok(run("match", source, "--column", "county,x", "--delimiter", "semicolon")))
    assert found[0]["county,x"] == "浚县,y"
    found = rows(ok(run("match", source, "--column", "x", "--delimiter", ",")))
    assert (found[0]["id;county"], found[0]["x"]) == ("1;浚县", "y")
    assert "one character" in one_line_error(run("match", source, "--delimiter", "::"), EXIT_USAGE)


# -- standard input and output, output formats and encodings ---------------------------------------


def test_stdin_and_stdout(tmp_path: Path) -> None:
    found = rows(ok(run("match", "-", "--column", "县名", "--encoding", "gbk", stdin=GOVERNMENT.encode("gbk"))))
    assert [r["status"] for r in found] == ["pilot", "not_pilot"]
    found = rows(ok(run("match", "-", "--column", "县名", "-o", "-", stdin=GOVERNMENT.encode("utf-16"))))
    assert [r["status"] for r in found] == ["pilot", "not_pilot"]


def test_bom_for_excel(tmp_path: Path) -> None:
    source = write(tmp_path / "a.csv", "county\n浚县\n")
    data = ok(run("match", source, "--bom"))
    assert data.startswith(codecs.BOM_UTF8 + b"county,status,")
    assert ok(run("match", source)).startswith(b"county,")


def test_output_encoding_for_old_excel(tmp_path: Path) -> None:
    source = write(tmp_path / "a.csv", "county\n浚县\n")
    data = ok(run("match", source, "--output-encoding", "gb18030", "-o", tmp_path / "out.csv"))
    assert data == b""
    assert rows((tmp_path / "out.csv").read_bytes(), "gb18030")[0]["unit_name"] == "河南省鹤壁市浚县"
    # a character GBK lacks: the line is named, nothing is written
    odd = write(tmp_path / "odd.csv", "county,note\n浚县,ok\n滑县,\U0001f600\n")
    message = one_line_error(run("match", odd, "--column", "county", "--output-encoding", "gbk"), EXIT_USAGE)
    assert "line 3" in message
    assert "U+1F600" in message
    assert "--bom is for UTF-8" in one_line_error(run("match", source, "--bom", "--output-encoding", "gbk"), 2)


def test_tsv_output(tmp_path: Path) -> None:
    source = write(tmp_path / "a.csv", "county\n鼓楼区\n")
    found = rows(ok(run("match", source, "-o", "-", "--format", "tsv")), delimiter="\t")
    assert found[0]["status"] == "ambiguous"
    (tmp_path / "out.tsv").unlink(missing_ok=True)
    ok(run("match", source, "-o", tmp_path / "out.tsv"))
    assert rows((tmp_path / "out.tsv").read_bytes(), delimiter="\t")[0]["status"] == "ambiguous"


def test_unit_code_name_and_candidates(tmp_path: Path) -> None:
    source = write(tmp_path / "a.csv", "county\n万全区\n鼓楼区\n")
    wanquan, gulou = rows(ok(run("match", source)))
    assert (wanquan["code"], wanquan["unit_code"], wanquan["unit_name"]) == ("130708", "130729", "河北省张家口市万全县")
    assert wanquan["unit_seq"] == "12"
    assert gulou["candidates"].split("; ")[0] == "江苏省南京市鼓楼区 (320106, 2015-07)"
    assert len(gulou["candidates"].split("; ")) == 4


def test_json_and_jsonl(tmp_path: Path) -> None:
    source = write(tmp_path / "a.csv", "id,county\n1,万全区\n2,鼓楼区\n\n")
    records = json.loads(ok(run("match", source, "--column", "county", "--format", "json")))
    assert [r["id"] for r in records] == ["1", "2", ""]
    wanquan, gulou, blank = records
    assert wanquan["unit_seq"] == 12
    assert wanquan["unit_code"] == "130729"
    assert wanquan["candidates"] == []
    assert gulou["candidates"][0] == {
        "code": "320106",
        "name": "鼓楼区",
        "full_name": "江苏省南京市鼓楼区",
        "period": "2015-07",
    }
    assert blank["status"] == "unknown"
    assert blank["code"] is None
    lines = ok(run("match", source, "--column", "county", "-o", "-", "--format", "jsonl")).decode().splitlines()
    assert [json.loads(line) for line in lines] == records
    empty = write(tmp_path / "empty.csv", "county\n")
    assert json.loads(ok(run("match", empty, "--format", "json"))) == []
    twice = write(tmp_path / "twice.csv", "a,a\n浚县,x\n")
    assert "distinct names" in one_line_error(run("match", twice, "--column", "1", "--format", "json"), EXIT_USAGE)


def test_json_by_suffix(tmp_path: Path) -> None:
    source = write(tmp_path / "a.csv", "county\n浚县\n")
    ok(run("match", source, "-o", tmp_path / "out.json"))
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))[0]["status"] == "pilot"
    ok(run("match", source, "-o", tmp_path / "out.jsonl"))
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["status"] == "pilot"


# -- hints per row ----------------------------------------------------------------------------------


def test_per_row_hint_columns(tmp_path: Path) -> None:
    source = write(
        tmp_path / "panel.csv",
        "county,province,city,year\n朝阳区,北京,,2016\n朝阳区,吉林,,2016\n鼓楼区,,南京市,2016\n鼓楼区,,,\n静安区,上海,,2020\n"
        "静安区,上海,,\n",
    )
    args = ["--column", "county", "--province-column", "province", "--prefecture-column", "city"]
    found = rows(ok(run("match", source, *args, "--year-column", "year")))
    assert [r["status"] for r in found] == ["covered", "not_pilot", "covered", "ambiguous", "partial", "not_pilot"]
    assert [r["period"] for r in found] == ["2016", "2016", "2016", "", "2020", "2015-07"]
    # the same as one hint for every row
    single = rows(ok(run("match", source, "--column", "county", "--province", "北京")))
    assert single[0]["status"] == "covered"


def test_a_bad_hint_in_a_row_names_its_line(tmp_path: Path) -> None:
    source = write(tmp_path / "panel.csv", "county,province,year\n朝阳区,北京,2016\n朝阳区,火星,2016\n")
    message = one_line_error(run("match", source, "--column", "county", "--province-column", "province"), 2)
    assert "line 3" in message
    assert "火星" in message
    years = write(tmp_path / "years.csv", "county,year\n浚县,2016\n浚县,二〇一六\n浚县,2012\n")
    message = one_line_error(run("match", years, "--column", "county", "--year-column", "year"), EXIT_USAGE)
    assert "line 3: the year column 'year' holds '二〇一六', not a year" in message
    early = write(tmp_path / "early.csv", "county,year\n浚县,2016\n浚县,1999\n")
    message = one_line_error(run("match", early, "--column", "county", "--year-column", "year"), EXIT_USAGE)
    assert "line 3" in message
    assert "2000 to 2024" in message


def test_a_bad_hint_for_every_row_is_reported_before_reading(tmp_path: Path) -> None:
    source = write(tmp_path / "a.csv", "county\n浚县\n")
    assert "火星" in one_line_error(run("match", source, "--province", "火星"), EXIT_USAGE)
    assert "2000 to 2024" in one_line_error(run("match", source, "--as-of", "1999"), EXIT_USAGE)
    assert "--province-column" in one_line_error(run("match", source, "--province-column", "p"), EXIT_USAGE)
    result = run("match", source, "--province", "河南", "--province-column", "county")
    assert result.returncode == EXIT_USAGE
    assert "not allowed with" in result.stderr.decode()


# -- missing files ------------------------------------------------------------------------------


def test_missing_empty_and_folder(tmp_path: Path) -> None:
    assert "no such file" in one_line_error(run("match", tmp_path / "missing.csv"), EXIT_USAGE)
    assert "is empty" in one_line_error(run("match", write(tmp_path / "empty.csv", "")), EXIT_USAGE)
    assert "is a folder" in one_line_error(run("match", tmp_path), EXIT_USAGE)
    source = write(tmp_path / "a.csv", "county\n浚县\n")
    assert "is a folder" in one_line_error(run("match", source, "-o", tmp_path), EXIT_OUTPUT)


# -- spreadsheets ---------------------------------------------------------------------------------


def _workbook(path: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "说明"
    sheet.append(["this sheet is notes"])
    data = book.create_sheet("名单")
    data.append(["序号", "县名", "代码", "年份", "日期"])
    data.append([1, "浚县", 410621, 2016, datetime.date(2016, 1, 2)])
    data.append([2, "滑县", None, 2017.0, None])
    data.append([])  # a blank row in the middle
    data.append([4, "万全区", "", 2020, None])
    book.save(path)
    return path


def test_xlsx_in(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "名单.xlsx")
    found = rows(ok(run("match", source, "--sheet", "名单", "--column", "县名", "--year-column", "年份")))
    assert [(r["序号"], r["代码"], r["年份"], r["日期"], r["status"]) for r in found] == [
        ("1", "410621", "2016", "2016-01-02", "pilot"),
        ("2", "", "2017", "", "not_pilot"),
        ("", "", "", "", "unknown"),
        ("4", "", "2020", "", "pilot"),
    ]
    assert rows(ok(run("match", source, "--sheet", "2", "--column", "代码")))[0]["status"] == "pilot"
    message = one_line_error(run("match", source, "--sheet", "Sheet9"), EXIT_USAGE)
    assert "its sheets are: 说明, 名单" in message
    assert "applies to text files" in one_line_error(run("match", source, "--encoding", "gbk"), EXIT_USAGE)
    # from standard input: told by its bytes
    found = rows(ok(run("match", "-", "--sheet", "名单", "--column", "县名", stdin=source.read_bytes())))
    assert len(found) == 4


def test_xlsx_out(tmp_path: Path) -> None:
    calamine = pytest.importorskip("python_calamine")
    source = write(tmp_path / "a.csv", "id,county\n007,万全区\n\n008,鼓楼区\n")
    target = tmp_path / "out.xlsx"
    assert ok(run("match", source, "--column", "county", "-o", target)) == b""
    sheet = calamine.CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python()
    assert sheet[0] == ["id", "county", *ADDED]
    assert sheet[1][:4] == ["007", "万全区", "pilot", "130708"]  # text stays text: 007, codes
    assert sheet[1][2 + ADDED.index("unit_code")] == "130729"
    assert sheet[1][2 + ADDED.index("unit_seq")] == 12
    assert sheet[2][:3] == ["", "", "unknown"]
    assert sheet[3][2] == "ambiguous"
    assert len(sheet) == 4
    # and back in again, by its suffix
    again = rows(ok(run("match", target, "--column", "county", "--prefix", "again_")))
    assert [r["again_status"] for r in again] == ["pilot", "unknown", "ambiguous"]


def test_xlsx_without_the_extra_names_it(tmp_path: Path) -> None:
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    for module in ("python_calamine", "openpyxl"):
        (stubs / f"{module}.py").write_text("raise ImportError('not installed (a test stub)')\n")
    env = {"PYTHONPATH": str(stubs)}
    source = tmp_path / "in.xlsx"
    source.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    message = one_line_error(run("match", source, env=env), EXIT_USAGE)
    assert 'python-calamine, which is not installed: pip install "jijinan[xlsx]"' in message
    csv_source = write(tmp_path / "a.csv", "county\n浚县\n")
    message = one_line_error(run("match", csv_source, "-o", tmp_path / "out.xlsx", env=env), EXIT_USAGE)
    assert 'pip install "jijinan[xlsx]"' in message
    assert not (tmp_path / "out.xlsx").exists()
    assert ok(run("match", csv_source, env=env))  # CSV needs no extra


def test_a_damaged_spreadsheet(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    source = tmp_path / "broken.xlsx"
    source.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert "cannot be read as a spreadsheet" in one_line_error(run("match", source), EXIT_USAGE)
