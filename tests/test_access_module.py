"""One access module: rules about who may see or do what live in
``casusoverleg/permissions/``; everything else asks it.

Checked on the source, simply: outside the access module no function combines a
role flag (``is_coordinator``, ``is_reviewer``) with a case permission, nothing
reads guardian's tables or asks Django's permission API, nothing but the service
that records it touches the confidentiality statement's timestamp, and templates
decide nothing from a user's flags or organisation.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["casusoverleg", "identificatie", "advies", "zorgtafel", "wegwijzer"]
ACCESS_MODULE = ROOT / "casusoverleg" / "permissions"

ROLE_FLAGS = {"is_coordinator", "is_reviewer", "is_organisatiebeheerder"}
CASE_PERMISSIONS = {
    "VIEW",
    "CHANGE",
    "COORDINATE",
    "user_can",
    "perms_for",
    "casussen_for_user",
    "view_casus",
    "change_casus",
    "coordinate_casus",
}
# Guardian's tables and Django's permission API: only the access module reads them
# (the models define them; the core's services grant and revoke through guardian's
# shortcuts).
GUARDIAN = {
    "CasusUserObjectPermission",
    "CasusGroupObjectPermission",
    "UserObjectPermission",
    "GroupObjectPermission",
    "has_perm",
    "has_perms",
    "get_perms",
    "get_objects_for_user",
    "ObjectPermissionChecker",
}
STATEMENT = "vertrouwelijkheid_bevestigd_op"

# Functions that may combine a role flag with a case permission themselves: none.
ROLE_AND_PERMISSION_ALLOWED: set = set()
# Where the statement's timestamp may appear: its model, and the service that
# records the acceptance (a write, not an access decision).
STATEMENT_ALLOWED = {
    ("zorgtafel/models.py", None),
    ("zorgtafel/services/vergadering.py", "vertrouwelijkheid_confirm"),
}
GUARDIAN_ALLOWED = {
    "casusoverleg/models/casus.py",
    "casusoverleg/models/deelname.py",
    "casusoverleg/models/__init__.py",
}


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and ACCESS_MODULE not in path.parents:
                yield path


def _names(node) -> set[str]:
    """Every identifier, attribute, keyword and string constant under ``node``."""
    found = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name):
            found.add(inner.id)
        elif isinstance(inner, ast.Attribute):
            found.add(inner.attr)
        elif isinstance(inner, ast.keyword) and inner.arg:
            found.add(inner.arg.split("__")[0])
        elif isinstance(inner, ast.alias):
            found.add(inner.name.split(".")[-1])
        elif isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            found.add(inner.value)
    return found


def _functions(tree):
    """Top-level functions and methods (nested functions count with their parent)."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node
        elif isinstance(node, ast.ClassDef):
            yield from (
                n for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
            )


def _where(path, tree, name):
    """The function containing the first mention of ``name``, or None (module level)."""
    for function in _functions(tree):
        if name in _names(function):
            return function.name
    return None


SOURCES = list(_sources())


def test_the_walk_reads_every_app_and_skips_the_access_module():
    seen = {str(p.relative_to(ROOT)) for p in SOURCES}
    assert {p.relative_to(ROOT).parts[0] for p in SOURCES} == set(APPS)
    assert "casusoverleg/services/casus.py" in seen
    assert not any(s.startswith("casusoverleg/permissions/") for s in seen)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_access_rule_is_derived_outside_the_access_module(path):
    rel = str(path.relative_to(ROOT))
    tree = ast.parse(path.read_text(), filename=rel)
    problems = []
    for function in _functions(tree):
        names = _names(function)
        if (
            names & ROLE_FLAGS
            and names & CASE_PERMISSIONS
            and (rel, function.name) not in ROLE_AND_PERMISSION_ALLOWED
        ):
            problems.append(
                f"{function.name}() combines {sorted(names & ROLE_FLAGS)} with "
                f"{sorted(names & CASE_PERMISSIONS)}: ask may_coordinate() and friends"
            )
    everything = _names(tree)
    if everything & GUARDIAN and rel not in GUARDIAN_ALLOWED:
        problems.append(f"reads permissions itself: {sorted(everything & GUARDIAN)}")
    if STATEMENT in everything:
        where = _where(path, tree, STATEMENT)
        if (rel, where) not in STATEMENT_ALLOWED and (rel, None) not in STATEMENT_ALLOWED:
            problems.append(f"{where or 'module'} reads {STATEMENT}: ask may_enter_room()")
    assert not problems, "\n".join(problems)


TEMPLATE_RULES = re.compile(
    r"is_coordinator|is_reviewer|is_organisatiebeheerder|is_superuser|may_access_cases|"
    rf"{STATEMENT}|organisatie\.discipline\s*==|is_voorzitter"
)


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "templates").rglob("*.html")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_templates_show_what_the_views_were_told(path):
    """Visibility in a template follows an answer of the access module that the view
    (or the context processor) passed, never the user's own flags."""
    hits = [
        f"line {n}: {m.group(0)}"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        for m in TEMPLATE_RULES.finditer(line)
    ]
    assert not hits, "\n".join(hits)


def test_the_guard_catches_a_rederived_coordinator_rule():
    bad = ast.parse(
        "def f(user, casus):\n    return user.is_coordinator and user_can(user, casus, COORDINATE)"
    )
    names = _names(next(_functions(bad)))
    assert names & ROLE_FLAGS and names & CASE_PERMISSIONS
