"""Mutation run over the access and four-eyes guards: every guard removed or
inverted must make a test fail.

mutmut mutates every literal and operator of a module (thousands of mutants of
which few touch a guard) and runs from a copy of the tree that our Django test
settings do not expect. This script makes only the mutations the issue asks
about, on the real tree, one at a time:

* in ``casusoverleg/permissions/`` (the access module): every ``if`` test
  inverted; every ``if`` whose body refuses (raise / return nothing) removed;
  each operand of an ``and`` / ``or`` dropped; every ``not`` dropped; every
  ``return <expression>`` in a ``may_*`` / ``user_can`` / ``*_for_user`` function
  replaced by the most permissive answer;
* in the services: every ``if`` that raises ``PermissionDenied`` / ``Http404``
  removed and inverted, and every call of a guard helper
  (``_require*``, ``_check*``, ``taak_check_owner``, ``*_refusal``) removed.

For each mutant it runs the guard test selection with ``-x`` and counts the
mutant killed when pytest fails. The tree is restored after every mutant (and on
Ctrl-C). Prints one line per survivor and, last, a JSON summary.

    .venv/bin/python scripts/mutate_guards.py [--list] [--only SUBSTRING]
"""

import argparse
import ast
import json
import os
import signal
import subprocess  # nosec B404
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ACCESS_MODULES = [
    "casusoverleg/permissions/casussen.py",
    "casusoverleg/permissions/zorgtafels.py",
    "casusoverleg/permissions/signalen.py",
    "casusoverleg/permissions/taken.py",
    "casusoverleg/permissions/beheer.py",
    "casusoverleg/permissions/wegwijzer.py",
]
SERVICE_MODULES = [
    "casusoverleg/services/casus.py",
    "casusoverleg/services/gebruikers.py",
    "identificatie/flows.py",
    "identificatie/services/proces.py",
    "identificatie/services/taken.py",
    "identificatie/services/signalen.py",
    "identificatie/services/melding.py",
    "identificatie/services/indicatorlijst.py",
    "advies/services.py",
    "zorgtafel/services/common.py",
    "zorgtafel/services/planning.py",
    "zorgtafel/services/vergadering.py",
    "wegwijzer/services.py",
]
#: What an access refusal raises (a ValidationError is bad input, not a refusal).
REFUSALS = {"PermissionDenied", "Http404"}
GUARD_PREFIXES = ("_require", "_check", "require_", "check_")
GUARD_NAMES = {"taak_check_owner"}
#: Guards of a state (meeting running, text length), not of access: left alone.
NOT_ACCESS = {"_require_bezig", "_require_wijzigbaar", "_check_omvang"}

#: The tests that judge the access module, the most direct first: with ``-x`` a
#: killed mutant stops at its first failing test.
ACCESS_TESTS = [
    "tests/casusoverleg/test_permissions.py",
    "tests/casusoverleg/test_access.py",
    "tests/identificatie/test_signaal_beroepsgeheim.py",
    "tests/casusoverleg/test_beheer.py",
    "tests/identificatie/test_proces.py",
    "tests/advies/test_views.py",
    "tests/zorgtafel/test_zorgtafel.py",
]
#: Mutants that change no behaviour, with the reason: not run, not counted as
#: survivors, listed in the summary. Keyed by path, description without the line
#: number (so that an edit above does not unmark them) and ``#n``, the n-th mutant
#: of that description in the module. Each entry needs a reason a reviewer can
#: check; a mutant a test can kill belongs in a test, not here.
_ACTIEF_TWICE = (
    "user.organisatie.actief: may_access_cases, the operand before it, already asks "
    "Organisatie.may_access_cases, which is False for an inactive organisation "
    "(tests/wegwijzer/test_toegang_randen.py shows the refusal)"
)
EQUIVALENT = {
    "casusoverleg/permissions/wegwijzer.py drop operand 1 of `or` in _actieve_medewerker() #1": (
        "is_authenticated: the only unauthenticated user is AnonymousUser, whose "
        "is_active is False, so the next operand refuses it all the same"
    ),
    "casusoverleg/permissions/wegwijzer.py drop operand 1 of `and` in _actieve_medewerker() #1": (
        "organisatie is not None: every account has an organisation (a non-null "
        "foreign key); only AnonymousUser has none, refused on the line above"
    ),
    "casusoverleg/permissions/wegwijzer.py drop operand 2 of `and` in "
    "may_propose_doorverwijzing() #1": (
        "not casus.is_gesloten: closing a case takes the coordinating permission "
        "(casusoverleg/services/sluiten.py), so may_coordinate already refuses; "
        "tests/wegwijzer/test_toegang_randen.py shows the refusal"
    ),
    "casusoverleg/permissions/wegwijzer.py drop operand 2 of `and` in "
    "_ontvanger() #1": _ACTIEF_TWICE,
    "casusoverleg/permissions/wegwijzer.py drop operand 2 of `or` in "
    "doorverwijzingen_for_user() #1": _ACTIEF_TWICE,
    "casusoverleg/permissions/wegwijzer.py drop operand 2 of `or` in "
    "ontvangen_doorverwijzingen() #1": _ACTIEF_TWICE,
    "wegwijzer/services.py remove call _require() in aanbod_update() #1": (
        "the check before the lock: the same check follows on the locked row, so an "
        "outsider is refused all the same and nothing is saved (the row is locked a "
        "moment longer); the check after the lock is kept by a test"
    ),
}
#: An access module judged by its own tests instead of ``ACCESS_TESTS``: the
#: wegwijzer's rules are called by the wegwijzer and by two core services whose
#: wegwijzer side (the organisation-administrator role, a participation through a
#: referral) is tested in tests/wegwijzer; the shared selection never reaches them.
ACCESS_MODULE_TESTS = {
    "casusoverleg/permissions/wegwijzer.py": [
        "tests/wegwijzer",
        "tests/casusoverleg/test_permissions.py",
    ],
}
#: For a service, its rows of the role matrix and its app's tests.
APP_TESTS = {
    "casusoverleg/services/gebruikers.py": ["tests/casusoverleg/test_beheer.py"],
    "casusoverleg": ["tests/casusoverleg"],
    "identificatie": ["tests/identificatie"],
    "advies": ["tests/advies"],
    "zorgtafel": ["tests/zorgtafel"],
    "wegwijzer": ["tests/wegwijzer"],
}


