"""The Great Expectations file context under expectations/ and its sync with the source contract."""

from __future__ import annotations

import json
import logging
import os
import uuid
import warnings
from pathlib import Path

import great_expectations as gx

from jiandu.quality.suites import (
    BATCH_DEFINITION,
    DATASOURCE,
    FLAGS_SCHEMA,
    FLAGS_SUITE,
    FLAGS_TABLE,
    build_flags_suite,
    build_suite,
    suite_name,
)
from jiandu.settings import get_settings
from jiandu.sources.contract import SourceTable, load_contract
from jiandu.warehouse import warehouse

log = logging.getLogger(__name__)
URL_VARIABLE = "JIANDU_WAREHOUSE_SQLA_URL"  # substituted into great_expectations.yml at load time
RUNTIME_VARIABLE = "JIANDU_GX_RUNTIME_DIR"  # where validation results and Data Docs go (settings.gx_runtime_dir)


FLAGS_CHECKPOINT = "audit_flags"


def checkpoint_name(system: str) -> str:
    return f"landing_{system}"


def get_gx_context(context_dir: Path | None = None):
    """The file context; the warehouse URL reaches GX through an environment variable, never the file."""
    os.environ[URL_VARIABLE] = warehouse().sqlalchemy_url
    os.environ[RUNTIME_VARIABLE] = str(get_settings().gx_runtime_dir)
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return gx.get_context(mode="file", project_root_dir=str(context_dir or get_settings().gx_context_dir))


def _stable_id(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "jiandu-gx:" + "/".join(parts)))


def suite_file_text(table: SourceTable | None) -> str:
    """The suite exactly as committed: GX's JSON layout with ids derived from the content, so that
    `jiandu gx sync` rewrites nothing when the contract has not changed. None: the flags suite."""
    doc = (build_suite(table) if table is not None else build_flags_suite()).to_json_dict()
    doc["id"] = _stable_id(doc["name"])
    for exp in doc["expectations"]:
        exp.pop("rendered_content", None)
        exp["id"] = _stable_id(doc["name"], exp["type"], json.dumps(exp["kwargs"], sort_keys=True))
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def _ensure_relation(schema: str, table: str) -> None:
    """An empty placeholder table when the real one does not exist yet (a fresh warehouse): the loader
    and dbt replace it on their first run."""
    from psycopg import sql

    from jiandu.warehouse import connect

    with connect() as conn:
        conn.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(schema)))
        conn.execute(sql.SQL("create table if not exists {} ()").format(sql.Identifier(schema, table)))


def sync(tables: list[SourceTable] | None = None, context_dir: Path | None = None) -> list[str]:
    """Write datasource, assets, suites, validation definitions and one checkpoint per system.

    Run by a data engineer after adding a source table (`jiandu gx sync`); the files it writes are
    reviewed and committed. Returns what changed.
    """
    tables = tables or load_contract()
    ctx = get_gx_context(context_dir)
    changed: list[str] = []
    suites_dir = Path(ctx.root_directory) / "expectations"
    suites = [(suite_name(t), t) for t in tables] + [(FLAGS_SUITE, None)]

    def write_suites() -> list[str]:
        written = []
        for name, table in suites:
            path = suites_dir / f"{name}.json"
            text = suite_file_text(table)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                written.append(f"suite {name}")
        return written

    changed += write_suites()
    ctx = get_gx_context(context_dir)  # reload: the suites on disk are the truth
    try:
        ds = ctx.data_sources.get(DATASOURCE)
    except (KeyError, ValueError):
        ds = ctx.data_sources.add_sql(name=DATASOURCE, connection_string="${" + URL_VARIABLE + "}")
        changed.append(f"datasource {DATASOURCE}")
    by_checkpoint: dict[str, list] = {}
    targets = [(t.raw_name, "landing", t.raw_name, suite_name(t), checkpoint_name(t.system)) for t in tables]
    targets.append((FLAGS_TABLE, FLAGS_SCHEMA, FLAGS_TABLE, FLAGS_SUITE, FLAGS_CHECKPOINT))
    for table_name, schema, _, name, checkpoint in targets:
        asset_name = f"{schema}.{table_name}"
        try:
            asset = ds.get_asset(asset_name)
        except LookupError:
            _ensure_relation(schema, table_name)  # GX test-connects a new asset to its table
            asset = ds.add_table_asset(name=asset_name, table_name=table_name, schema_name=schema)
            changed.append(f"asset {asset_name}")
        try:
            batch = asset.get_batch_definition(BATCH_DEFINITION)
        except KeyError:
            batch = asset.add_batch_definition_whole_table(BATCH_DEFINITION)
        try:
            vd = ctx.validation_definitions.get(name)
        except Exception:  # GX raises its own not-found types
            vd = ctx.validation_definitions.add(gx.ValidationDefinition(
                name=name, data=batch, suite=ctx.suites.get(name)))
            changed.append(f"validation definition {name}")
        by_checkpoint.setdefault(checkpoint, []).append(vd)
    for checkpoint, vds in by_checkpoint.items():
        try:
            existing = {vd.name for vd in ctx.checkpoints.get(checkpoint).validation_definitions}
            has_actions = bool(ctx.checkpoints.get(checkpoint).actions)
            boolean_only = ctx.checkpoints.get(checkpoint).result_format == {"result_format": "BOOLEAN_ONLY"}
        except Exception:
            existing, has_actions, boolean_only = set(), False, False
        if existing == {vd.name for vd in vds} and not has_actions and boolean_only:
            continue
        changed.append(f"checkpoint {checkpoint}")
        ctx.checkpoints.add_or_update(gx.Checkpoint(
            name=checkpoint,
            validation_definitions=vds,
            actions=[],  # Data Docs are built once per checkpoint run by update_data_docs(), not per result
            result_format={"result_format": "BOOLEAN_ONLY"},  # failures get a second, detailed pass (validate.py)
        ))
    write_suites()  # GX re-saves a suite in its own layout when a validation definition is added
    return changed


def update_data_docs(ctx, run_name: str) -> str | None:
    """Prune the file store to the last settings.gx_keep_runs runs per suite (every result of every run stays in
    the warehouse, audit_meta.validation_results), then render this run's results once.

    GX's own UpdateDataDocsAction rebuilt the whole site index after every single validation, reading every
    result ever stored: at tier S with a few hundred stored results that was 56 of a checkpoint's 64 s, and
    it grew every night. Returns the site's index URL.
    """
    keep = get_settings().gx_keep_runs
    store = ctx.validation_results_store
    by_suite: dict[str, list] = {}
    for key in store.list_keys():
        by_suite.setdefault(key.expectation_suite_identifier.name, []).append(key)
    current = []
    for keys in by_suite.values():
        runs = sorted({k.run_id.run_time for k in keys}, reverse=True)[:keep]
        for key in keys:
            if key.run_id.run_name == run_name:
                current.append(key)
            elif key.run_id.run_time not in runs:
                for site in ctx.get_docs_sites_urls(resource_identifier=key):
                    page = (site.get("site_url") or "").removeprefix("file://")
                    if page:
                        _remove_page(Path(page))
                store.remove_key(key)
    if current:
        ctx.build_data_docs(resource_identifiers=current)
    sites = ctx.get_docs_sites_urls()
    return sites[0]["site_url"] if sites else None


def _remove_page(page: Path) -> None:
    """A pruned result's page, and its run-time and run-name folders once empty."""
    page.unlink(missing_ok=True)
    for folder in (page.parent, page.parent.parent):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
