-- Auditor workbench (审计工作台): its users and sessions, the database role the web pages run as, and
-- row-level security on the audit tables.
-- Baseline migration: written idempotently (`if not exists`, data-preserving backfills) because it is also
-- what upgrades a warehouse built before migrations existed (tables present, no audit_meta.schema_migrations).
-- Applied once and recorded in audit_meta.schema_migrations; never edit it: add the next numbered file.
--
-- The pages run every query inside a transaction that does `set local role jiandu_workbench_group` (group-level
-- users) or `jiandu_workbench` (subsidiary-level users) and sets jiandu.scope ('*' or 'S01,S02') and
-- jiandu.user. The policies below let those roles see and change only rows in scope; with no scope set they
-- see nothing. The nightly pipeline runs as the tables' owner and is not restricted.

create schema if not exists workbench;

create table if not exists workbench.users (
    username       text primary key,
    display_name   text,
    role           text not null check (role in ('admin', 'auditor', 'viewer')),
    scope          text not null,            -- '*' (集团) or 'S01,S02' (本单位)
    pii            boolean not null default false,  -- may see 身份证号/银行账号 unmasked
    password_hash  text not null,            -- scrypt$n$r$p$salt$hash
    active         boolean not null default true,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
comment on table workbench.users is '审计工作台用户（角色、数据范围、敏感信息权限）。Workbench users.';

create table if not exists workbench.sessions (
    token_hash    text primary key,          -- sha256 of the cookie value; the token itself is never stored
    username      text not null references workbench.users (username) on delete cascade,
    csrf_token    text not null,
    created_at    timestamptz not null default now(),
    last_seen_at  timestamptz not null default now(),
    expires_at    timestamptz not null       -- absolute expiry; idle expiry is checked against last_seen_at
);
comment on table workbench.sessions is '审计工作台会话（服务端保存，绝对过期与空闲过期）。Server-side sessions.';
create index if not exists sessions_user_idx on workbench.sessions (username);

create table if not exists workbench.login_attempts (
    username      text not null,             -- as typed (it may not exist)
    client        text not null,             -- the client's address
    success       boolean not null,
    attempted_at  timestamptz not null default now()
);
comment on table workbench.login_attempts is '审计工作台登录记录（失败次数过多即暂停登录）。Login attempts, for throttling.';
alter table workbench.login_attempts add column if not exists attempt_id bigint generated always as identity;
create index if not exists login_attempts_user_idx on workbench.login_attempts (username, attempted_at);
create index if not exists login_attempts_client_idx on workbench.login_attempts (client, attempted_at);

-- Suppressions take two people (jiandu.flags.workflow.plan_suppression): who asked for one and who approved
-- it. Data migration, idempotent: a suppression set before approvals existed stays in force, recorded (also in
-- the history) as requested by whoever last changed it and approved by the upgrade; no disposition changes.
alter table audit.dispositions add column if not exists suppression_requested_by text;  -- 屏蔽申请人
alter table audit.dispositions add column if not exists suppression_approved_by text;   -- 屏蔽批准人
with legacy as (
    update audit.dispositions set suppression_requested_by = coalesce(updated_by, '（升级前）'),
                                  suppression_approved_by = '（升级前已生效）'
    where suppressed and suppression_approved_by is null
    returning flag_id, suppression_requested_by, suppression_approved_by
)
insert into audit.disposition_history (flag_id, changed_by, field, old_value, new_value, source)
select flag_id, 'jiandu', field, null, value, 'migration:suppression_approval'
from legacy, lateral (values ('suppression_requested_by', suppression_requested_by),
                             ('suppression_approved_by', suppression_approved_by)) v(field, value);

-- The roles the pages switch to (jiandu_workbench, jiandu_workbench_group) and the one the workbench connects
-- as (jiandu_workbench_app) are created by include/warehouse/repeatable/roles.sql before the migrations run.
revoke all on workbench.users, workbench.sessions, workbench.login_attempts
    from jiandu_workbench, jiandu_workbench_group;
grant usage on schema workbench to jiandu_workbench_login;
grant select (username, display_name, role, scope, pii, password_hash, active) on workbench.users
    to jiandu_workbench_login;
grant select, insert, update, delete on workbench.sessions, workbench.login_attempts to jiandu_workbench_login;

-- A user disabled, enabled again, given another role, scope or password: every session of theirs ends, so
-- re-enabling an account never revives a session opened before it was disabled.
create or replace function workbench.end_sessions_on_change() returns trigger
language plpgsql as $$
begin
    if new.active is distinct from old.active or new.role is distinct from old.role
       or new.scope is distinct from old.scope or new.pii is distinct from old.pii
       or new.password_hash is distinct from old.password_hash then
        delete from workbench.sessions where username = new.username;
    end if;
    return new;
end $$;
drop trigger if exists users_end_sessions on workbench.users;
create trigger users_end_sessions after update on workbench.users
    for each row execute function workbench.end_sessions_on_change();

-- Subsidiary codes of the current request's scope (jiandu.scope = 'S01,S02'); unset or '*': none.
create or replace function workbench.in_scope(code text) returns boolean
language sql stable as $$
    select code = any(string_to_array(nullif(current_setting('jiandu.scope', true), ''), ','))
$$;
comment on function workbench.in_scope(text) is '单位是否在当前请求的本单位数据范围内（jiandu.scope）';

grant usage on schema audit, audit_meta, workbench to jiandu_workbench, jiandu_workbench_group;
grant execute on function workbench.in_scope(text) to jiandu_workbench, jiandu_workbench_group;
grant select on audit.flagged_items, audit.flag_detections, audit.flag_run_results, audit.weekly_summary,
    audit.weekly_findings
    to jiandu_workbench, jiandu_workbench_group;
grant select, insert, update on audit.dispositions to jiandu_workbench, jiandu_workbench_group;
grant select, insert on audit.disposition_history to jiandu_workbench, jiandu_workbench_group;
grant usage on sequence audit.disposition_history_history_id_seq to jiandu_workbench, jiandu_workbench_group;
grant select on audit_meta.report_runs, audit_meta.validation_results, audit_meta.load_batches, audit_meta.runs
    to jiandu_workbench, jiandu_workbench_group;

-- The data-quality scorecard (a dbt mart, rebuilt every night, so it carries no grants or policies of its own)
-- as the page roles may read it: rows of the request's scope only, through this owner's function.
create or replace function workbench.reporting_scorecard()
returns table (subsidiary_code text, quarter text, expected_count bigint, delivered_count bigint,
               received_count bigint, on_time_count bigint, late_count bigint, missing_count bigint,
               rejected_count bigint, timeliness numeric, completeness numeric, validity numeric, score numeric,
               min_timeliness numeric, min_completeness numeric, min_validity numeric, as_of_date date)
language plpgsql stable security definer set search_path = pg_catalog, pg_temp as $$
begin
    if to_regclass('marts.fct_reporting_scorecard') is null then
        return;
    end if;
    return query execute
        'select s.subsidiary_code::text, s.quarter::text, s.expected_count::bigint, s.delivered_count::bigint,'
        ' s.received_count::bigint, s.on_time_count::bigint, s.late_count::bigint, s.missing_count::bigint,'
        ' s.rejected_count::bigint, s.timeliness::numeric, s.completeness::numeric, s.validity::numeric,'
        ' s.score::numeric, s.min_timeliness::numeric, s.min_completeness::numeric, s.min_validity::numeric,'
        ' s.as_of_date::date from marts.fct_reporting_scorecard s'
        ' where current_setting(''jiandu.scope'', true) = ''*'' or workbench.in_scope(s.subsidiary_code)'
        ' order by s.quarter desc, s.subsidiary_code limit 2000';
end $$;
revoke all on function workbench.reporting_scorecard() from public;
grant execute on function workbench.reporting_scorecard() to jiandu_workbench, jiandu_workbench_group;

-- Row-level security, forced (also for the owner, who gets its own unrestricted policy so the nightly
-- pipeline is unaffected even when it does not run as a superuser).
do $$
declare
    t text;
    p text;
    owner_name text;
begin
    foreach t in array array['flagged_items', 'flag_detections', 'flag_run_results', 'weekly_summary', 'weekly_findings',
                             'dispositions', 'disposition_history'] loop
        execute format('alter table audit.%I enable row level security', t);
        execute format('alter table audit.%I force row level security', t);
        select pg_get_userbyid(relowner) into owner_name from pg_class where oid = format('audit.%I', t)::regclass;
        execute format('drop policy if exists owner_all on audit.%I', t);
        execute format('create policy owner_all on audit.%I to %I using (true) with check (true)', t, owner_name);
        foreach p in array array['workbench_scope', 'workbench_scope_insert', 'workbench_group',
                                 'workbench_group_insert'] loop
            execute format('drop policy if exists %I on audit.%I', p, t);
        end loop;
    end loop;
end $$;

-- Group level: every row. The role is only taken for users whose scope is '*'. Plain `true` (not a test of
-- jiandu.scope): the planner multiplies row estimates by 0.5 % for any expression it cannot see through in a
-- policy, which sent the million-flag list to sequential scans (benchmarks/workbench.py: 2-3 s -> see
-- docs/benchmarks.md). Writes to the history still have to name the request's user.
create policy workbench_group on audit.flagged_items for select to jiandu_workbench_group using (true);
create policy workbench_group on audit.flag_run_results for select to jiandu_workbench_group using (true);
create policy workbench_group on audit.weekly_summary for select to jiandu_workbench_group using (true);
create policy workbench_group on audit.weekly_findings for select to jiandu_workbench_group using (true);
create policy workbench_group on audit.flag_detections for select to jiandu_workbench_group using (true);
create policy workbench_group on audit.dispositions for all to jiandu_workbench_group using (true) with check (true);
create policy workbench_group on audit.disposition_history for select to jiandu_workbench_group using (true);
create policy workbench_group_insert on audit.disposition_history for insert to jiandu_workbench_group
    with check (changed_by = current_setting('jiandu.user', true));

-- Subsidiary level: rows of the subsidiaries in jiandu.scope.
create policy workbench_scope on audit.flagged_items for select to jiandu_workbench
    using (workbench.in_scope(subsidiary_code));
create policy workbench_scope on audit.flag_run_results for select to jiandu_workbench
    using (workbench.in_scope(subsidiary_code));
create policy workbench_scope on audit.weekly_summary for select to jiandu_workbench
    using (workbench.in_scope(subsidiary_code));
create policy workbench_scope on audit.weekly_findings for select to jiandu_workbench
    using (workbench.in_scope(subsidiary_code));
-- Tables without subsidiary_code: through their flag (the subquery is itself filtered by the policy above).
create policy workbench_scope on audit.flag_detections for select to jiandu_workbench
    using (exists (select 1 from audit.flagged_items f where f.flag_id = flag_detections.flag_id));
create policy workbench_scope on audit.dispositions for all to jiandu_workbench
    using (exists (select 1 from audit.flagged_items f where f.flag_id = dispositions.flag_id))
    with check (exists (select 1 from audit.flagged_items f where f.flag_id = dispositions.flag_id));
create policy workbench_scope on audit.disposition_history for select to jiandu_workbench
    using (exists (select 1 from audit.flagged_items f where f.flag_id = disposition_history.flag_id));
create policy workbench_scope_insert on audit.disposition_history for insert to jiandu_workbench
    with check (exists (select 1 from audit.flagged_items f where f.flag_id = disposition_history.flag_id)
                and changed_by = current_setting('jiandu.user', true));

-- Indexes the flag list needs with a million flags: every whitelisted sort, with and without a subsidiary.
-- Sorts by money count money at issue only (amount_at_issue); the default order is risk level, then that.
drop index if exists audit.flagged_items_amount_idx;
drop index if exists audit.flagged_items_sub_amount_idx;
create index if not exists flagged_items_issue_idx on audit.flagged_items (amount_at_issue desc nulls last, flag_id);
create index if not exists flagged_items_sub_issue_idx
    on audit.flagged_items (subsidiary_code, amount_at_issue desc nulls last, flag_id);
create index if not exists flagged_items_risk_idx
    on audit.flagged_items (severity_rank, amount_at_issue desc nulls last, flag_id);
create index if not exists flagged_items_sub_risk_idx
    on audit.flagged_items (subsidiary_code, severity_rank, amount_at_issue desc nulls last, flag_id);
create index if not exists flagged_items_last_detected_idx on audit.flagged_items (last_detected_on desc, flag_id);
create index if not exists flagged_items_first_detected_idx on audit.flagged_items (first_detected_on desc, flag_id);
create index if not exists flagged_items_subject_idx on audit.flagged_items (subject_type, subject_id);
create index if not exists dispositions_status_idx on audit.dispositions (status, flag_id);
create index if not exists dispositions_suppressed_idx on audit.dispositions (flag_id) where suppressed;
create index if not exists flag_detections_flag_idx on audit.flag_detections (flag_id);
-- Free text on the subject (case-insensitive substring): a GIN index of the subject's characters and character pairs.
-- Chinese names and terms are two or three characters: a trigram index (pg_trgm) has nothing to look up for
-- two, and pg_bigm is not packaged for these servers. A term's pairs (its character when it has one) must all
-- be in the subject; strpos then checks the order (jiandu.workbench.listing). Plain SQL: the embedded server has no extensions either.
create or replace function workbench.text_grams(t text) returns text[]
language sql immutable strict parallel safe as $$
    select coalesce(array_agg(distinct substr(lower(t), i, n)), '{}')
    from generate_series(1, 2) n, generate_series(1, length(t) - n + 1) i
$$;
create or replace function workbench.term_grams(q text) returns text[]
language sql immutable strict parallel safe as $$
    select coalesce(array_agg(distinct substr(lower(q), i, least(length(q), 2))), '{}')
    from generate_series(1, greatest(length(q) - 1, 1)) i
$$;
-- The subject as a user without personal data sees it: jiandu.workbench.masking.PATTERNS, the same regular
-- expressions in the same order, each match keeping its leading and trailing characters and starring the
-- rest (separators stay). Free text of such a user matches this, so it cannot probe the hidden digits
-- (full-width digits included). tests/plugins/jiandu/workbench/test_masking.py holds it to the Python output.
create or replace function workbench.mask_match(m text, keep_first int, keep_last int) returns text
language plpgsql immutable strict parallel safe as $$
declare
    n   int := length(translate(m, ' -', ''));
    i   int := 0;
    out text := '';
    ch  text;
begin
    foreach ch in array regexp_split_to_array(m, '') loop
        if ch in (' ', '-') then
            out := out || ch;
        else
            i := i + 1;
            out := out || case when i <= keep_first or i > n - keep_last then ch else '*' end;
        end if;
    end loop;
    return out;
end $$;
create or replace function workbench.mask_pattern(t text, pattern text, keep_first int, keep_last int) returns text
language plpgsql immutable strict parallel safe as $$
declare
    out text := '';
    pos int := 1;
    s   int;
    m   text;
begin
    loop
        s := regexp_instr(t, pattern, pos);
        exit when s = 0;
        m := regexp_substr(t, pattern, pos);
        out := out || substr(t, pos, s - pos) || workbench.mask_match(m, keep_first, keep_last);
        pos := s + length(m);
    end loop;
    return out || substr(t, pos);
end $$;
create or replace function workbench.mask_text(t text) returns text
language sql immutable strict parallel safe as $$
    -- most subjects hold no run of 15 digits nor digits in groups: they are returned as they are, without the
    -- four passes (a condition every pattern needs, so the result is the same)
    select case when t !~ '[0-9０-９]{15}|[0-9０-９]{4}[ -][0-9０-９]{4}[ -]' then t else
    workbench.mask_pattern(workbench.mask_pattern(workbench.mask_pattern(workbench.mask_pattern(t,
        '(?<![0-9０-９A-Za-z])[0-9０-９]{17}[0-9０-９XxＸｘ](?![0-9０-９A-Za-z])', 6, 4),
        '(?<![0-9０-９A-Za-z])[0-9０-９]{15}(?![0-9０-９A-Za-z])', 6, 3),
        '(?<![0-9０-９A-Za-z*])[0-9０-９]{16,19}(?![0-9０-９A-Za-z*])', 4, 4),
        '(?<![0-9０-９A-Za-z*-])[0-9０-９]{4}(?:[ -][0-9０-９]{4}){3}(?:[ -][0-9０-９]{1,3})?(?!-?[0-9０-９A-Za-z*])', 4, 4) end
$$;
grant execute on function workbench.text_grams(text), workbench.term_grams(text),
    workbench.mask_text(text), workbench.mask_pattern(text, text, int, int), workbench.mask_match(text, int, int)
    to jiandu_workbench, jiandu_workbench_group;
create index if not exists flagged_items_subject_grams
    on audit.flagged_items using gin (workbench.text_grams(subject_name));
drop index if exists audit.flagged_items_subject_name_trgm;  -- the trigram index of earlier versions