def selection(path: str, function: str) -> list[str]:
    """The tests a mutant of ``function`` in ``path`` is run against."""
    if path in ACCESS_MODULES:
        return list(ACCESS_MODULE_TESTS.get(path, ACCESS_TESTS))
    tests = APP_TESTS.get(path) or APP_TESTS[path.split("/")[0]]
    # The matrix rows of the service itself, or of every service that calls a helper.
    services = _callers(function) if function.startswith("_") else {function}
    rows = " or ".join(sorted(services))
    return [*tests, "tests/test_service_matrix.py", "-k", f"{rows} or not test_service_as_role"]


def _callers(helper: str) -> set[str]:
    """The functions of the service modules that call ``helper`` (directly)."""
    found = set()
    for path in SERVICE_MODULES:
        if not (ROOT / path).exists():
            continue
        for func in ast.walk(ast.parse((ROOT / path).read_text())):
            if isinstance(func, ast.FunctionDef) and func.name != helper:
                for node in ast.walk(func):
                    if isinstance(node, ast.Call) and helper in (
                        getattr(node.func, "id", None),
                        getattr(node.func, "attr", None),
                    ):
                        found.add(func.name)
    return found or {helper}


def _raises_refusal(body) -> bool:
    for stmt in body:
        if isinstance(stmt, ast.Raise) and stmt.exc is not None:
            exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
            name = exc.id if isinstance(exc, ast.Name) else getattr(exc, "attr", "")
            if name in REFUSALS:
                return True
    return False


def _refuses(body) -> bool:
    """A guard's body: it raises a refusal, or returns nothing / False / none()."""
    if _raises_refusal(body):
        return True
    for stmt in body:
        if isinstance(stmt, ast.Return):
            value = stmt.value
            if value is None or (isinstance(value, ast.Constant) and not value.value):
                return True
            if isinstance(value, ast.Call) and getattr(value.func, "attr", "") == "none":
                return True
    return False


def _guard_call(node) -> str | None:
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in NOT_ACCESS:
            return None
        if name.startswith(GUARD_PREFIXES) or name in GUARD_NAMES or name.endswith("_refusal"):
            return name
    return None


class Mutants:
    """Collects (description, mutate(tree)) pairs by node position."""

    def __init__(self, path: str, access: bool):
        self.path = path
        self.access = access
        self.source = (ROOT / path).read_text()
        self.tree = ast.parse(self.source)
        self.found = []

    def collect(self):
        for func in ast.walk(self.tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                self._visit(func, node)
        return self.found

    def _add(self, description, node, change):
        key = (type(node).__name__, node.lineno, node.col_offset)
        self.found.append((f"{self.path}:{node.lineno} {description}", key, change, self.function))

    def _visit(self, func, node):
        self.function = func.name
        where = f"in {func.name}()"
        if isinstance(node, ast.If) and (self.access or _raises_refusal(node.body)):
            self._add(f"invert `if` {where}", node, _invert_if)
            if _refuses(node.body):
                self._add(f"remove guard `if` {where}", node, _remove_if)
        if not self.access and func.name.endswith("_refusal"):
            if isinstance(node, ast.Return) and not _is_constant(node.value, None):
                self._add(f"return None (no refusal) {where}", node, _return_none)
        if not self.access and (name := _guard_call(node)):
            self._add(f"remove call {name}() {where}", node, _remove_stmt)
        if not self.access:
            return
        if isinstance(node, ast.BoolOp) and len(node.values) > 1:
            for index in range(len(node.values)):
                self._add(
                    f"drop operand {index + 1} of `{type(node.op).__name__.lower()}` {where}",
                    node,
                    _drop_operand(index),
                )
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            self._add(f"drop `not` {where}", node, _drop_not)
        permissive = func.name.startswith("may_") or func.name in ("user_can",)
        refusing = func.name.endswith("_refusal")
        # (A return that already gives the mutated answer is no mutant.)
        if permissive and isinstance(node, ast.Return) and not _is_constant(node.value, True):
            self._add(f"return True {where}", node, _return_true)
        if refusing and isinstance(node, ast.Return) and not _is_constant(node.value, None):
            self._add(f"return None (no refusal) {where}", node, _return_none)


def _is_constant(value, constant) -> bool:
    """``return`` / ``return None`` is the constant None; ``return True`` is True."""
    if value is None:
        return constant is None
    return isinstance(value, ast.Constant) and value.value is constant


def _invert_if(node):
    node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)


