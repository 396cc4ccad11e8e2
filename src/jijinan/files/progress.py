"""The progress line of a long match: rows, megabytes and rows a second, on a terminal's standard error."""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """A progress line on a terminal's standard error, shown once a run has taken a second."""

    def __init__(self, stream: TextIO | None, size: int | None, *, delay: float = 1.0) -> None:
        self.stream = stream
        self.size = size
        self.delay = delay
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = 0

    def update(self, rows: int, position: int) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        elapsed = now - self.start
        if elapsed < self.delay or now - self.last < 0.25:
            return
        self.last = now
        rate = rows / elapsed if elapsed else 0.0
        if self.size:
            share = min(position / self.size, 1.0)
            filled = int(share * 20)
            bar = "[" + "#" * filled + "-" * (20 - filled) + "]"
            text = f"{bar} {share:4.0%} {rows:,} rows, {position / 1e6:,.1f} of {self.size / 1e6:,.1f} MB"
        else:
            text = f"{rows:,} rows, {position / 1e6:,.1f} MB read"
        line = f"jijinan match: {text}, {rate:,.0f} rows/s"
        self.stream.write("\r" + line.ljust(self.shown))
        self.stream.flush()
        self.shown = len(line)

    def finish(self, rows: int) -> None:
        if self.stream is None or not self.shown:
            return
        elapsed = time.monotonic() - self.start
        line = f"jijinan match: {rows:,} rows in {elapsed:,.1f} s"
        self.stream.write("\r" + line.ljust(self.shown) + "\n")
        self.stream.flush()
