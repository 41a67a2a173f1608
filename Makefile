# jiandu (监督): the two commands of the README, each bootstrapping what it needs.
#   make demo   generate the demo group and run the nightly_supervision DAG on embedded defaults
#   make test   run the whole test suite
#   make bench  benchmarks on tier M: extract-load against pandas, dlt and COPY FROM file, 1M GL lines from MariaDB
#               against mysql | psql, the nightly run, the workbench at 1M flags (tens of minutes; not in make test)
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
DEMO_DATE ?= 2026-11-01
# The 整改进度月报 make demo writes: the month before DEMO_DATE.
DEMO_MONTH ?= 2026-10
DEMO_SOURCES := .data/sources

.PHONY: bootstrap demo test lint rules-report bench stop clean

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# --frozen with the dev group: also the development package jiandu_dev (devtools/), whose entry points add
# `jiandu sources generate`, `jiandu run` and `jiandu rules report` (the image has none of them: --no-dev).
.venv/.synced: pyproject.toml uv.lock devtools/pyproject.toml | $(UV)
	$(UV) sync --frozen
	touch $@

# The compiled SQLite reader of the loader (jiandu.loaders.sqlite_native). Without a C compiler and SQLite's
# header (Debian: gcc, libsqlite3-dev) it is not built and SQLite sources are read by apsw (same rows, slower).
NATIVE_LIB := .tools/native/libjiandu_sqlite_copy.so
$(NATIVE_LIB): plugins/jiandu/loaders/sqlite_copy.c | .venv/.synced
	$(UV) run --frozen python -c "from jiandu.loaders.sqlite_native import build; build()" \
	  || echo "note: compiled SQLite reader not built (no C compiler or libsqlite3-dev); apsw reads SQLite sources"

bootstrap: $(UV) .venv/.synced $(NATIVE_LIB)

# A demo group generated differently than the one the embedded warehouse holds (another generator version, date
# or seed) would be loaded on top of the old one's history (incremental loads), mixing two groups: the embedded
# warehouse is then started afresh. A warehouse given by WAREHOUSE_URL is never touched.
demo: bootstrap
	$(UV) run --frozen jiandu sources generate --scale S --seed 42 --as-of $(DEMO_DATE) --out $(DEMO_SOURCES).new > /dev/null
	@if [ -d $(DEMO_SOURCES) ] && ! cmp -s $(DEMO_SOURCES).new/ground_truth.csv $(DEMO_SOURCES)/ground_truth.csv; then \
	  if [ -z "$$WAREHOUSE_URL" ] && [ -d .data/pgdata ]; then \
	    echo "演示数据已变化，重建内置数据仓库 the demo group changed: starting the embedded warehouse afresh"; \
	    $(UV) run --frozen python -c "import pgserver; pgserver.get_server('.data/pgdata', cleanup_mode='stop')" \
	      >/dev/null 2>&1; rm -rf .data/pgdata; \
	  else echo "注意：演示数据已变化，WAREHOUSE_URL 指向的仓库仍保留旧数据 note: the demo group changed"; fi; \
	fi
	rm -rf $(DEMO_SOURCES) && mv $(DEMO_SOURCES).new $(DEMO_SOURCES)
	$(UV) run --frozen jiandu run --date $(DEMO_DATE) --sources $(DEMO_SOURCES)
	$(UV) run --frozen jiandu rectify demo-seed
	$(UV) run --frozen jiandu report weekly --date $(DEMO_DATE)
	$(UV) run --frozen jiandu report monthly --month $(DEMO_MONTH)

# Two test workers (pytest-xdist): the machines have two cores and a night keeps about one busy.
TEST_WORKERS ?= 2
# The workbench's browser tests use Debian's chromium (Playwright never downloads a browser) and a CJK font.
test: bootstrap
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk)
	bash scripts/ensure-compose.sh >/dev/null
	$(UV) run --frozen ruff check .
	$(UV) run --frozen pytest -n $(TEST_WORKERS) --dist loadgroup

# Per rule: planted, found, missed, decoys flagged (after the demo run); writes docs/rules.md.
rules-report: demo
	$(UV) run --frozen jiandu rules report --sources $(DEMO_SOURCES) --write

# Benchmarks (not part of `make test`; tens of minutes), with the `bench` dependency group (dlt). Tier M is
# generated once into BENCH_SOURCES and reused: extract_load loads it table by table beside the 1M-row
# side-by-side (pandas, dlt, COPY FROM file), nightly_tier runs two nights on it. BENCH picks the scripts,
# BENCH_ARGS is passed to each, e.g. make bench BENCH=extract_load BENCH_ARGS="--repeat 5".
# benchmarks/dbt_execution_modes.py runs on the demo warehouse: make demo, then make bench BENCH=dbt_execution_modes.
BENCH ?= extract_load extract_load_mariadb nightly_tier workbench
BENCH_SCALE ?= M
BENCH_SOURCES ?= .data/sources-$(BENCH_SCALE)
bench: bootstrap
	$(UV) sync --frozen --group bench
	test -f $(BENCH_SOURCES)/manifest.json || $(UV) run --frozen jiandu sources generate --scale $(BENCH_SCALE) \
	  --seed 42 --as-of $(DEMO_DATE) --out $(BENCH_SOURCES)
	set -e; for name in $(BENCH); do \
	  case $$name in \
	    extract_load) extra="--sources $(BENCH_SOURCES)";; \
	    nightly_tier) extra="--scale $(BENCH_SCALE) --sources $(BENCH_SOURCES) --reuse";; \
	    *) extra="";; \
	  esac; \
	  echo "== benchmarks/$$name.py $$extra $(BENCH_ARGS)"; \
	  $(UV) run --frozen --group bench python benchmarks/$$name.py $$extra $(BENCH_ARGS); \
	done
	$(UV) sync --frozen

lint: bootstrap
	$(UV) run --frozen ruff check .

# Stop the embedded warehouse (it keeps running after `make demo` so you can connect to it).
stop: bootstrap
	$(UV) run --frozen python -c "import pgserver; pgserver.get_server('.data/pgdata', cleanup_mode='stop')" || true

clean:
	rm -rf .data dbt_project/target dbt_project/target-unit dbt_project/logs expectations/gx/uncommitted
