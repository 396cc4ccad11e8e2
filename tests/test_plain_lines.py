"""Plain lines read as lines give exactly what the csv module gives: rows, line numbers, errors, output.

`jijinan match` reads a text file's plain lines (no quote, no NUL, one kind of line end) a block
at a time, cuts the name column out of the lines and writes each line as it came, with its
tail, as bytes. Every test here reads the same bytes both ways, `open_table(plain=True)` (the
fast way) and `plain=False` (every row through the csv module, as before), and requires the
same answer: the same rows on the same lines, the same error message, the same output bytes
and the same counts by status. Hypothesis writes the files: real county names (namesakes and
renamed units among them), cells with delimiters, quotes, CR, LF and NUL, blank lines, rows
of other widths, CRLF and LF endings, mixed, with and without a last line end.
"""

from __future__ import annotations

import collections
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jijinan
from jijinan.files.base import InputError
from jijinan.files.formats import make_sink
from jijinan.files.hints import Hints
from jijinan.files.reading import open_table
from jijinan.files.sinks import EncodeError
from jijinan.files.stream import match_table
from jijinan.tables import schema

NAMES = [*sorted({r.name for r in jijinan.coverage()})[:400], "朝阳区", "鼓楼区", "浚县", "滑县", "xunxian", "襄樊市"]
YEARS = ["2005", "2010", "2015", "2015-07", "2020", "2024", "", "2015.0"]
ODD = [",", '"', "\r", "\n", "\r\n", "\x00", " ", "\t", ";", "a,b", 'say "hi"', "\u2028", "\x85", "😀"]


def _read(path: Path, plain: bool, **options: Any) -> Any:
    """Every row with the line it starts on, or the error's message."""
    try:
        with open_table(str(path), plain=plain, **options) as table:
            rows = [row for chunk in table.chunks() for row in _lines_of(chunk)]
            return table.columns, rows
    except InputError as exc:
        return f"InputError: {exc}"


def _lines_of(chunk: Any) -> list[tuple[int, list[str]]]:
    """Each row of ``chunk`` with the line it starts on (``Chunk.line`` of each, in one pass)."""
    out, line = [], chunk.first_line
    for row in chunk.rows:
        out.append((line, row))
        line += 1 + sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in row) * chunk.multiline
    for i in {0, len(out) // 2, len(out) - 1} if out else ():
        assert chunk.line(i) == out[i][0]
    return out


def _match(path: Path, plain: bool, column: str, fmt: str = "csv", year: str | None = None, **options: Any) -> Any:
    """The output bytes of matching ``column`` and the rows by status, or the error's message."""
    buffer = io.BytesIO()
    counts: collections.Counter[str] = collections.Counter()
    out = options.pop("out", "utf-8")
    try:
        with open_table(str(path), plain=plain, **options) as table:
            added = schema.added_column_names(table.columns, schema.MATCH_COLUMNS, "m_")
            sink = make_sink(fmt, buffer, table.columns, added, encoding=out)
            where = table.columns.index
            hints = Hints(year_column=where(year)) if year is not None else Hints()
            rows = match_table(table, sink, where(column), hints, counts=counts)
            sink.close()
    except (InputError, EncodeError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return buffer.getvalue(), dict(counts), rows


def _both(path: Path, function: Any, *args: Any, **options: Any) -> Any:
    fast = function(path, True, *args, **options)
    careful = function(path, False, *args, **options)
    assert fast == careful
    return fast


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


cells = st.one_of(st.sampled_from(NAMES), st.sampled_from(YEARS), st.sampled_from(ODD), st.text(max_size=6))


@st.composite
def tables(draw: st.DrawFn) -> bytes:
    width = draw(st.integers(1, 4))
    header = ["county", "year", "x", "y"][:width]
    lines = [",".join(header)]
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(["row"] * 8 + ["blank", "short", "long", "quoted"]))
        row = [draw(cells) for _ in range(width)]
        if kind == "blank":
            lines.append(draw(st.sampled_from(["", " ", "  \t"])))
        elif kind == "short":
            lines.append(",".join(row[:-1]))
        elif kind == "long":
            lines.append(",".join([*row, draw(cells)]))
        elif kind == "quoted":
            lines.append(",".join('"' + c.replace('"', '""') + '"' for c in row))
        else:
            lines.append(",".join(row))
    end = draw(st.sampled_from(["\n", "\r\n", "mixed", "\r"]))
    if end == "mixed":
        text = "".join(line + draw(st.sampled_from(["\n", "\r\n"])) for line in lines)
    else:
        text = end.join(lines) + (end if draw(st.booleans()) else "")
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    return text.encode(encoding, errors="replace") if encoding != "utf-16" else text.encode("utf-16")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=tables(),
    rows=st.integers(1, 12),
    pad=st.booleans(),
    skip=st.integers(0, 2),
    header=st.booleans(),
    delimiter=st.sampled_from([None, ",", ";"]),
)
def test_random_tables_read_the_same_both_ways(
    tmp_path: Path, *, data: bytes, rows: int, pad: bool, skip: int, header: bool, delimiter: str | None
) -> None:
    path = _write(tmp_path / "t.csv", data)
    _both(path, _read, chunk_rows=rows, pad=pad, skip=skip, header=header, delimiter=delimiter)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=tables(), rows=st.integers(1, 12), fmt=st.sampled_from(["csv", "tsv", "jsonl"]), per_row=st.booleans())
