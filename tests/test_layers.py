"""The package's layers import one way: the folder names are the pipeline, and this keeps them so.

Read from the source with `ast` (no import runs), so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"


def imports_of(path: Path) -> set[str]:
    """Every module name `path` imports, at any depth of the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def layer_imports() -> dict[str, set[str]]:
    """Module path relative to the package (`site/pages.py`) -> the names it imports."""
    return {path.relative_to(PACKAGE).as_posix(): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


def offenders(prefix: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{module} imports {name}"
        for module, names in layer_imports().items()
        if module.startswith(prefix)
        for name in sorted(names)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]


def test_only_the_host_imports_mkdocs() -> None:
    found = [
        f"{module} imports {name}"
        for module, names in layer_imports().items()
        if not module.startswith("host/")
        for name in sorted(names)
        if name == "mkdocs" or name.startswith("mkdocs.") or name.startswith("material")
    ]
    assert found == []


def test_submission_imports_nothing_of_the_later_stages() -> None:
    later = ("generator.site", "generator.exports", "generator.host", "generator.contributors", "generator.cli")
    assert offenders("submission/", later) == []


def test_the_build_never_imports_the_contributor_tools() -> None:
    assert offenders("site/", ("generator.contributors",)) == []
    assert offenders("host/", ("generator.contributors",)) == []
    assert offenders("exports/", ("generator.contributors", "generator.host")) == []


def test_the_shared_core_imports_no_stage() -> None:
    stages = ("generator.submission", "generator.site", "generator.exports", "generator.host", "generator.contributors")
    core = [m for m in layer_imports() if "/" not in m and m not in ("cli.py", "__init__.py")]
    assert core, "the core modules are at the package's top"
    found = [f"{m} imports {n}" for m in core for n in layer_imports()[m] if n.startswith(stages)]
    assert found == []


def test_the_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    """The check itself: a module with a lazy MkDocs import is caught."""
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from mkdocs.config import load_config\n    return load_config\n")
    assert "mkdocs.config" in imports_of(module)
