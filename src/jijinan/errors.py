"""The exceptions jijinan raises, all subclasses of [`JijinanError`][jijinan.errors.JijinanError]."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jijinan.records import PilotUnit

__all__ = ["AmbiguousUnitError", "DataIntegrityError", "DivisionNotFoundError", "JijinanError", "UnitNotFoundError"]


class JijinanError(Exception):
    """Base class of every exception raised on purpose by jijinan."""


class UnitNotFoundError(JijinanError, LookupError):
    """No pilot unit answers to the key.

    ``candidates`` holds the full names of the closest pilot units (possibly none),
    best first. They are worked out when first asked for (by ``candidates`` or by the
    message), so a miss that is caught and passed over costs no search.
    """

    def __init__(self, key: str, candidates: tuple[str, ...] | Callable[[], tuple[str, ...]]) -> None:
        super().__init__(key)
        self.key = key
        self._candidates = candidates

    @property
    def candidates(self) -> tuple[str, ...]:
        found = self._candidates
        if callable(found):
            found = self._candidates = found()
        return found

    def __str__(self) -> str:
        shown = self.key if len(self.key) <= 40 else self.key[:40] + "…"
        message = f"no pilot unit answers to {shown!r}"
        if self.candidates:
            message += "; closest: " + ", ".join(self.candidates)
        return message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.key, self.candidates))


class AmbiguousUnitError(JijinanError, LookupError):
    """The key is a name that several pilot units bear; ``candidates`` holds them all."""

    def __init__(self, key: str, candidates: tuple[PilotUnit, ...]) -> None:
        self.key = key
        self.candidates = candidates
        listed = ", ".join(f"{u.full_name} ({u.code})" for u in candidates)
        super().__init__(f"{key!r} names {len(candidates)} pilot units: {listed}; give the full name or the code")

    def __reduce__(self) -> tuple[Any, ...]:
        # An exception is rebuilt as type(*args), and args holds the message only: without this a worker
        # process's error could not be rebuilt in the parent (a Pool waited for it for ever).
        return (type(self), (self.key, self.candidates))


class DataIntegrityError(JijinanError, RuntimeError):
    """The packaged data is missing, damaged or edited: reinstall jijinan."""


class DivisionNotFoundError(JijinanError, LookupError):
    """The code is not one of the divisions in force at the notice date (July 2015)."""
