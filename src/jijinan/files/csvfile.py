"""CSV and TSV: writing matched rows (``CsvSink``) and whole tables (``write_csv``).

Missing values are empty cells, booleans ``true``/``false``; the encoding is the one asked
for, UTF-8 by default.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, TextIO

from jijinan.files.base import Chunk
from jijinan.files.sinks import TextSink, match_cells

if TYPE_CHECKING:
    from jijinan.records import Match
    from jijinan.tables.schema import Column, Value

__all__ = ["CsvSink", "write_csv"]


class _CsvTail(NamedTuple):
    text: str
    """The added cells as CSV, ending the line."""
    cells: list[str]


_MARK = "\x1e"  # stands for the added cells while the input's cells are written as CSV


class CsvSink(TextSink):
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
        cells = ["" if v is None else str(v) for v in match_cells(match)]
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


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(out: TextIO, records: Sequence[dict[str, Value]], columns: Sequence[Column]) -> None:
    """CSV with a header; empty cells for missing values, ``true``/``false`` for booleans."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for record in records:
        writer.writerow([_cell(record[c.name]) for c in columns])
