"""The package reads as the flow: imports only point down it, and nothing goes round in a circle.

Every ``import`` counts, at module level or inside a function: a lazy import
that points up the flow is still a dependency that makes a stage impossible to
use or test without the ones after it.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "translate"

#: The stages in flow order; a module may import its own stage and the ones before it.
FLOW = (
    ("translate", "translate.model", "translate.errors", "translate.languages", "translate.files",
     "translate.transaction", "translate.stamp", "translate.rules", "translate.freshness"),
    ("translate.source",),
    ("translate.catalog",),
    ("translate.glossary",),
    ("translate.checks",),
    ("translate.memory", "translate.mt"),
    ("translate.quality",),
    ("translate.editions",),
    ("translate.reports",),
    ("translate.cli", "translate.__main__"),
)  # fmt: skip


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules this module imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "translate"}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            if module.split(".")[0] != "translate":
                continue
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                found.add(submodule if submodule in known else module)
    return found - {name}


def stage(name: str) -> int:
    for number, members in enumerate(FLOW):
        if any(name == m or name.startswith(m + ".") for m in members if m != "translate") or name == "translate":
            return number
    raise AssertionError(f"{name} belongs to no stage of the flow: add it to FLOW in {__file__}")


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_module_belongs_to_a_stage() -> None:
    for name in graph():
        stage(name)


def test_imports_only_point_down_the_flow() -> None:
    upward = sorted(
        f"{name} (stage {stage(name)}) imports {target} (stage {stage(target)})"
        for name, targets in graph().items()
        for target in targets
        if stage(target) > stage(name)
    )
    assert upward == []


def test_no_module_imports_itself_through_others() -> None:
    edges = graph()
    circles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(edges.get(name, ())):
            if state.get(target) == "open":
                circles.append([*trail[trail.index(target) :], target] if target in trail else [name, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    assert circles == []


def test_polib_is_behind_one_module() -> None:
    users = sorted(
        {
            name
            for name, path in modules().items()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if (isinstance(node, ast.Import) and any(a.name.split(".")[0] == "polib" for a in node.names))
            or (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "polib")
        }
    )
    assert users == ["translate.catalog.pofile"]


def test_the_checker_sees_a_circle_and_an_upward_import(tmp_path: Path) -> None:
    """The graph above is built the way this test builds a tiny package, so a miss would show here."""
    (tmp_path / "translate" / "source").mkdir(parents=True)
    (tmp_path / "translate" / "__init__.py").write_text("")
    (tmp_path / "translate" / "source" / "__init__.py").write_text("")
    (tmp_path / "translate" / "source" / "a.py").write_text("def f():\n    from translate.cli import main\n")
    (tmp_path / "translate" / "source" / "b.py").write_text("from . import a\n")
    (tmp_path / "translate" / "cli.py").write_text("from translate.source import b\n")
    known = {
        "translate.source.a": tmp_path / "translate/source/a.py",
        "translate.source.b": tmp_path / "translate/source/b.py",
        "translate.cli": tmp_path / "translate/cli.py",
    }
    assert imports("translate.source.a", known["translate.source.a"], known) == {"translate.cli"}
    assert imports("translate.source.b", known["translate.source.b"], known) == {"translate.source.a"}
    assert stage("translate.cli") > stage("translate.source.a")
