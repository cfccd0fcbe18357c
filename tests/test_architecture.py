"""The layout rules of STYLE.md, checked on the source.

import-linter (``make test``) checks the direction of imports between apps; these
tests check what it cannot: no app imports another app's private names, and no
module imports inside a function (the way to dodge an import cycle), except in
``AppConfig.ready``.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["casusoverleg", "identificatie", "advies", "zorgtafel", "wegwijzer", "statistiek"]


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _app_of(module: str) -> str:
    return module.split(".")[0]


def test_the_walk_reads_every_app():
    seen = {path.relative_to(ROOT).parts[0] for path in _sources()}
    assert seen == set(APPS)


@pytest.mark.parametrize("path", list(_sources()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_names_cross_apps_and_no_imports_in_functions(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    own_app = path.relative_to(ROOT).parts[0]
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if _app_of(node.module) in APPS and _app_of(node.module) != own_app:
                problems += [
                    f"line {node.lineno}: {node.module}.{alias.name} is private"
                    for alias in node.names
                    if alias.name.startswith("_")
                ]
                if any(part.startswith("_") for part in node.module.split(".")):
                    problems.append(f"line {node.lineno}: {node.module} is private")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name != "ready":
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    problems.append(f"line {inner.lineno}: import inside {node.name}()")
    assert not problems, "\n".join(problems)
