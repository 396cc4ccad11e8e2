"""Spreadsheets: reading any sheet (python-calamine) and writing xlsx (openpyxl), both the xlsx extra.

A sheet is read whole; its line numbers are the sheet's row numbers. Output is written with
openpyxl in write-only mode, which streams rows.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from jijinan.files.base import Chunk, InputError, Table, require
from jijinan.files.sheetcheck import MAX_SPREADSHEET, check_formulas, check_size
from jijinan.files.sinks import EncodeError, Sink, match_cells

if TYPE_CHECKING:
    from jijinan.records import Match
    from jijinan.tables.schema import Column, Value

__all__ = ["XLSX_MAX_CELL", "XLSX_MAX_ROWS", "XlsxSink", "open_spreadsheet", "write_workbook", "xlsx_row"]

XLSX_MAX_ROWS = 1_048_576
"""Rows in an Excel sheet, the header included."""


def _cell_text(value: object) -> str:
    """A spreadsheet cell as text: whole numbers without ``.0``, dates in ISO form."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def open_spreadsheet(
    name: str,
    head: bytes,
    raw: BinaryIO,
    *,
    sheet: str | None,
    header: bool,
    skip: int,
    rows: int,
) -> Table:
    calamine = require("python_calamine", "python-calamine", "xlsx", f"reading {name} (a spreadsheet)")
    try:
        data = head + raw.read(MAX_SPREADSHEET + 1 - len(head))
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {exc.strerror or exc}") from None
    archive = check_size(name, data)
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        del data
        names: list[str] = list(book.sheet_names)
        if sheet is None:
            index = 0
        elif sheet in names:
            index = names.index(sheet)
        elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
            index = int(sheet) - 1
        else:
            raise InputError(f"{name} has no sheet {sheet!r}; its sheets are: {', '.join(names)}")
        if not names:
            raise InputError(f"{name} has no sheets")
        if archive is not None:
            check_formulas(name, names[index], archive, index)
        cells = book.get_sheet_by_index(index).to_python(skip_empty_area=False)
    except InputError:
        raise
    except Exception as exc:  # calamine's own errors: a damaged or encrypted file
        raise InputError(f"{name} cannot be read as a spreadsheet: {exc}") from None
    # the sheet's used width: a column with nothing in it at all is formatting, not data
    width = 0
    for row in cells:
        for i in range(len(row) - 1, width - 1, -1):
            if row[i] != "" and row[i] is not None:
                width = i + 1
                break
    width = max(width, 1)
    body = cells[skip:]
    start_line = skip + 1
    if header:
        if not body:
            raise InputError(f"{name}: the sheet {names[index]!r} is empty")
        columns = [_cell_text(c) for c in body[0][:width]]
        if not any(c.strip() for c in columns):
            raise InputError(
                f"{name} row {start_line} is blank where the header should be: give --skip {start_line} to start "
                "after it, or --no-header if the sheet has no header"
            )
        body = body[1:]
        start_line += 1
    else:
        if not body:
            raise InputError(f"{name}: the sheet {names[index]!r} is empty")
        columns = [f"column{i}" for i in range(1, width + 1)]

    def chunks() -> Iterator[Chunk]:
        for at in range(0, len(body), rows):
            part = body[at : at + rows]
            out = [[c if type(c) is str else _cell_text(c) for c in row[:width]] for row in part]
            for row in out:
                if len(row) < width:
                    row.extend([""] * (width - len(row)))
            yield Chunk(out, start_line + at, multiline=False, values=part)

    return Table(name, columns, chunks(), kind="spreadsheet")


XLSX_MAX_CELL = 32_767
"""The most characters an xlsx cell holds (openpyxl would cut a longer text short without a word)."""
_XLSX_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XLSX_ESCAPED = re.compile("_(?=x[0-9A-Fa-f]{4}_)")


def _xlsx_text(value: str) -> str:
    """A text as an xlsx file stores it: XML turns a carriage return into a line feed, and a reader
    drops a text of spaces alone, so these are written as Excel writes them, ``_x000D_``; a text
    that holds such an escape itself has its underscore escaped (``_x005F_``)."""
    value = _XLSX_ESCAPED.sub("_x005F_", value)
    if not value.strip():
        return "".join(f"_x{ord(c):04X}_" for c in value)
    return value.replace("\r", "_x000D_")


