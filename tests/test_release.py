"""Release readiness: sdist and wheel build, pass twine check, and install clean elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

import jijinan
from jijinan._data import load_division_index

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_sdist_and_wheel(dist: Path) -> None:
    version = jijinan.__version__
    wheel = dist / f"jijinan-{version}-py3-none-any.whl"
    sdist = dist / f"jijinan-{version}.tar.gz"
    assert wheel.is_file()
    assert sdist.is_file()
    names = zipfile.ZipFile(wheel).namelist()
    for data in (
        "units.json",
        "notice.json",
        "divisions.json",
        "index.json",
        "unit_keys.json",
        "chars.json",
        "B2SUMS",
    ):
        assert f"jijinan/data/{data}" in names
    assert "jijinan/py.typed" in names
    metadata = zipfile.ZipFile(wheel).read(f"jijinan-{version}.dist-info/METADATA").decode()
    assert "Requires-Dist: attrs" in metadata
    assert "Requires-Dist: cattrs" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    assert "Project-URL: Changelog" in metadata
    assert "License-Expression: MIT" in metadata
    assert "# jijinan" in metadata  # the README is the long description
    runtime = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:") and "extra ==" not in line]
    assert len(runtime) == 3, runtime  # attrs, cattrs, importlib-resources on 3.10 only
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert f"jijinan-{version}/scripts/build_data.py" in members
    assert f"jijinan-{version}/CHANGELOG.md" in members


def test_twine_check(dist: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


def test_wheel_installs_in_a_fresh_environment(dist: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONIOENCODING"] = "utf-8"
    work = tmp_path / "elsewhere"  # outside the source tree
    work.mkdir()

    def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(map(str, command)), cwd=work, env=env, capture_output=True, text=True, check=False)

    query = run(python, "-c", "import jijinan; print(jijinan.__file__); print(jijinan.units.get('浚縣').code)")
    assert query.returncode == 0, query.stderr
    location, code = query.stdout.split()
    assert str(env_dir) in location
    assert code == "410621"
    cli = run(env_dir / "bin" / "jijinan", "show", "番禹区")
    assert cli.returncode == 0, cli.stderr
    assert "440113" in cli.stdout
    missing = run(python, "-c", "import jijinan; jijinan.units.to_pandas()")
    assert 'pip install "jijinan[pandas]"' in missing.stderr  # no pandas in a bare install


def test_version_and_vintage() -> None:
    assert jijinan.__version__ == "0.2.0"
    assert jijinan.notice.date == jijinan.NOTICE_DATE
    assert load_division_index().periods == jijinan.HISTORY_TABLES  # as the packaged data has them
    assert jijinan.HISTORY_TABLES[0] == "2000"
    assert jijinan.CODE_TABLE in jijinan.HISTORY_TABLES
    assert jijinan.HISTORY_TABLES[-1] == jijinan.LATEST_TABLE
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{jijinan.__version__}] - " in changelog
