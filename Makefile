# HBEL Inburgering: `make run` starts the demo on SQLite, `make test` runs the test suite.
SHELL := /bin/bash

# uv installed with `pip install --user` lands in ~/.local/bin.
export PATH := $(HOME)/.local/bin:$(PATH)
UV ?= uv
PYTEST_ARGS ?=

.PHONY: run test lint migrations-check ensure-uv

ensure-uv:
	@command -v $(UV) >/dev/null 2>&1 || python3 -m pip install --user uv \
		|| python3 -m pip install --user --break-system-packages uv \
		|| python3 -m pip install uv
	@command -v $(UV) >/dev/null 2>&1 || { echo "uv could not be installed" >&2; exit 1; }

# Demo on the embedded defaults: SQLite (db.sqlite3) and eager Celery, no broker needed.
run: ensure-uv
	$(UV) sync --frozen
	DEBUG=true HBEL_DEMO=true $(UV) run python manage.py migrate --noinput
	DEBUG=true HBEL_DEMO=true $(UV) run python manage.py seed_demo
	DEBUG=true HBEL_DEMO=true $(UV) run python manage.py runserver 127.0.0.1:8000

# SQLite unless DATABASE_URL is set, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/hbel_test
test: ensure-uv
	$(UV) sync --frozen
	$(UV) run pytest $(PYTEST_ARGS)

lint: ensure-uv
	$(UV) run ruff check .
	$(UV) run ruff format --check .

migrations-check: ensure-uv
	$(UV) run python manage.py makemigrations --check --dry-run
