"""The command-line page's examples run as shown, on the real files in docs/examples.

Every ```console block of docs/cli.md is a session: each ``$ `` line is run by bash in a copy
of docs/examples (in the page's order, so later commands see what earlier ones wrote) with the
installed ``jijinan`` first on the PATH, and what it prints, standard output and standard
error together, must be the lines below it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "cli.md"
EXAMPLES = REPO / "docs" / "examples"


def sessions() -> list[tuple[str, str]]:
    """(command, expected output) for every ``$`` line of every console block, in order."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL):
        command: str | None = None
        expected: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, "".join(f"{e}\n" for e in expected)))
                command, expected = line[2:], []
            else:
                expected.append(line)
        if command is not None:
            found.append((command, "".join(f"{e}\n" for e in expected)))
    return found


def test_the_page_has_examples() -> None:
    commands = [command for command, _ in sessions()]
    assert len(commands) > 15
    for needed in ("--encoding gb18030", "--pad", "--no-header", "--year-column", "roster.xlsx", "export"):
        assert any(needed in command for command in commands), needed


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("cut") is None, reason="needs bash and cut")
def test_every_example_prints_what_the_page_shows(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine", reason="the spreadsheet example needs the xlsx extra")
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    env = {
        **os.environ,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
        "PYTHONIOENCODING": "utf-8",
        "LC_ALL": "C.UTF-8",
    }
    for command, expected in sessions():
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
            timeout=120,
        )
        assert result.stdout.decode("utf-8") == expected, f"$ {command}"
