"""Writing a file without destroying anything: beside its target, moved into place when complete.

A file is written beside its target and moved into place only once complete, so an
interrupted or failed run never leaves a truncated file where a good one was; a device or
a pipe (``/dev/null``, ``/dev/full``, a FIFO) is written directly; ``-`` is standard output.
A symbolic link is never written through (as ``export`` never does), and the input is never
the output (``refuse_input``).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

__all__ = ["OutputError", "file_identity", "output_stream", "refuse_input"]


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


def file_identity(fd: int) -> tuple[int, int] | None:
    """The (device, inode) of an open regular file, or None (a pipe, a terminal, a closed descriptor)."""
    try:
        found = os.fstat(fd)
    except (OSError, ValueError):
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISREG(found.st_mode) else None


def refuse_input(identity: tuple[int, int] | None, name: str, target: str, stdout: BinaryIO | None = None) -> None:
    """Raise if writing ``target`` (``-``: standard output) would write over the input.

    ``identity`` is the input's (``file_identity``); the same file is found by device and
    inode, so a hard link, a symbolic link or another spelling of the path is the input too.

    Raises:
        FileExistsError: the output is the input.
    """
    if identity is None:
        return
    if target == "-":
        if stdout is not None:
            return
        try:
            fd = sys.stdout.fileno()
        except (AttributeError, OSError, ValueError):
            return
        if file_identity(fd) == identity:
            raise FileExistsError(
                f"standard output is the input, {name}: the output would be read again as input "
                "(>> appends to it); write the output to another file"
            )
        return
    try:
        found = os.stat(target)
    except (OSError, ValueError):
        return
    if stat.S_ISREG(found.st_mode) and (found.st_dev, found.st_ino) == identity:
        raise FileExistsError(
            f"{target} is the input ({name}): writing it would destroy the input; write the output to another file"
        )


class _WholeWrites(io.BufferedIOBase):
    """Every write whole: a raw stream (``PYTHONUNBUFFERED``) may take part of a write and drop the rest."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        total = len(view)
        while view:
            n = self._raw.write(view)
            if not n:  # None (would block) or nothing taken: the rest would be lost
                raise OSError(errno.EAGAIN, "standard output took nothing more")
            view = view[n:]
        return total

    def flush(self) -> None:
        self._raw.flush()


# The system's own names for what is open already (/dev/stdout, /dev/fd/1, /proc/self/fd/1) are
# links that are written through, as devices; any other link is refused.
_SYSTEM_LINKS = ("/dev/", "/proc/")


@contextlib.contextmanager
def output_stream(target: str, stdout: BinaryIO | None = None) -> Iterator[BinaryIO]:
    """A binary stream to write ``target`` through (``-``: standard output).

    A regular file is written to a temporary file beside it and moved into place when the
    ``with`` block ends without an error; on an error the temporary file is removed and any
    file already at ``target`` is left as it was. A symbolic link is refused, dangling or not
    (except the system's /dev/stdout and the like, written as the device they name).
    Standard output is written through a buffer, so that a write is never cut short
    unseen (``PYTHONUNBUFFERED`` makes it a raw stream, whose writes may be partial).

    Raises:
        FileExistsError: ``target`` is a symbolic link.
        OutputError: the target cannot be written (a folder, no permission, a full disk, a
            closed standard output); raised for any ``OSError`` of the block too.
    """
    if target == "-":
        given = stdout if stdout is not None else sys.stdout.buffer
        stream = cast(BinaryIO, given if isinstance(given, io.BufferedIOBase) else _WholeWrites(given))
        try:
            yield stream
            stream.flush()
        except OSError as exc:
            raise _describe(exc, "standard output") from None
        return
    if os.path.islink(target) and not os.path.abspath(target).startswith(_SYSTEM_LINKS):
        raise FileExistsError(
            f"{target} is a symbolic link: jijinan never writes through links (the link's target would be "
            "replaced, or made where it points); give the real file"
        )
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
