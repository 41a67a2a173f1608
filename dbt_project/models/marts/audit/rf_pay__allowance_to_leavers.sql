{#- RF_PAY_003 向离职退休人员发放津补贴: allowances or welfare paid for a month after the month the person
    left or retired (the month of leaving itself is paid). Amount: the line. -#}
with lines as (
    select * from {{ ref('int_pay__payroll_lines') }}
    where item_category in ('津补贴', '福利')
        and employee_status in ('离职', '退休')
),

final as (
    select
        'RF_PAY_003' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        emp_code as subject_id,
        emp_name as subject_name,
        pay_month as period,
        amount,
        jsonb_build_object(
            '人员', emp_name,
            '人员状态', employee_status,
            '离职日期', leave_date,
            '退休日期', retire_date,
            '发放月份', pay_month,
            '津补贴项目', item_code || ' ' || item_name,
            '金额', amount,
            '标准出处', '集团薪酬管理制度；《中央企业工资总额管理办法》（国资委令第39号）'
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('hr.payroll_line', ['emp_code', 'pay_month', 'item_code'],
                          "'工资明细 ' || emp_code || ' ' || pay_month || ' ' || item_name") }}
        ) as source_refs,
        emp_code || '|' || pay_month || '|' || item_code as flag_key
    from lines
    where pay_month > to_char(coalesce(leave_date, retire_date), 'YYYY-MM')
)

select * from final
