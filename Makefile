# SharedWork: `make run` sets everything up and serves http://127.0.0.1:8000; `make test` runs the suite.
SHELL := /bin/bash
.DEFAULT_GOAL := run

# Find a Python 3.12+ (Django 6 needs it): $PYTHON, then python3.13/3.12 on PATH, then pyenv's.
PYTHON ?= $(shell for c in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 python3; do \
	p=$$(command -v $$c 2>/dev/null) || continue; \
	$$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
export SHAREDWORK_DEMO_PASSWORD ?= sharedwork-demo-2026

.PHONY: run install migrate demo static serve worker test test-fast test-browser lint format bench check-deploy clean

$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed; set PYTHON=/path/to/python3.12"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo --if-empty

static: install
	$(BIN)/python manage.py collectstatic --noinput -v0

run: demo static
	@echo ""
	@echo "SharedWork is starting on http://$(HOST):$(PORT)"
	@echo "Demo accounts (password: $$SHAREDWORK_DEMO_PASSWORD): admin@example.org, moderator@example.org, member@example.org, outsider@example.org"
	@echo "Emails are written to data/mail/. Stop with Ctrl-C."
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
	export SHAREDWORK_SITE_URL=$${SHAREDWORK_SITE_URL:-http://$(HOST):$(PORT)}; \
	$(BIN)/python manage.py db_worker --queue-name '*' & \
	$(BIN)/gunicorn sharedwork.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --graceful-timeout 5

worker: install
	$(BIN)/python manage.py db_worker --queue-name '*'

test: install
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q $(PYTEST_ARGS)

test-fast: install
	$(BIN)/python -m pytest -q -m "not browser" $(PYTEST_ARGS)

test-browser: install
	$(BIN)/python -m pytest -q -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The wiki benchmark on SQLite, then on PostgreSQL (in a throw-away database on BENCH_POSTGRES_URL's
# server; skipped with a note when no server answers). BENCH_ARGS=--quick for a first look.
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/sharedwork
bench: install
	env -u DATABASE_URL $(BIN)/python -m sharedwork.bench $(BENCH_ARGS)
	DATABASE_URL=$(BENCH_POSTGRES_URL) $(BIN)/python -m sharedwork.bench $(BENCH_ARGS) \
	  || echo "PostgreSQL benchmark skipped: no server at $(BENCH_POSTGRES_URL) (set BENCH_POSTGRES_URL)."

check-deploy: install
	SHAREDWORK_ENV=production SHAREDWORK_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	SHAREDWORK_ALLOWED_HOSTS=sharedwork.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles
