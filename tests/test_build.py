"""The committed data is exactly what the build script makes from ../shared; the build is stages."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Build  # the built_data fixture's value

REPO = Path(__file__).resolve().parent.parent


def test_rebuild_reproduces_committed_data(built_data: Build) -> None:
    committed = REPO / "src" / "jijinan" / "data"
    assert built_data.returncode == 0, built_data.stderr
    built = sorted(p.name for p in built_data.out.iterdir())
    assert built == sorted(p.name for p in committed.iterdir() if p.is_file())
    for name in built:
        assert (built_data.out / name).read_bytes() == (committed / name).read_bytes(), f"{name} differs: run the build"


def test_build_fails_loudly_on_an_unexpected_seed(shared: Path, tmp_path: Path) -> None:
    # A seed whose damage is not the damage the repair table expects must stop the build.
    fake = tmp_path / "shared"
    (fake / "seed").mkdir(parents=True)
    (fake / "reference").symlink_to(shared / "reference")
    seed = (shared / "seed" / "000_5b88ae4e18233f49.txt").read_text(encoding="utf-8")
    (fake / "seed" / "000_5b88ae4e18233f49.txt").write_text(seed.replace("??h", "??x"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_data.py"), "--shared", str(fake), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "repair" in result.stderr


LONG_MODULE = 300  # lines; a module over it says why at its top
SHORT_DRIVER = 120  # lines of scripts/build_data.py, which only runs the stages


def _script_modules() -> list[Path]:
    return sorted(p for p in (REPO / "scripts").rglob("*.py") if "__pycache__" not in p.parts)


def test_every_build_module_says_its_job_and_is_short_or_says_why() -> None:
    modules = _script_modules()
    assert REPO / "scripts" / "stages" / "package.py" in modules
    for path in modules:
        text = path.read_text(encoding="utf-8")
        docstring = ast.get_docstring(ast.parse(text))
        where = path.relative_to(REPO)
        assert docstring, f"{where} has no docstring saying its job"
        reason = [line for line in docstring.splitlines() if line.strip().startswith("Long because:")]
        lines = len(text.splitlines())
        assert lines <= LONG_MODULE or reason, f"{where} has {lines} lines and no 'Long because: ...' line"


def test_build_data_is_a_short_driver_of_the_stages() -> None:
    text = (REPO / "scripts" / "build_data.py").read_text(encoding="utf-8")
    assert len(text.splitlines()) < SHORT_DRIVER
    # the judgement tables live in the stages, not in the driver
    for table in ("REPAIRS", "DAMAGED_ENTRY", "NAME_CORRECTIONS", "UNDATED_2015", "STALE_JULY_NAMES"):
        assert table not in text, table


def test_only_the_package_stage_imports_jijinan() -> None:
    # Every import of the package's internals is in scripts/stages/package.py, so that moving
    # them inside src/jijinan changes one file of the build.
    importers = []
    for path in _script_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "jijinan" or name.startswith("jijinan.") for name in names):
                importers.append(path.relative_to(REPO).as_posix())
    assert sorted(set(importers)) == ["scripts/stages/package.py"]
