"""The process's own matcher over the packaged data, and its key normaliser, each made once."""

from __future__ import annotations

from jijinan.loading import load_char_map, load_division_index, load_units, once
from jijinan.matching.matcher import Matcher
from jijinan.matching.reading import Normalizer

__all__ = ["default_matcher", "default_normalizer"]


@once
def default_normalizer() -> Normalizer:
    """The normaliser of keys, with the packaged traditional -> simplified table."""
    return Normalizer(load_char_map())


@once
def default_matcher() -> Matcher:
    """The process's matcher over the packaged data, built on first use."""
    return Matcher(load_units(), load_division_index(), default_normalizer())
