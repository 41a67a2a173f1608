{#- RF_HR_001 亲属关系存在直接上下级 (任职回避): a declared relative working in the same subsidiary where one of
    the two is the other's direct superior. Both must be in post. One flag per declaration. -#}
with declarations as (
    select * from {{ ref('stg_hr__relative_declaration') }}
    where relative_emp_code is not null
),

employees as (
    select * from {{ ref('stg_hr__employee') }}
    where status = '在职'
),

pairs as (
    select
        declarations.*,
        a.subsidiary_code,
        a.emp_name as declarer_name,
        a.position_title as declarer_title,
        a.dept_name as declarer_dept,
        b.emp_name as relative_emp_name,
        b.position_title as relative_title,
        b.dept_name as relative_dept,
        case when a.manager_emp_code = b.emp_code then b.emp_code else a.emp_code end as superior_code,
        case when a.manager_emp_code = b.emp_code then b.emp_name else a.emp_name end as superior_name
    from declarations
    inner join employees as a on a.emp_code = declarations.emp_code
    inner join employees as b on b.emp_code = declarations.relative_emp_code
    where a.subsidiary_code = b.subsidiary_code
        and (a.manager_emp_code = b.emp_code or b.manager_emp_code = a.emp_code)
),

final as (
    select
        'RF_HR_001' as rule_id,
        subsidiary_code,
        'person' as subject_type,
        superior_code as subject_id,
        superior_name as subject_name,
        to_char(declared_on, 'YYYY-MM') as period,
        0::numeric as amount,
        jsonb_build_object(
            '问题', '存在' || relation || '关系的两人构成直接上下级',
            '申报人', declarer_name || '（' || declarer_dept || ' ' || declarer_title || '）',
            '亲属', relative_emp_name || '（' || relative_dept || ' ' || relative_title || '）',
            '关系', relation,
            '上级', superior_name,
            '申报日期', declared_on,
            '标准出处', '国有企业领导人员任职回避规定；《国有企业领导人员廉洁从业若干规定》'
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('hr.relative_declaration', ['decl_id'], "'亲属关系申报 ' || decl_id") }},
            {{ source_ref('hr.employee', ['emp_code'], "'人员 ' || emp_code") }},
            jsonb_build_object('table', 'hr.employee', 'key', jsonb_build_object('emp_code', relative_emp_code),
                               'label', '人员 ' || relative_emp_code)
        ) as source_refs,
        decl_id as flag_key
    from pairs
)

select * from final