def _remove_if(node):
    node.test = ast.Constant(value=False)


def _remove_stmt(node):
    node.value = ast.Constant(value=None)


def _drop_operand(index):
    def change(node):
        node.values = node.values[:index] + node.values[index + 1 :]
        if len(node.values) == 1:
            node.values = node.values + [ast.Constant(value=isinstance(node.op, ast.And))]

    return change


def _drop_not(node):
    # ``not x`` becomes ``not not x``, that is ``x`` as a truth value.
    node.operand = ast.UnaryOp(op=ast.Not(), operand=node.operand)


def _return_true(node):
    node.value = ast.Constant(value=True)


def _return_none(node):
    node.value = ast.Constant(value=None)


def _mutated_source(path: str, key, change) -> str:
    tree = ast.parse((ROOT / path).read_text())
    for node in ast.walk(tree):
        here = (type(node).__name__, getattr(node, "lineno", None), getattr(node, "col_offset", 0))
        if here == key:
            change(node)
            break
    else:
        raise LookupError(key)
    return ast.unparse(ast.fix_missing_locations(tree))


def run_tests(tests: list[str], timeout: int) -> bool:
    """True when the selection fails (the mutant is killed)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        # One migrated test database for the whole run: the mutants touch no model.
        "TEST_DB_FILE": str(ROOT / "var" / "mutation-test.sqlite3"),
    }
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:warnings", "--reuse-db", *tests]
    try:
        # Runs this project's own tests (bandit B404, B603): a fixed argument list (this
        # interpreter, pytest, our test paths), no shell.
        result = subprocess.run(  # noqa: S603  # nosec B603
            cmd, cwd=ROOT, env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return True
    return result.returncode != 0


def equivalent_reasons(descriptions: list[str]) -> dict[str, str]:
    """The reason of each mutant in ``EQUIVALENT``, by its description; counted over
    every mutant, before ``--only`` and ``--shard`` choose."""
    seen, reasons = Counter(), {}
    for description in descriptions:
        path, rest = description.split(":")[0], description.split(" ", 1)[1]
        seen[name := f"{path} {rest}"] += 1
        if reason := EQUIVALENT.get(f"{name} #{seen[name]}"):
            reasons[description] = reason
    return reasons


def _stop(signum, frame):
    raise KeyboardInterrupt  # so that the mutated file is restored (``finally``)


def main():
    signal.signal(signal.SIGTERM, _stop)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--only", default="", help="only mutants whose description has this")
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--shard", default="1/1", help="k/n: every n-th mutant from the k-th")
    parser.add_argument("--skip", type=int, default=0, help="resume: skip the shard's first N")
    args = parser.parse_args()

    mutants = []
    for path in ACCESS_MODULES:
        mutants += Mutants(path, access=True).collect()
    for path in SERVICE_MODULES:
        if (ROOT / path).exists():
            mutants += Mutants(path, access=False).collect()
    reasons = equivalent_reasons([m[0] for m in mutants])
    mutants = [m for m in mutants if args.only in m[0]]
    k, n = (int(x) for x in args.shard.split("/"))
    mutants = mutants[k - 1 :: n][args.skip :]
    if args.list:
        for description, *_rest in mutants:
            print(description)
        print(json.dumps({"mutants": len(mutants)}))
        return

    survivors, equivalent, started = [], [], time.monotonic()
    for n, (description, key, change, function) in enumerate(mutants, 1):
        path = description.split(":")[0]
        reason = reasons.get(description)
        if reason:
            print(f"[{n}/{len(mutants)}] equivalent {description}: {reason}", flush=True)
            equivalent.append(description)
            continue
        original = (ROOT / path).read_text()
        try:
            (ROOT / path).write_text(_mutated_source(path, key, change))
            killed = run_tests(selection(path, function), args.timeout)
        finally:
            (ROOT / path).write_text(original)
        verdict = "killed  " if killed else "SURVIVED"
        print(f"[{n}/{len(mutants)}] {verdict} {description}", flush=True)
        if not killed:
            survivors.append(description)
    print(
        json.dumps(
            {
                "mutants": len(mutants),
                "killed": len(mutants) - len(survivors) - len(equivalent),
                "equivalent": len(equivalent),
                "survivors": len(survivors),
                "survivor_list": survivors,
                "seconds": round(time.monotonic() - started),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
