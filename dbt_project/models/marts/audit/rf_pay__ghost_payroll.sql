{#- RF_PAY_004 吃空饷: pay to someone with no record of being in post that month: a code that is on no HR record
    (compared by the normalised employee code), a pay month before the month the person was hired, or a pay
    month after the month the person left or retired in which salary is still paid (a 工资 line other than what
    std_pay_after_leaving_exempt says is due after leaving, e.g. 经济补偿金). One flag per
    payee, with every line of those months except the exempt ones (severance paid beside the salary is due, not
    ghost pay). Attendance is not in the source contract, so "long without attendance" is not judged. Amount:
    everything else paid in those months. -#}
with payroll as (
    -- the candidate lines only: every line of a payee-month after leaving is a candidate, so the salary test
    -- below sees the whole month without reading the millions of lines of people in post
    select * from {{ ref('int_pay__payroll_lines') }}
    where not on_roster
        or pay_month < to_char(hire_date, 'YYYY-MM')
        or (off_post_date is not null and pay_month > to_char(off_post_date, 'YYYY-MM'))
),

exempt as (
    select * from {{ ref('std_pay_after_leaving_exempt') }}
),

{#- A 工资 line that is due after leaving (经济补偿金 ...) is not salary for a month in post. -#}
classified as (
    select
        flagged_exempt.*,
        -- salary received: a positive line (a negative one reverses or recovers pay, 扣回多发)
        flagged_exempt.item_category = '工资' and not flagged_exempt.is_exempt and flagged_exempt.amount > 0
            as is_salary
    from (
        select
            payroll.*,
            exists (
                select 1
                from exempt
                cross join unnest(string_to_array(exempt.match_keywords, '|')) as k(keyword)
                where strpos(regexp_replace(normalize(payroll.item_name, NFKC), '\s+', '', 'g'), k.keyword) > 0
                    and exempt.applies_to in (payroll.employee_status, '全部')
                    and (exempt.subsidiary_code = payroll.subsidiary_code or exempt.subsidiary_code is null)
                    and {{ in_force('payroll.month_start', 'exempt') }}
            ) as is_exempt
        from payroll
    ) as flagged_exempt
),

lines as (
    select
        *,
        bool_or(is_salary) over (partition by emp_key, pay_month) as salary_paid
    from classified
),

ghost_lines as (
    select
        lines.*,
        case
            when not on_roster then '人员档案中无此人'
            when pay_month < to_char(hire_date, 'YYYY-MM') then '入职（' || hire_date || '）前发放'
            else employee_status || '（' || off_post_date || '）后仍发放工资'
        end as reason
    from lines
    where not on_roster
        or pay_month < to_char(hire_date, 'YYYY-MM')
        or (off_post_date is not null and pay_month > to_char(off_post_date, 'YYYY-MM') and salary_paid
            and not is_exempt)
),

per_payee as (
    select
        emp_key,
        min(emp_code) as emp_code,
        min(roster_emp_code) as roster_emp_code,
        min(emp_name) as emp_name,
        min(subsidiary_code) as subsidiary_code,
        min(pay_month) as first_month,
        max(pay_month) as last_month,
        count(distinct pay_month) as months,
        sum(amount) as amount,
        string_agg(distinct reason, '；') as reasons,
        jsonb_agg(jsonb_build_object('发放月份', pay_month, '工资项目', item_name, '金额', amount)
                  order by pay_month, item_code) as detail,
        jsonb_agg(
            {{ source_ref('hr.payroll_line', ['emp_code', 'pay_month', 'item_code'],
                          "'工资明细 ' || emp_code || ' ' || pay_month || ' ' || item_name") }}
            order by pay_month, item_code
        ) as refs
    from ghost_lines
    group by emp_key
),

final as (
    select
        'RF_PAY_004' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        coalesce(roster_emp_code, emp_code) as subject_id,
        coalesce(emp_name, '人员档案中无此人 ' || emp_code) as subject_name,
        last_month as period,
        amount,
        jsonb_build_object(
            '问题', '无在岗记录仍领取工资：' || reasons,
            '人员编码', emp_code,
            '人员', emp_name,
            '发放期间', first_month || ' 至 ' || last_month,
            '发放月数', months,
            '发放合计', amount,
            '发放明细', detail,
            '标准出处', '严禁“吃空饷”相关规定；集团薪酬管理制度'
        ) as evidence,
        refs as source_refs,
        emp_code as flag_key
    from per_payee
)

select * from final
