"""`import jijinan` shows its public names only: no helpers that were imported to write it."""

from __future__ import annotations

import types

import jijinan

DUNDER_BASICS = {"__all__", "__doc__", "__file__", "__name__", "__package__", "__path__", "__spec__", "__version__"}


def test_dir_lists_the_public_names_and_the_dunders() -> None:
    names = dir(jijinan)
    assert names == sorted(names)
    public = [name for name in names if not (name.startswith("__") and name.endswith("__"))]
    assert sorted(public) == sorted(set(jijinan.__all__) - {"__version__"})
    assert set(names) >= DUNDER_BASICS
    assert "notice" in names  # loaded on first access, listed all the same


def test_no_helper_names_leak_into_the_module() -> None:
    for name in ("Final", "TYPE_CHECKING", "annotations", "datetime"):
        assert name not in vars(jijinan), name
        assert name not in dir(jijinan), name
    # What remains without an underscore is public, or one of the package's own modules.
    for name, value in vars(jijinan).items():
        if name.startswith("_"):
            continue
        is_submodule = isinstance(value, types.ModuleType) and value.__name__ == f"jijinan.{name}"
        assert name in jijinan.__all__ or is_submodule, name


def test_every_public_name_resolves() -> None:
    for name in jijinan.__all__:
        assert getattr(jijinan, name) is not None, name
    assert jijinan.NOTICE_DATE.isoformat() == "2015-07-03"  # `datetime` is gone, its value is not
