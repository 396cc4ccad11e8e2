"""The build's failure: the seed or the reference tables do not say what a stage expects."""

from __future__ import annotations

from typing import NoReturn


class BuildError(Exception):
    """The seed or the reference tables do not say what the build expects."""


def fail(message: str) -> NoReturn:
    raise BuildError(message)
