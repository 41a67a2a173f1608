{#- Seed post-hook: apply the group's own standards (集团导入, `jiandu standards import`, stored in
    standards_admin.group_rows_current) over the shipped seed (示例默认值) just loaded. For each group row of this
    seed, on the same key (key_values: the key without effective_from):
      1. the shipped row of the same effective date is replaced;
      2. a shipped row starting inside the group row's dates is dropped, one starting before it and still in force
         then ends the day before the group row starts;
      3. the group row is inserted (every column from row_values, typed by the seed's own columns).
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
            {%- set same_key -%}
                g.standard = '{{ this.identifier }}'
                and not exists (
                    select 1 from jsonb_each_text(g.key_values) as kv
                    where (to_jsonb(s) ->> kv.key) is distinct from kv.value
                )
            {%- endset -%}
            delete from {{ this }} as s using {{ current }} as g
            where {{ same_key }}
                and s.effective_from >= g.effective_from
                and s.effective_from <= coalesce(g.effective_to, date '9999-12-31');
            update {{ this }} as s set effective_to = (
                select min(g.effective_from) - 1 from {{ current }} as g
                where {{ same_key }} and g.effective_from > s.effective_from
            )
            where exists (
                select 1 from {{ current }} as g
                where {{ same_key }} and g.effective_from > s.effective_from
                    and (s.effective_to is null or s.effective_to >= g.effective_from)
            );
            insert into {{ this }}
            select (jsonb_populate_record(null::{{ this }}, g.row_values)).*
            from {{ current }} as g
            where g.standard = '{{ this.identifier }}';
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
