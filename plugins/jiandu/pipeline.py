"""The steps of the nightly supervision run. The DAG wires them; nothing here knows Airflow.

Each step is an idempotent function of (run_id, as_of date) and returns a small
JSON-serialisable dict (it travels between tasks as an XCom).
"""

from __future__ import annotations

import json
import logging
from datetime import date

import sqlalchemy as sa

from jiandu.bootstrap import bootstrap_warehouse
from jiandu.flags.publish import publish
from jiandu.loaders.copy_loader import LoadResult, extract_to_landing, promote, quarantine
from jiandu.sources.connections import source_url
from jiandu.sources.contract import tables_of
from jiandu.transform import dbt_runner
from jiandu.warehouse import connect

log = logging.getLogger(__name__)


def begin_run(run_id: str, as_of: date) -> dict:
    bootstrap_warehouse()
    with connect() as conn:
        conn.execute(
            "insert into audit_meta.runs (run_id, as_of_date) values (%s, %s)"
            " on conflict (run_id) do update set started_at = now(), finished_at = null, status = 'running'",
            (run_id, as_of),
        )
    return {"run_id": run_id, "as_of": as_of.isoformat()}


def extract_load_system(system: str, run_id: str, full_key_check: bool = False) -> dict:
    """Every contract table of one source system into landing; returns the batches.

    A table that fails (schema drift, source error) is reported under `failed` and keeps its raw data;
    the other tables of the system still load.
    """
    engine = sa.create_engine(source_url(system))
    loads, failed = {}, {}
    try:
        for table in tables_of(system):
            try:
                result = extract_to_landing(engine, table, run_id, full_key_check=full_key_check)
            except Exception as exc:
                log.error("%s.%s: extract failed, raw keeps its previous data: %s", system, table.table, exc)
                failed[table.table] = str(exc)
                continue
            log.info("%s.%s: %s rows landed (%s, source %s) in %.1f s", system, table.table, result.loaded_rows,
                     result.load_mode, result.source_rows, result.seconds)
            loads[table.table] = result.__dict__
    finally:
        engine.dispose()
    if not loads:
        raise RuntimeError(f"source system {system}: every table failed: {failed}")
    return {"system": system, "loads": loads, "failed": failed}


def extract_load_ledgers(run_id: str, as_of: date) -> dict:
    """The Excel ledgers (台账) in the drop folder: validated whole, loaded into raw, submissions recorded."""
    from jiandu.ledgers.loader import load_ledgers

    result = load_ledgers(run_id, as_of)
    log.info("ledgers: %s", result["counts"])
    return result


def validate_and_promote(run_id: str, extracted: list[dict]) -> dict:
    """GX on every system's landing batches; promote passing systems to raw, quarantine the others.

    Tables whose extract failed are not validated or promoted (raw keeps their last good data).
    """
    from jiandu.quality.validate import validate_system  # lazy: GX import is heavy

    verdicts = {}
    for item in extracted:
        system = item["system"]
        if item.get("kind") == "ledgers":
            verdicts[system] = item["verdict"]
            continue
        loads = {name: LoadResult(**res) for name, res in item["loads"].items()}
        tables = [t for t in tables_of(system) if t.table in loads]
        verdict = validate_system(system, tables, loads, run_id)
        if verdict.passed:
            for table in tables:
                promote(table, loads[table.table].batch_id)
        else:
            reason = "；".join(verdict.critical_failures)
            for table in tables:
                quarantine(loads[table.table].batch_id, reason)
            log.error("source %s quarantined: %s", system, reason)
        failed = item.get("failed") or {}
        verdicts[system] = {"passed": verdict.passed, "critical": verdict.critical_failures,
                            "warnings": verdict.warnings + [f"{system}.{t}: 装载失败 load failed: {m}"
                                                            for t, m in failed.items()],
                            "failed_tables": failed, "data_docs": verdict.data_docs}
    return verdicts


def build_models(as_of: date) -> dict:
    statuses = dbt_runner.build(as_of)
    docs = dbt_runner.docs_generate(as_of)
    return {"statuses": statuses, "dbt_docs": str(docs)}


def validate_flags(run_id: str) -> dict:
    """GX on the audit mart; rules whose flags fail a critical expectation are held back tonight."""
    from jiandu.quality.validate import validate_flags as run_flags_suite

    verdict = run_flags_suite(run_id)
    with connect() as conn:
        held = sorted(r[0] for r in conn.execute(
            "select distinct rule_id from audit_rules.fct_red_flags where flag_id = any(%s)",
            ([str(k) for k in verdict.failing_keys],)))
    if verdict.critical_failures:
        log.error("flags of rules %s held back: %s", held, "；".join(verdict.critical_failures))
    return {"passed": verdict.passed, "critical": verdict.critical_failures, "warnings": verdict.warnings,
            "held_rules": held, "data_docs": verdict.data_docs}


def publish_flags(run_id: str, as_of: date, verdicts: dict, flag_check: dict | None = None) -> dict:
    quarantined = {s for s, v in verdicts.items() if not v["passed"]}
    stale_models = sorted(
        rule for rule, systems in dbt_runner.rule_source_systems().items() if systems & quarantined
    )
    with connect() as conn:  # rule ids of the stale models
        stale_ids = [r[0] for r in conn.execute(
            "select rule_id from standards.rule_catalog where dbt_model = any(%s)", (stale_models,))]
    held = (flag_check or {}).get("held_rules", [])
    stale_ids = sorted(set(stale_ids) | set(held))
    result = publish(run_id, as_of, stale_ids)
    return {**result.__dict__, "stale_rules": stale_ids, "held_rules": held, "quarantined": sorted(quarantined)}


def finish_run(run_id: str, summary: dict) -> None:
    with connect() as conn:
        conn.execute(
            "update audit_meta.runs set finished_at = now(), status = %s, summary = %s where run_id = %s",
            ("quarantined" if summary.get("quarantined") else "success", json.dumps(summary, ensure_ascii=False),
             run_id),
        )
