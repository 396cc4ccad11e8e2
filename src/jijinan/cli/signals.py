"""SIGTERM and SIGHUP during a command: raised as an exception, so every output in progress is cleaned up.

By default these signals end the process at once, and a file being written beside its
target (``.part``) or an export's staging folder stays behind. While a command runs they are
turned into ``Stopped``, which unwinds like Ctrl-C: each ``with`` block removes what it was
writing, and the command line exits with 128 + the signal's number, as a shell reports it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType

__all__ = ["Stopped", "stop_on_signals"]

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(BaseException):
    """A signal asked the process to stop (a ``BaseException``, as ``KeyboardInterrupt`` is)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _stop(signum: int, _frame: FrameType | None) -> None:
    for other in _SIGNALS:  # a second signal must not cut the clean-up short
        signal.signal(other, signal.SIG_IGN)
    raise Stopped(signum)


def stop_on_signals() -> Callable[[], None]:
    """Turn SIGTERM and SIGHUP into ``Stopped`` until the returned function is called.

    Only in the main thread (the only one that may set handlers), and only for a signal left
    at its default: one ignored on purpose (``nohup``) stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {}
    for signum in _SIGNALS:
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _stop)

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore
