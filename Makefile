# The two commands of the README:
#   make run   set everything up on a fresh machine and run the app with demo data
#   make test  set everything up and run the whole test suite (lint, format, import contracts, pytest)
# and `make bench` for the benchmarks.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench setup lint format clean

setup: $(VENV)/.installed static/build/.built

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

static/build/.built: node_modules/.package-lock.json static/scss/app.scss scripts/copy-govuk-assets.mjs scripts/build-plotly.mjs
	npm run --silent build
	touch $@

run: setup
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo
	@echo "SSCP Board: open http://$(HOST):$(PORT)/ and sign in with a demo login above."
	@echo
	@echo "Web server and one task worker (db_worker); Ctrl-C stops both."
	DEBUG=1 BIN=$(BIN) sh scripts/run-dev.sh $(HOST):$(PORT)

test: setup
	@test -x $(CHROMIUM) || echo "NOTE: $(CHROMIUM) is not installed, so the browser tests will be skipped (apt-get install chromium)."
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m pytest tests/bench -p no:cacheprovider -q -s

lint: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
