"""Opening the tables people have: ``open_table`` tells a spreadsheet from delimited text and opens it.

The command line's ``match`` reads its input through ``open_table``: a path or standard
input; a spreadsheet (.xlsx, .xlsm, .xlsb, .xls, .ods, or a zip/OLE file) goes to
``jijinan.files.xlsx``, anything else to ``jijinan.files.text``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

from jijinan.files.base import CHUNK_ROWS, SAMPLE, InputError, Table
from jijinan.files.delimiters import parse_delimiter
from jijinan.files.output import file_identity
from jijinan.files.text import open_text
from jijinan.files.xlsx import open_spreadsheet

__all__ = ["open_table"]

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
TAB_SUFFIXES = frozenset({".tsv", ".tab"})
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_table(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header: bool = True,
    skip: int = 0,
    sheet: str | None = None,
    pad: bool = False,
    chunk_rows: int = CHUNK_ROWS,
    plain: bool = True,
) -> Table:
    """Open a table file (``-``: standard input) and read its header.

    Args:
        source: a path, or ``-`` for ``stdin``.
        stdin: the binary stream ``-`` stands for (default: ``sys.stdin.buffer``).
        encoding: the text encoding; by default a byte-order mark's, else UTF-8.
        delimiter: one character; by default a tab for .tsv/.tab, else sniffed.
        header: whether the first row (after ``skip``) names the columns.
        skip: how many rows come before the header (a title, say); they are not data.
        sheet: a spreadsheet's sheet, by name or position from 1 (default: the first).
        pad: fill short rows with empty cells and drop empty cells past the last column,
            instead of calling a row of the wrong width an error.
        chunk_rows: how many rows a chunk holds.
        plain: read a text file's plain lines as lines (see ``Chunk``: the same rows, read
            faster); ``False`` reads every row with the csv module.

    Raises:
        InputError: the file is missing, unreadable, empty, not in the encoding, or its header
            or first rows cannot be read; an option does not apply to the kind of file.
        MissingExtraError: a spreadsheet, and python-calamine is not installed.
    """
    if source == "-":
        name = "standard input"
        raw: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
        suffix = ""
        size = None
        close = None
    else:
        name = source
        path = Path(source)
        suffix = path.suffix.lower()
        try:
            raw = open(path, "rb", buffering=0)  # noqa: SIM115  (closed by the Table)
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{name} is a folder, not a file") from None
        except OSError as exc:
            raise InputError(f"{name} cannot be read: {exc.strerror or exc}") from None
        try:
            stat = os.fstat(raw.fileno())
            size = stat.st_size if os.path.isfile(path) else None
        except OSError:
            size = None
        close = raw.close
    try:
        head = _read_head(raw, name)
        spreadsheet = suffix in SPREADSHEET_SUFFIXES or head.startswith((_ZIP, _OLE))
        if spreadsheet:
            for option, value in (("--encoding", encoding), ("--delimiter", delimiter)):
                if value is not None:
                    raise InputError(f"{name} is a spreadsheet: {option} applies to text files only")
            # a sheet's rows are all as wide as the sheet: nothing to pad
            table = open_spreadsheet(name, head, raw, sheet=sheet, header=header, skip=skip, rows=chunk_rows)
        else:
            if sheet is not None:
                raise InputError(f"{name} is a text file: --sheet applies to spreadsheets only")
            chosen: str | None = None
            if delimiter is not None:
                chosen = parse_delimiter(delimiter)
            elif suffix in TAB_SUFFIXES:
                chosen = "\t"
            table = open_text(
                name,
                head,
                raw,
                encoding=encoding,
                delimiter=chosen,
                header=header,
                skip=skip,
                pad=pad,
                rows=chunk_rows,
                path=None if source == "-" else Path(source),
                plain=plain,
            )
    except BaseException:
        if close is not None:
            close()
        raise
    table.size = size
    table._close = close
    table.identity = file_identity(raw.fileno()) if hasattr(raw, "fileno") else None
    return table


def _read_head(raw: BinaryIO, name: str) -> bytes:
    parts = []
    got = 0
    try:
        while got < SAMPLE:
            data = raw.read(SAMPLE - got)
            if not data:
                break
            parts.append(data)
            got += len(data)
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {exc.strerror or exc}") from None
    return b"".join(parts)
