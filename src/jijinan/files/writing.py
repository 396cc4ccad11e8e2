"""Writing tables: CSV or TSV in a chosen encoding, JSON, JSON Lines and xlsx, row chunk by row chunk.

A file is written beside its target and moved into place only once complete, so an
interrupted or failed run never leaves a truncated file where a good one was; a device or
a pipe (``/dev/null``, ``/dev/full``, a FIFO) is written directly; ``-`` is standard output.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from itertools import repeat
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from jijinan._tablefile import Chunk, require

if TYPE_CHECKING:
    from jijinan.records import Match

__all__ = [
    "FORMATS",
    "XLSX_MAX_ROWS",
    "EncodeError",
    "OutputError",
    "Sink",
    "format_for",
    "make_sink",
    "output_stream",
]

FORMATS = ("csv", "tsv", "json", "jsonl", "xlsx")
XLSX_MAX_ROWS = 1_048_576
"""Rows in an Excel sheet, the header included."""
_SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
}


class OutputError(OSError):
    """The output cannot be written (a full disk, a closed standard output, no permission)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class EncodeError(ValueError):
    """A value cannot be written in the chosen output encoding or format; the message names the line."""


def format_for(target: str) -> str:
    """The output format a target's suffix implies: csv, tsv, json, jsonl or xlsx (csv by default)."""
    return _SUFFIX_FORMATS.get(Path(target).suffix.lower(), "csv") if target != "-" else "csv"


def _file_mode(existing: Path) -> int:
    try:
        return existing.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _describe(exc: OSError, name: str) -> OutputError:
    if isinstance(exc, OutputError):
        return exc
    if isinstance(exc, BrokenPipeError):
        return OutputError(f"{name} was closed before all of the output was written")
    return OutputError(f"cannot write {name}: {exc.strerror or exc}")


@contextlib.contextmanager
def output_stream(target: str, stdout: BinaryIO | None = None) -> Iterator[BinaryIO]:
    """A binary stream to write ``target`` through (``-``: standard output).

    A regular file is written to a temporary file beside it and moved into place when the
    ``with`` block ends without an error; on an error the temporary file is removed and any
    file already at ``target`` is left as it was. Symbolic links are followed, as a shell's
    ``>`` would.

    Raises:
        OutputError: the target cannot be written (a folder, no permission, a full disk, a
            closed standard output); raised for any ``OSError`` of the block too.
    """
    if target == "-":
        stream = stdout if stdout is not None else sys.stdout.buffer
        try:
            yield stream
            stream.flush()
        except OSError as exc:
            raise _describe(exc, "standard output") from None
        return
    real = Path(os.path.realpath(target))
    if real.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder")
    if real.exists() and not real.is_file():  # a device or a pipe: nothing to replace
        try:
            with open(real, "wb") as handle:
                yield handle
        except OSError as exc:
            raise _describe(exc, target) from None
        return
    try:
        fd, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".part")
    except OSError as exc:
        raise _describe(exc, target) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(temporary, _file_mode(real))
        os.replace(temporary, real)
    except OSError as exc:
        _remove(temporary)
        raise _describe(exc, target) from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


# -- sinks ----------------------------------------------------------------------------


