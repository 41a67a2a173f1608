{#- Seed post-hook: apply the group's own standards (集团导入, `jiandu standards import`) over the shipped seed
    (示例默认值) just loaded. Which rows apply is defined once, in the warehouse:
    standards_admin.applied_rows (include/warehouse/migrations/0005_group_standards_applied.sql), which
    `jiandu standards list|show` and the workbench read too. In short, for each group row in force (its import not
    withdrawn) on the same key, the shipped row of the same effective date or starting inside its dates is dropped,
    one starting before and still in force then ends the day before, and the group row is added.
    An import whose columns are not this seed's any more (a later release added or renamed a column) is skipped
    (standards_admin.stale_imports): logged here, named in the run summary, the shipped rows apply.
    Seeds reload whole every night (+full_refresh), so the night always ends with shipped + group rows; running the
    hook twice gives the same table. A warehouse without standards_admin (a dbt-only build) keeps the shipped rows. -#}
{% macro apply_group_standards() -%}
    {%- if not execute -%}
        select 1
    {%- else -%}
        {%- set current = adapter.get_relation(database=this.database, schema='standards_admin',
                                               identifier='group_rows_current') -%}
        {%- set columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
        {%- if current is none or 'effective_from' not in columns -%}
            select 1 /* no group standards for {{ this.identifier }} */
        {%- else -%}
            {%- set column_array -%}
                array[{%- for c in columns -%}'{{ c }}'{{ ', ' if not loop.last }}{%- endfor -%}]::text[]
            {%- endset -%}
            {%- set stale = run_query("select import_id, file_name, array_to_string(missing, ', '),"
                                      ~ " array_to_string(unexpected, ', ') from standards_admin.stale_imports('"
                                      ~ this.identifier ~ "', " ~ column_array ~ ")") -%}
            {%- for row in stale.rows -%}
                {{ log("警告 WARNING 集团标准 " ~ this.identifier ~ " 的导入批次 " ~ row[0] ~ "（" ~ row[1]
                       ~ "）列与现行种子表不一致（缺少：" ~ (row[2] or "无") ~ "；多出：" ~ (row[3] or "无")
                       ~ "），未应用，沿用示例默认值 import skipped: its columns are not the seed's", info=True) }}
            {%- endfor -%}
            with applied as materialized (
                select a.origin, a.row_values
                from standards_admin.applied_rows(
                    '{{ this.identifier }}',
                    (select jsonb_agg(to_jsonb(s)) from {{ this }} as s),
                    {{ column_array }}
                ) as a
            ),
            cleared as (
                delete from {{ this }}
                where exists (select 1 from applied where origin = '集团导入')
            )
            insert into {{ this }}
            select (jsonb_populate_record(null::{{ this }}, a.row_values)).*
            from applied as a
            where exists (select 1 from applied where origin = '集团导入')
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
