-- Auditor workbench (审计工作台): its users and sessions, the database role the web pages run as, and
-- row-level security on the audit tables. Idempotent: applied after bootstrap.sql on every run.
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
create index if not exists login_attempts_user_idx on workbench.login_attempts (username, attempted_at);
create index if not exists login_attempts_client_idx on workbench.login_attempts (client, attempted_at);

-- The roles the pages switch to, by the user's scope: jiandu_workbench_group for group-level users (every
-- subsidiary) and jiandu_workbench for subsidiary-level users (only the codes in jiandu.scope). NOLOGIN:
-- nobody connects as them; the connecting user is granted both. Two roles rather than one policy with an
-- "or scope = '*'" branch: the planner can estimate each policy (the group one is a one-time filter), which
-- keeps the million-flag list on its indexes.
do $$
declare
    r text;
begin
    foreach r in array array['jiandu_workbench', 'jiandu_workbench_group'] loop
        begin
            execute format('create role %I nologin', r);
        exception when duplicate_object then null;
        end;
        begin
            execute format('grant %I to %I', r, current_user);
        exception when others then null;  -- already a member (or a superuser granting itself): nothing to do
        end;
    end loop;
end $$;

-- Subsidiary codes of the current request's scope (jiandu.scope = 'S01,S02'); unset or '*': none.
create or replace function workbench.in_scope(code text) returns boolean
language sql stable as $$
    select code = any(string_to_array(nullif(current_setting('jiandu.scope', true), ''), ','))
$$;
comment on function workbench.in_scope(text) is '单位是否在当前请求的本单位数据范围内（jiandu.scope）';

grant usage on schema audit, audit_meta, workbench to jiandu_workbench, jiandu_workbench_group;
grant execute on function workbench.in_scope(text) to jiandu_workbench, jiandu_workbench_group;
grant select on audit.flagged_items, audit.flag_detections, audit.flag_run_results, audit.weekly_summary
    to jiandu_workbench, jiandu_workbench_group;
grant select, insert, update on audit.dispositions to jiandu_workbench, jiandu_workbench_group;
grant select, insert on audit.disposition_history to jiandu_workbench, jiandu_workbench_group;
grant usage on sequence audit.disposition_history_history_id_seq to jiandu_workbench, jiandu_workbench_group;
grant select on audit_meta.report_runs, audit_meta.validation_results, audit_meta.load_batches, audit_meta.runs
    to jiandu_workbench, jiandu_workbench_group;

-- Row-level security, forced (also for the owner, who gets its own unrestricted policy so the nightly
-- pipeline is unaffected even when it does not run as a superuser).
do $$
declare
    t text;
    p text;
    owner_name text;
begin
    foreach t in array array['flagged_items', 'flag_detections', 'flag_run_results', 'weekly_summary',
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
create index if not exists flagged_items_amount_idx on audit.flagged_items (amount desc nulls last, flag_id);
create index if not exists flagged_items_sub_amount_idx
    on audit.flagged_items (subsidiary_code, amount desc nulls last, flag_id);
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
    select case when t !~ '[0-9０-９]{4}' then t else
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
