"""The steps of the nightly supervision run. The DAG wires them; nothing here knows Airflow.

Each step is an idempotent function of (run_id, as_of date) and returns a small
JSON-serialisable dict (it travels between tasks as an XCom).

One run at a time per warehouse: `begin_run` takes the run lease (jiandu.run_lease), every step keeps it alive
and `finish_run` frees it. A source system that cannot be read (unreachable, every table failing) is treated
like one whose critical GX check failed: quarantined, its rules' flags marked stale, the run `partial`; a
single table that fails to load marks the rules reading it stale.
"""

from __future__ import annotations

import json
import logging
import re
from contextlib import nullcontext
from datetime import date

import psycopg
import sqlalchemy as sa

from jiandu import run_lease
from jiandu.bootstrap import bootstrap_warehouse
from jiandu.flags.publish import publish
from jiandu.loaders.copy_loader import (
    LoadError,
    LoadResult,
    abandon_leftovers,
    ensure_raw,
    extract_to_landing,
    promote,
    quarantine,
    record_failed_batch,
)
from jiandu.sources.connections import source_url
from jiandu.sources.contract import tables_of
from jiandu.transform import dbt_runner
from jiandu.warehouse import check_warehouse, connect

log = logging.getLogger(__name__)


def begin_run(run_id: str, as_of: date) -> dict:
    """Take the warehouse's run lease (RunLocked if another run holds it), then clear what killed tries left.

    A warehouse that cannot be used as configured raises WarehouseUnavailable within seconds."""
    check_warehouse()
    bootstrap_warehouse()
    run_lease.acquire(run_id)
    with connect() as conn:
        conn.execute(
            "insert into audit_meta.runs (run_id, as_of_date) values (%s, %s)"
            " on conflict (run_id) do update set started_at = now(), finished_at = null, status = 'running',"
            " summary = null",
            (run_id, as_of),
        )
        # we hold the lease: any other run still `running` was killed
        abandoned_runs = [r[0] for r in conn.execute(
            "update audit_meta.runs set status = 'abandoned', finished_at = now() where status = 'running'"
            " and run_id <> %s returning run_id", (run_id,))]
    leftovers = abandon_leftovers()
    if abandoned_runs or leftovers["batches"]:
        log.warning("abandoned runs %s; %s batch(es) of killed tries marked abandoned, landing tables dropped: %s",
                    abandoned_runs, leftovers["batches"], leftovers["tables"])
    return {"run_id": run_id, "as_of": as_of.isoformat()}


def extract_load_system(system: str, run_id: str, full_key_check: bool = False) -> dict:
    """Every contract table of one source system into landing; never raises for a source's failure.

    A table that fails (schema drift, source error, a killed connection) is reported under `failed` and keeps
    its raw data; the other tables of the system still load. A system that cannot be reached at all has every
    table under `failed` (each recorded as a failed batch) and `lost` set.
    """
    tables = tables_of(system)
    with run_lease.heartbeat(run_id):
        try:
            engine = sa.create_engine(source_url(system))
            try:
                with engine.connect():
                    pass
            except Exception:
                engine.dispose()
                raise
        except Exception as exc:
            reason = f"源系统不可达 source system unreachable: {_one_line(exc)}"
            log.error("%s: %s", system, reason)
            for table in tables:
                record_failed_batch(run_id, table, reason)
            return {"system": system, "loads": {}, "failed": {t.table: reason for t in tables}, "lost": True}
        loads, failed = {}, {}
        try:
            for table in tables:
                try:
                    result = extract_to_landing(engine, table, run_id, full_key_check=full_key_check)
                except Exception as exc:
                    log.error("%s.%s: extract failed, raw keeps its previous data: %s", system, table.table, exc)
                    failed[table.table] = _one_line(exc)
                    continue
                log.info("%s.%s: %s rows landed (%s, source %s) in %.1f s", system, table.table,
                         result.loaded_rows, result.load_mode, result.source_rows, result.seconds)
                loads[table.table] = result.__dict__
        finally:
            engine.dispose()
    return {"system": system, "loads": loads, "failed": failed, "lost": not loads}


def missing_extract(system: str, reason: str) -> dict:
    """The record of an extract step that ended without one (killed, timed out): every table failed."""
    return {"system": system, "loads": {}, "failed": {t.table: reason for t in tables_of(system)}, "lost": True}


def _one_line(exc: BaseException) -> str:
    """The cause on one line, as an operator reads it: a source table that is not there says so (SQLAlchemy's
    NoSuchTableError says only the table's name), other errors keep their kind when their text alone is bare."""
    from sqlalchemy.exc import NoSuchTableError

    text = re.sub(r"\s*\(Background on this error at: [^)]*\)", "", str(exc))  # SQLAlchemy's link
    text = " ".join(text.split())[:500]
    if isinstance(exc, NoSuchTableError):
        return f"源系统中没有这张表 table not found in the source: {text}"
    if not text or " " not in text:
        return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text


