"""Test settings: the production module, with DEBUG off as it is in production.

Only what a test run needs differs: a key, plain http for the test client
(the redirect to https is checked by the ``check --deploy`` test, which runs the
production settings untouched), a fast password hasher and its own static root.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "k" * 50)
os.environ.setdefault("PERSOON_SLEUTEL", "tests-only-persoon-" + "p" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Tests change data between two looks at the figures; the one test of the snapshot
# turns it on.
os.environ.setdefault("STATISTIEK_VERVERSEN", "0")
# Asking the purpose of use is tested where it is the subject
# (tests/casusoverleg/test_gebruiksdoel.py); elsewhere a test opens a case at once.
os.environ.setdefault("GEBRUIKSDOEL_VRAGEN", "0")


def _redis_per_worker(url: str, worker: str) -> str:
    """Under pytest-xdist each worker gets a Redis database of its own (15, 14, …
    down from the one given): every test empties the cache (FLUSHDB), and the
    throttles count per client address, so shared ones would cross between workers."""
    import re

    index = int(worker.removeprefix("gw"))
    match = re.fullmatch(r"(redis://[^/]+)/(\d+)", url)
    if match is None or int(match[2]) - index < 0:
        raise RuntimeError(f"REDIS_URL {url!r}: no database of its own for worker {worker}")
    return f"{match[1]}/{int(match[2]) - index}"


if os.environ.get("REDIS_URL") and os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["REDIS_URL"] = _redis_per_worker(
        os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"]
    )

from casusoverleg.settings import *  # noqa: E402, F403
from casusoverleg.settings import VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT = VAR_DIR / "test-static"
# Most tests log in with force_login and no device; the MFA tests switch it on
# (tests/casusoverleg/test_mfa.py). Production cannot switch it off (test_settings.py).
MFA_VERPLICHT = False
# No background cases in the demo the tests load (tests/statistiek/test_fictief.py
# switches them on): the URL walk fills every parameter with every object.
DEMO_FICTIEVE_CASUSSEN = 0

# Connections opened in worker threads (websocket consumers, the concurrent-claim
# test) must not outlive a test: the test database is dropped at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# A test database in a file, kept between runs with ``pytest --reuse-db``
# (scripts/mutate_guards.py runs the guard tests hundreds of times).
if os.environ.get("TEST_DB_FILE"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DB_FILE"]}  # noqa: F405
