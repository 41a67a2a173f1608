{#- Every payroll line with the payee's roster record (if any) and the rank held on the first day of the pay
    month (the record's current rank when the rank history has no row for that day). The payee is found by the
    normalised employee code (emp_key: case, spaces, separators, leading zeros), since the payroll system may
    write HR's codes in another form. Incremental on the line key: lines changed since the last run (one-day overlap), and every line of
    a payee whose roster record or rank history changed in any way (new, corrected, deleted: compared by a
    fingerprint of the payee's records), are rebuilt; `--full-refresh` gives the same table. -#}
{{ config(
    materialized='incremental',
    unique_key=['emp_code', 'pay_month', 'item_code'],
    incremental_strategy='delete+insert',
    on_schema_change='append_new_columns',
    indexes=[{'columns': ['emp_code', 'pay_month', 'item_code'], 'unique': true}],
) }}

{#- `not materialized`: these CTEs are read more than once, and a materialized CTE has no statistics; with
    none the planner took tonight's 120,000 changed lines for billions and joined all 4.6 million first. -#}
with employees as not materialized (
    -- one record per normalised code: the one in post, then the latest changed
    select distinct on (emp_key) *
    from {{ ref('int_hr__employees') }}
    order by emp_key, status = '在职' desc, modified_at desc, emp_code
),

ranks as not materialized (
    select * from {{ ref('stg_hr__rank_history') }}
),

{#- What a line takes from its payee's records, as one fingerprint per payee: a line built from other records
    than tonight's is stale. -#}
payee_ranks as (
    select
        emp_code,
        string_agg(concat_ws('|', rank_code, effective_from, effective_to), ';'
                   order by effective_from, rank_code, effective_to) as rank_history
    from ranks
    group by emp_code
),

payee_records as not materialized (
    select
        employees.emp_key,
        md5(concat_ws('|', employees.emp_code, employees.emp_name, employees.status, employees.hire_date,
                      employees.leave_date, employees.retire_date, employees.rank_code,
                      payee_ranks.rank_history)) as payee_fingerprint
    from employees
    left join payee_ranks on payee_ranks.emp_code = employees.emp_code
),

{#- A table built by an earlier version has no fingerprints or normalised payee keys yet: rebuild every line once (dbt then adds the
    new columns, on_schema_change), never read a column that is not there. -#}
{% set built_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list
    if is_incremental() else [] %}
{% set upgrading = is_incremental()
    and ('payee_fingerprint' not in built_columns or 'emp_key' not in built_columns) %}

{% if is_incremental() and not upgrading %}
{#- The reasons to rebuild a line, as a union of keys (never `a or key in (...)`: see int_gl__lines). -#}
changed_lines as (
    select emp_code, pay_month, item_code from {{ ref('stg_hr__payroll_line') }}
    where modified_at >= (select coalesce(max(modified_at), '-infinity') - interval '1 day' from {{ this }})
    union
    select built.emp_code, built.pay_month, built.item_code
    from {{ this }} as built
    where built.emp_key in (
        -- payees whose records differ from those their lines were built from (changed, deleted, or new)
        select built_payees.emp_key
        from (select distinct emp_key, payee_fingerprint from {{ this }}) as built_payees
        where not exists (
            select 1 from payee_records
            where payee_records.emp_key = built_payees.emp_key
                and payee_records.payee_fingerprint = built_payees.payee_fingerprint
        )
        and (built_payees.payee_fingerprint is not null
             or exists (select 1 from employees where employees.emp_key = built_payees.emp_key))
    )
),
{% endif %}

lines as (
    select * from {{ ref('stg_hr__payroll_line') }}
    {% if is_incremental() and not upgrading %}
    where (emp_code, pay_month, item_code) in (select emp_code, pay_month, item_code from changed_lines)
    {% endif %}
),

dated as (
    select
        lines.*,
        {{ norm_emp_code('lines.emp_code') }} as emp_key,
        {{ norm_pay_category('lines.item_category') }} as category_key,
        to_date(lines.pay_month || '-01', 'YYYY-MM-DD') as month_start
    from lines
),

final as (
    select
        -- ids
        dated.emp_code,
        dated.pay_month,
        dated.item_code,
        dated.subsidiary_code,
        dated.emp_key,
        employees.emp_code as roster_emp_code,
        -- strings
        dated.item_name,
        dated.category_key as item_category,
        employees.emp_name,
        employees.status as employee_status,
        employees.emp_code is not null as on_roster,
        coalesce(ranks.rank_code, employees.rank_code) as rank_code,
        payee_records.payee_fingerprint,
        {{ pay_judgement_key('dated.subsidiary_code', 'dated.item_code', 'dated.item_name', 'dated.category_key',
                             'dated.month_start', 'coalesce(ranks.rank_code, employees.rank_code)') }} as judgement_key,
        -- amounts
        dated.amount,
        -- dates
        dated.month_start,
        employees.hire_date,
        employees.leave_date,
        employees.retire_date,
        employees.off_post_date,
        dated.modified_at
    from dated
    left join employees on employees.emp_key = dated.emp_key
    left join payee_records on payee_records.emp_key = dated.emp_key
    left join ranks
        on ranks.emp_code = employees.emp_code
        and dated.month_start >= ranks.effective_from
        and (ranks.effective_to is null or dated.month_start <= ranks.effective_to)
)

select * from final