def failed_tables_line(failed: dict[str, str]) -> str:
    """`table: cause; table: cause` for the task log and the run summary."""
    return "; ".join(f"{table}: {cause}" for table, cause in sorted(failed.items()))


def extract_load_ledgers(run_id: str, as_of: date) -> dict:
    """The Excel ledgers (台账) in the drop folder: validated whole, loaded into raw, submissions recorded."""
    from jiandu.ledgers.loader import load_ledgers

    with run_lease.heartbeat(run_id):
        result = load_ledgers(run_id, as_of)
    log.info("ledgers: %s", result["counts"])
    return result


def validate_and_promote(run_id: str, extracted: list[dict]) -> dict:
    """GX on every system's landing batches; promote passing systems to raw, quarantine the others.

    Tables whose extract failed are not validated or promoted (raw keeps their last good data); each is recorded
    as a failed critical check of the night (the data-quality scorecard counts it). A system with no table
    landed is quarantined like one that failed a critical check.
    """
    from jiandu.quality.validate import validate_system  # lazy: GX import is heavy

    verdicts = {}
    with run_lease.heartbeat(run_id):
        for item in extracted:
            system = item["system"]
            if item.get("kind") == "ledgers":
                verdicts[system] = item["verdict"]
                continue
            failed = item.get("failed") or {}
            _record_load_failures(run_id, system, failed)
            if not item["loads"]:
                verdicts[system] = {"passed": False, "lost": True,
                                    "critical": [f"{system}: 没有一张表装载成功，整个源系统隔离 no table loaded,"
                                                 " the system is quarantined"],
                                    "warnings": [], "failed_tables": failed, "data_docs": None}
                log.error("source %s quarantined: no table loaded", system)
                continue
            loads = {name: LoadResult(**res) for name, res in item["loads"].items()}
            tables = [t for t in tables_of(system) if t.table in loads]
            verdict = validate_system(system, tables, loads, run_id)
            if verdict.passed:
                not_promoted = _promote_each(tables, loads)
                if not_promoted:
                    _record_load_failures(run_id, system, not_promoted)
                    failed = {**failed, **not_promoted}
            else:
                reason = "；".join(verdict.critical_failures)
                for table in tables:
                    quarantine(loads[table.table].batch_id, reason)
                with connect() as conn:  # quarantined on its first night: empty raw tables, so that dbt builds
                    for table in tables:
                        ensure_raw(conn, table)
                log.error("source %s quarantined: %s", system, reason)
            verdicts[system] = {"passed": verdict.passed, "critical": verdict.critical_failures,
                                "warnings": verdict.warnings, "failed_tables": failed, "data_docs": verdict.data_docs}
    return verdicts


def _promote_each(tables: list, loads: dict[str, LoadResult]) -> dict[str, str]:
    """Promote each table of a system that passed its checks, each in its own transaction. A table whose rows the
    database refuses (a value the checks let through that does not cast, e.g. the date 2026-02-30; two keys that
    become one once typed, 2026-2-5 and 2026-02-05) keeps raw as it was, its batch is quarantined with the
    database's message (naming the value), and the others are promoted: one such value holds back the rules of
    that table, not the night. A lost connection still fails the task (Airflow retries it)."""
    failed = {}
    for table in tables:
        batch_id = loads[table.table].batch_id
        try:
            promote(table, batch_id)
        except (psycopg.errors.DataError, psycopg.errors.IntegrityError, LoadError) as exc:
            message = f"提升到raw失败 promotion refused: {' '.join(str(exc).split())}"[:1000]
            quarantine(batch_id, message)
            failed[table.table] = message
            log.error("%s.%s not promoted: %s", table.system, table.table, message)
    return failed


def _record_load_failures(run_id: str, system: str, failed: dict[str, str]) -> None:
    """One failed critical result per table that did not load, beside tonight's GX results.

    A table that has never loaded (new in the contract, not yet in the source, or its system down on the very
    first night) gets its raw table created empty: raw keeps the last good data of the others, dbt builds, and
    the rules reading it are marked stale, instead of the whole build failing on a missing relation."""
    if not failed:
        return
    contract = {t.table: t for t in tables_of(system)}
    with connect() as conn:
        for table in failed:
            if table in contract:
                ensure_raw(conn, contract[table])
        for table, message in failed.items():
            conn.execute(
                "insert into audit_meta.validation_results (run_id, batch_id, suite_name, source_system, source_table,"
                " expectation, severity, explanation_zh, success, unexpected_count, failing_sample)"
                " values (%s, (select max(batch_id) from audit_meta.load_batches where run_id = %s"
                "  and source_system = %s and source_table = %s), 'load', %s, %s, 'table_loaded', 'critical',"
                " '源表本次装载成功', false, null, %s)",
                (run_id, run_id, system, table, system, table, json.dumps([message], ensure_ascii=False)))


