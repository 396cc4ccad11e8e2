"""Where matched rows go: the ``Sink`` protocol every output format implements, and the cells a match adds.

``tail`` turns a match into what a format appends to a row (rendered once per distinct
name); ``write`` takes a chunk of input rows and their tails; ``close`` finishes the file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from jijinan.files.base import Chunk

if TYPE_CHECKING:
    from jijinan.records import Match

__all__ = ["EncodeError", "Sink", "TextSink", "match_cells", "match_object"]


class EncodeError(ValueError):
    """A value cannot be written in the chosen output encoding or format; the message names the line."""


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

    def tails(self, matches: Sequence[Match]) -> list[Any]:
        """``tail`` of each of ``matches`` (a format may render them together)."""
        return list(map(self.tail, matches))

    writes_pieces = False
    """Whether ``write_pieces`` may write a chunk: then callers keep each tail's ``piece`` too."""

    def piece(self, tail: Any) -> Any:
        """What ``write_pieces`` writes of ``tail`` for each of its rows."""
        return tail

    def write_pieces(self, chunk: Chunk, pieces: list[Any]) -> bool:
        """Write ``chunk`` from its rows' pieces, if this sink can write it so; else write nothing, False.

        A list of a chunk's pieces touches one object a row, where its tails and then what is
        written of them would touch two: with tens of thousands of distinct tails (a year
        column) that is a cache miss a row less.
        """
        return False

    def write(self, chunk: Chunk, tails: list[Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output (a closing bracket, the xlsx file)."""


def match_cells(match: Match) -> list[str | int | None]:
    from jijinan.tables.flat import match_records

    return list(match_records([match])[0].values())  # type: ignore[arg-type]  # a match has no numbers


def match_object(match: Match, names: Sequence[str]) -> dict[str, Any]:
    """The added columns as JSON: candidates as an array of objects, missing values as null."""
    from jijinan.tables.flat import match_records

    record: dict[str, Any] = dict(match_records([match])[0])
    record["candidates"] = [
        {"code": c.code, "name": c.name, "full_name": c.full_name, "period": c.period} for c in match.candidates
    ]
    return dict(zip(names, record.values(), strict=True))


class TextSink(Sink):
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
