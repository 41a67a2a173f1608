{#- Every allowance or welfare payroll line, and every line whose name is a catalog item whatever its category,
    with its item judgement (int_pay__item_judgements): the catalog item it pays, in the subsidiary's approved
    catalog that month or not, the catalog row for the payee's rank, whether the month is a payable month. -#}
with lines as (
    select * from {{ ref('int_pay__payroll_lines') }}
),

judgements as (
    select * from {{ ref('int_pay__item_judgements') }}
),

final as (
    select
        -- named, not `lines.*`: a table built by an earlier version keeps its dropped columns (rank_name)
        -- until the next full refresh
        lines.emp_code,
        lines.pay_month,
        lines.item_code,
        lines.subsidiary_code,
        lines.emp_key,
        lines.roster_emp_code,
        judgements.catalog_item_code,
        lines.item_name,
        judgements.item_key,
        judgements.catalog_item_name,
        lines.item_category,
        lines.emp_name,
        lines.employee_status,
        lines.on_roster,
        lines.rank_code,
        lines.payee_fingerprint,
        lines.judgement_key,
        lines.amount,
        lines.month_start,
        lines.hire_date,
        lines.leave_date,
        lines.retire_date,
        lines.off_post_date,
        lines.modified_at,
        judgements.rank_name,
        judgements.in_catalog,
        judgements.catalog_summary,
        judgements.standard_source,
        judgements.monthly_cap,
        judgements.eligible_ranks,
        judgements.payable_months,
        judgements.standard_from,
        judgements.rank_eligible,
        judgements.month_payable
    from lines
    inner join judgements on judgements.judgement_key = lines.judgement_key
    where lines.item_category in ('津补贴', '福利') or judgements.catalog_item_code is not null
)

select * from final
