{#- Every allowance or welfare payroll line judged against the approved allowance catalog in force on the
    first day of its pay month: the catalog rows of its item that apply to its subsidiary (a subsidiary's own
    rows for an item replace the group's rows of that item), the row for the payee's rank, and whether the
    month is a payable month. -#}
with lines as (
    select * from {{ ref('int_pay__payroll_lines') }}
    where item_category in ('津补贴', '福利')
),

catalog as (
    select * from {{ ref('std_allowance_catalog') }}
),

applicable as (
    select
        lines.emp_code,
        lines.pay_month,
        lines.item_code,
        catalog.monthly_cap,
        catalog.eligible_ranks,
        catalog.payable_months,
        catalog.source,
        catalog.subsidiary_code as catalog_subsidiary
    from lines
    inner join catalog
        on catalog.item_code = lines.item_code
        and {{ in_force('lines.month_start', 'catalog') }}
        and (
            catalog.subsidiary_code = lines.subsidiary_code
            or (
                catalog.subsidiary_code is null
                and not exists (
                    select 1 from catalog as own
                    where own.item_code = lines.item_code
                        and own.subsidiary_code = lines.subsidiary_code
                        and {{ in_force('lines.month_start', 'own') }}
                )
            )
        )
),

per_line as (
    select
        emp_code,
        pay_month,
        item_code,
        count(*) as catalog_rows,
        string_agg(eligible_ranks || '：' || monthly_cap || '元', '；' order by monthly_cap desc) as catalog_summary,
        min(source) as standard_source
    from applicable
    group by emp_code, pay_month, item_code
),

for_rank as (
    select distinct on (applicable.emp_code, applicable.pay_month, applicable.item_code)
        applicable.*
    from applicable
    inner join lines
        on lines.emp_code = applicable.emp_code
        and lines.pay_month = applicable.pay_month
        and lines.item_code = applicable.item_code
    where '全部' = any(string_to_array(applicable.eligible_ranks, '|'))
        or lines.rank_name = any(string_to_array(applicable.eligible_ranks, '|'))
    order by applicable.emp_code, applicable.pay_month, applicable.item_code, applicable.monthly_cap desc
),

final as (
    select
        lines.*,
        coalesce(per_line.catalog_rows, 0) > 0 as in_catalog,
        per_line.catalog_summary,
        per_line.standard_source,
        for_rank.monthly_cap,
        for_rank.eligible_ranks,
        for_rank.payable_months,
        for_rank.monthly_cap is not null as rank_eligible,
        for_rank.payable_months is null
            or extract(month from lines.month_start)::text = any(string_to_array(for_rank.payable_months, ','))
            as month_payable
    from lines
    left join per_line
        on per_line.emp_code = lines.emp_code and per_line.pay_month = lines.pay_month
        and per_line.item_code = lines.item_code
    left join for_rank
        on for_rank.emp_code = lines.emp_code and for_rank.pay_month = lines.pay_month
        and for_rank.item_code = lines.item_code
)

select * from final
