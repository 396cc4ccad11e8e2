"""Telling a text file's encoding: a byte-order mark, UTF-8, UTF-16 without one, and what else it may be.

An input that is not in the encoding given (or found) is an ``InputError`` naming the line and
the bytes, with the likely encoding (GBK/GB18030, as Chinese Excel saves CSV; UTF-16).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from jijinan.files.base import SAMPLE, InputError

__all__ = ["choose_encoding", "decode_error_line"]


def _utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le or utf-16-be if the sample reads as lines of text in it (a text without NULs never does)."""
    if b"\x00" not in head:
        return None
    sample = head[: len(head) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        if ("\n" in text or "\r" in text) and "\x00" not in text:
            return codec
    return None


def _likely_encoding(head: bytes) -> str:
    """A guess at what a sample that is not UTF-8 is, for the error message."""
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        return f"it looks like UTF-16 without a byte-order mark: give --encoding {utf16}"
    try:
        codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
    except UnicodeDecodeError:
        return "give its encoding with --encoding (gb18030, big5, utf-16, latin-1, …)"
    return (
        "it is probably GBK/GB18030, as Chinese Excel saves CSV: give --encoding gb18030 "
        "(or --encoding big5 for a traditional-Chinese file)"
    )


def choose_encoding(head: bytes, given: str | None, name: str) -> str:
    if given is not None:
        try:
            canonical = codecs.lookup(given).name
        except LookupError:
            raise InputError(
                f"--encoding {given!r} is not an encoding Python knows (try gb18030, utf-8, utf-16)"
            ) from None
        if canonical == "utf-8" and head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        return canonical
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < SAMPLE)
    except UnicodeDecodeError as exc:
        line = head[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name} is not UTF-8 (byte 0x{head[exc.start]:02x} on line {line}); {_likely_encoding(head)}"
        ) from None
    utf16 = _utf16_without_bom(head)  # ASCII text in UTF-16 is valid UTF-8, NULs and all
    if utf16 is not None:
        raise InputError(
            f"{name} holds NUL bytes: it looks like UTF-16 without a byte-order mark: give --encoding {utf16}"
        )
    return "utf-8"


def decode_error_line(path: Path | None, encoding: str) -> tuple[int, int, bytes] | None:
    """Where a file stops being ``encoding``: (line, byte offset, the bad bytes), or None.

    Only a regular file is read again: a pipe cannot be, and opening a FIFO again waits for a
    writer that may never come.
    """
    if path is None or not path.is_file():
        return None
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 1
    offset = 0
    last_cr = False
    try:
        with open(path, "rb") as handle:
            while True:
                block = handle.read(1 << 20)
                try:
                    text = decoder.decode(block, final=not block)
                except UnicodeDecodeError as exc:
                    good = codecs.decode(block[: exc.start], encoding, errors="ignore")
                    lines += good.count("\n") + good.count("\r") - good.count("\r\n")
                    if last_cr and good.startswith("\n"):
                        lines -= 1
                    return lines, offset + exc.start, block[exc.start : exc.end]
                if not block:
                    return None
                lines += text.count("\n") + text.count("\r") - text.count("\r\n")
                if last_cr and text.startswith("\n"):
                    lines -= 1
                last_cr = text.endswith("\r")
                offset += len(block)
    except OSError:
        return None
