{#- RF_PAY_001 发放目录外津补贴: an allowance or welfare item that the subsidiary's approved catalog does not
    have in the pay month, or any pay item whose name matches a cancelled, self-created or disguised item
    (std_allowance_banned_items: 过节费, 节日慰问金, 购房补贴, 购物卡 ...). Item names are read as payroll systems
    write them (int_pay__item_judgements: full-width, spaces, （补发） remarks, aliases). Amount: the line. -#}
with lines as (
    select * from {{ ref('int_pay__payroll_lines') }}
),

judgements as (
    select * from {{ ref('int_pay__item_judgements') }}
    where banned_reason is not null or in_catalog = false
),

flagged as (
    select
        lines.*,
        judgements.banned_reason,
        judgements.catalog_item_code,
        judgements.catalog_item_name,
        coalesce(judgements.banned_source, judgements.standard_source) as standard_source,
        judgements.in_catalog,
        judgements.banned_from
    from lines
    inner join judgements on judgements.judgement_key = lines.judgement_key
),

final as (
    select
        'RF_PAY_001' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        coalesce(roster_emp_code, emp_code) as subject_id,
        emp_name as subject_name,
        pay_month as period,
        amount,
        jsonb_build_object(
            '问题', coalesce('属违规项目：' || banned_reason, '不在本单位核准津补贴目录内'),
            '人员', emp_name,
            '发放月份', pay_month,
            '工资项目', item_code || ' ' || item_name,
            '项目类别', item_category,
            '对应目录项目', catalog_item_code || ' ' || catalog_item_name,
            '金额', amount,
            '标准出处', coalesce(standard_source, '集团津贴补贴管理制度（核准目录 std_allowance_catalog）'),
            '标准生效日期', banned_from
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('hr.payroll_line', ['emp_code', 'pay_month', 'item_code'],
                          "'工资明细 ' || emp_code || ' ' || pay_month || ' ' || item_name") }}
        ) as source_refs,
        emp_code || '|' || pay_month || '|' || item_code as flag_key
    from flagged
)

select * from final
