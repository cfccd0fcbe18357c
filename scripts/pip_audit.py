"""`make security`: pip-audit over the installed environment, or a plain failure.

pip-audit asks PyPI's JSON API for each installed release's known vulnerabilities
(https://pypi.org/pypi/<name>/<version>/json). Without that service it would report
every package as "not found" and still answer "No known vulnerabilities found", so
this script first checks that the service answers, and runs pip-audit with
``--strict`` so that any package it could not audit fails the run.

When the service cannot be reached (no network, or an index mirror without the
per-release JSON API) the run fails and says so. ``PIP_AUDIT_OFFLINE=1`` turns
that failure into a loud warning, for working offline; CI must not set it.

Ignored vulnerabilities (``--ignore-vuln``) are listed in IGNORED with the reason.
"""

import os
import subprocess  # nosec B404
import sys
import urllib.error
import urllib.request
from importlib.metadata import version

#: Vulnerability id -> why it does not apply. Empty: nothing is ignored.
IGNORED: dict[str, str] = {}

PROBE = "https://pypi.org/pypi/django/{version}/json"


def _service_problem() -> str | None:
    url = PROBE.format(version=version("django"))
    try:
        # A fixed https URL on pypi.org (bandit B310 is about file:// and custom schemes).
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310  # nosec B310
            response.read(1)
    except urllib.error.HTTPError as error:
        return f"{url} answered HTTP {error.code}: PyPI's vulnerability data is not served here"
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return f"{url} could not be reached ({error}): the network or PyPI is down"
    return None


def main() -> int:
    problem = _service_problem()
    if problem:
        offline = os.environ.get("PIP_AUDIT_OFFLINE") == "1"
        print(
            f"pip-audit: dependencies NOT AUDITED. {problem}.\n"
            + (
                "PIP_AUDIT_OFFLINE=1 is set: continuing without the audit."
                if offline
                else "Run again with network access to pypi.org, or set PIP_AUDIT_OFFLINE=1 "
                "to go on without the audit (never in CI)."
            ),
            file=sys.stderr,
        )
        return 0 if offline else 2
    cmd = [
        sys.executable,
        "-m",
        "pip_audit",
        "--strict",
        "--skip-editable",
        "--progress-spinner",
        "off",
        *[arg for vuln in IGNORED for arg in ("--ignore-vuln", vuln)],
    ]
    # Our own interpreter running pip-audit with fixed arguments, no shell.
    return subprocess.run(cmd, check=False).returncode  # noqa: S603  # nosec B603


if __name__ == "__main__":
    sys.exit(main())
