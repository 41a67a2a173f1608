{#- Every allowance or welfare payroll line with its item judgement (int_pay__item_judgements): in the
    subsidiary's approved catalog that month or not, the catalog row for the payee's rank, whether the month
    is a payable month. -#}
with lines as (
    select * from {{ ref('int_pay__payroll_lines') }}
    where item_category in ('津补贴', '福利')
),

judgements as (
    select * from {{ ref('int_pay__item_judgements') }}
),

final as (
    select
        lines.*,
        judgements.rank_name,
        judgements.in_catalog,
        judgements.catalog_summary,
        judgements.standard_source,
        judgements.monthly_cap,
        judgements.eligible_ranks,
        judgements.payable_months,
        judgements.rank_eligible,
        judgements.month_payable
    from lines
    inner join judgements on judgements.judgement_key = lines.judgement_key
)

select * from final
