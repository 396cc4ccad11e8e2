"""The bytes of a text input as the csv module reads them: the sniffed sample again, then the rest.

``Replay`` hands out the bytes already read to tell the encoding and the delimiter, then the
rest of the stream, and counts them (the progress line). It also bounds what is read: past
``MAX_RUN`` bytes without a line break or a delimiter it stops (``RunawayField``), since the csv
module reads a whole line before it checks a field's length. And it keeps the last bytes it
handed out, so that a decoding error is placed on its line without reading the input again.
"""

from __future__ import annotations

import io
from typing import Any, BinaryIO

from jijinan.files.base import MAX_RUN

__all__ = ["Replay", "RunawayField"]


def _breaks(data: bytes) -> int:
    """The line breaks in ``data``: ``\n``, ``\r`` and ``\r\n`` each count once."""
    breaks = data.count(b"\n")
    if b"\r" in data:  # most text has none: two passes over it, not three
        breaks += data.count(b"\r") - data.count(b"\r\n")
    return breaks


class RunawayField(Exception):
    """More than ``MAX_RUN`` bytes came without a line break or a delimiter."""


class Replay(io.RawIOBase):
    """The bytes already read for sniffing, then the rest of the stream; counts what it hands out.

    It stops the read (``RunawayField``) once ``MAX_RUN`` bytes came without a line break or a
    delimiter byte, and keeps the last bytes it handed out, to say where a decoding error is in
    a stream that cannot be read again (a pipe, a FIFO).
    """

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest
        self.consumed = 0
        self.breaks: tuple[bytes, ...] = (b"\n", b"\r")
        self.run = 0
        self.recent = b""
        self.recent_at = 0
        self.lines = 0
        """Line breaks in the bytes before ``recent``."""

    def readable(self) -> bool:
        return True

    def locate(self, exc: UnicodeDecodeError, encoding: str) -> tuple[int, int, bytes] | None:
        """Where the bytes that failed to decode are: (line, byte offset, the bad bytes), or None.

        Found among the recent bytes, in an encoding whose line breaks are their ASCII bytes.
        """
        chunk = bytes(exc.object)
        at = self.recent.rfind(chunk)
        if at < 0 or not chunk or encoding.startswith(("utf-16", "utf-32")):
            return None
        head = self.recent[: at + exc.start]
        lines = self.lines + _breaks(head)
        return lines + 1, self.recent_at + at + exc.start, chunk[exc.start : exc.end]

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
        else:
            read1 = getattr(self._rest, "readinto1", None) or self._rest.readinto  # type: ignore[attr-defined]
            n = read1(buffer) or 0
        self.consumed += n
        data = bytes(buffer[:n])
        if len(self.recent) > 1 << 18:
            dropped = self.recent[: -(1 << 17)]
            self.lines += _breaks(dropped)
            self.recent_at += len(dropped)
            self.recent = self.recent[-(1 << 17) :]
        self.recent += data
        last = max(data.rfind(b) for b in self.breaks)
        self.run = self.run + n if last < 0 else n - last - 1
        if self.run > MAX_RUN:
            raise RunawayField
        return n
