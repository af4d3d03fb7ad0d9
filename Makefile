# HBEL Inburgering: `make run` starts the demo on SQLite, `make test` runs the test suite.
SHELL := /bin/bash

# uv installed with `pip install --user` lands in ~/.local/bin.
export PATH := $(HOME)/.local/bin:$(PATH)
UV ?= uv
PYTEST_ARGS ?=
# pytest-xdist workers for `make test` (one per core of the 2-core CI machine); 0 runs the
# suite in one process, e.g. for pdb: make test PYTEST_WORKERS=0 PYTEST_ARGS='-x --pdb'
PYTEST_WORKERS ?= 2
PORT ?= 8000
BENCH_ARGS ?=

.PHONY: run test lint migrations-check ensure-uv bench

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
	DEBUG=true HBEL_DEMO=true $(UV) run python manage.py runserver 127.0.0.1:$(PORT)

# SQLite unless DATABASE_URL is set, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/hbel_test
test: ensure-uv
	$(UV) sync --frozen
	$(UV) run pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: ensure-uv
	$(UV) run ruff check .
	$(UV) run ruff format --check .

migrations-check: ensure-uv
	$(UV) run python manage.py makemigrations --check --dry-run

# Performance at national scale (issue 8): PostgreSQL only, from DATABASE_URL, e.g.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/hbel_bench make bench
# Uses <db> (150,000 cases) and <db>_small (1,000), generated once and reused; pass
# BENCH_ARGS="--regenerate" to generate again. Writes bench/results.json.
bench: ensure-uv
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	  *) echo "make bench needs PostgreSQL: set DATABASE_URL=postgres://USER@HOST:PORT/hbel_bench (SQLite is refused)." >&2; exit 2;; esac
	$(UV) sync --frozen
	$(UV) run python -m bench $(BENCH_ARGS)
