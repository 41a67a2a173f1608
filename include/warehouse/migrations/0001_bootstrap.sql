-- Warehouse schemas and the tables jiandu owns outside dbt. dbt never builds into
-- `audit` or `audit_meta`, so nothing it rebuilds can touch what is here.
-- Baseline migration: written idempotently (`if not exists`, data-preserving backfills) because it is also
-- what upgrades a warehouse built before migrations existed (tables present, no audit_meta.schema_migrations).
-- Applied once and recorded in audit_meta.schema_migrations; never edit it: add the next numbered file.

create schema if not exists landing;     -- one batch per source table, before validation
create schema if not exists raw;         -- last validated data per source table (dbt sources)
create schema if not exists audit_meta;  -- load batches, validation results, runs
create schema if not exists audit;       -- published flags and their history

create table if not exists audit_meta.runs (
    run_id        text primary key,
    as_of_date    date not null,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    status        text not null default 'running',
    summary       jsonb
);
comment on table audit_meta.runs is '夜间监督运行记录。One row per nightly run.';
comment on column audit_meta.runs.status is
    '运行状态：running 进行中 / success 全部通过 / partial 部分源系统或源表未更新（其规则疑点标为stale）/ failed 未发布 / abandoned 被中断';

-- One run at a time per warehouse: the run holding the lease, kept alive by a heartbeat from every task.
-- A lease whose heartbeat is older than its timeout belongs to a killed run and may be taken over.
create table if not exists audit_meta.run_lease (
    lease_name    text primary key,          -- 'nightly'
    run_id        text not null,
    started_at    timestamptz not null,
    host          text not null,
    pid           integer not null,
    heartbeat_at  timestamptz not null
);
comment on table audit_meta.run_lease is '运行租约：同一数据仓库同时只允许一个运行（心跳超时视为中断）。Run lease, one run per warehouse.';

create table if not exists audit_meta.load_batches (
    batch_id      text primary key,
    run_id        text not null,
    source_system text not null,
    source_table  text not null,
    load_mode     text not null,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    source_rows   bigint,
    loaded_rows   bigint,
    status        text not null,  -- running / landed / promoted / quarantined / failed / abandoned
    message       text
);
comment on table audit_meta.load_batches is '源表装载批次（源行数、装载行数、状态）。Extract-load batches.';
create index if not exists load_batches_table_idx on audit_meta.load_batches (source_system, source_table, started_at);
alter table audit_meta.load_batches add column if not exists watermark_from text;  -- incremental: lower bound read
alter table audit_meta.load_batches add column if not exists watermark_to text;    -- incremental: max value landed
alter table audit_meta.load_batches add column if not exists key_check boolean;    -- all source keys compared
alter table audit_meta.load_batches add column if not exists deleted_rows bigint;  -- raw rows marked _deleted_at

create table if not exists audit_meta.watermarks (
    source_system       text not null,
    source_table        text not null,
    incremental_column  text not null,
    watermark           text,         -- max incremental_column value of the last promoted batch
    batch_id            text not null,
    updated_at          timestamptz not null default now(),
    last_key_check_at   timestamptz,  -- last comparison of every source key with raw (deleted rows)
    primary key (source_system, source_table)
);
comment on table audit_meta.watermarks is '增量抽取水位（仅在批次入raw后推进）。Incremental watermarks, advanced only on promotion.';

create table if not exists audit_meta.ledger_submissions (
    subsidiary_code  text not null,
    ledger_type      text not null,
    period           text not null,   -- 2026Q3 / 2026-10
    due_date         date not null,
    received_at      timestamptz,     -- null: not received
    status           text not null,   -- loaded / late / rejected / missing
    days_late        integer,
    file_name        text,
    batch_id         text,
    message          text,
    run_id           text,
    recorded_at      timestamptz not null default now(),
    primary key (subsidiary_code, ledger_type, period)
);
comment on table audit_meta.ledger_submissions is '台账报送记录（按单位、台账类型、期间：已装载/逾期/退回/未报送）。Excel ledger submissions.';

