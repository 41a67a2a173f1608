{#- RF_PAY_002 津补贴超标准发放: a catalog allowance paid above the monthly cap for the payee's rank, to a rank
    the item is not for, or in a month the item is not payable (高温津贴 outside summer). Judged per person, pay
    month and catalog item on the sum of every line that pays the item (the item read from the line's name:
    交通补贴 and 交通补贴（补发）, or one allowance split over two lines, are one payment), on the rank held on
    the first day of the pay month (the record's current rank when the rank history has none). Months after
    the payee left or retired are left to RF_PAY_003/004. Amount: the excess over the cap, or the whole sum
    when it should not have been paid at all. -#}
with judged as (
    select * from {{ ref('int_pay__allowance_catalog_match') }}
    where in_catalog
        and rank_code is not null
        and (off_post_date is null or pay_month <= to_char(off_post_date, 'YYYY-MM'))
),

per_item as (
    select
        emp_key,
        pay_month,
        catalog_item_code,
        min(subsidiary_code) as subsidiary_code,
        min(coalesce(roster_emp_code, emp_code)) as subject_code,
        min(emp_code) as line_emp_code,
        min(emp_name) as emp_name,
        min(rank_name) as rank_name,
        min(catalog_item_name) as catalog_item_name,
        min(catalog_summary) as catalog_summary,
        min(standard_source) as standard_source,
        min(standard_from) as standard_from,
        min(monthly_cap) as monthly_cap,
        min(eligible_ranks) as eligible_ranks,
        min(payable_months) as payable_months,
        bool_and(rank_eligible) as rank_eligible,
        bool_and(month_payable) as month_payable,
        min(month_start) as month_start,
        count(*) as line_count,
        sum(amount) as amount,
        jsonb_agg(jsonb_build_object('工资项目', item_code || ' ' || item_name, '金额', amount)
                  order by item_code) as detail,
        jsonb_agg(
            {{ source_ref('hr.payroll_line', ['emp_code', 'pay_month', 'item_code'],
                          "'工资明细 ' || emp_code || ' ' || pay_month || ' ' || item_name") }}
            order by item_code
        ) as refs
    from judged
    group by emp_key, pay_month, catalog_item_code
),

flagged as (
    select
        per_item.*,
        case
            when not rank_eligible then '职级（' || coalesce(rank_name, '未知') || '）不在发放范围内'
            when not month_payable then extract(month from month_start) || '月不是发放月份（' || payable_months || '月）'
            when amount > monthly_cap then '当月合计' || amount || '元，超过月标准' || monthly_cap || '元'
        end as finding,
        case
            when not rank_eligible or not month_payable then amount
            else amount - monthly_cap
        end as amount_involved
    from per_item
),

final as (
    select
        'RF_PAY_002' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        subject_code as subject_id,
        emp_name as subject_name,
        pay_month as period,
        amount_involved as amount,
        jsonb_build_object(
            '问题', finding,
            '人员', emp_name,
            '职级', rank_name,
            '发放月份', pay_month,
            '津补贴项目', catalog_item_code || ' ' || catalog_item_name,
            '当月发放合计', amount,
            '发放明细', detail,
            '标准', coalesce(monthly_cap || ' 元/月（' || eligible_ranks || '）', catalog_summary),
            '发放月份范围', coalesce(payable_months, '全年'),
            '超标或违规金额', amount_involved,
            '标准出处', standard_source,
            '标准生效日期', standard_from
        ) as evidence,
        refs as source_refs,
        -- the payroll's own code (as before the lines were summed), so earlier dispositions keep their flag
        line_emp_code || '|' || pay_month || '|' || catalog_item_code as flag_key
    from flagged
    where finding is not null
)

select * from final
