"""The package works as installed: from its wheel, imported straight from the zip."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import jijinan

REPO = Path(__file__).resolve().parent.parent


def test_tests_run_against_the_installed_package() -> None:
    # .ci/run installs the package (not in editable mode): the tests must see that copy,
    # so that what is tested is what a user gets, data files included.
    installed = Path(jijinan.__file__).resolve()
    assert REPO / "src" not in installed.parents, f"tests imported the source tree: {installed}"
    assert (installed.parent / "py.typed").is_file()
    assert (installed.parent / "data" / "units.json").is_file()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("jijinan-*.whl")
    return found


def test_wheel_carries_data_and_loads_from_the_zip(wheel: Path, tmp_path: Path) -> None:
    code = (
        "import jijinan, sys; "
        "assert jijinan.__file__.startswith(sys.argv[1]), jijinan.__file__; "
        "print(jijinan.units.get('浚縣').code, len(jijinan.units), jijinan.notice.number)"
    )
    env = {**os.environ, "PYTHONPATH": str(wheel), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(wheel)], env=env, cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["410621", "300", "民办函〔2015〕244号"]
