-- The group's own standards, continued (0004_group_standards):
--   * withdrawal (撤回): an import made by mistake is taken back by a withdrawal record (who, when, why); its rows
--     stay, but it no longer counts: the previous version applies again;
--   * the ONE definition of which rows of a standard apply (standards_admin.applied_rows): the night's seed
--     post-hook (dbt_project/macros/apply_group_standards.sql) writes exactly these rows into the seed, and
--     `jiandu standards list|show` and the workbench's 标准 pages read their versions from the same function;
--   * an import whose columns are not the seed's any more (a later release added or renamed a column) is skipped,
--     not applied stale (standards_admin.stale_imports), and the run summary says so.

-- One row per withdrawn import (import_id of standards_admin.import_history: the whole file is withdrawn).
create table if not exists standards_admin.withdrawals (
    import_id     text primary key,      -- a withdrawal is final: an import is withdrawn at most once
    withdrawn_at  timestamptz not null default now(),
    withdrawn_by  text not null check (btrim(withdrawn_by) <> ''),
    reason        text not null check (btrim(reason) <> '')
);

create or replace function standards_admin.refuse_unknown_import() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from standards_admin.import_history where import_id = new.import_id) then
        raise exception '没有导入批次 %：无法撤回', new.import_id;
    end if;
    return new;
end $$;
drop trigger if exists withdrawals_known_import on standards_admin.withdrawals;
create trigger withdrawals_known_import before insert on standards_admin.withdrawals
    for each row execute function standards_admin.refuse_unknown_import();
drop trigger if exists withdrawals_immutable on standards_admin.withdrawals;
create trigger withdrawals_immutable before update or delete on standards_admin.withdrawals
    for each row execute function standards_admin.refuse_change();

-- The rows in force for the night: per standard, key and effective date, the latest import's row among the
-- imports not withdrawn (withdrawing the latest brings the earlier import's row back).
create or replace view standards_admin.group_rows_current as
select distinct on (r.standard, r.key_values, r.effective_from)
    r.row_id, r.standard, r.key_values, r.effective_from, r.effective_to, r.row_values, r.excel_row,
    h.history_id, h.import_id, h.imported_at, h.imported_by, h.file_name, h.sheet
from standards_admin.group_rows as r
join standards_admin.import_history as h using (history_id)
where not exists (select 1 from standards_admin.withdrawals as w where w.import_id = h.import_id)
order by r.standard, r.key_values, r.effective_from, r.row_id desc;

-- Imports of `p_standard` in force whose columns (the seed's columns when it was imported: every row's
-- row_values holds all of them) are not the seed's columns `p_columns` any more: the columns the seed has and the
-- import lacks (missing), and those the import has and the seed lacks (unexpected).
create or replace function standards_admin.stale_imports(p_standard text, p_columns text[])
returns table (history_id bigint, import_id text, file_name text, missing text[], unexpected text[])
language sql stable as $$
    with imported as (
        select distinct on (g.history_id) g.history_id, g.import_id, g.file_name,
            array(select jsonb_object_keys(g.row_values)) as columns
        from standards_admin.group_rows_current as g
        where g.standard = p_standard
        order by g.history_id
    ),
    compared as (
        select i.history_id, i.import_id, i.file_name,
            array(select c from unnest(p_columns) as c where c <> all (i.columns) order by c) as missing,
            array(select c from unnest(i.columns) as c where c <> all (p_columns) order by c) as unexpected
        from imported as i
    )
    select * from compared
    where cardinality(missing) > 0 or cardinality(unexpected) > 0
    order by history_id
$$;

-- The rows of `p_standard` that apply: the shipped rows `p_shipped` (a jsonb array of the seed's rows, typed as
-- the seed types them) with the group's rows over them. For each group row in force (not withdrawn, not stale),
-- on the same key (key_values: the key without effective_from):
--   1. a shipped row starting inside the group row's dates (the same effective date included) is dropped;
--   2. a shipped row starting before it and still in force then ends the day before the group row starts;
--   3. the group row applies as imported.
-- origin: 示例默认值 (shipped) or 集团导入 (with its import's history_id and import_id).
create or replace function standards_admin.applied_rows(p_standard text, p_shipped jsonb, p_columns text[])
returns table (origin text, history_id bigint, import_id text, effective_from date, effective_to date,
               row_values jsonb)
language sql stable as $$
    with grp as (
        select g.* from standards_admin.group_rows_current as g
        where g.standard = p_standard
            and g.history_id not in (select s.history_id from standards_admin.stale_imports(p_standard, p_columns) as s)
    ),
    shipped as (
        select value as row_values, (value ->> 'effective_from')::date as effective_from,
            (value ->> 'effective_to')::date as effective_to
        from jsonb_array_elements(coalesce(p_shipped, '[]'::jsonb))
    ),
    kept as (
        select s.*, (
            select min(g.effective_from) - 1 from grp as g
            where g.effective_from > s.effective_from
                and not exists (select 1 from jsonb_each_text(g.key_values) as kv
                                where (s.row_values ->> kv.key) is distinct from kv.value)
        ) as cut
        from shipped as s
        where not exists (
            select 1 from grp as g
            where s.effective_from between g.effective_from and coalesce(g.effective_to, date '9999-12-31')
                and not exists (select 1 from jsonb_each_text(g.key_values) as kv
                                where (s.row_values ->> kv.key) is distinct from kv.value)
        )
    ),
    ended as (
        select k.row_values, k.effective_from,
            case when k.cut is not null and (k.effective_to is null or k.effective_to > k.cut) then k.cut
                 else k.effective_to end as effective_to
        from kept as k
    )
    select '示例默认值'::text, null::bigint, null::text, e.effective_from, e.effective_to,
        e.row_values || jsonb_build_object('effective_to', e.effective_to)
    from ended as e
    union all
    select '集团导入'::text, g.history_id, g.import_id, g.effective_from, g.effective_to, g.row_values
    from grp as g
$$;

grant select on standards_admin.withdrawals to jiandu_workbench, jiandu_workbench_group;
grant execute on function standards_admin.stale_imports(text, text[]), standards_admin.applied_rows(text, jsonb, text[])
    to jiandu_workbench, jiandu_workbench_group;
