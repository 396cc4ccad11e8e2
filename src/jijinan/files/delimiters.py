"""Delimiters of text tables: the names people give them, and telling a file's from its first lines."""

from __future__ import annotations

import csv

from jijinan.files.base import SAMPLE, InputError

__all__ = ["DELIMITERS", "parse_delimiter", "sniff"]

DELIMITERS = (",", "\t", ";", "|")
DELIMITER_NAMES = {"comma": ",", "tab": "\t", "\\t": "\t", "semicolon": ";", "pipe": "|", "space": " "}


def parse_delimiter(text: str) -> str:
    """The one-character delimiter that ``text`` names: a character, or comma, tab, semicolon, pipe, space.

    Raises:
        InputError: ``text`` is neither.
    """
    named = DELIMITER_NAMES.get(text.lower())
    if named is not None:
        return named
    if len(text) == 1 and text not in '\r\n"':
        return text
    raise InputError(f"--delimiter takes one character or comma, tab, semicolon, pipe, space; not {text!r}")


def sniff(sample: str) -> str:
    """The delimiter that splits the sample's first lines into equally wide rows of the most fields."""
    lines = sample.splitlines(keepends=True)
    if len(sample) >= SAMPLE // 2 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    lines = lines[:200]
    best: tuple[float, int, int] | None = None
    chosen = ","
    for rank, delimiter in enumerate(DELIMITERS):
        rows = []
        try:
            for row in csv.reader(lines, delimiter=delimiter):
                rows.append(row)
        except csv.Error:
            pass
        rows = [r for r in rows if r]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(len(r) == width for r in rows) / len(rows)
        score = (consistent, width, -rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen
