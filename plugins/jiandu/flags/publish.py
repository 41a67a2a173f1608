"""Publish the night's findings from audit_rules.fct_red_flags into audit.flagged_items.

flagged_items is owned by jiandu, not dbt: a full refresh never touches it.
- a finding seen tonight is inserted or refreshed (same flag_id every night);
- an active finding of a rule that ran on fresh data and is no longer found is
  marked resolved (kept, with the date), never deleted;
- findings of rules whose source system was quarantined are marked stale and
  left as they were.
Every run also records its judgement of every known flag in audit.flag_run_results
(active / resolved / stale, with the attributes reported on), so the weekly summary
can be recomputed for any past week from history rather than from today's state.
Re-running the same date gives the same rows (idempotent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jiandu.warehouse import connect

COLUMNS = ["flag_id", "rule_id", "rule_name", "category", "severity", "owner_department", "subsidiary_code",
           "subsidiary_name", "subject_type", "subject_id", "subject_name", "flag_key", "period", "amount",
           "amount_kind", "evidence", "source_refs"]

FLAGS_ASSET_URI = "jiandu://audit/flagged_items"  # the Asset the nightly publish task updates
RUN_RESULT_COLUMNS = ("flag_id, rule_id, rule_name, category, severity, subsidiary_code, subsidiary_name,"
                      " subject_name, amount, amount_kind")


@dataclass
class PublishResult:
    detected: int
    new: int
    resolved: int
    stale: int


def publish(run_id: str, as_of: date, stale_rules: list[str]) -> PublishResult:
    cols = ", ".join(COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c not in ("flag_id",))
    with connect() as conn:
        conn.execute("select pg_advisory_xact_lock(4243)")
        conn.execute("create temporary table tonight on commit drop as"
                     " select * from audit_rules.fct_red_flags where not (rule_id = any(%s))", (stale_rules,))
        new = conn.execute("select count(*) from tonight t where not exists"
                           " (select 1 from audit.flagged_items f where f.flag_id = t.flag_id)").fetchone()[0]
        conn.execute(
            f"""
            insert into audit.flagged_items ({cols}, detection_state, first_detected_on, last_detected_on,
                                             resolved_on, last_run_id, updated_at)
            select {cols}, 'active', %(as_of)s, %(as_of)s, null, %(run_id)s, now() from tonight
            on conflict (flag_id) do update set
                first_detected_on = least(audit.flagged_items.first_detected_on, excluded.first_detected_on),
                {updates},
                detection_state = 'active',
                last_detected_on = excluded.last_detected_on,
                resolved_on = null,
                last_run_id = excluded.last_run_id,
                updated_at = now()
            where audit.flagged_items.last_detected_on <= excluded.last_detected_on
            """,
            {"as_of": as_of, "run_id": run_id},
        )
        # a backfill of an earlier date moves first_detected_on back (the upsert above leaves newer rows alone)
        conn.execute("update audit.flagged_items f set first_detected_on = %(as_of)s from tonight t"
                     " where t.flag_id = f.flag_id and f.first_detected_on > %(as_of)s", {"as_of": as_of})
        resolved = conn.execute(
            """
            update audit.flagged_items f set detection_state = 'resolved', resolved_on = %(as_of)s,
                   last_run_id = %(run_id)s, updated_at = now()
            where f.detection_state in ('active', 'stale')
              and f.last_detected_on <= %(as_of)s
              and not (f.rule_id = any(%(stale)s))
              and not exists (select 1 from tonight t where t.flag_id = f.flag_id)
            """,
            {"as_of": as_of, "run_id": run_id, "stale": stale_rules},
        ).rowcount
        stale = conn.execute(
            "update audit.flagged_items set detection_state = 'stale', last_run_id = %s, updated_at = now()"
            " where rule_id = any(%s) and detection_state = 'active'",
            (run_id, stale_rules),
        ).rowcount
        conn.execute("delete from audit.flag_detections where as_of_date = %s", (as_of,))
        conn.execute(
            "insert into audit.flag_detections (as_of_date, flag_id, run_id, rule_id, amount)"
            " select %s, flag_id, %s, rule_id, amount from tonight",
            (as_of, run_id),
        )
        conn.execute("delete from audit.flag_run_results where run_id = %s", (run_id,))
        conn.execute(
            f"""
            insert into audit.flag_run_results ({RUN_RESULT_COLUMNS}, run_id, as_of_date, state)
            select {RUN_RESULT_COLUMNS}, %(run_id)s, %(as_of)s, 'active' from tonight
            union all
            select {RUN_RESULT_COLUMNS}, %(run_id)s, %(as_of)s,
                   case when not (f.rule_id = any(%(stale)s)) then 'resolved'
                        when f.detection_state in ('active', 'stale') then 'stale' else 'resolved' end
            from audit.flagged_items f
            where f.first_detected_on <= %(as_of)s
              and not exists (select 1 from tonight t where t.flag_id = f.flag_id)
            """,
            {"as_of": as_of, "run_id": run_id, "stale": stale_rules},
        )
        detected = conn.execute("select count(*) from tonight").fetchone()[0]
    return PublishResult(detected=detected, new=new, resolved=resolved, stale=stale)
