"""Spreadsheets: reading any sheet (python-calamine) and writing xlsx (openpyxl), both the xlsx extra.

A sheet is read whole; its line numbers are the sheet's row numbers. Output is written with
openpyxl in write-only mode, which streams rows.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from jijinan.files.base import Chunk, InputError, Table, require
from jijinan.files.sinks import EncodeError, Sink, match_cells

if TYPE_CHECKING:
    from jijinan.records import Match
    from jijinan.tables.schema import Column, Value

__all__ = ["XLSX_MAX_ROWS", "XlsxSink", "open_spreadsheet", "write_workbook"]

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
        data = head + raw.read()
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {exc.strerror or exc}") from None
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
            yield Chunk(out, start_line + at, multiline=False)

    return Table(name, columns, chunks(), kind="spreadsheet")


class XlsxSink(Sink):
    """An Excel workbook of one sheet, written with openpyxl in write-only mode."""

    def __init__(self, stream: BinaryIO, columns: Sequence[str], added: Sequence[str]) -> None:
        super().__init__(stream, columns, added)
        openpyxl = require("openpyxl", "openpyxl", "xlsx", "writing xlsx")
        self.book = openpyxl.Workbook(write_only=True)
        self.sheet = self.book.create_sheet("matched")
        self.sheet.freeze_panes = "A2"
        self.sheet.append([*self.columns, *self.added])

    def tail(self, match: Match) -> list[str | int | None]:
        return match_cells(match)

    def write(self, chunk: Chunk, tails: list[Any]) -> None:
        if self.rows + len(chunk.rows) >= XLSX_MAX_ROWS:
            line = chunk.line(XLSX_MAX_ROWS - 1 - self.rows)
            raise EncodeError(
                f"line {line}: an xlsx sheet holds at most {XLSX_MAX_ROWS:,} rows with its header; "
                "write CSV (--format csv) for a larger table"
            )
        append = self.sheet.append
        for i, (row, tail) in enumerate(zip(chunk.rows, tails, strict=True)):
            try:
                append(row + tail)
            except Exception as exc:  # openpyxl's IllegalCharacterError: control characters
                if type(exc).__name__ != "IllegalCharacterError":
                    raise
                raise EncodeError(
                    f"line {chunk.line(i)} holds a control character that an xlsx file cannot store; "
                    "write CSV (--format csv) instead"
                ) from None
        self.rows += len(chunk.rows)

    def close(self) -> None:
        self.book.save(self.stream)


def write_workbook(
    openpyxl: Any, path: Path | BinaryIO, tables: list[tuple[str, list[dict[str, Value]], tuple[Column, ...]]]
) -> None:
    book = openpyxl.Workbook(write_only=True)
    for name, records, columns in tables:
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        sheet.append([c.name for c in columns])
        for record in records:
            sheet.append([record[c.name] for c in columns])
    dictionary = book.create_sheet("columns")
    dictionary.append(["table", "column", "type", "nullable", "description", "categories"])
    for name, _records, columns in tables:
        for c in columns:
            dictionary.append([name, c.name, c.type, c.nullable, c.description, ", ".join(c.categories)])
    book.save(path)
