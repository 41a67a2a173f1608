"""Run GX checkpoints and record every result in audit_meta.validation_results.

- `validate_system`: a source system's landing batches. A failed critical expectation quarantines the
  system's batches of this run (raw keeps the last good data); warnings are recorded and the batch goes on.
- `validate_flags`: the audit mart before publishing. Rules with a flag that fails a critical expectation
  (no evidence, no source reference, a reference to a row that does not exist) are not published that
  night: their flags are marked stale and the run summary names them.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

import great_expectations as gx
from great_expectations.core.run_identifier import RunIdentifier

from jiandu.loaders.copy_loader import LoadResult
from jiandu.quality.gx_context import FLAGS_CHECKPOINT, checkpoint_name, get_gx_context, update_data_docs
from jiandu.quality.suites import FLAGS_SCHEMA, FLAGS_TABLE, row_count_parameter
from jiandu.sources.contract import SourceTable
from jiandu.warehouse import connect

log = logging.getLogger(__name__)
SAMPLE_SIZE = 20
DETAIL_FORMAT = {"result_format": "COMPLETE", "partial_unexpected_count": SAMPLE_SIZE}


@dataclass
class SystemVerdict:
    system: str
    passed: bool
    critical_failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    data_docs: str | None = None
    failing_keys: list = field(default_factory=list)  # keys named by failed critical expectations


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


def _unexpected(result: dict, limit: int | None = SAMPLE_SIZE) -> tuple[int | None, list]:
    """(count, keys) of the failing rows: unexpected values, or the first column of unexpected rows."""
    if "unexpected_count" in result:
        sample = result.get("unexpected_list") or result.get("partial_unexpected_list") or []
        return result["unexpected_count"], sample[:limit]
    details = result.get("details") or {}
    if "unexpected_rows" in details:
        rows = [list(r.values())[0] if isinstance(r, dict) and len(r) == 1 else r for r in details["unexpected_rows"]]
        return result.get("observed_value"), rows[:limit]
    observed = result.get("observed_value")
    return None, [observed] if observed is not None else []


def _add_failure_details(ctx, run_id: str, run_results: list, params: dict) -> None:
    """Second pass: the expectations that failed, again with counts and failing rows.

    The checkpoints run with result_format BOOLEAN_ONLY: GX then answers every column check of a table from
    one bundled aggregate query. Asking for failing values up front costs one more scan of the table per
    expectation even when nothing fails (tier M's 4.5 million payroll lines: 88 s, most of it looking for
    failing rows that were not there). Failures are rare; only they are asked again, and the stored result
    (and so Data Docs) gets the details.
    """
    failed = {vr.suite_name: vr for vr in run_results if not vr.success}
    if not failed:
        return
    keys = {key.expectation_suite_identifier.name: key for key in ctx.validation_results_store.list_keys()
            if key.run_id.run_name == run_id and key.expectation_suite_identifier.name in failed}
    for name, vr in failed.items():
        vd = ctx.validation_definitions.get(name)
        ids = {er.expectation_config.id for er in vr.results if not er.success}
        suite = gx.ExpectationSuite(name=f"{name}__failures",
                                    expectations=[e.copy(update={"id": None}) for e in vd.suite.expectations
                                                  if e.id in ids])
        detail = vd.batch_definition.get_batch().validate(suite, result_format=DETAIL_FORMAT,
                                                          expectation_parameters=params)
        by_config = {_config_key(er.expectation_config): er for er in detail.results}
        for er in vr.results:
            again = by_config.get(_config_key(er.expectation_config))
            if not er.success and again is not None:
                er.result, er.exception_info = again.result, again.exception_info
        if name in keys:
            ctx.validation_results_store.set(keys[name], vr)


def _config_key(config) -> str:
    return config.type + json.dumps(config.kwargs, sort_keys=True, default=str)


def _run(checkpoint: str, params: dict, run_id: str, where: dict[str, tuple[str, str, str | None]],
         label_of) -> SystemVerdict:
    """Run a checkpoint; `where` maps suite name -> (source_system, source_table, batch_id) for the record."""
    ctx = get_gx_context()
    cp = ctx.checkpoints.get(checkpoint)
    gx_run = RunIdentifier(run_name=run_id, run_time=datetime.now(UTC))
    if {vd.name for vd in cp.validation_definitions} <= set(where):
        run_results = list(cp.run(expectation_parameters=params, run_id=gx_run).run_results.values())
    else:  # some tables did not land (their extract failed): validate the ones that did, one by one
        run_results = [ctx.validation_definitions.get(name).run(expectation_parameters=params, run_id=gx_run,
                                                                 result_format=cp.result_format)
                       for name in where]
    _add_failure_details(ctx, run_id, run_results, params)
    verdict = SystemVerdict(system=checkpoint, passed=True)
    rows = []
    for vr in run_results:
        system, table, batch_id = where[vr.suite_name]
        for er in vr.results:
            cfg = er.expectation_config
            meta = cfg.meta or {}
            severity = meta.get("severity", "critical")
            explanation = meta.get("说明") or cfg.description or cfg.type
            count, keys = _unexpected(er.result or {}, limit=None)
            error = _exception_message(er.exception_info)
            if error:
                keys = [error[:500]]
            success = bool(er.success)
            if not success:
                label = f"{label_of(system, table)}: {explanation}（{count if count is not None else '?'}行）"
                if severity == "critical":
                    verdict.critical_failures.append(label)
                    verdict.failing_keys.extend(k for k in keys if not error)
                else:
                    verdict.warnings.append(label)
            rows.append((run_id, batch_id, vr.suite_name, system, table, cfg.type, cfg.kwargs.get("column"),
                         severity, explanation, success, count,
                         json.dumps(keys[:SAMPLE_SIZE], ensure_ascii=False, default=str)))
    verdict.passed = not verdict.critical_failures
    with connect() as conn:
        conn.execute("delete from audit_meta.validation_results where run_id = %s and suite_name = any(%s)",
                     (run_id, list(where)))
        with conn.cursor() as cur:
            cur.executemany(
                "insert into audit_meta.validation_results (run_id, batch_id, suite_name, source_system,"
                " source_table, expectation, column_name, severity, explanation_zh, success, unexpected_count,"
                " failing_sample) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
    verdict.data_docs = update_data_docs(ctx, run_id)
    return verdict


def validate_system(system: str, tables: list[SourceTable], loads: dict[str, LoadResult],
                    run_id: str) -> SystemVerdict:
    tables = [t for t in tables if t.table in loads]  # a table whose extract failed has no batch to validate
    params = {row_count_parameter(t): loads[t.table].source_rows for t in tables}
    where = {t.raw_name: (t.system, t.table, loads[t.table].batch_id) for t in tables}
    verdict = _run(checkpoint_name(system), params, run_id, where, lambda s, t: f"{s}.{t}")
    verdict.system = system
    return verdict


def validate_flags(run_id: str) -> SystemVerdict:
    from jiandu.quality.suites import FLAGS_SUITE

    verdict = _run(FLAGS_CHECKPOINT, {}, run_id, {FLAGS_SUITE: (FLAGS_SCHEMA, FLAGS_TABLE, None)},
                   lambda s, t: f"{s}.{t}")
    verdict.system = FLAGS_SCHEMA
    return verdict
