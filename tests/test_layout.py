"""The layout keeps its design: layers in a stated order, no import cycle, short modules that say their job.

An AST walk of src/jijinan, with no dependency: every ``import`` and ``from … import`` of a
jijinan module, at the top of a module or inside a function (the lazy ones count too), is an
edge. docs/architecture.md states the same order of layers; a test checks they agree.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "jijinan"

# Bottom to top. A module may import from its own layer or a lower one, never a higher one;
# the package facade (jijinan/__init__.py) is the top: nothing inside imports it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("jijinan.constants", "jijinan.errors", "jijinan.records", "jijinan._sealed")),
    ("loading", ("jijinan.loading",)),
    ("matching", ("jijinan.matching",)),
    ("tables", ("jijinan.tables",)),
    ("collection", ("jijinan.collection",)),
    ("files", ("jijinan.files", "jijinan.export")),
    ("cli", ("jijinan.cli", "jijinan.__main__")),
    ("facade", ("jijinan",)),
)
LONG_MODULE = 300


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def layer_of(module: str) -> int:
    best: tuple[int, int] | None = None
    for rank, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if prefix == "jijinan" and module != "jijinan":
                    continue  # the facade is the package's own __init__ only
                if best is None or len(prefix) > best[1]:
                    best = (rank, len(prefix))
    assert best is not None, f"{module} is in no layer: add it to LAYERS and docs/architecture.md"
    return best[0]


def imports_of(module: str, path: Path) -> set[str]:
    """The jijinan modules ``module`` imports, anywhere in its code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "jijinan"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "jijinan":
                continue
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in MODULES else node.module)
    found.discard(module)
    return found


GRAPH = {module: imports_of(module, path) for module, path in MODULES.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_walk_sees_the_package() -> None:
    assert {"jijinan", "jijinan.collection", "jijinan.matching.matcher", "jijinan.cli"} <= set(GRAPH)
    assert "jijinan.matching.many" in GRAPH["jijinan.matching.matcher"]
    assert "jijinan.loading.loaders" in GRAPH["jijinan.loading"]


def test_no_import_cycle_inside_jijinan() -> None:
    assert find_cycle(GRAPH) is None, " -> ".join(find_cycle(GRAPH) or [])


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_from_a_lower_layer_up() -> None:
    upward = [
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in GRAPH.items()
        for target in sorted(targets)
        if target in MODULES and layer_of(target) > layer_of(module)
    ]
    assert not upward, "\n".join(upward)


def test_the_layer_check_catches_an_upward_import() -> None:
    # matching importing the collection, or anything inside importing the facade, is upward
    assert layer_of("jijinan.collection") > layer_of("jijinan.matching.matcher")
    assert layer_of("jijinan") > max(layer_of(m) for m in MODULES if m != "jijinan")


@pytest.mark.parametrize("module", sorted(MODULES), ids=str)
def test_every_module_says_its_job_and_is_short_or_says_why(module: str) -> None:
    path = MODULES[module]
    text = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text)) or ""
    assert docstring.strip(), f"{path.relative_to(REPO)} has no docstring saying its job"
    lines = text.count("\n")
    assert lines <= LONG_MODULE or "Long because:" in docstring, (
        f"{path.relative_to(REPO)} has {lines} lines: split it by job, or say at its top why not ('Long because: …')"
    )


def test_the_architecture_page_states_the_same_layers() -> None:
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    stated = re.findall(r"^\| (\d+) \| ([a-z]+) \|", page, flags=re.MULTILINE)
    assert [(int(n), name) for n, name in stated] == [(i, name) for i, (name, _p) in enumerate(LAYERS)]
    for _name, prefixes in LAYERS:
        for prefix in prefixes:
            assert f"`{prefix}`" in page, prefix
