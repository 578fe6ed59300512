# The two commands a newcomer needs are `make run` and `make test`; `make help` lists the rest.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# uv must never download its own Python: the machine's (pyenv, .python-version = 3.12) is the one.
export UV_PYTHON_DOWNLOADS := never

PYTHON_BOOTSTRAP ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# WeasyPrint needs Pango and HarfBuzz's subsetter; the browser tests drive Debian's chromium.
APT_PACKAGES ?= libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 chromium fonts-dejavu-core
PYTEST_ARGS ?=
# Local (Europe/Copenhagen) moments for `make test-clocks`: a Monday 00:30 (before a same-day 12:00 warning),
# 11:59, a Friday 23:59 (the run ticks into the weekend), the 23-hour day of the spring DST change, and
# Juleaftensdag (a closed day). Tests that run another process on the real clock skip, saying why.
TEST_CLOCKS ?= 2026-11-30T00:30 2026-12-02T11:59 2026-12-04T23:59 2027-03-28T00:30 2026-12-24T00:30
CLOCK_PYTEST_ARGS ?= -q -n 2

.PHONY: help install install-system run test test-clocks bench fuzz faults screenshots lint security format typecheck migrations-check check

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: install-system ## install what is missing (uv via pip, apt packages as root) and sync the dependencies
	@$(PYTHON_BOOTSTRAP) -m uv --version >/dev/null 2>&1 || $(PYTHON_BOOTSTRAP) -m pip install --quiet uv
	$(PYTHON_BOOTSTRAP) -m uv sync --frozen

install-system: ## as root: apt-get install the missing system packages (offline when none are missing)
	@if [ "$$(id -u)" != 0 ]; then \
		echo "not root: skipping apt packages ($(APT_PACKAGES))"; exit 0; \
	fi; \
	missing=""; \
	for pkg in $(APT_PACKAGES); do \
		status="$$(dpkg-query -W -f='$${Status}' "$$pkg" 2>/dev/null || true)"; \
		[ "$$status" = "install ok installed" ] || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "apt-get install$$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq; \
		apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(PY):
	$(MAKE) install

run: install ## migrate, load reference and demo data, serve http://127.0.0.1:8000 with a Celery worker and beat
	DJANGO_DEBUG=1 $(MANAGE) migrate --noinput
	DJANGO_DEBUG=1 $(MANAGE) load_reference_data
	DJANGO_DEBUG=1 $(MANAGE) load_demo_data
	DJANGO_DEBUG=1 $(PY) bin/run-embedded

test: install ## the whole pytest suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set, else SQLite)
	@rc=0; $(VENV)/bin/pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ "$$rc" = 5 ]; then echo "pytest collected no tests: that is a failure" >&2; fi; \
	exit $$rc

test-clocks: install ## the suite once per moment in TEST_CLOCKS, the clock moved there (SUNDHEDSAFTALE_TEST_CLOCK)
	@failed=""; \
	for clock in $(TEST_CLOCKS); do \
		echo "==> SUNDHEDSAFTALE_TEST_CLOCK=$$clock"; \
		rc=0; SUNDHEDSAFTALE_TEST_CLOCK=$$clock $(VENV)/bin/pytest $(CLOCK_PYTEST_ARGS) || rc=$$?; \
		if [ "$$rc" != 0 ]; then failed="$$failed $$clock(rc=$$rc)"; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "the suite failed at:$$failed" >&2; exit 1; fi

bench: install ## the region's load (PostgreSQL + Redis; < 30 min): seed, gunicorn + Celery, open loop and locust; bench/README.md
	bench/run-all

fuzz: install ## schemathesis with 1,000 cases per API operation against a live server (about an hour); bench/README.md
	bench/fuzz-run

faults: install ## the fault tests: kill -9 Celery workers, Redis stopped 30 s, PostgreSQL restarted (as root; ~15 min); results in bench/README.md
	bench/faults/run

screenshots: | $(PY) ## the ward board, course page, municipal inbox, reply form and rehab plan at 1,400 and 390 px in docs/screenshots/
	SCREENSHOTS=1 $(VENV)/bin/pytest -q -p no:cacheprovider tests/kernel/test_screenshots.py

lint: | $(PY) ## ruff check, ruff format --check and the import layers (import-linter)
	$(VENV)/bin/ruff check . bin/run-embedded
	$(VENV)/bin/ruff format --check . bin/run-embedded
	$(VENV)/bin/lint-imports

# Medium and high findings fail; each one kept is justified in place (`# nosec BXXX` beside a `# bandit BXXX:` reason).
BANDIT_PATHS := sundhedsaftale admissions discharge rehab aids prevention psychiatry clusters medcom
security: | $(PY) ## bandit over the apps: no medium or high finding (tests/ and migrations left out)
	$(VENV)/bin/bandit -q -r $(BANDIT_PATHS) -x '*/migrations/*' --severity-level medium

format: | $(PY) ## apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix . bin/run-embedded
	$(VENV)/bin/ruff format . bin/run-embedded

# --explicit-package-bases: tests/ has several conftest.py and no __init__.py; name modules from the root.
typecheck: | $(PY) ## mypy with the django and drf plugins
	$(VENV)/bin/mypy --explicit-package-bases . bin/run-embedded

migrations-check: | $(PY) ## fail if a model change has no migration
	$(MANAGE) makemigrations --check --dry-run

check: lint security typecheck migrations-check test ## everything CI runs (without starting PostgreSQL and Redis)
