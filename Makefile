# casusoverleg: `make run` to try it, `make test` before every commit.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_ENV := DJANGO_SETTINGS_MODULE=tests.settings
SERVICES_ENV := DATABASE_URL=postgres://postgres@127.0.0.1:5432/casusoverleg \
	REDIS_URL=redis://127.0.0.1:6379/15
# MFA_DEMO_VRIJSTELLING lets the demo accounts in without a second factor (README,
# "MFA and the demo"); the settings refuse it unless DEBUG is on.
RUN_ENV := DEBUG=1 MFA_DEMO_VRIJSTELLING=1
# The suites run on every core (pytest-xdist). Tests go to the workers in pytest-django's
# order, so the transactional tests (which empty the database, migration data too) still
# come last in each worker; grouping by file would break that. TEST_WORKERS=0: serially.
# At most 8 with auto: each worker takes a Redis database of its own (tests/settings.py).
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --maxprocesses 8

.PHONY: run test test-services test-e2e lint security format sysdeps messages clean bench mutation \
	screenshots

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

sysdeps:
	@scripts/sysdeps.sh

# The NL Design System CSS, its theme, the fonts and axe-core come from the npm registry
# at the versions in package-lock.json (never from a CDN); only the served files are
# copied to var/vendor (scripts/vendor_assets.py). Node.js with npm is the one tool
# this needs besides Python.
VENDOR := var/vendor/.copied
$(VENDOR): package-lock.json scripts/vendor_assets.py
	@command -v npm >/dev/null || { echo "Missing: Node.js 20 with npm, for the NL Design System CSS (sudo apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	$(PYTHON) scripts/vendor_assets.py
	touch $@

run: sysdeps $(STAMP) $(VENDOR)
	mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py demo
	@echo ""
	@echo "  Casusoverleg draait op http://127.0.0.1:8000"
	@echo "  Demo-accounts (wachtwoord: demo): coordinator, coordinator2, politie, zorg,"
	@echo "  jeugdzorg, nidos, advocaat, advocaat2, comensha, projectgroep, beheerder, buitenstaander"
	@echo ""
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

# bandit: fails on any finding of medium or high severity (config in pyproject.toml;
# each low one is justified by a `# nosec` comment). pip-audit: every installed
# package against PyPI's vulnerability data; says plainly when that cannot be reached
# and goes on (PIP_AUDIT_REQUIRED=1 fails instead; see scripts/pip_audit.py).
security: $(STAMP)
	$(VENV)/bin/bandit -c pyproject.toml -r . -q --severity-level medium
	$(PY) scripts/pip_audit.py

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

var/test-static/staticfiles.json: $(STAMP) $(VENDOR) $(shell find static -type f)
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --clear -v 0

test: sysdeps $(STAMP) lint security var/test-static/staticfiles.json
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest $(XDIST)

# The service matrix and the URL walk check access rules, not the database engine:
# they run once, in `make test`, to keep CI within its time.
test-services: sysdeps $(STAMP) var/test-static/staticfiles.json
	$(SERVICES_ENV) $(TEST_ENV) $(PY) -m pytest $(XDIST) \
		--ignore=tests/test_service_matrix.py --ignore=tests/test_url_walk.py

# $(VENDOR) also brings axe-core (node_modules/axe-core), which the browser tests inject.
test-e2e: $(STAMP) $(VENDOR) var/test-static/staticfiles.json
	@scripts/sysdeps.sh --browser
	$(TEST_ENV) $(PY) -m pytest -m e2e

# The README's screenshots (docs/screenshots/*.png): the demo data on the browser tests'
# server, photographed in Debian's Chromium (scripts/screenshots.py; about three minutes;
# not part of `make test` or CI). `scripts/screenshots.py casus` remakes one.
screenshots: $(STAMP) $(VENDOR)
	@scripts/sysdeps.sh --browser
	$(PY) scripts/screenshots.py

messages: $(STAMP)
	$(RUN_ENV) $(PY) manage.py makemessages -l en --no-obsolete --ignore='.venv/*' --ignore='var/*'
	$(RUN_ENV) $(PY) manage.py compilemessages -l en --ignore='.venv/*'

# Every access and four-eyes guard removed or inverted, one at a time: a test must
# fail for each (scripts/mutate_guards.py; about an hour, not part of CI).
mutation: $(STAMP) var/test-static/staticfiles.json
	$(PY) scripts/mutate_guards.py

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) var node_modules
