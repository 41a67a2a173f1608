{#- Every payroll line with the payee's roster record (if any), the rank held on the first day of the pay
    month and its name. Incremental by the line's modification time (one-day overlap), plus lines whose payee
    had no rank when built; `--full-refresh` gives the same table. -#}
{{ config(
    materialized='incremental',
    unique_key=['emp_code', 'pay_month', 'item_code'],
    incremental_strategy='delete+insert',
    indexes=[{'columns': ['emp_code', 'pay_month', 'item_code'], 'unique': true}],
) }}

with lines as (
    select * from {{ ref('stg_hr__payroll_line') }}
    {% if is_incremental() %}
    where modified_at >= (select coalesce(max(modified_at), '-infinity') - interval '1 day' from {{ this }})
        -- lines built before the payee's roster record or rank arrived (HR late or quarantined)
        or (emp_code, pay_month, item_code) in (
            select emp_code, pay_month, item_code from {{ this }} where rank_code is null
        )
    {% endif %}
),

employees as (
    select * from {{ ref('stg_hr__employee') }}
),

ranks as (
    select * from {{ ref('stg_hr__rank_history') }}
),

rank_names as (
    select distinct rank_code, rank_name from {{ ref('map_hr_rank_travel_tier') }} where subsidiary_code is null
),

dated as (
    select
        lines.*,
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
        -- strings
        dated.item_name,
        dated.item_category,
        employees.emp_name,
        employees.status as employee_status,
        employees.emp_code is not null as on_roster,
        ranks.rank_code,
        rank_names.rank_name,
        -- amounts
        dated.amount,
        -- dates
        dated.month_start,
        employees.hire_date,
        employees.leave_date,
        employees.retire_date,
        dated.modified_at
    from dated
    left join employees on employees.emp_code = dated.emp_code
    left join ranks
        on ranks.emp_code = dated.emp_code
        and dated.month_start >= ranks.effective_from
        and (ranks.effective_to is null or dated.month_start <= ranks.effective_to)
    left join rank_names on rank_names.rank_code = ranks.rank_code
)

select * from final
