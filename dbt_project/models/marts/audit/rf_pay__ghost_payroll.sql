{#- RF_PAY_004 吃空饷: pay to a person code that is not on the HR roster at all. One flag per payee, with every
    line paid to it. Amount: everything paid. -#}
with lines as (
    select * from {{ ref('int_pay__payroll_lines') }}
    where not on_roster
),

per_payee as (
    select
        emp_code,
        min(subsidiary_code) as subsidiary_code,
        min(pay_month) as first_month,
        max(pay_month) as last_month,
        count(distinct pay_month) as months,
        sum(amount) as amount,
        jsonb_agg(jsonb_build_object('发放月份', pay_month, '工资项目', item_name, '金额', amount)
                  order by pay_month, item_code) as detail,
        jsonb_agg(
            {{ source_ref('hr.payroll_line', ['emp_code', 'pay_month', 'item_code'],
                          "'工资明细 ' || emp_code || ' ' || pay_month || ' ' || item_name") }}
            order by pay_month, item_code
        ) as refs
    from lines
    group by emp_code
),

final as (
    select
        'RF_PAY_004' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        emp_code as subject_id,
        '人员档案中无此人 ' || emp_code as subject_name,
        last_month as period,
        amount,
        jsonb_build_object(
            '问题', '工资发放对象在人员档案中不存在',
            '人员编码', emp_code,
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