def test_random_tables_match_to_the_same_bytes_both_ways(
    tmp_path: Path, data: bytes, rows: int, fmt: str, per_row: bool
) -> None:
    path = _write(tmp_path / "t.csv", data)
    try:
        with open_table(str(path), delimiter=",") as table:
            columns = table.columns
    except InputError:
        return
    year = "year" if per_row and "year" in columns else None
    _both(path, _match, columns[0], fmt, year, chunk_rows=rows, delimiter=",")


def _counties(rows: int, end: str = "\n", year: bool = True) -> str:
    names = [r.name for r in jijinan.coverage()]
    header = "id,county,year" if year else "id,county"
    body = [f"{i},{names[(i * 7919) % len(names)]}" + (f",{2005 + (i * 31) % 20}" if year else "") for i in range(rows)]
    return end.join([header, *body]) + end


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_county_list_matches_to_the_same_bytes_and_counts(tmp_path: Path, end: str) -> None:
    path = _write(tmp_path / "c.csv", _counties(30_000, end).encode("utf-8"))
    output, counts, rows = _both(path, _match, "county")
    assert rows == 30_000
    assert sum(counts.values()) == 30_000
    assert output.count(b"\n") == 30_001
    # per-row years: the name and the year side by side are one key, cut out of each line
    yearly, year_counts, _ = _both(path, _match, "county", year="year")
    assert sum(year_counts.values()) == 30_000
    assert yearly != output


def test_the_fast_way_turns_careful_at_the_first_block_that_is_not_plain(tmp_path: Path) -> None:
    # 40,000 plain lines (several blocks), then a quoted cell holding a line break, then plain again
    text = _counties(40_000) + '99,"朝阳区\n(北京)",2020\n' + _counties(5)[len("id,county,year\n") :]
    path = _write(tmp_path / "c.csv", text.encode("utf-8"))
    _columns, rows = _both(path, _read)
    assert rows[40_000] == (40_002, ["99", "朝阳区\n(北京)", "2020"])
    assert rows[40_001][0] == 40_004  # the quoted line break counts as a line
    _both(path, _match, "county", year="year")


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        ("1,浚县\n", "line 20003 has 2 fields where the header has 3"),
        ("1,浚县,2015,x\n", "line 20003 has 4 fields where the header has 3"),
        ("1,浚县,20x5\n", "line 20003: the year column 'year' holds '20x5', not a year"),
        ('1,"浚县,2015\n', "line 20003: a quoted field starts here and is never closed"),
    ],
)
def test_errors_name_the_same_line_both_ways(tmp_path: Path, tail: str, message: str) -> None:
    path = _write(tmp_path / "c.csv", (_counties(20_001) + tail).encode("utf-8"))
    found = _both(path, _match, "county", year="year")
    assert isinstance(found, str)
    assert message in found


def test_bytes_not_in_the_encoding_are_placed_on_their_line(tmp_path: Path) -> None:
    data = _counties(30_000).encode("utf-8") + "7,浚县,2015\n".encode("gb18030")
    found = _both(_write(tmp_path / "c.csv", data), _match, "county")
    assert isinstance(found, str)
    assert "line 30002" in found
    assert "gb18030" in found


def test_a_character_the_output_encoding_lacks_is_named_on_its_line(tmp_path: Path) -> None:
    text = _counties(12_000) + "7,浚县😀,2015\n"
    found = _both(_write(tmp_path / "c.csv", text.encode("utf-8")), _match, "county", out="gbk")
    assert isinstance(found, str)
    assert "line 12002" in found
    assert "gbk" in found


def test_padding_and_blank_lines_read_the_same_both_ways(tmp_path: Path) -> None:
    text = _counties(15_000) + "\n1,浚县\n\n2,滑县,2016,,\n" + _counties(3)[len("id,county,year\n") :]
    path = _write(tmp_path / "c.csv", text.encode("utf-8"))
    _, rows = _both(path, _read, pad=True)
    assert rows[15_000] == (15_002, ["", "", ""])
    assert rows[15_001] == (15_003, ["1", "浚县", ""])
    assert rows[15_003] == (15_005, ["2", "滑县", "2016"])
    assert isinstance(_both(path, _read), str)  # without --pad, the short row is an error


def test_other_delimiters_and_one_column_files_match_the_same_both_ways(tmp_path: Path) -> None:
    names = [r.name for r in jijinan.coverage()][:3000]
    tsv = _write(tmp_path / "c.tsv", ("county\tn\n" + "".join(f"{n}\t{i}\n" for i, n in enumerate(names))).encode())
    _both(tsv, _match, "county", "csv")  # tab in, comma out: the lines are written cell by cell
    _both(tsv, _match, "county", "tsv")
    single = _write(tmp_path / "one.csv", ("county\n" + "\n".join(names) + "\n\n \n浚县").encode())
    _both(single, _match, "county")


def test_tails_rendered_together_are_those_rendered_one_by_one() -> None:
    from jijinan.tables.flat import match_records, match_texts

    names = ["浚县", "朝阳区", "襄樊市", "xunxian", "北京", "巴音郭楞", "农垦", 'a"b', "c,d", "", "鼓楼区"]
    found = jijinan.units.match_many(names * 2, as_of=[2015] * len(names) + [2020] * len(names))
    assert match_texts(found) == [["" if v is None else str(v) for v in r.values()] for r in match_records(found)]
    sink = make_sink("csv", io.BytesIO(), ["county"], ["m_" + c.name for c in schema.MATCH_COLUMNS])
    assert sink.tails(found) == [sink.tails([m])[0] for m in found]
    assert any(t[1][-1] and "," in t[0] for t in sink.tails(found))  # a reason with a comma is quoted