create table if not exists audit_meta.validation_results (
    run_id            text not null,
    batch_id          text,
    suite_name        text not null,
    source_system     text,
    source_table      text,
    expectation       text not null,
    column_name       text,
    severity          text not null,  -- critical / warning
    explanation_zh    text,
    success           boolean not null,
    unexpected_count  bigint,
    failing_sample    jsonb,
    validated_at      timestamptz not null default now()
);
comment on table audit_meta.validation_results is '数据质量校验结果（GX）。Great Expectations results, one row per expectation.';
create index if not exists validation_results_run_idx on audit_meta.validation_results (run_id);

create table if not exists audit.flagged_items (
    flag_id            text primary key,
    rule_id            text not null,
    rule_name          text,
    category           text,
    severity           text,
    owner_department   text,
    subsidiary_code    text not null,
    subsidiary_name    text,
    subject_type       text,
    subject_id         text,
    subject_name       text,
    flag_key           text not null,
    period             text,
    amount             numeric(18, 2),
    evidence           jsonb not null,
    source_refs        jsonb not null,
    detection_state    text not null default 'active',  -- active / resolved / stale
    first_detected_on  date not null,
    last_detected_on   date not null,
    resolved_on        date,
    last_run_id        text,
    updated_at         timestamptz not null default now()
);
comment on table audit.flagged_items is '疑点清单：每条红旗规则发现的疑点，跨夜保持同一编号。Published red flags with stable ids.';
comment on column audit.flagged_items.flag_id is '疑点编号（规则+源主键的确定性哈希）';
comment on column audit.flagged_items.detection_state is '检出状态：active 在检 / resolved 源数据已消除 / stale 源数据被隔离';
comment on column audit.flagged_items.amount is '涉及金额（元）';
comment on column audit.flagged_items.evidence is '证据（JSON，含所用标准）';
comment on column audit.flagged_items.source_refs is '源单据引用';
create index if not exists flagged_items_rule_idx on audit.flagged_items (rule_id, subsidiary_code);
-- What a flag's amount is (rule_catalog.amount_kind: at_issue 涉及金额 / context 参考数 / none), published with it.
-- Totals, sorts and the weekly report count money at issue only: amount_at_issue (null for a context figure;
-- a row published before the column existed counts as before until the backfill below names its kind).
alter table audit.flagged_items add column if not exists amount_kind text;
alter table audit.flagged_items add column if not exists amount_at_issue numeric(18, 2)
    generated always as (case when coalesce(amount_kind, 'at_issue') = 'at_issue' then amount end) stored;
-- Risk level as a number for the default order (高 0, 中 1, 低 2): the list's first sort, indexed.
alter table audit.flagged_items add column if not exists severity_rank smallint
    generated always as (case severity when '高' then 0 when '中' then 1 when '低' then 2 else 3 end) stored;
-- The standard applied is still the shipped example default (its source says 示例默认值): marked on the flag.
alter table audit.flagged_items add column if not exists example_standard boolean
    generated always as (strpos(evidence::text, '示例默认值') > 0) stored;
comment on column audit.flagged_items.amount_kind is '金额性质：at_issue 涉及金额 / context 参考数 / none 无金额';
comment on column audit.flagged_items.amount_at_issue is '涉及金额（元）：金额性质为涉及金额时的金额，参考数为空';
comment on column audit.flagged_items.example_standard is '所用标准仍为示例默认值';

create table if not exists audit.flag_detections (
    as_of_date  date not null,
    flag_id     text not null,
    run_id      text not null,
    rule_id     text not null,
    amount      numeric(18, 2),
    primary key (as_of_date, flag_id)
);
comment on table audit.flag_detections is '疑点检出历史：每次运行检出的疑点。Detection history per run date.';

