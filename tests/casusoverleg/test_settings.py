import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from casusoverleg.settings import env

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**extra):
    """The environment of a production start: no test overrides, DEBUG off."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR"}
    base = {k: v for k, v in os.environ.items() if k in keep}
    base["DJANGO_SETTINGS_MODULE"] = "casusoverleg.settings"
    base["VAR_DIR"] = str(ROOT / "var" / "prod-check")
    base.update(extra)
    return base


def _manage(*args, **extra):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_production_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_without_secret_key_fail_with_a_clear_message():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "Zq8v" * 12,
        PERSOON_SLEUTEL="a-long-random-person-key-" + "Wx3r" * 12,
        ALLOWED_HOSTS="casusoverleg.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_without_the_person_key_fail_with_a_clear_message():
    result = _manage(
        "check",
        SECRET_KEY="a-long-random-production-secret-" + "Zq8v" * 12,
        ALLOWED_HOSTS="casusoverleg.example.org",
    )
    assert result.returncode != 0
    assert "PERSOON_SLEUTEL is required when DEBUG is off" in result.stderr


def test_debug_on_needs_no_secret_key():
    result = _manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_env_rejects_a_boolean_it_does_not_understand(monkeypatch):
    monkeypatch.setenv("CASUSOVERLEG_TEST_FLAG", "misschien")
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env("CASUSOVERLEG_TEST_FLAG", False, cast=bool)


def test_env_rejects_a_number_it_cannot_parse(monkeypatch):
    monkeypatch.setenv("CASUSOVERLEG_TEST_INT", "vijf")
    with pytest.raises(ImproperlyConfigured, match="CASUSOVERLEG_TEST_INT"):
        env("CASUSOVERLEG_TEST_INT", 5, cast=int)


def test_env_requires_a_value_without_default(monkeypatch):
    monkeypatch.delenv("CASUSOVERLEG_TEST_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="is required"):
        env("CASUSOVERLEG_TEST_REQUIRED")


def test_env_reads_lists_and_booleans(monkeypatch):
    monkeypatch.setenv("CASUSOVERLEG_TEST_LIST", "a.example, b.example,")
    monkeypatch.setenv("CASUSOVERLEG_TEST_FLAG", "Ja")
    assert env("CASUSOVERLEG_TEST_LIST", [], cast=list) == ["a.example", "b.example"]
    assert env("CASUSOVERLEG_TEST_FLAG", False, cast=bool) is True


PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-" + "Zq8v" * 12,
    "PERSOON_SLEUTEL": "a-long-random-person-key-" + "Wx3r" * 12,
    "ALLOWED_HOSTS": "casusoverleg.example.org",
}


def test_production_settings_refuse_the_demo_mfa_exemption():
    result = _manage("check", MFA_DEMO_VRIJSTELLING="1", **PRODUCTION)
    assert result.returncode != 0
    assert "MFA_DEMO_VRIJSTELLING is a demo setting" in result.stderr


def test_production_settings_cannot_switch_mfa_off():
    result = _manage("check", MFA_VERPLICHT="0", **PRODUCTION)
    assert result.returncode != 0
    assert "MFA_VERPLICHT=0 is only allowed with DEBUG=1" in result.stderr


def test_make_run_may_exempt_the_demo_accounts_from_mfa():
    result = _manage("check", DEBUG="1", MFA_DEMO_VRIJSTELLING="1")
    assert result.returncode == 0, result.stderr
