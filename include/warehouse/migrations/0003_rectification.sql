-- Rectification as the inspection office runs it (巡察整改): the three lists (问题清单 / 任务清单 / 责任清单),
-- outcomes (问责、制度、清退/挽回), 督办 records, and the append-only history every change goes into.
-- Applied after 0002_workbench.sql (the workbench roles and workbench.in_scope exist).
-- Baseline migration: written idempotently (`if not exists`, data-preserving backfills) because it is also
-- what upgrades a warehouse built before migrations existed (tables present, no audit_meta.schema_migrations).
-- Applied once and recorded in audit_meta.schema_migrations; never edit it: add the next numbered file.
--
-- The current state lives in problems, measures, responsibilities, outcomes; every change also appends the
-- row's full state to rectification.history, which nobody can update or delete. The monthly report reads only
-- the history (latest snapshot per row before the month's end), so re-running a past month reproduces it.
-- Every table carries subsidiary_code so row-level security is one simple policy per table.

create schema if not exists rectification;

create sequence if not exists rectification.problem_seq;

create table if not exists rectification.problems (
    problem_id       text primary key,            -- ZG-2026-0001
    subsidiary_code  text not null,
    subsidiary_name  text,
    title            text not null,               -- 问题概述
    description      text,                        -- 问题描述
    source           text not null,               -- 问题来源: 大数据监督 / 巡视巡察 / 审计 / ...
    source_doc       text,                        -- 来源文号（巡察报告、审计报告）
    category         text,
    identified_on    date not null,               -- 发现日期
    due_on           date,                        -- 整改时限
    status           text not null,               -- 待制定措施 / 整改中 / 已销号
    closed_on        date,
    closed_by        text,
    close_note       text,
    amount_involved  numeric(18, 2),
    version          integer not null default 1,
    created_by       text not null,
    updated_by       text not null,
    updated_at       timestamptz not null default now()
);
comment on table rectification.problems is '问题清单：整改问题（来源、单位、状态、销号）。Rectification problems.';

create table if not exists rectification.problem_flags (
    flag_id          text primary key,            -- a flag belongs to at most one problem
    problem_id       text not null references rectification.problems (problem_id),
    subsidiary_code  text not null,
    linked_by        text not null,
    linked_at        timestamptz not null default now()
);
comment on table rectification.problem_flags is '问题与疑点的对应（多个疑点可归为一个问题）。Flags behind a problem.';
create index if not exists problem_flags_problem_idx on rectification.problem_flags (problem_id);

create table if not exists rectification.measures (
    measure_id          text primary key,         -- ZG-2026-0001-M1
    problem_id          text not null references rectification.problems (problem_id),
    subsidiary_code     text not null,
    content             text not null,            -- 整改措施
    responsible_unit    text not null,            -- 责任单位
    responsible_person  text not null,            -- 责任人
    deadline            date not null,            -- 完成时限
    status              text not null,            -- 进行中 / 待审核 / 已完成
    completed_on        date,
    completed_by        text,
    completion_note     text,
    evidence_refs       jsonb not null default '[]'::jsonb,  -- 佐证材料
    approved_on         date,
    approved_by         text,
    version             integer not null default 1,
    updated_by          text not null,
    updated_at          timestamptz not null default now()
);
comment on table rectification.measures is '任务清单：整改措施（内容、责任单位与责任人、时限、完成与审核）。Measures.';
create index if not exists measures_problem_idx on rectification.measures (problem_id);

create table if not exists rectification.responsibilities (
    responsibility_id      text primary key,      -- ZG-2026-0001-R1
    problem_id             text not null references rectification.problems (problem_id),
    subsidiary_code        text not null,
    responsibility_type    text not null,         -- 主体责任 / 监督责任 / 直接责任 / 领导责任
    responsible_leader     text not null,         -- 责任领导
    responsible_department text not null,         -- 责任部门
    note                   text,
    voided                 boolean not null default false,
    version                integer not null default 1,
    updated_by             text not null,
    updated_at             timestamptz not null default now()
);
comment on table rectification.responsibilities is '责任清单：责任领导、责任部门。Responsibilities.';
create index if not exists responsibilities_problem_idx on rectification.responsibilities (problem_id);

create table if not exists rectification.outcomes (
    outcome_id       text primary key,            -- ZG-2026-0001-O1
    problem_id       text not null references rectification.problems (problem_id),
    subsidiary_code  text not null,
    kind             text not null,               -- 诫勉谈话 / 批评教育 / ... / 新制定制度 / 清退 / 挽回
    people           integer,                     -- 问责人数
    rules            integer,                     -- 制度项数
    amount           numeric(18, 2),              -- 金额（元）
    detail           text,                        -- 人员、制度名称、文号
    recorded_on      date not null,
    voided           boolean not null default false,
    version          integer not null default 1,
    updated_by       text not null,
    updated_at       timestamptz not null default now()
);
comment on table rectification.outcomes is '整改成效：问责（人次）、制度建设（项）、清退与挽回（元，分列）。Outcomes.';
create index if not exists outcomes_problem_idx on rectification.outcomes (problem_id);

-- 督办 records: one per escalation of an overdue measure. Append-only like the history.
create table if not exists rectification.escalations (
    escalation_id    bigserial primary key,
    measure_id       text not null references rectification.measures (measure_id),
    problem_id       text not null,
    subsidiary_code  text not null,
    level            integer not null,            -- 1 催办 / 2 督办 / 3 挂牌督办
    escalated_on     date not null,
    deadline         date not null,               -- the measure's deadline when escalated
    days_overdue     integer not null,
    escalated_by     text not null,
    note             text,
    recorded_at      timestamptz not null default now(),
    unique (measure_id, escalated_on)
);
comment on table rectification.escalations is '督办记录：逾期整改措施每次督办一条（只追加）。Escalations of overdue measures.';

-- Every change: the row's whole state after it (snapshot) and what changed. Append-only.
create table if not exists rectification.history (
    history_id       bigserial primary key,
    entity           text not null check (entity in ('problem', 'flag_link', 'measure', 'responsibility',
                                                      'outcome', 'escalation')),
    entity_id        text not null,
    problem_id       text not null,
    subsidiary_code  text not null,
    action           text not null,               -- create / update / complete / approve / reject / close / ...
    changes          jsonb not null,              -- {"field": [old, new], ...}
    snapshot         jsonb not null,              -- the row after the change
    changed_by       text not null,
    changed_at       timestamptz not null default now(),
    source           text                         -- cli / workbench / demo
);
comment on table rectification.history is '整改变更历史（只追加，不可修改或删除；月报据此按月末时点重算）。Append-only rectification history.';
create index if not exists rect_history_entity_idx on rectification.history (entity, entity_id, changed_at);
create index if not exists rect_history_problem_idx on rectification.history (problem_id, changed_at);

create or replace function rectification.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '整改历史与督办记录只可追加，不可修改或删除 rectification history is append-only: % refused on %',
        tg_op, tg_table_name using errcode = 'insufficient_privilege';
end $$;
do $$
declare
    t text;
begin
    foreach t in array array['history', 'escalations'] loop
        execute format('drop trigger if exists %I on rectification.%I', t || '_immutable', t);
        execute format('create trigger %I before update or delete on rectification.%I'
                       ' for each row execute function rectification.refuse_change()', t || '_immutable', t);
        execute format('drop trigger if exists %I on rectification.%I', t || '_no_truncate', t);
        execute format('create trigger %I before truncate on rectification.%I'
                       ' for each statement execute function rectification.refuse_change()', t || '_no_truncate', t);
    end loop;
end $$;

-- The workbench roles: read in scope, write in scope (the role checks are in jiandu.rectification.model).
grant usage on schema rectification to jiandu_workbench, jiandu_workbench_group;
grant select, insert, update on rectification.problems, rectification.problem_flags, rectification.measures,
    rectification.responsibilities, rectification.outcomes to jiandu_workbench, jiandu_workbench_group;
grant select, insert on rectification.history, rectification.escalations to jiandu_workbench, jiandu_workbench_group;
grant usage on sequence rectification.problem_seq, rectification.history_history_id_seq,
    rectification.escalations_escalation_id_seq to jiandu_workbench, jiandu_workbench_group;

do $$
declare
    t text;
    p text;
    owner_name text;
begin
    foreach t in array array['problems', 'problem_flags', 'measures', 'responsibilities', 'outcomes',
                             'escalations', 'history'] loop
        execute format('alter table rectification.%I enable row level security', t);
        execute format('alter table rectification.%I force row level security', t);
        select pg_get_userbyid(relowner) into owner_name from pg_class
            where oid = format('rectification.%I', t)::regclass;
        foreach p in array array['owner_all', 'workbench_scope', 'workbench_group', 'workbench_scope_insert',
                                 'workbench_group_insert'] loop
            execute format('drop policy if exists %I on rectification.%I', p, t);
        end loop;
        execute format('create policy owner_all on rectification.%I to %I using (true) with check (true)',
                       t, owner_name);
        if t in ('history', 'escalations') then
            -- append-only: read in scope, insert in scope under the request's own name
            execute format('create policy workbench_group on rectification.%I for select to jiandu_workbench_group'
                           ' using (true)', t);
            execute format('create policy workbench_scope on rectification.%I for select to jiandu_workbench'
                           ' using (workbench.in_scope(subsidiary_code))', t);
            execute format('create policy workbench_group_insert on rectification.%I for insert'
                           ' to jiandu_workbench_group with check (%I = current_setting(''jiandu.user'', true))',
                           t, case when t = 'history' then 'changed_by' else 'escalated_by' end);
            execute format('create policy workbench_scope_insert on rectification.%I for insert'
                           ' to jiandu_workbench with check (workbench.in_scope(subsidiary_code)'
                           ' and %I = current_setting(''jiandu.user'', true))',
                           t, case when t = 'history' then 'changed_by' else 'escalated_by' end);
        else
            execute format('create policy workbench_group on rectification.%I for all to jiandu_workbench_group'
                           ' using (true) with check (true)', t);
            execute format('create policy workbench_scope on rectification.%I for all to jiandu_workbench'
                           ' using (workbench.in_scope(subsidiary_code))'
                           ' with check (workbench.in_scope(subsidiary_code))', t);
        end if;
    end loop;
end $$;
