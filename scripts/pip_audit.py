"""`make security`: pip-audit over the installed environment, or a plain failure.

pip-audit asks PyPI's JSON API for each installed release's known vulnerabilities
(https://pypi.org/pypi/<name>/<version>/json). Without that service it would report
every package as "not found" and still answer "No known vulnerabilities found", so
this script first checks that the service answers, and runs pip-audit with
``--strict`` so that any package it could not audit fails the run.

When the service cannot be reached (no network, or an index mirror without the
per-release JSON API, as on the machines this project's CI runs on today) the run
says plainly that the dependencies were NOT audited and goes on, so that
``make test`` works offline; ``PIP_AUDIT_REQUIRED=1`` turns that into a failure,
for a CI or release machine that does reach PyPI. Found vulnerabilities always fail.

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
        required = os.environ.get("PIP_AUDIT_REQUIRED") == "1"
        print(
            f"pip-audit: dependencies NOT AUDITED. {problem}.\n"
            + (
                "PIP_AUDIT_REQUIRED=1 is set: failing."
                if required
                else "Continuing without the audit; run it where pypi.org is reachable "
                "(PIP_AUDIT_REQUIRED=1 makes this a failure)."
            ),
            file=sys.stderr,
        )
        return 2 if required else 0
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
