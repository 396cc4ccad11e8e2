"""Run a loader once per process, safely under threads and across forks.

Every loader of the packaged data (and every table built from it) runs on first use, once:
threads that arrive meanwhile wait and see the same result. A fork never copies a first load
half done: the at-fork handler waits (in the forking thread) until the load running in another
thread is over, then forks, and the child starts with fresh locks.

Why wait rather than only give the child fresh locks: a first load imports modules (json,
cattrs, the matcher), and a child forked while another thread held one of importlib's module
locks waits for that lock for ever, whatever jijinan's own locks are. Waiting for the load also
waits for its imports.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["once"]

T = TypeVar("T")

# One lock for every first load: reentrant, for loads call loads (the matcher reads the
# units). Loads run once per process and are short, so running two different ones one after
# the other costs nothing that matters, and a fork has one lock to wait for, not a set to take
# in an order that could deadlock against a thread taking them nested. In a list, so that a
# forked child can replace it.
_LOCK: list[threading.RLock] = [threading.RLock()]
# How long a fork waits for a load in another thread (a load takes well under a second; a
# fork must not hang for ever on a thread stuck elsewhere).
_FORK_WAIT_SECONDS = 60.0
_held_for_fork: list[bool] = []


def once(load: Callable[[], T]) -> Callable[[], T]:
    """Run ``load`` the first time the wrapper is called and return its result ever after.

    Thread-safe: threads that arrive while the first call runs wait for it, and all
    see the same, complete result. A call that raises is not cached. A fork waits until a
    first call running in another thread is over (see the module's docstring).
    """
    box: list[T] = []

    @functools.wraps(load)
    def wrapper() -> T:
        if box:
            return box[0]
        with _LOCK[0]:
            if not box:
                box.append(load())
        return box[0]

    return wrapper


def _before_fork() -> None:
    _held_for_fork.append(_LOCK[0].acquire(timeout=_FORK_WAIT_SECONDS))


def _after_fork_in_parent() -> None:
    if _held_for_fork.pop():
        _LOCK[0].release()


def _after_fork_in_child() -> None:
    _held_for_fork.clear()
    _LOCK[0] = threading.RLock()


if hasattr(os, "register_at_fork"):  # POSIX; Windows does not fork
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child)
