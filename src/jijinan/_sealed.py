"""Objects whose attributes cannot be set or deleted from outside.

The collection, the coverage table, the matcher and the division index hold what every
later answer is read from. A user who reaches one of their attributes (``coverage()._rows``)
must not be able to change those answers by assigning to it, by accident or otherwise: a
``Sealed`` object refuses, and sets its own attributes with ``object.__setattr__``.
"""

from __future__ import annotations

__all__ = ["Sealed"]


class Sealed:
    """A base class whose instances refuse attribute assignment and deletion."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")
