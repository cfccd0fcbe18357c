"""`make security` says plainly when pip-audit could not audit (issue 11, point 11):
without PyPI's vulnerability data it goes on but says the packages were NOT
audited (and fails when PIP_AUDIT_REQUIRED=1), and it never runs pip-audit in a
way that passes with packages left unaudited."""

import importlib.util
import subprocess
import sys
import urllib.error
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "pip_audit.py"


@pytest.fixture
def pip_audit(monkeypatch):
    spec = importlib.util.spec_from_file_location("pip_audit_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.delenv("PIP_AUDIT_REQUIRED", raising=False)
    return module


def _offline(*args, **kwargs):
    raise urllib.error.URLError("no network")


def test_without_the_network_the_audit_goes_on_but_says_nothing_was_audited(
    pip_audit, monkeypatch, capsys
):
    monkeypatch.setattr(pip_audit.urllib.request, "urlopen", _offline)
    monkeypatch.setattr(pip_audit.subprocess, "run", pytest.fail)

    assert pip_audit.main() == 0
    assert "dependencies NOT AUDITED" in capsys.readouterr().err


def test_where_the_audit_is_required_no_network_fails(pip_audit, monkeypatch, capsys):
    monkeypatch.setattr(pip_audit.urllib.request, "urlopen", _offline)
    monkeypatch.setattr(pip_audit.subprocess, "run", pytest.fail)
    monkeypatch.setenv("PIP_AUDIT_REQUIRED", "1")

    assert pip_audit.main() == 2
    assert "dependencies NOT AUDITED" in capsys.readouterr().err


def test_with_the_service_up_pip_audit_runs_strictly(pip_audit, monkeypatch):
    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, n):
            return b"{"

    calls = []
    monkeypatch.setattr(pip_audit.urllib.request, "urlopen", lambda *a, **k: Answer())
    monkeypatch.setattr(
        pip_audit.subprocess,
        "run",
        lambda cmd, **kw: calls.append(cmd) or subprocess.CompletedProcess(cmd, 0),
    )

    assert pip_audit.main() == 0
    assert calls[0][:3] == [sys.executable, "-m", "pip_audit"]
    assert "--strict" in calls[0]
