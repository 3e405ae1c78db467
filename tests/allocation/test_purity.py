"""The allocation package stays pure: nothing of Flask, SQLAlchemy or the rest of the app."""

import ast
from pathlib import Path

import reuse.allocation

FORBIDDEN = {"flask", "sqlalchemy", "api", "wsgi", "labels"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_allocation_imports_nothing_of_the_app_or_its_frameworks():
    """Only the allocation package itself, the standard library, NumPy and SciPy."""
    package = Path(reuse.allocation.__file__).parent
    for path in package.rglob("*.py"):
        for name in imported_modules(path):
            top = name.split(".")[0]
            assert top not in FORBIDDEN and not top.startswith("flask_"), f"{path.name}: {name}"
            if top == "reuse":
                assert name.startswith("reuse.allocation"), f"{path.name} imports {name}"
