"""Running the installed command line as a user would: a subprocess, real files, bytes in and out."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPT = Path(sys.executable).parent / "jijinan"
csv.field_size_limit(16 * 1024 * 1024)  # the tests read back fields longer than the default limit


def run(
    *args: str | Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    **kwargs: Any,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m jijinan ARGS`` with bytes in and out (and PYTHONIOENCODING=utf-8 unless ``env`` says)."""
    # pytest-xdist's workers export COLUMNS=80 and LINES=24, which ask `show` to wrap its text
    # as for a terminal: a command's own environment says so only when a test gives them.
    inherited = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    environment = {**inherited, "PYTHONIOENCODING": "utf-8", **(env or {})}
    if "stdout" not in kwargs:
        kwargs["stdout"] = subprocess.PIPE
    return subprocess.run(
        [sys.executable, "-m", "jijinan", *map(str, args)],
        input=stdin,
        stderr=subprocess.PIPE,
        env=environment,
        cwd=cwd,
        check=False,
        timeout=300,
        **kwargs,
    )


def err(result: subprocess.CompletedProcess[bytes]) -> str:
    """Standard error as text, after checking it is one clean line (no traceback)."""
    text = result.stderr.decode("utf-8")
    assert "Traceback" not in text, text
    return text


def one_line_error(result: subprocess.CompletedProcess[bytes], status: int) -> str:
    """The single ``jijinan: ...`` line a failed run leaves on standard error."""
    text = err(result)
    assert result.returncode == status, (result.returncode, text)
    lines = [line for line in text.splitlines() if not line.startswith("jijinan: warning:")]
    assert len(lines) == 1, text
    assert lines[0].startswith("jijinan: "), text
    return lines[0]


def rows(data: bytes, encoding: str = "utf-8", delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of CSV output."""
    return list(csv.DictReader(io.StringIO(data.decode(encoding), newline=""), delimiter=delimiter))


def raw_rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter))
