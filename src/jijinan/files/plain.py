"""Plain lines of a text table: telling them, and checking that each is as wide as the header.

A block of text is *plain* when the csv module would read each of its lines as the line split at
the delimiter (see ``Chunk``): then it can be read, matched and written as lines.
"""

from __future__ import annotations

import contextlib
from itertools import repeat

from jijinan.files.base import MAX_FIELD

__all__ = ["plain_text", "uniform"]

_OTHER_BYTES = {chr(d): bytes(b for b in range(256) if b not in (d, 10)) for d in range(128)}
"""Per ASCII delimiter: every byte but it and the line end (what ``bytes.translate`` drops)."""


def plain_text(block: str) -> str | None:
    """``block``'s lines joined by ``\\n``, if the csv module would read each as its cells split; else ``None``.

    That is: no quote, no NUL, no line longer than a field may be, and every line end ``\\n``,
    or every one ``\\r\\n`` (a bare ``\\r`` is a line end to the csv module). The block's last
    line end is dropped.
    """
    if '"' in block or "\x00" in block:
        return None
    if "\r" in block:
        ends = block.count("\r\n")
        if ends != block.count("\r") or ends != block.count("\n"):
            return None
        block = block.replace("\r\n", "\n")
    if block.endswith("\n"):
        block = block[:-1]
    if len(block) > MAX_FIELD and max(map(len, block.split("\n"))) > MAX_FIELD:
        return None  # a field may be too long: the csv module says where
    return block


def uniform(text: str, count: int, delimiter: str, width: int) -> tuple[bool, bytes | None]:
    """Whether each of the ``count`` lines of ``text`` holds ``width`` cells (and, of one cell, is not blank).

    Also returns ``text`` in UTF-8 when the check made it (an ASCII delimiter): the delimiters
    and line ends left when every other byte is dropped must be ``width - 1`` delimiters, a line
    end, and so on, which ``bytes.translate`` tells at C speed.
    """
    encoded = None
    if delimiter.isascii():
        with contextlib.suppress(UnicodeEncodeError):  # a lone surrogate: counted the slow way
            encoded = text.encode("utf-8")
    if encoded is not None:
        cells = (delimiter * (width - 1)).encode("ascii")
        same = encoded.translate(None, _OTHER_BYTES[delimiter]) == (cells + b"\n") * (count - 1) + cells
    else:
        same = set(map(str.count, text.split("\n"), repeat(delimiter))) == {width - 1}
    if same and width == 1:
        same = all(map(str.strip, text.split("\n")))  # a blank line is a row of one empty cell
    return same, encoded
