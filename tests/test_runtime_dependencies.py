"""The image carries what production runs, nothing more: the runtime dependencies (uv.lock without the dev and
bench groups, what `uv sync --no-dev` installs in the Dockerfile) must be enough to import every module of the
jiandu package and every DAG. A runtime module that imports pgserver, cosmos, dlt, pytest or the development
package jiandu_dev (devtools/: generator, rules report, `jiandu run`) fails here."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import packages_distributions

import pytest
from packaging.utils import canonicalize_name

from tests.conftest import PROJECT
from tests.test_docker_compose import runtime_packages  # what `uv sync --no-dev` installs (the image)

DEV_ONLY_EXPECTED = {"pgserver", "astronomer-cosmos", "dlt", "pyarrow", "playwright", "pytest", "ruff", "jiandu-dev"}
RUNTIME_CODE = [PROJECT / "plugins", PROJECT / "dags"]  # what docker-compose.yml mounts into the containers


def dev_only() -> set[str]:
    """Packages of the lock that only the dev and bench groups pull in."""
    lock = tomllib.loads((PROJECT / "uv.lock").read_text(encoding="utf-8"))["package"]
    runtime = {canonicalize_name(name) for name in runtime_packages()}
    return {canonicalize_name(p["name"]) for p in lock} - runtime


def blocked_modules(dev: set[str]) -> list[str]:
    """Top-level modules that only dev-only distributions provide."""
    return sorted(module for module, dists in packages_distributions().items()
                  if all(canonicalize_name(d) in dev for d in dists) and not module.startswith("_"))


def without_dev_packages(blocked: list[str], dev: set[str]) -> str:
    """Python source that makes this interpreter look like the image's: the dev-only modules cannot be imported
    and their distributions are not installed (no metadata, so no entry points either)."""
    return textwrap.dedent(f"""
        import importlib.abc, importlib.metadata, re, sys

        BLOCKED = set({blocked!r})
        DEV = set({sorted(dev)!r})

        # not installed means no metadata either: Airflow loads every installed distribution's provider and
        # plugin entry points (cosmos declares one), and the jiandu CLI jiandu_dev's commands (jiandu.cli)
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
    """)


def test_development_and_benchmark_packages_are_not_runtime_dependencies():
    runtime = {canonicalize_name(name) for name in runtime_packages()}
    assert {"apache-airflow", "dbt-core", "great-expectations", "psycopg", "pandas"} <= runtime
    assert DEV_ONLY_EXPECTED <= dev_only(), DEV_ONLY_EXPECTED & runtime


def test_every_runtime_module_and_dag_imports_without_the_dev_only_packages():
    """Import every jiandu module and DAG file in a fresh interpreter where the dev-only packages cannot be
    imported (as in the image, where they are not installed)."""
    dev = dev_only()
    blocked = blocked_modules(dev)
    assert {"pgserver", "cosmos", "pytest", "jiandu_dev"} <= set(blocked)  # dlt: only after make bench
    script = without_dev_packages(blocked, dev) + textwrap.dedent(f"""
        import importlib, json, pkgutil, sys, traceback
        from pathlib import Path

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


def _imported_modules(path) -> set[str]:
    """Every module a Python file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_runtime_code_never_imports_the_development_package():
    """Not even lazily inside a function, which importing the modules would not reveal: the commands of jiandu_dev
    reach the CLI through entry points only (jiandu.cli.build_parser)."""
    offenders = {str(path.relative_to(PROJECT)): sorted(m for m in modules if m.split(".")[0] == "jiandu_dev")
                 for folder in RUNTIME_CODE for path in sorted(folder.rglob("*.py"))
                 if (modules := _imported_modules(path))}
    offenders = {path: modules for path, modules in offenders.items() if modules}
    assert sum(1 for folder in RUNTIME_CODE for _ in folder.rglob("*.py")) > 50
    assert offenders == {}, f"runtime code imports the development package: {offenders}"


def test_the_image_does_not_install_the_development_package():
    runtime = {canonicalize_name(name) for name in runtime_packages()}
    assert "jiandu-dev" not in runtime
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "jiandu-dev" in pyproject["dependency-groups"]["dev"]
    # a path source, not a workspace member: the image's `uv sync --frozen --no-dev` runs with pyproject.toml and
    # uv.lock only (Dockerfile), and a workspace would need devtools/pyproject.toml there
    assert pyproject["tool"]["uv"]["sources"]["jiandu-dev"] == {"path": "devtools", "editable": True}
    assert "workspace" not in pyproject["tool"]["uv"]
    # the runtime package is what setuptools finds under plugins/ (mounted into the containers): jiandu_dev is not
    assert pyproject["tool"]["setuptools"]["packages"]["find"]["where"] == ["plugins"]
    assert not list((PROJECT / "plugins").glob("jiandu_dev*"))
    assert (PROJECT / "devtools" / "jiandu_dev" / "__init__.py").exists()
    copied = [line for line in (PROJECT / "Dockerfile").read_text(encoding="utf-8").splitlines()
              if line.startswith("COPY")]
    assert copied and not [line for line in copied if "devtools" in line], copied
    assert "devtools" not in (PROJECT / "docker-compose.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("metadata", ["absent", "present"], ids=["not-installed", "import-fails"])
@pytest.mark.parametrize("argv", [
    ["run", "--date", "2026-11-01", "--sources", ".data/sources"],
    ["sources", "generate", "--scale", "S", "--out", "/nonexistent/sources"],
    ["rules", "report", "--write"],
], ids=["run", "sources-generate", "rules-report"])
def test_a_development_command_without_the_development_package_says_so_in_one_line(argv, metadata):
    """In the image (no jiandu_dev) `jiandu run` is one Chinese-first line and exit 2, not a traceback or argparse's
    invalid choice; also when jiandu_dev's metadata is there but its code cannot be imported."""
    dev = dev_only() if metadata == "absent" else set()
    script = without_dev_packages(["jiandu_dev"], dev) + textwrap.dedent(f"""
        from jiandu.cli import main
        sys.exit(main({argv!r}))
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=300)
    lines = [line for line in (out.stdout + out.stderr).splitlines() if line.strip()]
    assert out.returncode == 2, lines
    assert len(lines) == 1, lines
    command = " ".join(argv[:2] if argv[0] in ("sources", "rules") else argv[:1])
    assert lines[0].startswith("开发工具未安装 development tools not installed: "), lines[0]
    assert f"`jiandu {command}`" in lines[0] and "nightly_supervision" in lines[0] and "make demo" in lines[0]


def test_runtime_commands_keep_their_argument_checks_without_the_development_package():
    """The stand-ins take any arguments; the other commands still refuse unknown ones."""
    script = without_dev_packages(["jiandu_dev"], dev_only()) + textwrap.dedent("""
        from jiandu.cli import main
        sys.exit(main(["summary", "--no-such-option"]))
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 2
    assert "unrecognized arguments: --no-such-option" in out.stderr