-- Does the source row a flag stands on exist in raw? ref = {"table": "<system>.<table>", "key": {...}}.
-- Used by the GX suite on audit_rules.fct_red_flags ("no flag points at a row that does not exist").
create or replace function audit_meta.source_ref_exists(ref jsonb) returns boolean
language plpgsql stable as $$
declare
    -- "<system>.<table>" of the source contract lives in raw.<system>__<table>; "audit_meta.<table>"
    -- (ledger submission records) is looked up where it is.
    sch   text := case when ref->>'table' like 'audit\_meta.%' then 'audit_meta' else 'raw' end;
    rel   text := case when sch = 'audit_meta' then split_part(ref->>'table', '.', 2)
                       else replace(ref->>'table', '.', '__') end;
    cond  text;
    found boolean;
begin
    if rel is null or to_regclass(format('%I.%I', sch, rel)) is null then
        return false;
    end if;
    select string_agg(format('%I = %L', k, v), ' and ') into cond from jsonb_each_text(ref->'key') as e(k, v);
    if cond is null then
        return false;
    end if;
    execute format('select exists (select 1 from %I.%I where %s)', sch, rel, cond) into found;
    return found;
end
$$;
comment on function audit_meta.source_ref_exists(jsonb) is '疑点引用的源数据行是否存在于raw层';

