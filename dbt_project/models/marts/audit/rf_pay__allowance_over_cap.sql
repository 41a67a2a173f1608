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

{#- The sums first, without the detail: millions of person-months, a handful of them flagged. -#}
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
        sum(amount) as amount
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
    where not rank_eligible or not month_payable or amount > monthly_cap
),

detail as (
    select
        emp_key,
        pay_month,
        catalog_item_code,
        jsonb_agg(jsonb_build_object('工资项目', item_code || ' ' || item_name, '金额', amount)
                  order by item_code) as detail,
        jsonb_agg(
            {{ source_ref('hr.payroll_line', ['emp_code', 'pay_month', 'item_code'],
                          "'工资明细 ' || emp_code || ' ' || pay_month || ' ' || item_name") }}
            order by item_code
        ) as refs
    from judged
    where (emp_key, pay_month, catalog_item_code) in (select emp_key, pay_month, catalog_item_code from flagged)
    group by emp_key, pay_month, catalog_item_code
),

final as (
    select
        'RF_PAY_002' as rule_id,
        flagged.subsidiary_code,
        'person' as subject_type,
        flagged.subject_code as subject_id,
        flagged.emp_name as subject_name,
        flagged.pay_month as period,
        flagged.amount_involved as amount,
        jsonb_build_object(
            '问题', flagged.finding,
            '人员', flagged.emp_name,
            '职级', flagged.rank_name,
            '发放月份', flagged.pay_month,
            '津补贴项目', flagged.catalog_item_code || ' ' || flagged.catalog_item_name,
            '当月发放合计', flagged.amount,
            '发放明细', detail.detail,
            '标准', coalesce(flagged.monthly_cap || ' 元/月（' || flagged.eligible_ranks || '）', flagged.catalog_summary),
            '发放月份范围', coalesce(flagged.payable_months, '全年'),
            '超标或违规金额', flagged.amount_involved,
            '标准出处', flagged.standard_source,
            '标准生效日期', flagged.standard_from
        ) as evidence,
        detail.refs as source_refs,
        -- the payroll's own code (as before the lines were summed), so earlier dispositions keep their flag
        flagged.line_emp_code || '|' || flagged.pay_month || '|' || flagged.catalog_item_code as flag_key
    from flagged
    inner join detail
        on detail.emp_key = flagged.emp_key
        and detail.pay_month = flagged.pay_month
        and detail.catalog_item_code = flagged.catalog_item_code
)

select * from final
