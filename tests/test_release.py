"""Release readiness: sdist and wheel build, pass twine check, install clean elsewhere, the sdist
holds the whole tree and passes its own tests (a part of them, SDIST_TESTS says which and why);
the README reads right on PyPI."""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import jijinan
from jijinan.loading import load_division_index

REPO = Path(__file__).resolve().parent.parent
# Set in the test run that test_sdist_passes_its_own_tests starts inside the unpacked sdist, so
# that the run does not build and test an sdist of its own in turn.
INNER_RUN = "JIJINAN_SDIST_SELF_TEST"


def _venv_bin(env_dir: Path) -> Path:
    return env_dir / ("Scripts" if sys.platform == "win32" else "bin")


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
    # `pip show`'s Home-page: pip reads it from the Homepage project URL (pip 23.3 and later)
    assert "Project-URL: Homepage, https://github.com/jijinan/jijinan" in metadata.splitlines()
    # The licence, as every pip's `pip show` prints it (see [tool.hatch.build.targets.wheel]).
    assert "Metadata-Version: 2.3" in metadata
    assert "License: MIT" in metadata.splitlines()
    assert "License-Expression" not in metadata
    assert f"jijinan-{version}.dist-info/licenses/LICENSE" in names
    assert "# jijinan" in metadata  # the README is the long description
    runtime = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:") and "extra ==" not in line]
    assert len(runtime) == 2, runtime  # attrs and cattrs (the importlib-resources backport was for 3.10)
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert f"jijinan-{version}/scripts/build_data.py" in members
    # every stage of the build and its reviewed tables, so that the sdist rebuilds the data
    for script in sorted((REPO / "scripts").rglob("*")):
        if script.suffix in (".py", ".tsv") and "__pycache__" not in script.parts:
            assert f"jijinan-{version}/{script.relative_to(REPO).as_posix()}" in members, script.name
    assert f"jijinan-{version}/CHANGELOG.md" in members
    # what the tests read, so that they pass from the unpacked sdist (all of it: the next test)
    for path in ("mkdocs.yml", "CITATION.cff", "bench/run.py", ".github/workflows/ci.yml", "docs/citing.md"):
        assert f"jijinan-{version}/{path}" in members, path
    for test in sorted((REPO / "tests").glob("test_*.py")):
        assert f"jijinan-{version}/tests/{test.name}" in members, test.name


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
    python = _venv_bin(env_dir) / "python"
    wheel = next(dist.glob("*.whl"))
    # Nothing of this process's environment may leak in (the sdist's own test run sets PYTHONPATH).
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONIOENCODING"] = "utf-8"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    work = tmp_path / "elsewhere"  # outside the source tree
    work.mkdir()

    def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(map(str, command)), cwd=work, env=env, capture_output=True, text=True, check=False)

    query = run(python, "-c", "import jijinan; print(jijinan.__file__); print(jijinan.units.get('浚縣').code)")
    assert query.returncode == 0, query.stderr
    location, code = query.stdout.split()
    assert str(env_dir) in location
    assert code == "410621"
    cli = run(_venv_bin(env_dir) / "jijinan", "show", "番禹区")
    assert cli.returncode == 0, cli.stderr
    assert "440113" in cli.stdout
    missing = run(python, "-c", "import jijinan; jijinan.units.to_pandas()")
    assert 'pip install "jijinan[pandas]"' in missing.stderr  # no pandas in a bare install
    # The licence shows with the pip that venv brings, whatever its age.
    show = run(python, "-m", "pip", "show", "jijinan")
    assert show.returncode == 0, show.stderr
    assert "License: MIT" in show.stdout.splitlines(), show.stdout


def test_version_and_vintage() -> None:
    assert jijinan.__version__ == "0.4.1"
    assert jijinan.notice.date == jijinan.NOTICE_DATE
    assert load_division_index().periods == jijinan.HISTORY_TABLES  # as the packaged data has them
    assert jijinan.HISTORY_TABLES[0] == "2000"
    assert jijinan.CODE_TABLE in jijinan.HISTORY_TABLES
    assert jijinan.HISTORY_TABLES[-1] == jijinan.LATEST_TABLE
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{jijinan.__version__}] - " in changelog