-- Per-run detection results: every flag a run judged, with the state it gave it and the attributes the
-- weekly summary reports on, so any past week can be recomputed as it was (not from today's state).
create table if not exists audit.flag_run_results (
    run_id           text not null,
    as_of_date       date not null,
    flag_id          text not null,
    rule_id          text not null,
    state            text not null check (state in ('active', 'resolved', 'stale')),
    rule_name        text,
    category         text,
    severity         text,
    subsidiary_code  text not null,
    subsidiary_name  text,
    subject_name     text,
    amount           numeric(18, 2),
    recorded_at      timestamptz not null default now(),
    primary key (run_id, flag_id)
);
comment on table audit.flag_run_results is '疑点逐次检出结果：每次运行对每条疑点的判断（在检/源数据已消除/隔离）。Per-run result per flag.';
create index if not exists flag_run_results_asof_idx on audit.flag_run_results (flag_id, as_of_date);
alter table audit.flag_run_results add column if not exists amount_kind text;
comment on column audit.flag_run_results.amount_kind is '金额性质：at_issue 涉及金额 / context 参考数 / none 无金额';
-- Rows published before amount_kind existed take their rule's kind from the catalog (once it has the column).
do $$
begin
    if exists (select 1 from information_schema.columns where table_schema = 'standards'
               and table_name = 'rule_catalog' and column_name = 'amount_kind') then
        update audit.flagged_items f set amount_kind = c.amount_kind from standards.rule_catalog c
        where f.amount_kind is null and c.rule_id = f.rule_id;
        update audit.flag_run_results r set amount_kind = c.amount_kind from standards.rule_catalog c
        where r.amount_kind is null and c.rule_id = r.rule_id;
    end if;
end
$$;
-- Warehouses published before flag_run_results existed: carry their detections over once (as active results).
insert into audit.flag_run_results (run_id, as_of_date, flag_id, rule_id, state, rule_name, category, severity,
                                    subsidiary_code, subsidiary_name, subject_name, amount)
select d.run_id, d.as_of_date, d.flag_id, d.rule_id, 'active', f.rule_name, f.category, f.severity,
       f.subsidiary_code, f.subsidiary_name, f.subject_name, d.amount
from audit.flag_detections d join audit.flagged_items f on f.flag_id = d.flag_id
where not exists (select 1 from audit.flag_run_results r where r.as_of_date = d.as_of_date)
on conflict do nothing;

-- Auditor dispositions (处置). Owned by people, never rebuilt: nothing in dbt or the nightly run writes here.
create table if not exists audit.dispositions (
    flag_id              text primary key,
    status               text not null default '待核实',
    assignee             text,            -- 核查人
    responsible_unit     text,            -- 责任单位
    note                 text,            -- 核查说明
    rectification_due    date,            -- 整改期限
    amount_recovered     numeric(18, 2),  -- 清退/挽回金额（元）
    evidence_refs        jsonb not null default '[]'::jsonb,  -- 证据材料（文号、附件编号）
    suppressed           boolean not null default false,       -- 已知误报屏蔽
    suppression_reason   text,
    suppressed_until     date,
    version              integer not null default 0,
    updated_by           text,
    updated_at           timestamptz not null default now()
);
comment on table audit.dispositions is '疑点处置（核查状态、责任单位、整改期限、挽回金额、证据、误报屏蔽）。Auditor dispositions.';

create table if not exists audit.disposition_history (
    history_id   bigserial primary key,
    flag_id      text not null,
    changed_at   timestamptz not null default now(),
    changed_by   text not null,
    field        text not null,
    old_value    text,
    new_value    text,
    source       text  -- 'api', 'cli', 'csv:<file>:<row>'
);
comment on table audit.disposition_history is '处置变更历史（只追加，不可修改或删除）。Append-only disposition history.';
create index if not exists disposition_history_flag_idx on audit.disposition_history (flag_id, changed_at);

create or replace function audit.refuse_history_change() returns trigger language plpgsql as $$
begin
    raise exception '处置历史只可追加，不可修改或删除 disposition history is append-only: % refused on %',
        tg_op, tg_table_name using errcode = 'insufficient_privilege';
end $$;
drop trigger if exists disposition_history_immutable on audit.disposition_history;
create trigger disposition_history_immutable before update or delete on audit.disposition_history
    for each row execute function audit.refuse_history_change();
drop trigger if exists disposition_history_no_truncate on audit.disposition_history;
create trigger disposition_history_no_truncate before truncate on audit.disposition_history
    for each statement execute function audit.refuse_history_change();

-- Weekly summary for the 大监督联席会议: one row per ISO week, subsidiary and category, recomputed from history.
create table if not exists audit.weekly_summary (
    iso_week           text not null,   -- 2026-W45
    week_start         date not null,
    week_end           date not null,
    subsidiary_code    text not null,
    subsidiary_name    text,
    category           text not null,
    new_count          integer not null,
    open_count         integer not null,
    confirmed_count    integer not null,
    rectifying_count   integer not null,
    closed_week_count  integer not null,
    closed_total       integer not null,
    false_positive     integer not null,
    suppressed_count   integer not null,
    overdue_count      integer not null,
    amount_involved    numeric(18, 2) not null,
    amount_recovered   numeric(18, 2) not null,
    open_change        integer not null,   -- 较上周在办增减
    computed_at        timestamptz not null default now(),
    primary key (iso_week, subsidiary_code, category)
);
comment on table audit.weekly_summary is '大监督联席会议周报汇总（按周、单位、类别）。Weekly summary per ISO week, subsidiary, category.';
-- Weeks stored before amounts were split into money at issue and context figures have no basis: the weekly
-- page recomputes them from history (jiandu.reports.weekly.stored) rather than show the old total.
alter table audit.weekly_summary add column if not exists amount_basis text;
comment on column audit.weekly_summary.amount_basis is '在办涉及金额口径：at_issue 只计涉及金额（空：旧口径，页面重新计算）';
-- The flags the weekly report lists (top findings per subsidiary, overdue, suppressed) as the report showed
-- them, so the web weekly page reads the stored week instead of recomputing it from a million flags.
create table if not exists audit.weekly_findings (
    iso_week         text not null,
    list_kind        text not null check (list_kind in ('top', 'overdue', 'suppressed')),
    position         integer not null,
    flag_id          text not null,
    subsidiary_code  text not null,
    shown            jsonb not null,   -- the listed columns as the report shows them
    primary key (iso_week, list_kind, position)
);
comment on table audit.weekly_findings is '周报所列疑点（重点在办、整改逾期、屏蔽误报），按周保存。Flags listed by the stored weekly report.';

create table if not exists audit_meta.report_runs (
    report_kind   text not null,   -- weekly
    period        text not null,   -- 2026-W45
    generated_at  timestamptz not null default now(),
    files         jsonb not null,  -- {"xlsx": path, "html": path, "pdf": path}
    totals        jsonb not null,
    primary key (report_kind, period, generated_at)
);
comment on table audit_meta.report_runs is '报告生成记录（周报文件位置与合计）。Generated reports.';
