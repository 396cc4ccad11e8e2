"""The committed data is exactly what the build script makes from ../shared."""

from __future__ import annotations

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
