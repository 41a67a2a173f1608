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

DEV_ONLY_EXPECTED = {"pgserver", "astronomer-cosmos", "dlt", "pyarrow", "playwright", "pytest", "ruff"}


def _lock() -> dict[str, dict]:
    packages = tomllib.loads((PROJECT / "uv.lock").read_text(encoding="utf-8"))["package"]
    return {canonicalize_name(p["name"]): p for p in packages}


def runtime_closure() -> set[str]:
    """Every package the project's runtime dependencies pull in (extras followed; markers ignored, so the set is
    if anything too large and the check below errs on the lenient side)."""
    lock = _lock()
    todo: list[tuple[str, tuple[str, ...]]] = [("jiandu", ())]
    seen: set[tuple[str, tuple[str, ...]]] = set()
    names: set[str] = set()
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        names.add(name)
        package = lock[name]
        deps = list(package.get("dependencies", []))
        for extra in extras:
            deps += package.get("optional-dependencies", {}).get(extra, [])
        for dep in deps:
            todo.append((canonicalize_name(dep["name"]), tuple(sorted(dep.get("extra", [])))))
    return names


def dev_only() -> set[str]:
    return set(_lock()) - runtime_closure()


def test_development_and_benchmark_packages_are_not_runtime_dependencies():
    runtime = runtime_closure()
    assert {"apache-airflow", "dbt-core", "great-expectations", "psycopg", "pandas"} <= runtime
    assert DEV_ONLY_EXPECTED <= dev_only(), DEV_ONLY_EXPECTED & runtime


def test_the_dockerfile_installs_the_runtime_only():
    syncs = [line for line in (PROJECT / "Dockerfile").read_text().splitlines() if "uv sync" in line]
    assert syncs and all("--no-dev" in line and "--frozen" in line and "--group" not in line for line in syncs)


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
