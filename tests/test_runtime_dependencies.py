"""The image carries what production runs, nothing more: the runtime dependencies (uv.lock without the dev and
bench groups, what `uv sync --no-dev` installs in the Dockerfile) must be enough to import every module of the
jiandu package and every DAG. A runtime module that imports pgserver, cosmos, dlt, pytest ... fails here."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import packages_distributions

from packaging.utils import canonicalize_name

from tests.conftest import PROJECT
from tests.test_docker_compose import runtime_packages  # what `uv sync --no-dev` installs (the image)

DEV_ONLY_EXPECTED = {"pgserver", "astronomer-cosmos", "dlt", "pyarrow", "playwright", "pytest", "ruff"}


def dev_only() -> set[str]:
    """Packages of the lock that only the dev and bench groups pull in."""
    lock = tomllib.loads((PROJECT / "uv.lock").read_text(encoding="utf-8"))["package"]
    runtime = {canonicalize_name(name) for name in runtime_packages()}
    return {canonicalize_name(p["name"]) for p in lock} - runtime


def test_development_and_benchmark_packages_are_not_runtime_dependencies():
    runtime = {canonicalize_name(name) for name in runtime_packages()}
    assert {"apache-airflow", "dbt-core", "great-expectations", "psycopg", "pandas"} <= runtime
    assert DEV_ONLY_EXPECTED <= dev_only(), DEV_ONLY_EXPECTED & runtime


def test_every_runtime_module_and_dag_imports_without_the_dev_only_packages():
    """Import every jiandu module and DAG file in a fresh interpreter where the dev-only packages cannot be
    imported (as in the image, where they are not installed)."""
    dev = dev_only()
    blocked = sorted(module for module, dists in packages_distributions().items()
                     if all(canonicalize_name(d) in dev for d in dists) and not module.startswith("_"))
    assert {"pgserver", "cosmos", "pytest"} <= set(blocked)  # dlt: only after make bench
    script = textwrap.dedent(f"""
        import importlib, importlib.abc, json, pkgutil, sys, traceback
        from pathlib import Path

        BLOCKED = set({blocked!r})
        DEV = set({sorted(dev)!r})

        # not installed means no metadata either: Airflow loads every installed distribution's provider and
        # plugin entry points (cosmos declares one), so the dev-only distributions are hidden from discovery
        import importlib.metadata, re

        def hiding(distributions):
            def visible(**kwargs):
                return (d for d in distributions(**kwargs)
                        if re.sub(r"[-_.]+", "-", d.metadata["Name"] or "").lower() not in DEV)
            return visible

        importlib.metadata.distributions = hiding(importlib.metadata.distributions)
        try:
            import importlib_metadata
            importlib_metadata.distributions = hiding(importlib_metadata.distributions)
        except ImportError:
            pass

        class Block(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ModuleNotFoundError(f"dev-only package imported at runtime: {{name}}", name=name)
                return None

        sys.meta_path.insert(0, Block())
        import jiandu
        failures = {{}}
        names = [m.name for m in pkgutil.walk_packages(jiandu.__path__, "jiandu.")]
        for name in names:
            try:
                importlib.import_module(name)
            except BaseException:
                failures[name] = traceback.format_exc(limit=3)
        for dag in sorted(Path({str(PROJECT / "dags")!r}).glob("*.py")):
            spec = importlib.util.spec_from_file_location("dag_" + dag.stem, dag)
            try:
                spec.loader.exec_module(importlib.util.module_from_spec(spec))
            except BaseException:
                failures[str(dag)] = traceback.format_exc(limit=3)
        leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
        print(json.dumps({{"modules": len(names), "failures": failures, "leaked": leaked}}))
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["modules"] > 50
    assert result["failures"] == {} and result["leaked"] == []
