# One entry point for the project. A fresh clone needs only Python >= 3.12 and Node >= 20.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP_PY := $(VENV)/.installed
STAMP_NODE := node_modules/.installed
STAMP_VENDOR := cim/core/static/vendor/.installed
LOCALE_SRC := $(shell find cim -path '*/locale/*/LC_MESSAGES/django.po' 2>/dev/null)
LOCALE_MO := $(LOCALE_SRC:.po=.mo)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
JOBS ?= auto
USERS ?= 200
SPAWN_RATE ?= 10
DURATION ?= 3m
WORKERS ?= 4

.PHONY: help install run test test-calendar e2e lint format typecheck bench messages makemessages clean

help:
	@echo "make run        install, migrate, load demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test       the whole test suite (SQLite by default; DATABASE_URL for PostgreSQL)"
	@echo "make e2e        only the browser tests (Playwright + /usr/bin/chromium)"
	@echo "make test-calendar TODAY=+14m   the date-sensitive tests with the clock moved"
	@echo "make lint       ruff and mypy"
	@echo "make bench      the benchmarks; prints a table and writes bench/results.json"
	@echo "make messages   compile the translation catalogues"
	@echo "make loadtest   the deadline rush on PostgreSQL with locust (USERS=200 DURATION=3m; docs/performance.md)"

$(STAMP_PY): pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

$(STAMP_NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP_VENDOR): $(STAMP_NODE) scripts/vendor-static.mjs
	node scripts/vendor-static.mjs

%.mo: %.po $(STAMP_PY)
	$(PY) scripts/compile_po.py $< $@

messages: $(STAMP_PY) $(LOCALE_MO)

install: $(STAMP_PY) $(STAMP_VENDOR) messages

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest -m "not e2e" -n $(JOBS) $(PYTEST_ARGS)
	$(PY) -m pytest -m e2e $(PYTEST_ARGS)

# The date-sensitive tests with the clock moved (TODAY=+6m, +14m or YYYY-MM-DD); see docs/testing.md.
TODAY ?= +6m
test-calendar: install
	$(PY) -m pytest -m "calendar and not e2e" -n $(JOBS) --today=$(TODAY) $(PYTEST_ARGS)

e2e: install
	$(PY) -m pytest -m e2e $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy cim config

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) -m bench

.PHONY: loadtest
loadtest: install
	USERS=$(USERS) SPAWN_RATE=$(SPAWN_RATE) DURATION=$(DURATION) WORKERS=$(WORKERS) VENV=$(VENV) loadtest/run.sh

makemessages: install
	$(PY) scripts/makemessages.py

clean:
	rm -rf $(VENV) node_modules cim/core/static/vendor staticfiles