def _links(markdown: str) -> list[str]:
    """Every link and image target of a Markdown text, outside code."""
    text = re.sub(r"^```.*?^```", "", markdown, flags=re.DOTALL | re.MULTILINE)
    text = re.sub(r"`[^`\n]*`", "", text)
    inline = re.findall(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)", text)
    references = re.findall(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", text, flags=re.MULTILINE)
    html = re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", text)
    return inline + references + html


def test_readme_links_are_absolute() -> None:
    # PyPI shows the README without the repository around it: a relative link leads nowhere.
    links = _links((REPO / "README.md").read_text(encoding="utf-8"))
    assert links, "no links found: the pattern is broken"
    relative = [link for link in links if not re.match(r"https://|mailto:", link)]
    assert not relative, relative
    assert any(link.startswith("https://jijinan.readthedocs.io/") for link in links)


def test_the_link_check_sees_relative_links() -> None:
    sample = 'See [rules](docs/matching.md), ![chart](chart.png), <a href="x.html">x</a>, `[a](b)`.\n\n[c]: ../c.md\n'
    assert _links(sample) == ["docs/matching.md", "chart.png", "../c.md", "x.html"]


def _tree_files() -> set[str]:
    """Every file of the source tree that is not ignored: as git lists it (tracked and untracked
    both, as hatchling sees the tree), or, outside a git checkout, as found less .gitignore's."""
    if shutil.which("git") and (REPO / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO, capture_output=True, check=False,
        )  # fmt: skip
        if listed.returncode == 0:
            return {name for name in listed.stdout.decode("utf-8").split("\0") if name and (REPO / name).is_file()}
    lines = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    patterns = [".git", *(line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#"))]

    def ignored(name: str) -> bool:
        return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)

    found = set()
    for folder, folders, names in os.walk(REPO):
        folders[:] = [name for name in folders if not ignored(name)]
        found |= {(Path(folder) / name).relative_to(REPO).as_posix() for name in names if not ignored(name)}
    return found


def test_the_sdist_holds_the_whole_tree(dist: Path) -> None:
    # Whatever a test reads (test files, tests/data, the data, the build scripts and their tables,
    # the docs and their examples, bench/, the workflows, CITATION.cff): the sdist holds every file
    # of the tree but CI's own script, as it is in the tree, and nothing the tree does not have.
    # So the tests that the sdist's own run leaves out (SDIST_TESTS) read the very same files here.
    version = jijinan.__version__
    with tarfile.open(dist / f"jijinan-{version}.tar.gz") as archive:
        members = {
            m.name.removeprefix(f"jijinan-{version}/"): archive.extractfile(m).read()  # type: ignore[union-attr]
            for m in archive.getmembers()
            if m.isfile()
        }
    expected = {name for name in _tree_files() if not name.startswith(".ci/")}
    assert expected - set(members) == set(), "not in the sdist: add to [tool.hatch.build.targets.sdist] include"
    assert set(members) - expected == {"PKG-INFO"}
    changed = [name for name in expected if members[name] != (REPO / name).read_bytes()]
    assert changed == [], changed
    for path in ("scripts/build_data.py", "src/jijinan/data/units.json", "tests/conftest.py", "pyproject.toml"):
        assert path in members, path


# What the sdist's own test run runs: the tests of what the sdist is for, a package built and
# checked from it alone. Rebuilding the data from the sdist's own scripts and ../shared and finding
# the shipped data again (test_build, the point of an sdist); the package loading, from the wheel
# built from the sdist and from that wheel's zip, with its checks on the data (test_wheel,
# test_loading); lookup, matching and the command line on that data (test_lookup, test_matching,
# test_cli); and the docs' worked examples, which read the sdist's docs (test_docs_examples). The
# rest of the suite tests the same code and files, which test_the_sdist_holds_the_whole_tree shows
# are in the sdist unchanged, and runs in this run; running all of it twice would double the time.
SDIST_TESTS = (
    "test_build.py",
    "test_wheel.py",
    "test_loading.py",
    "test_lookup.py",
    "test_matching.py",
    "test_cli.py",
    "test_docs_examples.py",
)


@pytest.mark.skipif(os.environ.get(INNER_RUN) == "1", reason="this run is the sdist's own test run")
def test_sdist_passes_its_own_tests(dist: Path, tmp_path: Path) -> None:
    # Unpack the sdist and run a part of its tests there (SDIST_TESTS), against the wheel that
    # `python -m build` built from that same sdist (it builds the sdist first, then the wheel from
    # it), installed outside the tree. The inner run has the same tools and reference material.
    version = jijinan.__version__
    with tarfile.open(dist / f"jijinan-{version}.tar.gz") as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(tmp_path, filter="data")
        else:  # pragma: no cover - Python versions before the extraction filters
            archive.extractall(tmp_path)
    tree = tmp_path / f"jijinan-{version}"
    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
         "--target", str(site), str(dist / f"jijinan-{version}-py3-none-any.whl")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-2000:]
    shared = Path(os.environ.get("JIJINAN_SHARED", REPO.parent / "shared")).resolve()  # as conftest.py finds it
    env = {**os.environ, "PYTHONPATH": str(site), INNER_RUN: "1", "JIJINAN_SHARED": str(shared)}
    report = tmp_path / "report.xml"
    tests = [f"tests/{name}" for name in SDIST_TESTS]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *tests],
        cwd=tree, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    cases = list(ET.parse(report).getroot().iter("testcase"))
    files = {next((p for p in case.get("classname", "").split(".") if p.startswith("test_")), "") for case in cases}
    assert files == {Path(name).stem for name in SDIST_TESTS}  # every one of them was collected and ran
    assert not [case for case in cases if case.find("skipped") is not None]  # the rebuild too: nothing skipped
    summary = result.stdout.strip().splitlines()[-1]
    assert " passed" in summary, summary
    assert "failed" not in summary, summary
    assert "error" not in summary, summary