def build_models(as_of: date, run_id: str | None = None) -> dict:
    with run_lease.heartbeat(run_id) if run_id else nullcontext():
        statuses = dbt_runner.build(as_of)
        docs = dbt_runner.docs_generate(as_of)
    return {"statuses": statuses, "dbt_docs": str(docs), "skipped_imports": skipped_standard_imports()}


def skipped_standard_imports() -> list[str]:
    """The group-standard imports tonight's seeds skipped (their columns are not the seed's any more, see
    macros/apply_group_standards.sql), one warning line each naming the standard and the import id."""
    from jiandu.standards.group_store import stale_import_lines

    with connect() as conn:
        return stale_import_lines(conn)


def validate_flags(run_id: str) -> dict:
    """GX on the audit mart; rules whose flags fail a critical expectation are held back tonight."""
    from jiandu.quality.validate import validate_flags as run_flags_suite

    with run_lease.heartbeat(run_id):
        verdict = run_flags_suite(run_id)
    with connect() as conn:
        held = sorted(r[0] for r in conn.execute(
            "select distinct rule_id from audit_rules.fct_red_flags where flag_id = any(%s)",
            ([str(k) for k in verdict.failing_keys],)))
    if verdict.critical_failures:
        log.error("flags of rules %s held back: %s", held, "；".join(verdict.critical_failures))
    return {"passed": verdict.passed, "critical": verdict.critical_failures, "warnings": verdict.warnings,
            "held_rules": held, "data_docs": verdict.data_docs}


def stale_rules(verdicts: dict, held: list[str] | None = None) -> tuple[list[str], dict[str, str]]:
    """Rule ids whose flags cannot be judged tonight, each with its reason: rules reading a quarantined or lost
    system, rules reading a table that failed to load, and rules held back by the GX check on the flags."""
    quarantined = {s for s, v in verdicts.items() if not v.get("passed", True)}
    failed_tables = {(s, t): m for s, v in verdicts.items() for t, m in (v.get("failed_tables") or {}).items()}
    reasons_by_model: dict[str, str] = {}
    for model, tables in dbt_runner.rule_source_tables().items():
        reasons = sorted({f"{s} 已隔离 quarantined" for s, _ in tables if s in quarantined}
                         | {f"{s}.{t} 装载失败 load failed" for s, t in tables
                            if (s, t) in failed_tables and s not in quarantined})
        if reasons:
            reasons_by_model[model] = "；".join(reasons)
    with connect() as conn:  # rule ids of the stale models
        rows = conn.execute("select rule_id, dbt_model from standards.rule_catalog where dbt_model = any(%s)",
                            (sorted(reasons_by_model),)).fetchall()
    reasons = {rule_id: reasons_by_model[model] for rule_id, model in rows}
    for rule_id in held or []:
        reasons[rule_id] = "；".join(filter(None, [reasons.get(rule_id), "疑点校验未通过 held back by the flags check"]))
    return sorted(reasons), reasons


def publish_flags(run_id: str, as_of: date, verdicts: dict, flag_check: dict | None = None) -> dict:
    held = (flag_check or {}).get("held_rules", [])
    with run_lease.heartbeat(run_id):
        stale_ids, reasons = stale_rules(verdicts, held)
        result = publish(run_id, as_of, stale_ids)
    quarantined = sorted(s for s, v in verdicts.items() if not v.get("passed", True))
    return {**result.__dict__, "stale_rules": stale_ids, "stale_reasons": reasons, "held_rules": held,
            "quarantined": quarantined,
            "failed_tables": {f"{s}.{t}": m for s, v in verdicts.items() for t, m in (v.get("failed_tables") or {}).items()}}


def run_status(summary: dict) -> str:
    """success: every source fresh and every rule published; partial: published, some rules stale or held;
    failed: nothing published tonight."""
    if summary.get("failed_steps"):
        return "failed"
    if summary.get("quarantined") or summary.get("failed_tables") or summary.get("stale_rules") \
            or summary.get("held_rules"):
        return "partial"
    return "success"


def finish_run(run_id: str, summary: dict) -> str:
    """Record the run's status and summary and free the run lease; returns the status."""
    status = run_status(summary)
    with connect() as conn:
        conn.execute(
            "update audit_meta.runs set finished_at = now(), status = %s, summary = %s where run_id = %s",
            (status, json.dumps({**summary, "status": status}, ensure_ascii=False, default=str), run_id),
        )
    run_lease.release(run_id)
    return status
