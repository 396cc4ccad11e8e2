"""Counting a stream's rows by the status of their matches, without a step per row in Python.

A stream hands out the same tail for every row of a key (a name, the text of a row's name and
hint cells, or the identity of a tail), so rows are counted by key in one C-level pass
(``collections.Counter.update``) and the keys turned into statuses only now and then.
"""

from __future__ import annotations

import collections
from collections.abc import Hashable, Iterable
from typing import Any

__all__ = ["Tally"]


class Tally:
    """Rows by status (``counts``), counted by key and settled into statuses when asked.

    Every key counted must have been registered with its status since the keys were last
    forgotten (``forget``: the stream's memo was cleared); the keys of before are kept until
    the next ``add`` settles them, since the chunk that cleared the memo still holds them.
    """

    def __init__(self, counts: collections.Counter[str]) -> None:
        self.counts = counts
        self.status: dict[Hashable, tuple[str, Any]] = {}
        """Key -> (status, an object kept alive so that an id stays its own)."""
        self.previous: dict[Hashable, tuple[str, Any]] = {}
        self.pending: collections.Counter[Hashable] = collections.Counter()

    def register(self, key: Hashable, status: str, keep: Any = None) -> None:
        """Say that rows of ``key`` have ``status``; ``keep`` is held while the key may be counted."""
        self.status[key] = (status, keep)

    def status_of(self, key: Hashable) -> str:
        """The status registered for ``key``."""
        found = self.status.get(key) or self.previous[key]
        return found[0]

    def add(self, keys: Iterable[Hashable]) -> None:
        """Count one row for each of ``keys``."""
        self.pending.update(keys)
        if self.previous:
            self.settle()

    def settle(self) -> None:
        """Add the rows counted so far to ``counts`` by status."""
        status, previous, counts = self.status, self.previous, self.counts
        for key, rows in self.pending.items():
            counts[(status.get(key) or previous[key])[0]] += rows
        self.pending.clear()
        self.previous = {}

    def forget(self) -> None:
        """The keys registered so far stop being valid after the next ``add``."""
        self.settle()
        self.previous, self.status = self.status, {}
