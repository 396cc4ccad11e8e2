"""Writing a file without destroying anything: beside its target, moved into place when complete.

A file is written beside its target and moved into place only once complete, so an
interrupted or failed run never leaves a truncated file where a good one was; a device or
a pipe (``/dev/null``, ``/dev/full``, a FIFO) is written directly; ``-`` is standard output.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["OutputError", "output_stream"]


class OutputError(OSError):
    """The output cannot be written (a full disk, a closed standard output, no permission)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


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
