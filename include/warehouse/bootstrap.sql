-- Warehouse bootstrap: schemas and the tables jiandu owns outside dbt.
-- Idempotent: applied at the start of every run. dbt never builds into
-- `audit` or `audit_meta`, so nothing it rebuilds can touch what is here.

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
    status        text not null,  -- landed / promoted / quarantined / failed
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
