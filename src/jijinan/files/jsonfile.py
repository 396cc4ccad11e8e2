"""JSON and JSON Lines: writing matched rows as one array of objects or one object a line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any, BinaryIO

from jijinan.files.base import Chunk
from jijinan.files.sinks import EncodeError, TextSink, match_object

if TYPE_CHECKING:
    from jijinan.records import Match

__all__ = ["JsonSink"]


class JsonSink(TextSink):
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
        return json.dumps(match_object(match, self.added), ensure_ascii=False)[1:]

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
