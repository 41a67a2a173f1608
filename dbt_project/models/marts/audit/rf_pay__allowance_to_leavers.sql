{#- RF_PAY_003 向离职退休人员发放津补贴: pay of any kind (salary, allowances, bonus, welfare) for a pay month after
    the month the person left or retired: the month of leaving itself is paid, every later pay period is not.
    The payee is found by the normalised employee code. Exempt: what is due after leaving by law or policy
    (std_pay_after_leaving_exempt: 经济补偿金 to leavers, 离退休费 to retirees). A negative line (a red-ink
    reversal or 扣回 of overpaid pay) pays nothing: it is netted into the same item's month (norm_pay_item), and
    only a positive line of an item whose month nets to more than zero is flagged. Amount: the line, at most the
    item's net for the month. -#}
with lines as (
    select * from {{ ref('int_pay__payroll_lines') }}
    where off_post_date is not null
        and pay_month > to_char(off_post_date, 'YYYY-MM')
),

exempt as (
    select * from {{ ref('std_pay_after_leaving_exempt') }}
),

judged as (
    select
        lines.*,
        regexp_replace(normalize(lines.item_name, NFKC), '\s+', '', 'g') as item_text
    from lines
),

kept as (
    select judged.*
    from judged
    where not exists (
        select 1
        from exempt
        cross join unnest(string_to_array(exempt.match_keywords, '|')) as k(keyword)
        where strpos(judged.item_text, k.keyword) > 0
            and exempt.applies_to in (judged.employee_status, '全部')
            and (exempt.subsidiary_code = judged.subsidiary_code or exempt.subsidiary_code is null)
            and {{ in_force('judged.month_start', 'exempt') }}
    )
),

netted as (
    select
        kept.*,
        sum(kept.amount) over (partition by kept.emp_key, kept.pay_month, {{ norm_pay_item('kept.item_name') }})
            as item_month_net
    from kept
),

paid as (
    select
        netted.*,
        least(netted.amount, netted.item_month_net) as amount_paid
    from netted
    where netted.amount > 0 and netted.item_month_net > 0
),

final as (
    select
        'RF_PAY_003' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        roster_emp_code as subject_id,
        emp_name as subject_name,
        pay_month as period,
        amount_paid as amount,
        jsonb_build_object(
            '问题', employee_status || '（' || off_post_date || '）后仍发放' || to_char(month_start, 'YYYY年MM月')
                || '的' || item_category,
            '人员', emp_name,
            '人员状态', employee_status,
            '离职日期', leave_date,
            '退休日期', retire_date,
            '发放月份', pay_month,
            '工资项目', item_code || ' ' || item_name,
            '项目类别', item_category,
            '金额', amount,
            '判定口径', '离职、退休当月照发，其后各发放月份不应再发放在职待遇',
            '标准出处', '集团薪酬管理制度；《中央企业工资总额管理办法》（国资委令第39号）'
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('hr.payroll_line', ['emp_code', 'pay_month', 'item_code'],
                          "'工资明细 ' || emp_code || ' ' || pay_month || ' ' || item_name") }},
            jsonb_build_object('table', 'hr.employee', 'key', jsonb_build_object('emp_code', roster_emp_code),
                               'label', '人员 ' || roster_emp_code || ' ' || emp_name)
        ) as source_refs,
        emp_code || '|' || pay_month || '|' || item_code as flag_key
    from paid
)

select * from final
