"""Browser tests: Debian's Chromium, driven by Playwright, against daphne.

The server runs the production configuration (DEBUG off, collected static files,
secure cookies) with the demo data, on its own SQLite file in a temporary folder
and a free port, so the tests leave nothing behind. Only https is left out:
Chromium treats 127.0.0.1 as a secure origin, so secure cookies still work.
"""

import collections
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server_env(tmp_path_factory):
    var = tmp_path_factory.mktemp("e2e-var")
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="casusoverleg.settings",
        DEBUG="0",
        SECRET_KEY="e2e-only-" + "s" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var / 'e2e.sqlite3'}",
        AXES_FAILURE_LIMIT="50",
    )
    env.pop("REDIS_URL", None)
    return env


@pytest.fixture(scope="session")
def live_url(server_env):
    manage = [sys.executable, str(ROOT / "manage.py")]
    steps = (
        (["migrate", "--noinput", "-v0"], {}),
        (["collectstatic", "--noinput", "-v0"], {}),
        # The demo loader refuses to run with DEBUG off; only it gets DEBUG on.
        (["demo"], {"DEBUG": "1"}),
        # MFA is required here as in production: each demo account gets backup
        # codes the tests know, and one new account has no second factor yet.
        (["shell", "-c", MFA_SETUP], {}),
    )
    for args, extra in steps:
        subprocess.run(
            [*manage, *args], cwd=ROOT, env={**server_env, **extra}, check=True, timeout=300
        )
    port = _free_port()
    log = open(Path(server_env["VAR_DIR"]) / "daphne.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "casusoverleg.asgi:application",
        ],
        cwd=ROOT,
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(Path(log.name).read_text()) from None
            time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def log_in_page(page, live_url, username, password="demo"):  # noqa: S107
    """Log a demo user in on a Playwright page, as a person would: the password,
    then (MFA is required) one of the account's backup codes."""
    page.goto(f"{live_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("load")
    if "/mfa/verifieren/" in page.url:
        page.get_by_label("Code").fill(backup_code(username))
        with page.expect_navigation():
            page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_load_state("load")
    return page


@pytest.fixture
def log_in(live_url):
    """``log_in_page`` on this test server."""

    def _log_in(page, username, password="demo"):  # noqa: S107
        return log_in_page(page, live_url, username, password)

    return _log_in


E2E_NIEUW = "e2e-nieuw"
E2E_NIEUW_WACHTWOORD = "Nieuw-e2e-wachtwoord-2026"  # noqa: S105 - a test server's own account
_BACKUP_CODES = 500
_used = collections.Counter()


def backup_code(username: str) -> str:
    """The next unused backup code the setup gave this demo account."""
    _used[username] += 1
    assert _used[username] <= _BACKUP_CODES
    return f"e2e.{username}.{_used[username]}"


# Run once with manage.py shell on the test server's database (no plain code is
# stored there: only the hashes, as the application does).
MFA_SETUP = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
from casusoverleg.demo import demo_users
from casusoverleg.models import Herstelcode, HerstelcodeApparaat, User
from casusoverleg.models.mfa import herstelcode_hash
for user in demo_users().values():
    TOTPDevice.objects.get_or_create(user=user, defaults={{"name": "e2e"}})
    apparaat, _ = HerstelcodeApparaat.objects.get_or_create(user=user, defaults={{"name": "e2e"}})
    apparaat.codes.all().delete()
    Herstelcode.objects.bulk_create(
        Herstelcode(apparaat=apparaat, code_hash=herstelcode_hash(f"e2e.{{user.username}}.{{i}}"))
        for i in range(1, {_BACKUP_CODES} + 1)
    )
coordinator = demo_users()["coordinator"]
if not User.objects.filter(username="{E2E_NIEUW}").exists():
    nieuw = User(username="{E2E_NIEUW}", organisatie=coordinator.organisatie)
    nieuw.set_password("{E2E_NIEUW_WACHTWOORD}")
    nieuw.save()
"""
