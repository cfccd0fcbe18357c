"""The browser tests' server: the production configuration with the demo data,
on its own SQLite file in a given folder and a free port.

Shared by the browser tests (tests/e2e/conftest.py) and the README's screenshots
(scripts/screenshots.py), so both see the application exactly as it runs in
production: DEBUG off, collected static files, secure cookies, MFA required. Only
https is left out: Chromium treats 127.0.0.1 as a secure origin, so secure cookies
still work.
"""

import collections
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Debian's Chromium, never a downloaded browser; no sandbox (root in CI, containers).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

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


def server_env(var: Path) -> dict[str, str]:
    """The environment of a production-configured server whose data lives in ``var``."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="casusoverleg.settings",
        DEBUG="0",
        SECRET_KEY="e2e-only-" + "s" * 50,
        PERSOON_SLEUTEL="e2e-only-persoon-" + "p" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var / 'e2e.sqlite3'}",
        AXES_FAILURE_LIMIT="50",
        # No mail server here: mails go to the server's log.
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        # The flows here open many cases; the question why is walked through by
        # its own test on a second server with it on (test_gebruiksdoel.py).
        GEBRUIKSDOEL_VRAGEN="0",
    )
    env.pop("REDIS_URL", None)
    return env


def manage(env: dict[str, str], *args: str, output: IO | None = None, **extra: str) -> None:
    """Run one ``manage.py`` command against the server's database; fail if it fails.
    Its output goes to ``output`` (a file), or to ours."""
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env={**env, **extra},
        check=True,
        timeout=300,
        stdout=output,
        stderr=subprocess.STDOUT if output else None,
    )


def prepare(env: dict[str, str], *, output: IO | None = None) -> None:
    """Migrate, collect the static files, load the demo data and give every demo
    account a second factor with backup codes the callers know."""
    manage(env, "migrate", "--noinput", "-v0", output=output)
    manage(env, "collectstatic", "--noinput", "-v0", output=output)
    # The demo loader refuses to run with DEBUG off; only it gets DEBUG on.
    manage(env, "demo", output=output, DEBUG="1")
    # MFA is required here as in production: each demo account gets backup codes
    # (backup_code), and one new account has no second factor yet (E2E_NIEUW).
    manage(env, "shell", "-c", MFA_SETUP, output=output)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running(env: dict[str, str], log_name: str = "daphne.log") -> Iterator[str]:
    """Serve the application with daphne on a free port of 127.0.0.1; yield its
    address, and stop it afterwards. Its log is ``log_name`` in VAR_DIR; if the
    server does not come up within a minute, the error carries that log."""
    port = _free_port()
    log_path = Path(env["VAR_DIR"]) / log_name
    with open(log_path, "w") as log:
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
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_healthy(url, proc, log_path)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _wait_until_healthy(url: str, proc: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log_path.read_text()) from None
            time.sleep(0.2)


def log_in(page, url: str, username: str, password: str = "demo"):  # noqa: S107
    """Log a demo user in on a Playwright page, as a person would: the password,
    then (MFA is required) one of the account's backup codes."""
    page.goto(f"{url}/inloggen/")
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
