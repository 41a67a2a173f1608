"""Run dbt in-process (dbtRunner) against the resolved warehouse."""

from __future__ import annotations

import json
import logging
import os
from datetime import date
from pathlib import Path

from jiandu.settings import get_settings
from jiandu.warehouse import warehouse

log = logging.getLogger(__name__)


AS_OF_VARIABLE = "JIANDU_AS_OF_DATE"  # read by dbt_project/macros/as_of_date.sql when executing


class DbtFailed(RuntimeError):
    pass


def dbt_env() -> dict[str, str]:
    return warehouse().dbt_env()


def invoke(args: list[str], as_of: date | None = None) -> object:
    """Invoke dbt with the project's profile; raises DbtFailed naming the failing nodes."""
    from dbt.cli.main import dbtRunner  # lazy: dbt import is heavy

    settings = get_settings()
    os.environ.update(dbt_env())
    project = str(settings.dbt_project_dir)
    full = [*args, "--project-dir", project, "--profiles-dir", project]
    if "--target-path" not in args:
        full += ["--target-path", str(settings.dbt_target_dir)]
    full += ["--log-path", str(settings.dbt_log_dir)]
    # The as-of date travels in the environment, not in --vars (see macros/as_of_date.sql): a changed --vars
    # value makes dbt re-parse the whole project every night.
    if as_of is not None:
        os.environ[AS_OF_VARIABLE] = as_of.isoformat()
    else:
        os.environ.pop(AS_OF_VARIABLE, None)
    log.info("dbt %s", " ".join(full))
    result = dbtRunner().invoke(full)
    if not result.success:
        failed = []
        for r in getattr(result.result, "results", None) or []:
            if str(r.status) in ("error", "fail", "runtime error"):
                failed.append(f"{r.node.unique_id}: {r.message}")
        detail = "; ".join(failed) or str(result.exception)
        raise DbtFailed(f"dbt {args[0]} failed: {detail}")
    return result.result


def build(as_of: date, full_refresh: bool = False) -> dict:
    # Unit tests run in `make test` and `jiandu rules test`, not every night: in a build a failing unit test
    # would skip its rule's model.
    args = ["build", "--exclude-resource-type", "unit_test"] + (["--full-refresh"] if full_refresh else [])
    results = invoke(args, as_of)
    statuses: dict[str, int] = {}
    for r in results.results:
        statuses[str(r.status)] = statuses.get(str(r.status), 0) + 1
    return statuses


def docs_generate(as_of: date) -> Path:
    """The dbt docs site (catalog of the warehouse as built tonight). `--no-compile`: the build just before
    compiled every node into target/compiled; compiling all 997 again took 8 of the 19 s on the demo group."""
    invoke(["docs", "generate", "--no-compile"], as_of)
    return get_settings().dbt_target_dir / "index.html"


def manifest() -> dict:
    path = get_settings().dbt_target_dir / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8"))


def rule_source_tables() -> dict[str, set[tuple[str, str]]]:
    """For every rf_* model, the (source system, source table) pairs it reads (walking the dbt lineage)."""
    nodes = manifest()
    parents = nodes["parent_map"]
    result: dict[str, set[tuple[str, str]]] = {}
    for unique_id, node in nodes["nodes"].items():
        if node["resource_type"] != "model" or not node["name"].startswith("rf_"):
            continue
        tables: set[tuple[str, str]] = set()
        stack, seen = [unique_id], set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            if current.startswith("source."):
                source = nodes["sources"][current]
                tables.add((source["source_name"], source["name"]))
            stack.extend(parents.get(current, []))
        result[node["name"]] = tables
    return result


def rule_source_systems() -> dict[str, set[str]]:
    """For every rf_* model, the source systems it reads (walking the dbt lineage)."""
    return {rule: {system for system, _ in tables} for rule, tables in rule_source_tables().items()}