class Sink:
    """Where matched rows go: the input's cells, then the cells a match adds (its *tail*).

    ``tail`` turns a match into what this format appends to a row; callers keep tails
    of distinct names and hand them back with each chunk to ``write``.
    """

    def __init__(self, stream: BinaryIO, columns: Sequence[str], added: Sequence[str]) -> None:
        self.stream = stream
        self.columns = list(columns)
        self.added = list(added)
        self.rows = 0

    def tail(self, match: Match) -> Any:
        raise NotImplementedError

    def write(self, chunk: Chunk, tails: list[Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output (a closing bracket, the xlsx file)."""


def _match_cells(match: Match) -> list[str | int | None]:
    from jijinan.schema import match_records

    return list(match_records([match])[0].values())


def _match_object(match: Match, names: Sequence[str]) -> dict[str, Any]:
    """The added columns as JSON: candidates as an array of objects, missing values as null."""
    from jijinan.schema import match_records

    record: dict[str, Any] = dict(match_records([match])[0])
    record["candidates"] = [
        {"code": c.code, "name": c.name, "full_name": c.full_name, "period": c.period} for c in match.candidates
    ]
    return dict(zip(names, record.values(), strict=True))


class _TextSink(Sink):
    def __init__(self, stream: BinaryIO, columns: Sequence[str], added: Sequence[str], encoding: str = "utf-8") -> None:
        super().__init__(stream, columns, added)
        self.encoding = encoding
        self.text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="", write_through=False)

    def _unencodable(self, chunk: Chunk, tails: list[Any], exc: UnicodeEncodeError) -> EncodeError:
        for i, row in enumerate(chunk.rows):
            for cell in [*row, *(tails[i] if isinstance(tails[i], list) else [tails[i]])]:
                if isinstance(cell, str):
                    try:
                        cell.encode(self.encoding)
                    except UnicodeEncodeError as bad:
                        char = bad.object[bad.start]
                        return EncodeError(
                            f"line {chunk.line(i)}: {char!r} (U+{ord(char):04X}) cannot be written in "
                            f"{self.encoding}; choose another --output-encoding (utf-8, gb18030)"
                        )
        return EncodeError(f"a character cannot be written in {self.encoding}: {exc.reason}")

    def close(self) -> None:
        self.text.flush()
        self.text.detach()


class _CsvTail(NamedTuple):
    text: str
    """The added cells as CSV, ending the line."""
    cells: list[str]


_MARK = "\x1e"  # stands for the added cells while the input's cells are written as CSV


class CsvSink(_TextSink):
    """CSV (or TSV): a header, then one line per row; empty cells for missing values.

    The added cells of each distinct match are rendered as CSV once; a chunk's input cells
    are rendered together, each row ending in a mark that the rendered cells then replace.
    """

    def __init__(
        self,
        stream: BinaryIO,
        columns: Sequence[str],
        added: Sequence[str],
        *,
        delimiter: str = ",",
        encoding: str = "utf-8",
    ) -> None:
        super().__init__(stream, columns, added, encoding)
        self.delimiter = delimiter
        self.writer = csv.writer(self.text, delimiter=delimiter, lineterminator="\n")
        self.buffer = io.StringIO()
        self.render = csv.writer(self.buffer, delimiter=delimiter, lineterminator="\n")
        self.mark = [_MARK]
        self.started = False

    def _start(self) -> None:
        # The header goes out with the first rows, so that an input rejected at once writes nothing.
        self.started = True
        self.writer.writerow([*self.columns, *self.added])

    def _rendered(self, rows: Any) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.render.writerows(rows)
        return self.buffer.getvalue()

    def tail(self, match: Match) -> _CsvTail:
        cells = ["" if v is None else str(v) for v in _match_cells(match)]
        # rendered after a mark, so that a lone empty cell is written as nothing, as within a row
        text = self._rendered([[_MARK, *cells]])[len(_MARK) + len(self.delimiter) :]
        return _CsvTail(text, cells)

    def write(self, chunk: Chunk, tails: list[Any]) -> None:
        if not self.started:
            self._start()
        rows = chunk.rows
        try:
            pieces = self._rendered(map(list.__add__, rows, repeat(self.mark))).split(_MARK + "\n")
            if len(pieces) == len(rows) + 1:
                self.text.write("".join(map(str.__add__, pieces, [t.text for t in tails])))
            else:  # the mark is in the input itself
                self.writer.writerows(map(list.__add__, rows, [t.cells for t in tails]))
        except UnicodeEncodeError as exc:
            raise self._unencodable(chunk, [t.cells for t in tails], exc) from None
        self.rows += len(rows)

    def close(self) -> None:
        if not self.started:
            self._start()
        super().close()


class JsonSink(_TextSink):
    """One JSON array of objects (``lines=False``) or JSON Lines: one object a line."""

    def __init__(self, stream: BinaryIO, columns: Sequence[str], added: Sequence[str], *, lines: bool) -> None:
        seen: set[str] = set()
        for name in columns:
            if name in seen:
                raise EncodeError(
                    f"the input has two columns called {name!r}: JSON objects need distinct names "
                    "(use --format csv, or rename a column)"
                )
            seen.add(name)
        super().__init__(stream, columns, added, "utf-8")
        # each input cell's key, ready to go before its value: '{"id": ', ', "county": ', …
        self.keys = [("{" if i == 0 else ", ") + encode_basestring(name) + ": " for i, name in enumerate(columns)]
        self.lines = lines
        self.separator = "\n" if lines else "[\n"

    def tail(self, match: Match) -> str:
        return json.dumps(_match_object(match, self.added), ensure_ascii=False)[1:]

    def write(self, chunk: Chunk, tails: list[Any]) -> None:
        keys = self.keys
        parts = [
            "".join(map(str.__add__, keys, map(encode_basestring, row))) + ", " + tail
            for row, tail in zip(chunk.rows, tails, strict=True)
        ]
        joiner = "\n" if self.lines else ",\n"
        if not parts:
            return
        if self.lines:
            self.text.write("\n".join(parts) + "\n")
        else:
            self.text.write(self.separator + joiner.join(parts))
            self.separator = joiner
        self.rows += len(parts)

    def close(self) -> None:
        if not self.lines:
            self.text.write("[]\n" if self.separator == "[\n" else "\n]\n")
        super().close()


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
        return _match_cells(match)

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


def make_sink(
    fmt: str,
    stream: BinaryIO,
    columns: Sequence[str],
    added: Sequence[str],
    *,
    encoding: str = "utf-8",
    bom: bool = False,
) -> Sink:
    """The sink for an output format, header written.

    Args:
        fmt: csv, tsv, json, jsonl or xlsx.
        stream: where the bytes go.
        columns: the input's column names.
        added: the names of the added columns (``schema.added_column_names``).
        encoding: for csv and tsv: the text encoding.
        bom: for csv and tsv in UTF-8: begin with a byte-order mark (for Excel).

    Raises:
        EncodeError: JSON output of an input whose column names repeat.
        MissingExtraError: xlsx, and openpyxl is not installed.
        ValueError: an unknown format.
    """
    if fmt in ("csv", "tsv"):
        if bom and encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
            encoding = "utf-8-sig"
        return CsvSink(stream, columns, added, delimiter="," if fmt == "csv" else "\t", encoding=encoding)
    if fmt in ("json", "jsonl"):
        return JsonSink(stream, columns, added, lines=fmt == "jsonl")
    if fmt == "xlsx":
        return XlsxSink(stream, columns, added)
    raise ValueError(f"unknown output format {fmt!r}; the formats are {', '.join(FORMATS)}")