def xlsx_row(sheet: Any, values: Sequence[Any], where: str, names: Sequence[str]) -> list[Any]:
    """``values`` ready for openpyxl's write-only ``sheet.append``: every text a text cell.

    openpyxl makes a text that starts with ``=`` a live formula and ``#N/A`` and the like an
    error value; such a text, and one that must be escaped (``_xlsx_text``), is handed over as
    a cell whose type is text. An empty text is an empty cell; a float that is a whole number
    is written as one (a code, a year).

    Raises:
        EncodeError: a text over 32,767 characters, or with a control character an xlsx file
            cannot hold (``where`` and the column's name say which).
    """
    row = list(values)
    for j, value in enumerate(row):
        kind = type(value)
        if kind is str:
            if not value:
                row[j] = None
                continue
            if len(value) > XLSX_MAX_CELL:
                raise EncodeError(
                    f"{where}, column {names[j]!r}: a cell of {len(value):,} characters, and an xlsx cell holds "
                    f"at most {XLSX_MAX_CELL:,}; write CSV (--format csv), which holds it whole"
                )
            if _XLSX_ILLEGAL.search(value):
                raise EncodeError(
                    f"{where}, column {names[j]!r} holds a control character that an xlsx file cannot store; "
                    "write CSV (--format csv) instead"
                )
            stored = _xlsx_text(value)
            if stored != value or value[0] == "=" or value in _XLSX_ERRORS:
                row[j] = _text_cell(sheet, stored)
        elif kind is float and value.is_integer() and abs(value) < 2**53:
            row[j] = int(value)
    return row


def _text_cell(sheet: Any, text: str) -> Any:
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

    cell = WriteOnlyCell(sheet)
    # set as it is: openpyxl's own setter would make it a formula or an error, or cut it at
    # 32,767 characters of its escaped form
    cell._value = text
    cell.data_type = "s"
    return cell


class XlsxSink(Sink):
    """An Excel workbook of one sheet, written with openpyxl in write-only mode.

    A spreadsheet's cells go out as they came in (numbers, dates, booleans: ``Chunk.values``);
    a text file's as text. No cell is ever a formula.
    """

    def __init__(self, stream: BinaryIO, columns: Sequence[str], added: Sequence[str]) -> None:
        super().__init__(stream, columns, added)
        openpyxl = require("openpyxl", "openpyxl", "xlsx", "writing xlsx")
        self.book = openpyxl.Workbook(write_only=True)
        self.sheet = self.book.create_sheet("matched")
        self.sheet.freeze_panes = "A2"
        self.names = [*self.columns, *self.added]
        self.sheet.append(xlsx_row(self.sheet, self.names, "the header", self.names))
        self.width = len(self.columns)

    def tail(self, match: Match) -> list[str | int | None]:
        return match_cells(match)

    def write(self, chunk: Chunk, tails: list[Any]) -> None:
        if self.rows + len(chunk.rows) >= XLSX_MAX_ROWS:
            line = chunk.line(XLSX_MAX_ROWS - 1 - self.rows)
            raise EncodeError(
                f"line {line}: an xlsx sheet holds at most {XLSX_MAX_ROWS:,} rows with its header; "
                "write CSV (--format csv) for a larger table"
            )
        try:
            self._write(chunk, tails)
        except BaseException:
            self._abandon()
            raise
        self.rows += len(chunk.rows)

    def _abandon(self) -> None:
        # openpyxl's row writer is a generator inside an open XML element: closed later, by the
        # garbage collector, it writes to a file already closed and prints a traceback
        rows = getattr(self.sheet, "_rows", None)
        if rows is not None:
            with contextlib.suppress(Exception):
                rows.close()

    def _write(self, chunk: Chunk, tails: list[Any]) -> None:
        append = self.sheet.append
        width = self.width
        typed = chunk.values
        for i, (row, tail) in enumerate(zip(chunk.rows, tails, strict=True)):
            if typed is not None:
                cells = typed[i][:width]
                if len(cells) < width:
                    cells = [*cells, *row[len(cells) :]]
            else:
                cells = row
            append(xlsx_row(self.sheet, [*cells, *tail], f"line {chunk.line(i)}", self.names))

    def close(self) -> None:
        self.book.save(self.stream)


def write_workbook(
    openpyxl: Any, path: Path | BinaryIO, tables: list[tuple[str, list[dict[str, Value]], tuple[Column, ...]]]
) -> None:
    """Tables as sheets of one workbook, and a sheet ``columns`` describing them (every text a text cell).

    Raises:
        EncodeError: a text an xlsx cell cannot hold (``xlsx_row``).
    """
    book = openpyxl.Workbook(write_only=True)
    for name, records, columns in tables:
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        names = [c.name for c in columns]
        sheet.append(xlsx_row(sheet, names, f"{name}: the header", names))
        for line, record in enumerate(records, 2):
            sheet.append(xlsx_row(sheet, [record[c.name] for c in columns], f"{name} row {line}", names))
    dictionary = book.create_sheet("columns")
    names = ["table", "column", "type", "nullable", "description", "categories"]
    dictionary.append(names)
    for name, _records, columns in tables:
        for c in columns:
            values = [name, c.name, c.type, c.nullable, c.description, ", ".join(c.categories)]
            dictionary.append(xlsx_row(dictionary, values, "columns", names))
    book.save(path)
