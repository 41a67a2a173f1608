# jiandu (监督): the two commands of the README, each bootstrapping what it needs.
#   make demo   generate the demo group and run the nightly_supervision DAG on embedded defaults
#   make test   run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
DEMO_DATE ?= 2026-11-01
DEMO_SOURCES := .data/sources

.PHONY: bootstrap demo test lint rules-report bench stop clean

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	touch $@

bootstrap: $(UV) .venv/.synced

demo: bootstrap
	$(UV) run --frozen jiandu sources generate --scale S --seed 42 --as-of $(DEMO_DATE) --out $(DEMO_SOURCES) > /dev/null
	$(UV) run --frozen jiandu run --date $(DEMO_DATE) --sources $(DEMO_SOURCES)
	$(UV) run --frozen jiandu report weekly

test: bootstrap
	bash scripts/ensure-compose.sh >/dev/null
	$(UV) run --frozen ruff check .
	$(UV) run --frozen pytest

lint: bootstrap
	$(UV) run --frozen ruff check .

# Stop the embedded warehouse (it keeps running after `make demo` so you can connect to it).
stop: bootstrap
	$(UV) run --frozen python -c "import pgserver; pgserver.get_server('.data/pgdata', cleanup_mode='stop')" || true

clean:
	rm -rf .data dbt_project/target dbt_project/logs expectations/gx/uncommitted/validations expectations/gx/uncommitted/data_docs
