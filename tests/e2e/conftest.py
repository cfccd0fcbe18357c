"""Browser tests: Debian's Chromium, driven by Playwright, against daphne.

The server runs the production configuration (DEBUG off, collected static files,
secure cookies) with the demo data, on its own SQLite file in a temporary folder
and a free port, so the tests leave nothing behind (tests/e2e/server.py, which
scripts/screenshots.py shares).
"""

import pytest

from tests.e2e import server


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def server_env(tmp_path_factory):
    return server.server_env(tmp_path_factory.mktemp("e2e-var"))


@pytest.fixture(scope="session")
def live_url(server_env):
    server.prepare(server_env)
    with server.running(server_env) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": server.CHROMIUM,
        "args": server.CHROMIUM_ARGS,
    }


def log_in_page(page, live_url, username, password="demo"):  # noqa: S107
    """Log a demo user in on a Playwright page, as a person would (``server.log_in``)."""
    return server.log_in(page, live_url, username, password)


@pytest.fixture
def log_in(live_url):
    """``log_in_page`` on this test server."""

    def _log_in(page, username, password="demo"):  # noqa: S107
        return log_in_page(page, live_url, username, password)

    return _log_in
