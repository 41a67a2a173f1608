"""Run a source system's checkpoint on its landing batches and record every result.

A failed critical expectation quarantines the system's batches of this run
(raw keeps the last good data); warnings are recorded and the batch goes on.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from jiandu.loaders.copy_loader import LoadResult
from jiandu.quality.gx_context import checkpoint_name, get_gx_context
from jiandu.quality.suites import row_count_parameter
from jiandu.sources.contract import SourceTable
from jiandu.warehouse import connect

log = logging.getLogger(__name__)
SAMPLE_SIZE = 20


@dataclass
class SystemVerdict:
    system: str
    passed: bool
    critical_failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    data_docs: str | None = None


def _unexpected(result: dict) -> tuple[int | None, list]:
    if "unexpected_count" in result:
        sample = result.get("partial_unexpected_list") or result.get("unexpected_list") or []
        return result["unexpected_count"], sample[:SAMPLE_SIZE]
    observed = result.get("observed_value")
    details = (result.get("details") or {}).get("unexpected_rows") or []
    if isinstance(observed, int) and details is not None and "unexpected_rows" in (result.get("details") or {}):
        return observed, [list(r.values())[0] if isinstance(r, dict) and len(r) == 1 else r
                          for r in details[:SAMPLE_SIZE]]
    return None, [observed] if observed is not None else []


def _exception_message(info: dict | None) -> str | None:
    """GX nests exception info per metric; return the first message raised, if any."""
    if not info:
        return None
    if info.get("raised_exception"):
        return info.get("exception_message") or "exception"
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return value.get("exception_message") or "exception"
    return None


def validate_system(system: str, tables: list[SourceTable], loads: dict[str, LoadResult],
                    run_id: str) -> SystemVerdict:
    ctx = get_gx_context()
    tables = [t for t in tables if t.table in loads]  # a table whose extract failed has no batch to validate
    params = {row_count_parameter(t): loads[t.table].source_rows for t in tables}
    checkpoint = ctx.checkpoints.get(checkpoint_name(system))
    if {vd.name for vd in checkpoint.validation_definitions} <= {t.raw_name for t in tables}:
        run_results = list(checkpoint.run(expectation_parameters=params).run_results.values())
    else:  # only the tables that landed, one validation definition each
        run_results = [ctx.validation_definitions.get(t.raw_name).run(expectation_parameters=params)
                       for t in tables]
    verdict = SystemVerdict(system=system, passed=True)
    rows = []
    by_suite = {t.raw_name: t for t in tables}
    for vr in run_results:
        suite = vr.suite_name
        table = by_suite[suite]
        for er in vr.results:
            cfg = er.expectation_config
            meta = cfg.meta or {}
            severity = meta.get("severity", "critical")
            explanation = meta.get("说明") or cfg.description or cfg.type
            count, sample = _unexpected(er.result or {})
            error = _exception_message(er.exception_info)
            if error:
                sample = [error[:500]]
            success = bool(er.success)
            if not success:
                label = f"{table.system}.{table.table}: {explanation}（{count if count is not None else '?'}行）"
                (verdict.critical_failures if severity == "critical" else verdict.warnings).append(label)
            rows.append((run_id, loads[table.table].batch_id, suite, table.system, table.table, cfg.type,
                         cfg.kwargs.get("column"), severity, explanation, success, count,
                         json.dumps(sample, ensure_ascii=False, default=str)))
    verdict.passed = not verdict.critical_failures
    with connect() as conn:
        conn.execute("delete from audit_meta.validation_results where run_id = %s and source_system = %s",
                     (run_id, system))
        with conn.cursor() as cur:
            cur.executemany(
                "insert into audit_meta.validation_results (run_id, batch_id, suite_name, source_system,"
                " source_table, expectation, column_name, severity, explanation_zh, success, unexpected_count,"
                " failing_sample) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
    sites = ctx.get_docs_sites_urls()
    verdict.data_docs = sites[0]["site_url"] if sites else None
    return verdict
