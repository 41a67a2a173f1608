{#- RF_PAY_002 津补贴超标准发放: a catalog allowance paid above the monthly cap for the payee's rank, to a rank
    the item is not for, or in a month the item is not payable (高温津贴 outside summer). Judged on the rank
    held on the first day of the pay month; payees without a rank that day are left to RF_PAY_003/004.
    Amount: the excess over the cap, or the whole line when it should not have been paid at all. -#}
with judged as (
    select * from {{ ref('int_pay__allowance_catalog_match') }}
    where in_catalog and rank_code is not null
),

flagged as (
    select
        judged.*,
        case
            when not rank_eligible then '职级（' || rank_name || '）不在发放范围内'
            when not month_payable then extract(month from month_start) || '月不是发放月份（' || payable_months || '月）'
            when amount > monthly_cap then '超过月标准' || monthly_cap || '元'
        end as finding,
        case
            when not rank_eligible or not month_payable then amount
            else amount - monthly_cap
        end as amount_involved
    from judged
),

final as (
    select
        'RF_PAY_002' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        emp_code as subject_id,
        emp_name as subject_name,
        pay_month as period,
        amount_involved as amount,
        jsonb_build_object(
            '问题', finding,
            '人员', emp_name,
            '职级', rank_name,
            '发放月份', pay_month,
            '津补贴项目', item_code || ' ' || item_name,
            '发放金额', amount,
            '标准', coalesce(monthly_cap || ' 元/月（' || eligible_ranks || '）', catalog_summary),
            '发放月份范围', coalesce(payable_months, '全年'),
            '超标或违规金额', amount_involved,
            '标准出处', standard_source
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('hr.payroll_line', ['emp_code', 'pay_month', 'item_code'],
                          "'工资明细 ' || emp_code || ' ' || pay_month || ' ' || item_name") }}
        ) as source_refs,
        emp_code || '|' || pay_month || '|' || item_code as flag_key
    from flagged
    where finding is not null
)

select * from final
