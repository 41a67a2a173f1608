-- The group's own standards (集团标准导入, `jiandu standards import`): rows imported from the Excel template and
-- the history of every import. The nightly dbt build loads the shipped seeds (示例默认值) and then applies these
-- rows over them (macros/apply_group_standards.sql, a post-hook of every seed): a group row replaces the shipped
-- row of the same key and effective date, and ends or replaces shipped rows its dates overlap. Idempotent.

create schema if not exists standards_admin;

-- One row per sheet of an imported file: who, when, which file (name and SHA-256), which sheet, how many rows.
create table if not exists standards_admin.import_history (
    history_id   bigserial primary key,
    import_id    text not null,          -- one id per file imported
    imported_at  timestamptz not null default now(),
    imported_by  text not null,
    file_name    text not null,
    checksum     text not null,          -- sha256 of the file
    sheet        text not null,
    standard     text not null,          -- the seed, e.g. std_travel_hotel_caps
    row_count    integer not null check (row_count >= 0)
);
create index if not exists import_history_standard on standards_admin.import_history (standard, imported_at);

-- Every row ever imported. key_values holds the standard's key without effective_from ({column: text}); a later
-- import of the same key and effective date supersedes an earlier one (group_rows_current).
create table if not exists standards_admin.group_rows (
    row_id          bigserial primary key,
    history_id      bigint not null references standards_admin.import_history (history_id),
    standard        text not null,
    excel_row       integer not null,
    key_values      jsonb not null,
    effective_from  date not null,
    effective_to    date check (effective_to is null or effective_to >= effective_from),
    row_values      jsonb not null       -- every column of the seed, as text, ready for jsonb_populate_record
);
create index if not exists group_rows_standard on standards_admin.group_rows (standard, effective_from);

-- History is kept: rows and imports are never changed or deleted (a correction is a new import).
create or replace function standards_admin.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '集团标准导入记录不可修改或删除（%）：请重新导入更正后的文件', tg_table_name;
end $$;
drop trigger if exists import_history_immutable on standards_admin.import_history;
create trigger import_history_immutable before update or delete on standards_admin.import_history
    for each row execute function standards_admin.refuse_change();
drop trigger if exists group_rows_immutable on standards_admin.group_rows;
create trigger group_rows_immutable before update or delete on standards_admin.group_rows
    for each row execute function standards_admin.refuse_change();

-- The rows in force for the night: per standard, key and effective date, the latest import's row.
create or replace view standards_admin.group_rows_current as
select distinct on (r.standard, r.key_values, r.effective_from)
    r.row_id, r.standard, r.key_values, r.effective_from, r.effective_to, r.row_values, r.excel_row,
    h.history_id, h.import_id, h.imported_at, h.imported_by, h.file_name, h.sheet
from standards_admin.group_rows as r
join standards_admin.import_history as h using (history_id)
order by r.standard, r.key_values, r.effective_from, r.row_id desc;

-- The workbench's 标准 page reads them (read-only).
grant usage on schema standards_admin to jiandu_workbench, jiandu_workbench_group;
grant select on standards_admin.import_history, standards_admin.group_rows, standards_admin.group_rows_current
    to jiandu_workbench, jiandu_workbench_group;
