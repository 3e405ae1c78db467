"""The labels package stays pure: nothing of Flask, SQLAlchemy or the app."""

import ast
from pathlib import Path

import labels

FORBIDDEN = {"flask", "sqlalchemy", "reuse", "api", "wsgi"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_labels_imports_nothing_of_the_app_or_its_frameworks():
    package = Path(labels.__file__).parent
    for path in package.rglob("*.py"):
        for name in imported_modules(path):
            top = name.split(".")[0]
            assert top not in FORBIDDEN, f"{path.name} imports {name}"
            assert not top.startswith("flask_"), f"{path.name} imports {name}"


def test_fonts_and_their_licence_ship_inside_the_package():
    fonts = Path(labels.__file__).parent / "fonts"
    assert (fonts / "LICENSE").is_file()
    assert sorted(path.name for path in fonts.glob("*.ttf")) == [
        "DejaVuSansCondensed.ttf",
        "DejaVuSansMono-Bold.ttf",
    ]
