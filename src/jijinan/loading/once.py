"""Run a loader once per process, safely under threads and across forks.

Every loader of the packaged data (and every table built from it) runs on first use, once:
threads that arrive meanwhile wait and see the same result; a process forked while another
thread was loading gets fresh locks, so its first call loads anew instead of waiting forever
for a thread the child does not have.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["once"]

T = TypeVar("T")


# The lock of every ``once``, each in a one-element list so that a forked child can replace it.
_LOCKS: list[list[threading.Lock]] = []


def once(load: Callable[[], T]) -> Callable[[], T]:
    """Run ``load`` the first time the wrapper is called and return its result ever after.

    Thread-safe: threads that arrive while the first call runs wait for it, and all
    see the same, complete result. A call that raises is not cached. A process forked
    while another thread was loading gets fresh locks, so its first call loads anew
    instead of waiting forever for a thread the child does not have.
    """
    holder = [threading.Lock()]
    _LOCKS.append(holder)
    box: list[T] = []

    @functools.wraps(load)
    def wrapper() -> T:
        if box:
            return box[0]
        with holder[0]:
            if not box:
                box.append(load())
        return box[0]

    return wrapper


def _fresh_locks_after_fork() -> None:
    for holder in _LOCKS:
        holder[0] = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX; Windows does not fork
    os.register_at_fork(after_in_child=_fresh_locks_after_fork)
